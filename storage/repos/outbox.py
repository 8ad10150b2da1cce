"""The outbox: pending side effects, claimed under a lease, in order per ordering key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.db import dialect_of
from storage.models import OutboxEffect

PENDING = "pending"
SENDING = "sending"
DONE = "done"
DEAD = "dead"
UNFINISHED = (PENDING, SENDING)


@dataclass(frozen=True)
class NewEffect:
    """An effect to enqueue."""

    key: str
    kind: str
    ordering_key: str
    payload_enc: bytes
    tenant_id: int | None = None
    case_id: int | None = None
    parent_key: str | None = None
    not_before: datetime | None = None  # held back until then (a batch that collects for a while)


async def enqueue(session: AsyncSession, effect: NewEffect, *, now: datetime) -> bool:
    """Add an effect unless one with the same idempotency key exists; True if added."""
    values = {
        "idempotency_key": effect.key,
        "kind": effect.kind,
        "tenant_id": effect.tenant_id,
        "case_id": effect.case_id,
        "ordering_key": effect.ordering_key,
        "parent_key": effect.parent_key,
        "payload_enc": effect.payload_enc,
        "status": PENDING,
        "attempts": 0,
        "next_attempt_at": max(now, effect.not_before) if effect.not_before else now,
        "created_at": now,
    }
    insert_fn: Any = pg_insert if dialect_of(session) == "postgresql" else sqlite_insert
    stmt = insert_fn(OutboxEffect).values(values).on_conflict_do_nothing(index_elements=["idempotency_key"])
    result = await session.execute(stmt.returning(OutboxEffect.id))
    return result.first() is not None


async def claim_due(
    session: AsyncSession, *, now: datetime, owner: str, lease_seconds: float, limit: int
) -> list[tuple[OutboxEffect, bool]]:
    """Lease due rows, each the first unfinished one of its ordering key (FOR UPDATE SKIP LOCKED on PG).

    Returns (row, in_doubt): in doubt when an earlier lease ran out mid-send, so it may have been delivered.
    """
    earlier = aliased(OutboxEffect)
    blocked = exists().where(
        and_(
            earlier.ordering_key == OutboxEffect.ordering_key,
            earlier.id < OutboxEffect.id,
            earlier.status.in_(UNFINISHED),
        )
    )
    # A reply waits for its parent even in another ordering key (it needs the parent's Slack ts).
    parent = aliased(OutboxEffect)
    orphaned = exists().where(
        and_(parent.idempotency_key == OutboxEffect.parent_key, parent.status.in_(UNFINISHED))
    )
    stmt = (
        select(OutboxEffect.id, OutboxEffect.status)
        .where(
            OutboxEffect.status.in_(UNFINISHED),
            OutboxEffect.next_attempt_at <= now,
            (OutboxEffect.lease_until.is_(None)) | (OutboxEffect.lease_until <= now),
            ~blocked,
            ~orphaned,
        )
        .order_by(OutboxEffect.id)
        .limit(limit)
    )
    if dialect_of(session) == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True, of=OutboxEffect)
    found = {row.id: row.status for row in await session.execute(stmt)}
    if not found:
        return []
    ids = list(found)
    # Compare-and-set: only rows whose lease is still free are taken.
    await session.execute(
        update(OutboxEffect)
        .where(
            OutboxEffect.id.in_(ids),
            (OutboxEffect.lease_until.is_(None)) | (OutboxEffect.lease_until <= now),
        )
        .values(
            status=SENDING,
            lease_owner=owner,
            lease_until=now + timedelta(seconds=lease_seconds),
            attempts=OutboxEffect.attempts + 1,
        )
    )
    rows = await session.scalars(
        select(OutboxEffect)
        .where(OutboxEffect.id.in_(ids), OutboxEffect.lease_owner == owner)
        .order_by(OutboxEffect.id)
        .execution_options(populate_existing=True)
    )
    return [(row, found[row.id] == SENDING) for row in rows]


async def latest_of(session: AsyncSession, *, ordering_key: str, lock: bool = False) -> OutboxEffect | None:
    """The newest effect of an ordering key, whatever its state (with `lock`, locked on PostgreSQL: a
    dispatcher claiming it at that moment is waited for, and its claim is then seen)."""
    stmt = (
        select(OutboxEffect)
        .where(OutboxEffect.ordering_key == ordering_key)
        .order_by(OutboxEffect.id.desc())
        .limit(1)
    )
    if lock and dialect_of(session) == "postgresql":
        stmt = stmt.with_for_update()
    return await session.scalar(stmt)


def untouched(effect: OutboxEffect) -> bool:
    """Nobody has tried to send it yet: a batch still open to additions (once a dispatcher claims it,
    it is `sending`, and closed)."""
    return effect.status == PENDING and effect.attempts == 0 and effect.lease_owner is None


async def by_key(session: AsyncSession, *, key: str) -> OutboxEffect | None:
    """An effect by idempotency key."""
    return await session.scalar(select(OutboxEffect).where(OutboxEffect.idempotency_key == key))


async def mark_sent(session: AsyncSession, *, effect_id: int, now: datetime, result: dict[str, Any]) -> None:
    """Record a successful send."""
    await session.execute(
        update(OutboxEffect)
        .where(OutboxEffect.id == effect_id)
        .values(status=DONE, result=result, sent_at=now, lease_owner=None, lease_until=None, last_error=None)
    )


async def mark_retry(
    session: AsyncSession, *, effect_id: int, owner: str, next_attempt_at: datetime, error: str
) -> None:
    """Release a failed row for a later attempt."""
    await session.execute(
        update(OutboxEffect)
        .where(OutboxEffect.id == effect_id, OutboxEffect.lease_owner == owner)
        .values(
            status=PENDING,
            next_attempt_at=next_attempt_at,
            lease_owner=None,
            lease_until=None,
            last_error=error[:500],
        )
    )


async def mark_dead(session: AsyncSession, *, effect_id: int, error: str) -> None:
    """Give up on a row."""
    await session.execute(
        update(OutboxEffect)
        .where(OutboxEffect.id == effect_id)
        .values(status=DEAD, lease_owner=None, lease_until=None, last_error=error[:500])
    )


async def oldest_unfinished_created_at(
    session: AsyncSession, *, now: datetime | None = None
) -> datetime | None:
    """When the oldest unsent effect was enqueued (for the lag figure); given `now`, an effect held back
    on purpose (never tried, not yet due: a batch still collecting) is no backlog."""
    stmt = select(func.min(OutboxEffect.created_at)).where(OutboxEffect.status.in_(UNFINISHED))
    if now is not None:
        stmt = stmt.where((OutboxEffect.attempts > 0) | (OutboxEffect.next_attempt_at <= now))
    return await session.scalar(stmt)


async def next_due_at(session: AsyncSession) -> datetime | None:
    """The earliest time a pending row becomes due."""
    return await session.scalar(
        select(func.min(OutboxEffect.next_attempt_at)).where(OutboxEffect.status.in_(UNFINISHED))
    )
