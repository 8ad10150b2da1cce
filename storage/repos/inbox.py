"""The inbox: raw inbound events, deduplicated, taken in order per partition."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.db import dialect_of
from storage.models import InboxEvent

PENDING = "pending"
DONE = "done"
FAILED = "failed"


@dataclass(frozen=True)
class ClaimedEvent:
    """What the worker needs of a leased event."""

    id: int
    tenant_id: int
    payload_enc: bytes


async def claim_batch(
    session: AsyncSession, *, now: datetime, owner: str, lease_seconds: float, limit: int
) -> list[ClaimedEvent]:
    """Lease the oldest due events that are each first in their partition (SKIP LOCKED on PG).

    One transaction for many events keeps the inbox's write lock free for intake most of the time.
    """
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
        .limit(limit)
    )
    if dialect_of(session) == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True, of=InboxEvent)
    ids = list(await session.scalars(stmt))
    if not ids:
        return []
    # Compare-and-set, so that two workers never hold the same event.
    taken = await session.execute(
        update(InboxEvent)
        .where(InboxEvent.id.in_(ids), lease_free)
        .values(lease_owner=owner, lease_until=now + timedelta(seconds=lease_seconds))
        .returning(InboxEvent.id, InboxEvent.tenant_id, InboxEvent.payload_enc)
    )
    claimed = [ClaimedEvent(id=r.id, tenant_id=r.tenant_id, payload_enc=r.payload_enc) for r in taken]
    return sorted(claimed, key=lambda event: event.id)


async def mark_done(session: AsyncSession, *, event_ids: Sequence[int], now: datetime) -> None:
    """The events have been turned into their effects."""
    await session.execute(
        update(InboxEvent)
        .where(InboxEvent.id.in_(event_ids))
        .values(status=DONE, processed_at=now, last_error=None, lease_owner=None, lease_until=None)
    )


async def mark_attempt_failed(
    session: AsyncSession, *, event_id: int, now: datetime, error: str, max_attempts: int
) -> bool:
    """Count a failed attempt; back off, or give up after max_attempts (then True)."""
    row = await session.get(InboxEvent, event_id)
    if row is None:
        return False
    row.attempts += 1
    row.last_error = error[:500]
    gave_up = row.attempts >= max_attempts
    row.lease_owner = None
    if gave_up:
        row.status = FAILED
        row.lease_until = None
    else:
        row.lease_until = now + timedelta(seconds=min(60.0, 2.0**row.attempts))
    return gave_up


async def oldest_pending_received_at(session: AsyncSession) -> datetime | None:
    """When the oldest unprocessed event arrived (for the lag figure)."""
    return await session.scalar(select(func.min(InboxEvent.received_at)).where(InboxEvent.status == PENDING))
