"""Receipts of processed inbox events, kept with the effects they produced (main database)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import InboxReceipt


async def already_processed(session: AsyncSession, *, inbox_id: int) -> bool:
    """True when the event's effects were already committed (a crash before the inbox was updated)."""
    return await session.get(InboxReceipt, inbox_id) is not None


def record(session: AsyncSession, *, inbox_id: int, now: datetime) -> None:
    """Mark the event processed, in the transaction that commits its effects."""
    session.add(InboxReceipt(inbox_id=inbox_id, processed_at=now))
