"""Turning one stored LINE event into case state and outbox effects (one transaction, no network)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.calendar import TOKYO, BusinessCalendar
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.enqueue import (
    case_ordering_key,
    enqueue_classification,
    enqueue_line_message,
    enqueue_slack_post,
    triage_key,
)
from bot.texts import desk_text, text
from handlers.slack.blocks import build_thread_message_blocks, build_triage_blocks, format_jst
from storage.models import Case, Complainant, Tenant
from storage.repos import audit, cases

log = logging.getLogger(__name__)

MEDIA_KINDS = ("image", "video", "audio", "file")


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
    complainant = await _complainant_for(session, ctx, user_id)
    if event_type == "message":
        await _on_message(session, ctx, event, complainant, user_id)
    elif event_type == "follow":
        complainant.following = True
        await _reply(
            session,
            ctx,
            event,
            complainant,
            user_id,
            [text(ctx.tenant.language, "welcome", tenant=ctx.tenant.name)],
        )
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
    language = ctx.tenant.language
    if kind == "text":
        body = str(message.get("text", ""))
        await _on_text(session, ctx, event, complainant, user_id, body, received_at)
        return
    case = await _open_case(session, ctx, complainant, received_at)
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
    notice = {"sticker": "notice.sticker", "location": "notice.location"}.get(kind)
    if kind in MEDIA_KINDS:
        notice = "notice.media"
    if notice:
        await _reply(session, ctx, event, complainant, user_id, [text(language, notice)], case=case)


async def _on_text(
    session: AsyncSession,
    ctx: LineEventContext,
    event: dict[str, Any],
    complainant: Complainant,
    user_id: str,
    body: str,
    received_at: datetime,
) -> None:
    case = await _open_case(session, ctx, complainant, received_at)
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
    stored = await cases.add_message(
        session,
        tenant_id=ctx.tenant.id,
        case_id=case.id,
        complainant_id=complainant.id,
        direction="in",
        kind="text",
        body_enc=ctx.cipher.encrypt(body),
        source_message_id=_message_id(event.get("message") or {}),
        at=received_at,
    )
    await enqueue_classification(
        session, ctx.cipher, case_id=case.id, message_id=stored.id, tenant_id=ctx.tenant.id, now=ctx.now
    )
    language = ctx.tenant.language
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
    await _reply(session, ctx, event, complainant, user_id, [ack], case=case)


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
    session: AsyncSession, ctx: LineEventContext, complainant: Complainant, received_at: datetime
) -> Case | None:
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
    await enqueue_slack_post(
        session,
        ctx.cipher,
        key=key,
        now=ctx.now,
        channel=ctx.settings.slack_triage_channel,
        text=heading,
        blocks=build_thread_message_blocks(heading=heading, body=body),
        ordering_key=case_ordering_key(case.id),
        parent_key=triage_key(case.id),
        tenant_id=ctx.tenant.id,
        case_id=case.id,
        role="thread",
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
    )
    for body in texts:
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
