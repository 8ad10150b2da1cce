"""The inbox: raw inbound events, deduplicated, taken in order per partition."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.db import dialect_of
from storage.models import InboxEvent

PENDING = "pending"
DONE = "done"
FAILED = "failed"


async def store_events(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> int:
    """Insert events, skipping ones already stored (same source and event id); returns how many were new."""
    if not rows:
        return 0
    dialect = dialect_of(session)
    stmt: Any
    if dialect == "postgresql":
        stmt = pg_insert(InboxEvent).on_conflict_do_nothing(index_elements=["source", "event_id"])
    elif dialect == "sqlite":
        stmt = sqlite_insert(InboxEvent).on_conflict_do_nothing(index_elements=["source", "event_id"])
    else:  # pragma: no cover - only the two databases above are supported
        stmt = insert(InboxEvent)
    result = await session.execute(stmt.returning(InboxEvent.id), list(rows))
    return len(result.all())


async def claim_next(
    session: AsyncSession, *, now: datetime, owner: str, lease_seconds: float
) -> InboxEvent | None:
    """Lease the oldest due event that is first in its partition (FOR UPDATE SKIP LOCKED on PG)."""
    earlier = aliased(InboxEvent)
    blocked = exists().where(
        and_(
            earlier.partition_key == InboxEvent.partition_key,
            earlier.id < InboxEvent.id,
            earlier.status == PENDING,
        )
    )
    lease_free = (InboxEvent.lease_until.is_(None)) | (InboxEvent.lease_until <= now)
    stmt = (
        select(InboxEvent.id)
        .where(InboxEvent.status == PENDING, lease_free, ~blocked)
        .order_by(InboxEvent.id)
    )
    if dialect_of(session) == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True, of=InboxEvent)
    event_id = await session.scalar(stmt.limit(1))
    if event_id is None:
        return None
    # Compare-and-set, so that two workers never hold the same event.
    taken = await session.execute(
        update(InboxEvent)
        .where(InboxEvent.id == event_id, lease_free)
        .values(lease_owner=owner, lease_until=now + timedelta(seconds=lease_seconds))
        .returning(InboxEvent.id)
    )
    if taken.first() is None:
        return None
    return await session.get(InboxEvent, event_id, populate_existing=True)


async def mark_done(session: AsyncSession, *, event_id: int, now: datetime) -> None:
    """The event has been turned into its effects."""
    await session.execute(
        update(InboxEvent)
        .where(InboxEvent.id == event_id)
        .values(status=DONE, processed_at=now, last_error=None, lease_owner=None, lease_until=None)
    )


async def mark_attempt_failed(
    session: AsyncSession, *, event_id: int, now: datetime, error: str, max_attempts: int
) -> tuple[int, bool]:
    """Count a failed attempt; back off, or give up after max_attempts. Returns (attempts, gave_up)."""
    row = await session.get(InboxEvent, event_id)
    if row is None:
        return 0, False
    row.attempts += 1
    row.last_error = error[:500]
    gave_up = row.attempts >= max_attempts
    row.lease_owner = None
    if gave_up:
        row.status = FAILED
        row.lease_until = None
    else:
        row.lease_until = now + timedelta(seconds=min(60.0, 2.0**row.attempts))
    return row.attempts, gave_up


async def oldest_pending_received_at(session: AsyncSession) -> datetime | None:
    """When the oldest unprocessed event arrived (for the lag figure)."""
    return await session.scalar(select(func.min(InboxEvent.received_at)).where(InboxEvent.status == PENDING))
