"""Running the intake dialogue inside the inbox transaction: state, report items, replies, triage edits.

The first message opens the case and its triage post as before (bot.intake); this module then asks only
for what is missing, stores the items encrypted on the case and edits the triage post in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import lifecycle as case_lifecycle
from bot.cases.items import ReportItems, decrypt_report_items, encrypt_report_items
from bot.cases.triage import enqueue_thread_note, enqueue_triage_update
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.dialogue.machine import Answer, Outcome, Step, advance, first_message, next_step
from bot.dialogue.messages import question_message, text_message
from bot.dialogue.texts import dialogue_text
from bot.jst import format_jst
from bot.texts import desk_text
from storage.models import Case, Dialogue, Tenant
from storage.repos import audit, cases, dialogues

AWAITING_NEW = "new"  # the complainant asked to file a new complaint: the next text opens a case


@dataclass
class DialogueEnv:
    """What a dialogue turn needs besides the session; `event_key` makes its effects' keys unique."""

    cipher: PiiCipher
    settings: Settings
    tenant: Tenant
    now: datetime
    event_key: str


def shops_of(tenant: Tenant) -> list[str]:
    """The tenant's shops and departments to pick from (maybe none)."""
    return [str(s) for s in tenant.shops or []]


def is_collecting(dialogue: Dialogue | None) -> bool:
    """Whether the dialogue is in the middle of asking."""
    return dialogue is not None and dialogue.step not in (dialogues.DONE, AWAITING_NEW)


async def collecting_case(session: AsyncSession, dialogue: Dialogue | None) -> Case | None:
    """The case the dialogue is filling, if it is still collecting for an open case."""
    if dialogue is None or not is_collecting(dialogue) or dialogue.case_id is None:
        return None
    case = await cases.case_by_id(session, case_id=dialogue.case_id)
    if case is None or case.status not in cases.OPEN_STATUSES:
        dialogue.step = dialogues.DONE
        return None
    return case


def question(env: DialogueEnv, dialogue: Dialogue, case: Case, items: ReportItems) -> dict[str, Any]:
    """The current question as a message to the complainant (with its choices)."""
    return question_message(
        Step(dialogue.step),
        language=dialogue.language,
        tenant=env.tenant.name,
        case_id=case.id,
        items=items,
        shops=shops_of(env.tenant),
        now=env.now,
    )


async def start(
    session: AsyncSession,
    env: DialogueEnv,
    *,
    dialogue: Dialogue,
    case: Case,
    body: str,
    received_at: datetime,
) -> list[dict[str, Any]]:
    """A new case's dialogue: take what the first message gives, then ask the first missing item."""
    items = first_message(body, now=received_at, shops=shops_of(env.tenant))
    dialogue.case_id = case.id
    dialogue.answered = []
    dialogue.started_at = env.now
    dialogue.last_activity_at = env.now
    dialogue.step = next_step(items, []).value
    case.intake_enc = encrypt_report_items(env.cipher, items)
    case.intake_complete = None
    return [text_message(dialogue_text(dialogue.language, "intro")), question(env, dialogue, case, items)]


async def answer(
    session: AsyncSession, env: DialogueEnv, *, dialogue: Dialogue, case: Case, given: Answer, at: datetime
) -> tuple[Outcome, list[dict[str, Any]]]:
    """Apply one answer to the current question; returns what happened and the replies."""
    items = decrypt_report_items(env.cipher, case.intake_enc)
    outcome = advance(
        Step(dialogue.step), items, list(dialogue.answered), given, now=at, shops=shops_of(env.tenant)
    )
    dialogue.answered = outcome.answered
    dialogue.step = outcome.step.value
    dialogue.last_activity_at = env.now
    case.intake_enc = encrypt_report_items(env.cipher, outcome.items)
    case.updated_at = env.now
    language = dialogue.language
    notes = [
        text_message(dialogue_text(language, key, tenant=env.tenant.name, **v)) for key, v in outcome.notes
    ]
    if outcome.event == "submitted":
        replies = [
            text_message(dialogue_text(language, "receipt", number=case.number, tenant=env.tenant.name))
        ]
        await _submitted(session, env, case, at=at)
    elif outcome.event == "cancelled":
        replies = [text_message(dialogue_text(language, "cancelled", number=case.number))]
        await _withdrawn(session, env, case, at=at)
    else:
        replies = [*notes, question(env, dialogue, case, outcome.items)]
    if outcome.event != "invalid":
        await _update_triage_post(session, env, case)
    return outcome, replies


async def _submitted(session: AsyncSession, env: DialogueEnv, case: Case, *, at: datetime) -> None:
    case.intake_complete = True
    await _record(
        session,
        env,
        case,
        actor="line",
        action="case.intake_submitted",
        note_key=f"intake-submitted:{case.id}",
        note=desk_text("thread.submitted", received=format_jst(at)),
    )


async def _withdrawn(session: AsyncSession, env: DialogueEnv, case: Case, *, at: datetime) -> None:
    """The complainant cancelled: the case ends at once (status 取り下げ, closed for that reason)."""
    before, after = case_lifecycle.close(case, reason=case_lifecycle.WITHDRAWN, now=env.now)
    await _record(
        session,
        env,
        case,
        actor="line",
        action="case.closed",
        note_key=f"intake-withdrawn:{case.id}",
        note=desk_text("thread.withdrawn", received=format_jst(at)),
        before=before,
        after=after,
    )


async def submit_idle(session: AsyncSession, env: DialogueEnv, *, case: Case) -> None:
    """Submit what an idle dialogue collected, marked incomplete (the caller has claimed the dialogue)."""
    case.intake_complete = False
    case.updated_at = env.now
    await _record(
        session,
        env,
        case,
        actor="sweep",
        action="case.intake_idle_submitted",
        note_key=f"intake-idle:{case.id}",
        note=desk_text("thread.idle_submitted", at=format_jst(env.now)),
    )
    await _update_triage_post(session, env, case)


async def _record(
    session: AsyncSession,
    env: DialogueEnv,
    case: Case,
    *,
    actor: str,
    action: str,
    note_key: str,
    note: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """The audit entry of an intake event and its note in the case's thread."""
    audit.record(
        session,
        at=env.now,
        actor=actor,
        action=action,
        tenant_id=env.tenant.id,
        case_id=case.id,
        before=before,
        after=after,
    )
    await enqueue_thread_note(
        session, env.cipher, case=case, key=note_key, heading=note, body=None, now=env.now
    )


async def _update_triage_post(session: AsyncSession, env: DialogueEnv, case: Case) -> None:
    """The triage post edited to show the intake as it stands after this event."""
    await enqueue_triage_update(
        session,
        env.cipher,
        case,
        env.tenant,
        key=f"triage-intake:{case.id}:{env.event_key}",
        now=env.now,
    )


async def stop_for_threat(session: AsyncSession, *, case: Case, now: datetime) -> bool:
    """A case flagged as a threat is out of intake: its dialogue asks nothing more (True if it stopped)."""
    if case.complainant_id is None:
        return False
    dialogue = await dialogues.for_complainant(session, complainant_id=case.complainant_id)
    if dialogue is None or dialogue.case_id != case.id or not is_collecting(dialogue):
        return False
    dialogue.step = dialogues.DONE
    dialogue.last_activity_at = now
    case.intake_complete = False
    audit.record(
        session,
        at=now,
        actor="classifier",
        action="dialogue.stopped",
        tenant_id=case.tenant_id,
        case_id=case.id,
        after={"reason": "threat"},
    )
    return True
