"""Intake dialogue state, one row per complainant."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Dialogue

DONE = "done"


async def for_complainant(session: AsyncSession, *, complainant_id: int) -> Dialogue | None:
    """The complainant's dialogue row, if any."""
    return await session.scalar(select(Dialogue).where(Dialogue.complainant_id == complainant_id))


async def ensure(
    session: AsyncSession, *, tenant_id: int, complainant_id: int, language: str, now: datetime
) -> Dialogue:
    """The complainant's dialogue row, created idle (step `done`) when missing."""
    found = await for_complainant(session, complainant_id=complainant_id)
    if found is not None:
        return found
    dialogue = Dialogue(
        tenant_id=tenant_id,
        complainant_id=complainant_id,
        case_id=None,
        step=DONE,
        answered=[],
        language=language,
        started_at=now,
        last_activity_at=now,
    )
    session.add(dialogue)
    await session.flush()
    return dialogue


async def idle_since(
    session: AsyncSession, *, before: datetime, not_in_steps: tuple[str, ...] = (DONE,), limit: int = 100
) -> list[Dialogue]:
    """Dialogues (in none of `not_in_steps`) whose last activity is older than `before`, oldest first."""
    rows = await session.scalars(
        select(Dialogue)
        .where(Dialogue.step.not_in(not_in_steps), Dialogue.last_activity_at < before)
        .order_by(Dialogue.last_activity_at)
        .limit(limit)
    )
    return list(rows)


async def finish_if_unchanged(
    session: AsyncSession, *, dialogue_id: int, step: str, last_activity_at: datetime, now: datetime
) -> bool:
    """Mark a dialogue done only if nobody touched it since it was read (two sweepers, one wins)."""
    result = await session.execute(
        update(Dialogue)
        .where(
            Dialogue.id == dialogue_id,
            Dialogue.step == step,
            Dialogue.last_activity_at == last_activity_at,
        )
        .values(step=DONE, last_activity_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


async def by_id(session: AsyncSession, *, dialogue_id: int) -> Dialogue:
    """A dialogue row by id (fresh from the database)."""
    dialogue = await session.get(Dialogue, dialogue_id, populate_existing=True)
    if dialogue is None:
        raise LookupError(f"dialogue {dialogue_id} not found")
    return dialogue
