"""A text message: a new case, an addition to an open one, a dialogue answer or a progress question."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.calendar import TOKYO
from bot.cases.items import decrypt_report_items
from bot.cases.triage import enqueue_triage_post
from bot.dialogue import service as dialogue_service
from bot.dialogue.machine import PRIVATE_STEPS, Answer, Step
from bot.dialogue.messages import text_message
from bot.dialogue.progress import is_progress_question
from bot.dialogue.texts import dialogue_text
from bot.intake.context import (
    MEDIA_KINDS,
    PRIVATE_TEXT,
    Arrival,
    IntakeContext,
    dialogue_env,
    dialogue_of,
    reply,
    store_text,
    thread_note,
)
from bot.intake.follow_ups import (
    PROGRESS_ANSWERED,
    PROGRESS_UNANSWERED,
    acknowledge_now,
    note_follow_up,
)
from bot.intake.media import enqueue_media_fetch
from bot.jst import format_jst
from bot.outbox.enqueue import enqueue_classification
from bot.sla_calendar import report_due
from bot.texts import desk_text, text
from storage.models import Case, Complainant, Dialogue
from storage.repos import audit, cases

# Questions answered by a choice, a place or a time: 「どうなりましたか」 there is not an answer.
# (Elsewhere it may be one: 「返事がほしい」 answers what the complainant wants.)
CLOSED_STEPS = frozenset({Step.ANONYMITY, Step.PLACE, Step.WHEN, Step.CONSENT, Step.CONFIRM})


async def on_text(arrival: Arrival, body: str, received_at: datetime) -> None:
    session, ctx, event, complainant = arrival.session, arrival.ctx, arrival.event, arrival.complainant
    dialogue = await dialogue_of(session, ctx, complainant)
    collecting = await dialogue_service.collecting_case(session, dialogue)
    if collecting is not None and Step(dialogue.step) in CLOSED_STEPS and is_progress_question(body):
        await _on_progress_mid_dialogue(arrival, body, received_at, dialogue, collecting)
        return
    if collecting is not None:
        await _on_dialogue_text(arrival, body, received_at, dialogue, collecting)
        return
    if dialogue.step != dialogue_service.AWAITING_NEW and is_progress_question(body):
        latest = await cases.latest_case_of(session, tenant_id=ctx.tenant.id, complainant_id=complainant.id)
        if latest is not None:
            await _on_progress_question(arrival, body, received_at, latest)
            return
    case = await open_case(session, ctx, complainant, received_at, dialogue)
    is_new = case is None
    if case is None:
        number = await cases.next_case_number(session, year=received_at.astimezone(TOKYO).year)
        case = await cases.add_case(
            session,
            tenant_id=ctx.tenant.id,
            complainant_id=complainant.id,
            number=number,
            channel="line",
            received_at=received_at,
            sla_due=report_due(ctx.tenant, ctx.settings, received_at),
        )
        audit.record(
            session,
            at=ctx.now,
            actor="line",
            action="case.opened",
            tenant_id=ctx.tenant.id,
            case_id=case.id,
            after={"number": number, "status": case.status},
        )
        flag_expired_contract(session, ctx, case, received_at, actor="line")
    else:
        case.last_message_at = max(case.last_message_at, received_at)
        case.updated_at = ctx.now
    stored = await store_text(session, ctx, event, complainant, case, body, received_at)
    await enqueue_classification(
        session, ctx.cipher, case_id=case.id, message_id=stored.id, tenant_id=ctx.tenant.id, now=ctx.now
    )
    language = dialogue.language
    questions: list[dict[str, Any]] = []
    if is_new:
        acks = [text(language, "ack.new_case", tenant=ctx.tenant.name, number=case.number)]
        await enqueue_triage_post(session, ctx.cipher, case, ctx.tenant, body=body, now=ctx.now)
        questions = await dialogue_service.start(
            session, dialogue_env(ctx), dialogue=dialogue, case=case, body=body, received_at=received_at
        )
        await _adopt_loose_messages(session, ctx, complainant, case, received_at)
    else:
        acknowledge = acknowledge_now(case, ctx.settings, now=ctx.now)
        await note_follow_up(
            session,
            ctx.cipher,
            ctx.settings,
            case=case,
            message_id=stored.id,
            body=body,
            received_at=received_at,
            now=ctx.now,
        )
        if not acknowledge:
            return  # acknowledged a moment ago
        acks = [text(language, "ack.follow_up", number=case.number)]
    await reply(arrival, acks, case=case, messages=questions)


async def _on_dialogue_text(
    arrival: Arrival, body: str, received_at: datetime, dialogue: Dialogue, case: Case
) -> None:
    """A text answer to the current question: kept on the case and in its thread, then applied."""
    session, ctx, event, complainant = arrival.session, arrival.ctx, arrival.event, arrival.complainant
    step = Step(dialogue.step)
    case.last_message_at = max(case.last_message_at, received_at)
    case.updated_at = ctx.now
    # A name or contact details: kept apart from the words the classifier reads.
    kind = PRIVATE_TEXT if step in PRIVATE_STEPS else "text"
    stored = await store_text(session, ctx, event, complainant, case, body, received_at, kind=kind)
    received = format_jst(received_at)
    if step in PRIVATE_STEPS:
        # A name or contact details: never shown in Slack without the complainant's consent.
        item = desk_text("intake.name" if step == Step.NAME else "intake.contact")
        heading = desk_text("thread.private_answer", item=item, received=received)
        await thread_note(session, ctx, case, key=f"msg:{stored.id}:slack", heading=heading, body=None)
    else:
        await enqueue_classification(
            session, ctx.cipher, case_id=case.id, message_id=stored.id, tenant_id=ctx.tenant.id, now=ctx.now
        )
        heading = desk_text("thread.follow_up", received=received)
        await thread_note(session, ctx, case, key=f"msg:{stored.id}:slack", heading=heading, body=body)
    _, replies = await dialogue_service.answer(
        session, dialogue_env(ctx), dialogue=dialogue, case=case, given=Answer(text=body), at=received_at
    )
    await reply(arrival, [], case=case, messages=replies)


async def _record_progress_question(
    session: AsyncSession,
    ctx: IntakeContext,
    event: dict[str, Any],
    complainant: Complainant,
    body: str,
    received_at: datetime,
    case: Case,
    *,
    during: bool,
    answered: bool = True,
) -> None:
    """A progress question kept on the case, audited and noted in its thread (it opens nothing); after
    the dialogue, with the case's other further messages (see follow_ups)."""
    stored = await store_text(session, ctx, event, complainant, case, body, received_at)
    after: dict[str, Any] = {"message_id": stored.id}
    if during:
        after["during_dialogue"] = True
    audit.record(
        session,
        at=ctx.now,
        actor="line",
        action="case.progress_asked",
        tenant_id=ctx.tenant.id,
        case_id=case.id,
        after=after,
    )
    if during:
        heading = desk_text("thread.progress", received=format_jst(received_at))
        await thread_note(session, ctx, case, key=f"msg:{stored.id}:slack", heading=heading, body=body)
        return
    await note_follow_up(
        session,
        ctx.cipher,
        ctx.settings,
        case=case,
        message_id=stored.id,
        body=body,
        received_at=received_at,
        now=ctx.now,
        kind=PROGRESS_ANSWERED if answered else PROGRESS_UNANSWERED,
    )


