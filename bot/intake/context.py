"""What every intake step needs: the event's context, replies to the complainant, notes in the case thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.triage import enqueue_thread_note
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.dialogue import service as dialogue_service
from bot.inbox.event_time import event_time
from bot.outbox.effects import LINE
from bot.outbox.enqueue import enqueue_complainant_message
from storage.models import Case, Complainant, Dialogue, Message, Tenant
from storage.repos import audit, cases, dialogues

MEDIA_KINDS = ("image", "video", "audio", "file")
PRIVATE_TEXT = "private_text"  # an answer with personal data (name, contact): never classified


@dataclass
class IntakeContext:
    """What processing one inbound event (of any channel) needs besides the session."""

    settings: Settings
    cipher: PiiCipher
    tenant: Tenant
    inbox_id: int
    now: datetime


@dataclass(frozen=True)
class Arrival:
    """One event of one complainant being applied: the transaction, what processing needs, the event and
    who sent it (their LINE user id, to answer them)."""

    session: AsyncSession
    ctx: IntakeContext
    event: dict[str, Any]
    complainant: Complainant
    user_id: str


def record_ignored(session: AsyncSession, ctx: IntakeContext, event_type: str, *, reason: str) -> None:
    audit.record(
        session,
        at=ctx.now,
        actor="line",
        action="line.event.recorded",
        tenant_id=ctx.tenant.id,
        after={"event_type": event_type, "reason": reason, "inbox_id": ctx.inbox_id},
    )


async def thread_note(
    session: AsyncSession, ctx: IntakeContext, case: Case, *, key: str, heading: str, body: str | None
) -> None:
    await enqueue_thread_note(
        session, ctx.cipher, case=case, key=key, heading=heading, body=body, now=ctx.now
    )


async def reply(
    arrival: Arrival,
    texts: list[str],
    *,
    case: Case | None = None,
    messages: list[dict[str, Any]] | None = None,
) -> None:
    session, ctx, event, complainant, user_id = (
        arrival.session,
        arrival.ctx,
        arrival.event,
        arrival.complainant,
        arrival.user_id,
    )
    reply_token = event.get("replyToken")
    await enqueue_complainant_message(
        session,
        ctx.cipher,
        key=f"line:inbox:{ctx.inbox_id}",
        now=ctx.now,
        tenant_id=ctx.tenant.id,
        complainant_id=complainant.id,
        channel=LINE,
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


async def store_text(
    session: AsyncSession,
    ctx: IntakeContext,
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
        source_message_id=message_id(event.get("message") or {}),
        at=received_at,
    )


def message_id(message: dict[str, Any]) -> str | None:
    value = message.get("id")
    return str(value) if value is not None else None


def dialogue_env(ctx: IntakeContext) -> dialogue_service.DialogueEnv:
    return dialogue_service.DialogueEnv(
        cipher=ctx.cipher,
        settings=ctx.settings,
        tenant=ctx.tenant,
        now=ctx.now,
        event_key=f"inbox:{ctx.inbox_id}",
    )


async def dialogue_of(session: AsyncSession, ctx: IntakeContext, complainant: Complainant) -> Dialogue:
    return await dialogues.ensure(
        session,
        tenant_id=ctx.tenant.id,
        complainant_id=complainant.id,
        language=ctx.tenant.language,
        now=ctx.now,
    )
