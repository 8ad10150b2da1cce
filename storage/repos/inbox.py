"""The inbox: raw inbound events, deduplicated, taken in order per partition."""

from __future__ import annotations

import itertools
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
FAILED = "failed"  # gave up after retries
REJECTED = "rejected"  # did not fit the event schema on intake: kept for the admins, never processed
ASIDE = "aside"  # set aside by the worker (an error that a retry cannot fix, or over its time budget)


@dataclass(frozen=True)
class ClaimedEvent:
    """What the worker needs of a leased event."""

    id: int
    source: str  # line, web...
    tenant_id: int
    partition_key: str
    payload_enc: bytes
    received_at: datetime


async def event_exists(session: AsyncSession, *, event_id: str) -> bool:
    """Whether an event with this key was stored."""
    return await session.scalar(select(InboxEvent.id).where(InboxEvent.event_id == event_id)) is not None


async def event_payload(session: AsyncSession, *, event_id: str) -> bytes | None:
    """The encrypted payload of the event stored with this key, if any."""
    return await session.scalar(select(InboxEvent.payload_enc).where(InboxEvent.event_id == event_id))


async def claim_batch(
    session: AsyncSession,
    *,
    now: datetime,
    owner: str,
    lease_seconds: float,
    limit: int,
    per_partition: int = 1,
) -> list[ClaimedEvent]:
    """Lease the oldest due events that are first in their partition (SKIP LOCKED on PG), and with each
    the next `per_partition - 1` pending events of its partition, in order.

    The followers are safe to take: while the first is pending no other worker takes an event after it.
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
        select(InboxEvent.id, InboxEvent.partition_key)
        .where(InboxEvent.status == PENDING, lease_free, ~blocked)
        .order_by(InboxEvent.id)
        .limit(limit)
    )
    if dialect_of(session) == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True, of=InboxEvent)
    heads = {row.partition_key: row.id for row in await session.execute(stmt)}
    if not heads:
        return []
    queues = {key: [head] for key, head in heads.items()}
    if per_partition > 1:
        for key, event_id in await _next_in_line(session, partitions=list(heads), count=per_partition):
            if event_id > heads[key]:
                queues[key].append(event_id)
    wanted = [event_id for queue in queues.values() for event_id in queue]
    # Compare-and-set, so that two workers never hold the same event.
    taken = await session.execute(
        update(InboxEvent)
        .where(InboxEvent.id.in_(wanted), lease_free)
        .values(lease_owner=owner, lease_until=now + timedelta(seconds=lease_seconds))
        .returning(
            InboxEvent.id,
            InboxEvent.source,
            InboxEvent.tenant_id,
            InboxEvent.partition_key,
            InboxEvent.payload_enc,
            InboxEvent.received_at,
        )
    )
    by_id = {
        r.id: ClaimedEvent(
            id=r.id,
            source=r.source,
            tenant_id=r.tenant_id,
            partition_key=r.partition_key,
            payload_enc=r.payload_enc,
            received_at=r.received_at,
        )
        for r in taken
    }
    # Only an unbroken run from the head keeps the order; whatever follows a gap goes back.
    claimed: list[ClaimedEvent] = []
    for queue in queues.values():
        run = list(itertools.takewhile(lambda event_id: event_id in by_id, queue))
        claimed += [by_id[event_id] for event_id in run]
        if rest := [event_id for event_id in queue[len(run) :] if event_id in by_id]:
            await release(session, event_ids=rest, owner=owner)
    return sorted(claimed, key=lambda event: event.id)


async def _next_in_line(session: AsyncSession, *, partitions: list[str], count: int) -> list[tuple[str, int]]:
    """The first `count` pending events of each partition, in order, as (partition, id)."""
    position = (
        func.row_number().over(partition_by=InboxEvent.partition_key, order_by=InboxEvent.id).label("n")
    )
    ranked = (
        select(InboxEvent.id, InboxEvent.partition_key, position)
        .where(InboxEvent.status == PENDING, InboxEvent.partition_key.in_(partitions))
        .subquery()
    )
    rows = await session.execute(
        select(ranked.c.partition_key, ranked.c.id).where(ranked.c.n <= count).order_by(ranked.c.id)
    )
    return [(row.partition_key, row.id) for row in rows]


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


async def set_aside(session: AsyncSession, *, event_id: int, now: datetime, reason: str) -> None:
    """Keep the event for the admins and take it out of its partition's way (no retry)."""
    await session.execute(
        update(InboxEvent)
        .where(InboxEvent.id == event_id)
        .values(status=ASIDE, last_error=reason[:500], processed_at=now, lease_owner=None, lease_until=None)
    )


async def release(session: AsyncSession, *, event_ids: Sequence[int], owner: str) -> None:
    """Give leased events back untouched (their partition stalled this round)."""
    await session.execute(
        update(InboxEvent)
        .where(InboxEvent.id.in_(event_ids), InboxEvent.lease_owner == owner)
        .values(lease_owner=None, lease_until=None)
    )


async def oldest_pending_received_at(session: AsyncSession) -> datetime | None:
    """When the oldest unprocessed event arrived (for the lag figure)."""
    return await session.scalar(select(func.min(InboxEvent.received_at)).where(InboxEvent.status == PENDING))


SET_ASIDE = (REJECTED, ASIDE, FAILED)


async def set_aside_counts(session: AsyncSession) -> dict[str, int]:
    """How many events are kept for the admins, by status (rejected, aside, failed)."""
    rows = await session.execute(
        select(InboxEvent.status, func.count())
        .where(InboxEvent.status.in_(SET_ASIDE))
        .group_by(InboxEvent.status)
    )
    return {status: int(count) for status, count in rows}


async def set_aside_events(session: AsyncSession, *, statuses: Sequence[str], limit: int) -> list[InboxEvent]:
    """The newest events kept for the admins with these statuses."""
    stmt = (
        select(InboxEvent).where(InboxEvent.status.in_(statuses)).order_by(InboxEvent.id.desc()).limit(limit)
    )
    return list(await session.scalars(stmt))


async def requeue(session: AsyncSession, *, event_id: int) -> InboxEvent | None:
    """Put an event that was set aside or gave up back in line, as if just received (None if no such)."""
    row = await session.get(InboxEvent, event_id)
    if row is None:
        return None
    row.status, row.attempts, row.lease_owner, row.lease_until = PENDING, 0, None, None
    return row
