"""Claims of scheduled job firings: one row per (job, period), taken in the transaction that does the work."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import dialect_of
from storage.models import ScheduledRun


async def claim(
    session: AsyncSession, *, job: str, period: str, now: datetime, result: dict[str, Any] | None = None
) -> bool:
    """True if this transaction is the one that runs `job` for `period` (False: already run or running).

    A concurrent claim of the same key waits for the first transaction and then gets False; a rolled-back
    claim frees the key again, so a failed run is retried on the next tick.
    """
    insert_fn: Any = pg_insert if dialect_of(session) == "postgresql" else sqlite_insert
    stmt = (
        insert_fn(ScheduledRun)
        .values(job=job, period=period, ran_at=now, result=result)
        .on_conflict_do_nothing(index_elements=["job", "period"])
        .returning(ScheduledRun.id)
    )
    return (await session.execute(stmt)).first() is not None


async def done_among(session: AsyncSession, *, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of these (job, period) keys have a run already."""
    periods = sorted({period for _job, period in keys})
    found: set[tuple[str, str]] = set()
    for start in range(0, len(periods), 500):
        rows = await session.execute(
            select(ScheduledRun.job, ScheduledRun.period).where(
                ScheduledRun.period.in_(periods[start : start + 500])
            )
        )
        found.update((job, period) for job, period in rows)
    return found & set(keys)


async def has_run(session: AsyncSession, *, job: str, period: str) -> bool:
    """Whether `job` already ran for `period`."""
    found = await session.scalar(
        select(ScheduledRun.id).where(ScheduledRun.job == job, ScheduledRun.period == period)
    )
    return found is not None
