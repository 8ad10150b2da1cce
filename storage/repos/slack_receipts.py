"""Receipts of applied Slack interactions: the second delivery of the same one changes nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import dialect_of
from storage.models import SlackReceipt


async def first_time(session: AsyncSession, *, key: str, actor: str, now: datetime) -> bool:
    """Record the interaction in the caller's transaction; False when it was already applied."""
    insert_fn: Any = pg_insert if dialect_of(session) == "postgresql" else sqlite_insert
    stmt = (
        insert_fn(SlackReceipt)
        .values(key=key[:160], actor=actor[:32], at=now)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(SlackReceipt.key)
    )
    return (await session.execute(stmt)).first() is not None
