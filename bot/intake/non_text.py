"""Stickers, locations, media and files, and messages the complainant unsends."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.items import decrypt_report_items
from bot.dialogue import service as dialogue_service
from bot.dialogue.machine import Answer, Step
from bot.intake.context import (
    MEDIA_KINDS,
    Arrival,
    IntakeContext,
    dialogue_env,
    dialogue_of,
    event_time,
    message_id,
    record_ignored,
    reply,
    thread_note,
)
from bot.intake.media import enqueue_media_fetch
from bot.intake.text import open_case
from bot.jst import format_jst
from bot.texts import desk_text, text
from storage.repos import audit, cases


async def on_non_text(arrival: Arrival) -> None:
    """Kept on the open case (media fetched as evidence); mid-dialogue, the question is asked again."""
    session, ctx, event, complainant = arrival.session, arrival.ctx, arrival.event, arrival.complainant
    message = event.get("message") or {}
    kind = str(message.get("type", "unknown"))
    received_at = event_time(event, ctx.now)
    dialogue = await dialogue_of(session, ctx, complainant)
    language = dialogue.language
    collecting = await dialogue_service.collecting_case(session, dialogue)
    case = collecting or await open_case(session, ctx, complainant, received_at, dialogue)
    stored = await cases.add_message(
        session,
        tenant_id=ctx.tenant.id,
        case_id=case.id if case else None,
        complainant_id=complainant.id,
        direction="in",
        kind=kind,
        body_enc=ctx.cipher.encrypt(_describe_non_text(message)),
        source_message_id=message_id(message),
        at=received_at,
    )
    if case is not None and kind in MEDIA_KINDS:
        await enqueue_media_fetch(
            session, ctx.cipher, case=case, message_row_id=stored.id, line_message=message, now=ctx.now
        )
    if case is not None and kind in (*MEDIA_KINDS, "sticker", "location"):
        label = desk_text(f"kind.{kind}")
        await thread_note(
            session,
            ctx,
            case,
            key=f"msg:{stored.id}:slack",
            heading=desk_text("thread.attachment", kind=label, received=format_jst(received_at)),
            body=None,
        )
    env = dialogue_env(ctx)
    if collecting is not None and kind == "location" and dialogue.step == Step.PLACE.value:
        place = str(message.get("title") or message.get("address") or "").strip()
        if place:
            _, replies = await dialogue_service.answer(
                session, env, dialogue=dialogue, case=collecting, given=Answer(location=place), at=received_at
            )
            await reply(arrival, [], case=case, messages=replies)
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
        await reply(arrival, [text(language, notice)], case=case, messages=extra)


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


async def on_unsend(session: AsyncSession, ctx: IntakeContext, event: dict[str, Any]) -> None:
    message_id = str((event.get("unsend") or {}).get("messageId", ""))
    stored = await cases.inbound_message_by_source_id(
        session, tenant_id=ctx.tenant.id, source_message_id=message_id
    )
    if stored is None:
        record_ignored(session, ctx, "unsend", reason="message not found")
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
        await thread_note(
            session,
            ctx,
            case,
            key=f"unsend:{stored.id}:slack",
            heading=desk_text("thread.unsent", received=received),
            body=None,
        )
