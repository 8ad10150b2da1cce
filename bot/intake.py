"""Turning one stored LINE event into case state and outbox effects (one transaction, no network)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot import shared_account
from bot.calendar import TOKYO, BusinessCalendar
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.dialogue import service as dialogue_service
from bot.dialogue.machine import PRIVATE_STEPS, Answer, Step, parse_picked
from bot.dialogue.messages import parse_postback, text_message, welcome_message
from bot.dialogue.progress import is_progress_question
from bot.dialogue.texts import dialogue_text
from bot.enqueue import (
    case_ordering_key,
    enqueue_classification,
    enqueue_line_message,
    enqueue_slack_post,
    triage_key,
)
from bot.media import enqueue_media_fetch
from bot.report_items import decrypt_report_items
from bot.texts import desk_text, text
from bot.triage_post import enqueue_thread_note
from handlers.slack.blocks import build_triage_blocks, format_jst
from storage.models import Case, Complainant, Dialogue, Message, Tenant
from storage.repos import audit, cases, dialogues

log = logging.getLogger(__name__)

MEDIA_KINDS = ("image", "video", "audio", "file")
PRIVATE_TEXT = "private_text"  # an answer with personal data (name, contact): never classified


@dataclass
class LineEventContext:
    """What processing one event needs besides the session."""

    settings: Settings
    cipher: PiiCipher
    tenant: Tenant
    inbox_id: int
    now: datetime


def event_time(event: dict[str, Any], fallback: datetime) -> datetime:
    """When LINE says the event happened (ms since epoch), else the fallback."""
    ms = event.get("timestamp")
    if isinstance(ms, int | float) and ms > 0:
        return datetime.fromtimestamp(ms / 1000, UTC)
    return fallback


def sla_due_for(tenant: Tenant, settings: Settings, received_at: datetime) -> date:
    """The report's due date: N business days after intake, with the tenant's extra closed days."""
    extra = [date.fromisoformat(d) for d in tenant.extra_closed_days or []]
    calendar = BusinessCalendar(extra_closed_days=extra)
    return calendar.due_date(
        received_at, settings.sla_business_days, count_intake_day=settings.sla_count_intake_day
    )


async def process_line_event(session: AsyncSession, ctx: LineEventContext, event: dict[str, Any]) -> None:
    """Apply one LINE webhook event; every event type is accepted, the unsupported ones are recorded."""
    source = event.get("source") or {}
    user_id = source.get("userId") if source.get("type") == "user" else None
    event_type = str(event.get("type", "unknown"))
    if not isinstance(user_id, str) or not user_id:
        _record_ignored(session, ctx, event_type, reason=f"source {source.get('type', 'none')}")
        return
    if ctx.tenant.line_shared:
        # One LINE account for several clients: the complainant names the client first.
        routed = await shared_account.route(
            session,
            account=ctx.tenant,
            cipher=ctx.cipher,
            event=event,
            user_id=user_id,
            inbox_id=ctx.inbox_id,
            now=ctx.now,
        )
        if routed is None:
            return
        ctx = replace(ctx, tenant=routed.tenant)
        event = routed.event
    complainant = await _complainant_for(session, ctx, user_id)
    if event_type == "message":
        await _on_message(session, ctx, event, complainant, user_id)
    elif event_type == "follow":
        await _on_follow(session, ctx, event, complainant, user_id)
    elif event_type == "postback":
        await _on_postback(session, ctx, event, complainant, user_id)
    elif event_type == "unfollow":
        complainant.following = False
        audit.record(
            session, at=ctx.now, actor="line", action="complainant.unfollowed", tenant_id=ctx.tenant.id
        )
    elif event_type == "unsend":
        await _on_unsend(session, ctx, event)
    else:
        _record_ignored(session, ctx, event_type, reason="not handled")


def _record_ignored(session: AsyncSession, ctx: LineEventContext, event_type: str, *, reason: str) -> None:
    audit.record(
        session,
        at=ctx.now,
        actor="line",
        action="line.event.recorded",
        tenant_id=ctx.tenant.id,
        after={"event_type": event_type, "reason": reason, "inbox_id": ctx.inbox_id},
    )


async def _complainant_for(session: AsyncSession, ctx: LineEventContext, user_id: str) -> Complainant:
    user_hash = ctx.cipher.lookup_hash(f"line:{user_id}")
    found = await cases.complainant_by_line_hash(session, tenant_id=ctx.tenant.id, line_user_hash=user_hash)
    if found is not None:
        return found
    return await cases.add_complainant(
        session,
        tenant_id=ctx.tenant.id,
        line_user_hash=user_hash,
        line_user_id_enc=ctx.cipher.encrypt(user_id),
        now=ctx.now,
    )


async def _on_message(
    session: AsyncSession,
    ctx: LineEventContext,
    event: dict[str, Any],
    complainant: Complainant,
    user_id: str,
) -> None:
    message = event.get("message") or {}
    kind = str(message.get("type", "unknown"))
    received_at = event_time(event, ctx.now)
    if kind == "text":
        body = str(message.get("text", ""))
        await _on_text(session, ctx, event, complainant, user_id, body, received_at)
        return
    dialogue = await _dialogue_of(session, ctx, complainant)
    language = dialogue.language
    collecting = await dialogue_service.collecting_case(session, dialogue)
    case = collecting or await _open_case(session, ctx, complainant, received_at, dialogue)
    stored = await cases.add_message(
        session,
        tenant_id=ctx.tenant.id,
        case_id=case.id if case else None,
        complainant_id=complainant.id,
        direction="in",
        kind=kind,
        body_enc=ctx.cipher.encrypt(_describe_non_text(message)),
        source_message_id=_message_id(message),
        at=received_at,
    )
    if case is not None and kind in MEDIA_KINDS:
        await enqueue_media_fetch(
            session, ctx.cipher, case=case, message_row_id=stored.id, line_message=message, now=ctx.now
        )
    if case is not None and kind in (*MEDIA_KINDS, "sticker", "location"):
        label = desk_text(f"kind.{kind}")
        await _thread_note(
            session,
            ctx,
            case,
            key=f"msg:{stored.id}:slack",
            heading=desk_text("thread.attachment", kind=label, received=format_jst(received_at)),
            body=None,
        )
    env = _env(ctx)
    if collecting is not None and kind == "location" and dialogue.step == Step.PLACE.value:
        place = str(message.get("title") or message.get("address") or "").strip()
        if place:
            _, replies = await dialogue_service.answer(
                session, env, dialogue=dialogue, case=collecting, given=Answer(location=place), at=received_at
            )
            await _reply(session, ctx, event, complainant, user_id, [], case=case, messages=replies)
            return
    notice = {"sticker": "notice.sticker", "location": "notice.location"}.get(kind)
    if kind in MEDIA_KINDS:
        notice = "notice.media"
    extra: list[dict[str, Any]] = []
    if collecting is not None:
        # Mid-dialogue: the question stands; ask it again after the notice.
        dialogue.last_activity_at = ctx.now
        items = decrypt_report_items(ctx.cipher, collecting.intake_enc)
        extra.append(dialogue_service.question(env, dialogue, collecting, items))
    if notice:
        await _reply(
            session, ctx, event, complainant, user_id, [text(language, notice)], case=case, messages=extra
        )


async def _on_text(
    session: AsyncSession,
    ctx: LineEventContext,
    event: dict[str, Any],
    complainant: Complainant,
    user_id: str,
    body: str,
    received_at: datetime,
) -> None:
    dialogue = await _dialogue_of(session, ctx, complainant)
    collecting = await dialogue_service.collecting_case(session, dialogue)
    if collecting is not None:
        await _on_dialogue_text(
            session, ctx, event, complainant, user_id, body, received_at, dialogue, collecting
        )
        return
    if dialogue.step != dialogue_service.AWAITING_NEW and is_progress_question(body):
        latest = await cases.latest_case_of(session, tenant_id=ctx.tenant.id, complainant_id=complainant.id)
        if latest is not None:
            await _on_progress_question(session, ctx, event, complainant, user_id, body, received_at, latest)
            return
    case = await _open_case(session, ctx, complainant, received_at, dialogue)
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
            sla_due=sla_due_for(ctx.tenant, ctx.settings, received_at),
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
        _flag_expired_contract(session, ctx, case, received_at)
    else:
        case.last_message_at = max(case.last_message_at, received_at)
        case.updated_at = ctx.now
    stored = await _store_text(session, ctx, event, complainant, case, body, received_at)
    await enqueue_classification(
        session, ctx.cipher, case_id=case.id, message_id=stored.id, tenant_id=ctx.tenant.id, now=ctx.now
    )
    language = dialogue.language
    questions: list[dict[str, Any]] = []
    if is_new:
        ack = text(language, "ack.new_case", tenant=ctx.tenant.name, number=case.number)
        await enqueue_slack_post(
            session,
            ctx.cipher,
            key=triage_key(case.id),
            now=ctx.now,
            channel=ctx.settings.slack_triage_channel,
            text=desk_text("triage.fallback", number=case.number, tenant=ctx.tenant.name),
            blocks=build_triage_blocks(
                number=case.number,
                tenant_name=ctx.tenant.name,
                channel=case.channel,
                received_at=received_at,
                sla_due=case.sla_due,
                status=case.status,
                body=body,
                flags=case.flags,
            ),
            ordering_key=case_ordering_key(case.id),
            tenant_id=ctx.tenant.id,
            case_id=case.id,
            role="triage",
        )
        questions = await dialogue_service.start(
            session, _env(ctx), dialogue=dialogue, case=case, body=body, received_at=received_at
        )
        await _adopt_loose_messages(session, ctx, complainant, case, received_at)
    else:
        ack = text(language, "ack.follow_up", number=case.number)
        await _thread_note(
            session,
            ctx,
            case,
            key=f"msg:{stored.id}:slack",
            heading=desk_text("thread.follow_up", received=format_jst(received_at)),
            body=body,
        )
    await _reply(session, ctx, event, complainant, user_id, [ack], case=case, messages=questions)


async def _adopt_loose_messages(
    session: AsyncSession, ctx: LineEventContext, complainant: Complainant, case: Case, received_at: datetime
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


def _flag_expired_contract(
    session: AsyncSession, ctx: LineEventContext, case: Case, received_at: datetime
) -> None:
    """Intake after the client's contract ended is still accepted, and flagged for the desk."""
    end = ctx.tenant.contract_end
    if end is None or received_at.astimezone(TOKYO).date() <= end:
        return
    case.flags = {**(case.flags or {}), "contract_expired": end.isoformat()}
    audit.record(
        session,
        at=ctx.now,
        actor="line",
        action="case.contract_expired",
        tenant_id=ctx.tenant.id,
        case_id=case.id,
        after={"contract_end": end.isoformat()},
    )


