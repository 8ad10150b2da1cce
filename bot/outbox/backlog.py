"""Is there work left? Unprocessed inbox events or unfinished outbox effects."""

from __future__ import annotations

import asyncio

from bot.clock import Clock
from storage.db import Database
from storage.repos import inbox, outbox


async def has_backlog(db: Database, clock: Clock | None = None) -> bool:
    """True while an event waits to be processed or an effect to be sent (given the clock, an effect
    held back until later, such as a batch of a complainant's messages, does not count)."""
    async with db.inbox_reader() as session:
        if await inbox.oldest_pending_received_at(session):
            return True
    async with db.reader() as session:
        now = clock.now() if clock is not None else None
        return bool(await outbox.oldest_unfinished_created_at(session, now=now))


async def wait_until_idle(
    db: Database, *, clock: Clock | None = None, within: float = 20.0, poll: float = 0.03
) -> None:
    """Wait until there is no backlog; TimeoutError after `within` seconds."""
    async with asyncio.timeout(within):
        while await has_backlog(db, clock):
            await asyncio.sleep(poll)
