"""What an effect's result is kept as, when the effect declares it (`remember_as` in its payload).

The dispatcher records every result on its outbox row; an effect that names one of the functions below also
has its result kept elsewhere, in the transaction that records it as sent.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.outbox.effects import Effect
from storage.repos import cases

log = logging.getLogger(__name__)

CASE_TRIAGE_POST = "case_triage_post"  # where the case's triage post landed (channel and ts)

ResultHandler = Callable[[AsyncSession, Effect, dict[str, Any]], Awaitable[None]]


async def _case_triage_post(session: AsyncSession, effect: Effect, result: dict[str, Any]) -> None:
    if effect.case_id is None:
        return
    case = await cases.case_by_id(session, case_id=effect.case_id)
    if case is not None:
        case.triage_channel = result.get("channel")
        case.triage_ts = result.get("ts")


RESULT_HANDLERS: dict[str, ResultHandler] = {CASE_TRIAGE_POST: _case_triage_post}


async def remember_result(session: AsyncSession, effect: Effect, result: dict[str, Any]) -> None:
    """Keep the result where the effect asked (nothing when it asked for nothing)."""
    name = effect.payload.get("remember_as")
    if name is None:
        return
    handler = RESULT_HANDLERS.get(str(name))
    if handler is None:
        log.warning("effect %s asks to remember its result as unknown %r", effect.id, name)
        return
    await handler(session, effect, result)