async def _open_case(
    session: AsyncSession,
    ctx: LineEventContext,
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


async def _on_unsend(session: AsyncSession, ctx: LineEventContext, event: dict[str, Any]) -> None:
    message_id = str((event.get("unsend") or {}).get("messageId", ""))
    stored = await cases.inbound_message_by_source_id(
        session, tenant_id=ctx.tenant.id, source_message_id=message_id
    )
    if stored is None:
        _record_ignored(session, ctx, "unsend", reason="message not found")
        return
    # Kept as evidence, marked as withdrawn by the sender.
    stored.unsent = True
    audit.record(
        session,
        at=ctx.now,
        actor="line",
        action="message.unsent",
        tenant_id=ctx.tenant.id,
        case_id=stored.case_id,
        after={"message_id": stored.id},
    )
    case = await cases.case_by_id(session, case_id=stored.case_id) if stored.case_id else None
    if case is not None:
        received = format_jst(event_time(event, ctx.now))
        await _thread_note(
            session,
            ctx,
            case,
            key=f"unsend:{stored.id}:slack",
            heading=desk_text("thread.unsent", received=received),
            body=None,
        )


async def _thread_note(
    session: AsyncSession, ctx: LineEventContext, case: Case, *, key: str, heading: str, body: str | None
) -> None:
    await enqueue_thread_note(
        session, ctx.cipher, ctx.settings, case=case, key=key, heading=heading, body=body, now=ctx.now
    )


async def _reply(
    session: AsyncSession,
    ctx: LineEventContext,
    event: dict[str, Any],
    complainant: Complainant,
    user_id: str,
    texts: list[str],
    *,
    case: Case | None = None,
    messages: list[dict[str, Any]] | None = None,
) -> None:
    reply_token = event.get("replyToken")
    await enqueue_line_message(
        session,
        ctx.cipher,
        key=f"line:inbox:{ctx.inbox_id}",
        now=ctx.now,
        tenant_id=ctx.tenant.id,
        complainant_id=complainant.id,
        to=user_id,
        texts=texts,
        reply_token=reply_token if isinstance(reply_token, str) else None,
        event_time=event_time(event, ctx.now),
        case_id=case.id if case else None,
        messages=messages,
    )
    for body in [*texts, *(str(m.get("text", "")) for m in messages or [])]:
        await cases.add_message(
            session,
            tenant_id=ctx.tenant.id,
            case_id=case.id if case else None,
            complainant_id=complainant.id,
            direction="out",
            kind="text",
            body_enc=ctx.cipher.encrypt(body),
            source_message_id=None,
            at=ctx.now,
        )


async def _store_text(
    session: AsyncSession,
    ctx: LineEventContext,
    event: dict[str, Any],
    complainant: Complainant,
    case: Case,
    body: str,
    received_at: datetime,
    *,
    kind: str = "text",
) -> Message:
    """The complainant's text message, kept on its case."""
    return await cases.add_message(
        session,
        tenant_id=ctx.tenant.id,
        case_id=case.id,
        complainant_id=complainant.id,
        direction="in",
        kind=kind,
        body_enc=ctx.cipher.encrypt(body),
        source_message_id=_message_id(event.get("message") or {}),
        at=received_at,
    )


def _message_id(message: dict[str, Any]) -> str | None:
    value = message.get("id")
    return str(value) if value is not None else None


def _describe_non_text(message: dict[str, Any]) -> str:
    """What is kept of a non-text message (its metadata; media content is fetched by a later step)."""
    kind = message.get("type")
    if kind == "sticker":
        return f"[sticker {message.get('packageId')}/{message.get('stickerId')}]"
    if kind == "location":
        return f"[location {message.get('title') or ''} {message.get('address') or ''}]".strip()
    if kind == "file":
        return f"[file {message.get('fileName', '')} {message.get('fileSize', '')} bytes]"
    return f"[{kind}]"


# The intake dialogue -----------------------------------------------------------------------------------


def _env(ctx: LineEventContext) -> dialogue_service.DialogueEnv:
    return dialogue_service.DialogueEnv(
        cipher=ctx.cipher,
        settings=ctx.settings,
        tenant=ctx.tenant,
        now=ctx.now,
        event_key=f"inbox:{ctx.inbox_id}",
    )


async def _dialogue_of(session: AsyncSession, ctx: LineEventContext, complainant: Complainant) -> Dialogue:
    return await dialogues.ensure(
        session,
        tenant_id=ctx.tenant.id,
        complainant_id=complainant.id,
        language=ctx.tenant.language,
        now=ctx.now,
    )


async def _on_dialogue_text(
    session: AsyncSession,
    ctx: LineEventContext,
    event: dict[str, Any],
    complainant: Complainant,
    user_id: str,
    body: str,
    received_at: datetime,
    dialogue: Dialogue,
    case: Case,
) -> None:
    """A text answer to the current question: kept on the case and in its thread, then applied."""
    step = Step(dialogue.step)
    case.last_message_at = max(case.last_message_at, received_at)
    case.updated_at = ctx.now
    # A name or contact details: kept apart from the words the classifier reads.
    kind = PRIVATE_TEXT if step in PRIVATE_STEPS else "text"
    stored = await _store_text(session, ctx, event, complainant, case, body, received_at, kind=kind)
    received = format_jst(received_at)
    if step in PRIVATE_STEPS:
        # A name or contact details: never shown in Slack without the complainant's consent.
        item = desk_text("intake.name" if step == Step.NAME else "intake.contact")
        heading = desk_text("thread.private_answer", item=item, received=received)
        await _thread_note(session, ctx, case, key=f"msg:{stored.id}:slack", heading=heading, body=None)
    else:
        await enqueue_classification(
            session, ctx.cipher, case_id=case.id, message_id=stored.id, tenant_id=ctx.tenant.id, now=ctx.now
        )
        heading = desk_text("thread.follow_up", received=received)
        await _thread_note(session, ctx, case, key=f"msg:{stored.id}:slack", heading=heading, body=body)
    _, replies = await dialogue_service.answer(
        session, _env(ctx), dialogue=dialogue, case=case, given=Answer(text=body), at=received_at
    )
    await _reply(session, ctx, event, complainant, user_id, [], case=case, messages=replies)


async def _on_progress_question(
    session: AsyncSession,
    ctx: LineEventContext,
    event: dict[str, Any],
    complainant: Complainant,
    user_id: str,
    body: str,
    received_at: datetime,
    case: Case,
) -> None:
    """「どうなりましたか」: the fixed policy answer, recorded on the latest case; no new case."""
    stored = await _store_text(session, ctx, event, complainant, case, body, received_at)
    audit.record(
        session,
        at=ctx.now,
        actor="line",
        action="case.progress_asked",
        tenant_id=ctx.tenant.id,
        case_id=case.id,
        after={"message_id": stored.id},
    )
    heading = desk_text("thread.progress", received=format_jst(received_at))
    await _thread_note(session, ctx, case, key=f"msg:{stored.id}:slack", heading=heading, body=body)
    dialogue = await _dialogue_of(session, ctx, complainant)
    answer = dialogue_text(dialogue.language, "progress", tenant=ctx.tenant.name)
    await _reply(session, ctx, event, complainant, user_id, [answer], case=case)


async def _on_follow(
    session: AsyncSession,
    ctx: LineEventContext,
    event: dict[str, Any],
    complainant: Complainant,
    user_id: str,
) -> None:
    """Friend added (or unblocked): the welcome with the policy and a language switch; a dialogue that
    was under way goes on where it stopped."""
    complainant.following = True
    dialogue = await _dialogue_of(session, ctx, complainant)
    language = dialogue.language
    case = await dialogue_service.collecting_case(session, dialogue)
    unblocked = bool((event.get("follow") or {}).get("isUnblocked"))
    audit.record(
        session,
        at=ctx.now,
        actor="line",
        action="complainant.followed",
        tenant_id=ctx.tenant.id,
        after={"unblocked": unblocked},
    )
    if case is not None:
        dialogue.last_activity_at = ctx.now
        items = decrypt_report_items(ctx.cipher, case.intake_enc)
        messages = [
            text_message(dialogue_text(language, "welcome.back", tenant=ctx.tenant.name)),
            dialogue_service.question(_env(ctx), dialogue, case, items),
        ]
    else:
        welcome = text(language, "welcome", tenant=ctx.tenant.name)
        messages = [welcome_message(welcome, language=language)]
    await _reply(session, ctx, event, complainant, user_id, [], case=case, messages=messages)


async def _on_postback(
    session: AsyncSession,
    ctx: LineEventContext,
    event: dict[str, Any],
    complainant: Complainant,
    user_id: str,
) -> None:
    """A button: an answer to a question, the language switch, or a rich menu action."""
    postback = event.get("postback") or {}
    data = parse_postback(str(postback.get("data", "")))
    if data is None:
        _record_ignored(session, ctx, "postback", reason="unknown postback data")
        return
    dialogue = await _dialogue_of(session, ctx, complainant)
    env = _env(ctx)
    case = await dialogue_service.collecting_case(session, dialogue)
    action = data.get("a")
    if action == "answer":
        await _on_answer_button(session, ctx, event, complainant, user_id, data, postback, dialogue, case)
        return
    messages: list[dict[str, Any]] = []
    if action == "lang" and data.get("v") in ("ja", "en"):
        dialogue.language = data["v"]
        audit.record(
            session,
            at=ctx.now,
            actor="line",
            action="complainant.language",
            tenant_id=ctx.tenant.id,
            after={"language": dialogue.language},
        )
        messages.append(text_message(dialogue_text(dialogue.language, "language.switched")))
        if case is None:
            welcome = text(dialogue.language, "welcome", tenant=ctx.tenant.name)
            messages.append(welcome_message(welcome, language=dialogue.language))
    elif action == "how":
        welcome = text(dialogue.language, "welcome", tenant=ctx.tenant.name)
        messages.append(welcome_message(welcome, language=dialogue.language))
    elif action == "new" and case is None:
        dialogue.step = dialogue_service.AWAITING_NEW
        dialogue.last_activity_at = ctx.now
        messages.append(text_message(dialogue_text(dialogue.language, "prompt.new")))
    elif action != "new":
        _record_ignored(session, ctx, "postback", reason=f"unknown action {action}")
        return
    if case is not None:
        items = decrypt_report_items(ctx.cipher, case.intake_enc)
        messages.append(dialogue_service.question(env, dialogue, case, items))
    await _reply(session, ctx, event, complainant, user_id, [], case=case, messages=messages)


async def _on_answer_button(
    session: AsyncSession,
    ctx: LineEventContext,
    event: dict[str, Any],
    complainant: Complainant,
    user_id: str,
    data: dict[str, str],
    postback: dict[str, Any],
    dialogue: Dialogue,
    case: Case | None,
) -> None:
    """A quick reply or the date-time picker; a button of an earlier question (a double tap) is only noted."""
    received_at = event_time(event, ctx.now)
    given = _answer_from_button(data, postback, ctx.tenant)
    current = case is not None and data.get("c") == str(case.id) and data.get("s") == dialogue.step
    if case is None or not current or given is None:
        audit.record(
            session,
            at=ctx.now,
            actor="line",
            action="dialogue.stale_button",
            tenant_id=ctx.tenant.id,
            case_id=case.id if case else None,
            after={"step": data.get("s"), "current": dialogue.step, "inbox_id": ctx.inbox_id},
        )
        note = text_message(dialogue_text(dialogue.language, "stale"))
        await _reply(session, ctx, event, complainant, user_id, [], case=case, messages=[note])
        return
    await cases.add_message(
        session,
        tenant_id=ctx.tenant.id,
        case_id=case.id,
        complainant_id=complainant.id,
        direction="in",
        kind="postback",
        body_enc=ctx.cipher.encrypt(str(postback.get("data", "")) + " " + str(postback.get("params") or "")),
        source_message_id=None,
        at=received_at,
    )
    case.last_message_at = max(case.last_message_at, received_at)
    _, replies = await dialogue_service.answer(
        session, _env(ctx), dialogue=dialogue, case=case, given=given, at=received_at
    )
    await _reply(session, ctx, event, complainant, user_id, [], case=case, messages=replies)


def _answer_from_button(data: dict[str, str], postback: dict[str, Any], tenant: Tenant) -> Answer | None:
    value = data.get("v", "")
    if value == "picked":
        params = postback.get("params") or {}
        picked = parse_picked(str(params.get("datetime") or params.get("date") or ""))
        return Answer(picked=picked) if picked is not None else None
    if value == "shop":
        shops = dialogue_service.shops_of(tenant)
        index = data.get("i", "")
        if not index.isdigit() or int(index) >= len(shops):
            return None
        return Answer(text=shops[int(index)])
    return Answer(choice=value) if value else None