async def _on_progress_mid_dialogue(
    arrival: Arrival, body: str, received_at: datetime, dialogue: Dialogue, case: Case
) -> None:
    """「どうなりましたか」 while a question with set answers is open: not an answer; the policy, then the
    question again."""
    session, ctx, event, complainant = arrival.session, arrival.ctx, arrival.event, arrival.complainant
    await _record_progress_question(session, ctx, event, complainant, body, received_at, case, during=True)
    dialogue.last_activity_at = ctx.now
    items = decrypt_report_items(ctx.cipher, case.intake_enc)
    messages = [
        text_message(dialogue_text(dialogue.language, "progress.collecting", tenant=ctx.tenant.name)),
        dialogue_service.question(dialogue_env(ctx), dialogue, case, items),
    ]
    await reply(arrival, [], case=case, messages=messages)


async def _on_progress_question(arrival: Arrival, body: str, received_at: datetime, case: Case) -> None:
    """「どうなりましたか」: the fixed policy answer, recorded on the latest case; no new case."""
    session, ctx, event, complainant = arrival.session, arrival.ctx, arrival.event, arrival.complainant
    answered = acknowledge_now(case, ctx.settings, now=ctx.now)
    await _record_progress_question(
        session, ctx, event, complainant, body, received_at, case, during=False, answered=answered
    )
    if not answered:
        return  # answered a moment ago
    dialogue = await dialogue_of(session, ctx, complainant)
    answer = dialogue_text(dialogue.language, "progress", tenant=ctx.tenant.name)
    await reply(arrival, [answer], case=case)


async def _adopt_loose_messages(
    session: AsyncSession, ctx: IntakeContext, complainant: Complainant, case: Case, received_at: datetime
) -> None:
    """What the complainant sent before this first text (a photo, a file...) becomes part of the new case;
    media among it is fetched as the case's evidence."""
    since = received_at - timedelta(hours=ctx.settings.case_join_window_hours)
    loose = await cases.loose_inbound_messages(
        session, tenant_id=ctx.tenant.id, complainant_id=complainant.id, since=since
    )
    for message in loose:
        if message.kind == "text":
            continue
        message.case_id = case.id
        if message.kind in MEDIA_KINDS and message.source_message_id:
            line_message = {"id": message.source_message_id, "type": message.kind}
            await enqueue_media_fetch(
                session,
                ctx.cipher,
                case=case,
                message_row_id=message.id,
                line_message=line_message,
                now=ctx.now,
            )


def flag_expired_contract(
    session: AsyncSession, ctx: IntakeContext, case: Case, received_at: datetime, *, actor: str
) -> None:
    """Intake after the client's contract ended is still accepted, and flagged for the desk."""
    end = ctx.tenant.contract_end
    if end is None or received_at.astimezone(TOKYO).date() <= end:
        return
    case.flags = {**(case.flags or {}), "contract_expired": end.isoformat()}
    audit.record(
        session,
        at=ctx.now,
        actor=actor,
        action="case.contract_expired",
        tenant_id=ctx.tenant.id,
        case_id=case.id,
        after={"contract_end": end.isoformat()},
    )


async def open_case(
    session: AsyncSession,
    ctx: IntakeContext,
    complainant: Complainant,
    received_at: datetime,
    dialogue: Dialogue | None = None,
) -> Case | None:
    if dialogue is not None and dialogue.step == dialogue_service.AWAITING_NEW:
        return None  # the complainant asked to file a new complaint
    since = received_at - timedelta(hours=ctx.settings.case_join_window_hours)
    return await cases.open_case_since(
        session, tenant_id=ctx.tenant.id, complainant_id=complainant.id, since=since
    )
