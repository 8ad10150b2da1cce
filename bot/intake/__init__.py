"""Turning one stored LINE event into case state and outbox effects (one transaction, no network)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.intake import shared_account
from bot.intake.buttons import on_follow, on_postback
from bot.intake.context import Arrival, IntakeContext, event_time, record_ignored
from bot.intake.non_text import on_non_text, on_unsend
from bot.intake.text import on_text
from storage.models import Complainant
from storage.repos import audit, cases

__all__ = ["IntakeContext", "event_time", "process_line_event"]


async def process_line_event(session: AsyncSession, ctx: IntakeContext, event: dict[str, Any]) -> None:
    """Apply one LINE webhook event; every event type is accepted, the unsupported ones are recorded."""
    source = event.get("source") or {}
    user_id = source.get("userId") if source.get("type") == "user" else None
    event_type = str(event.get("type", "unknown"))
    if not isinstance(user_id, str) or not user_id:
        record_ignored(session, ctx, event_type, reason=f"source {source.get('type', 'none')}")
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
    arrival = Arrival(session, ctx, event, complainant, user_id)
    message = event.get("message") or {}
    if event_type == "message" and message.get("type") == "text":
        body = str(message.get("text", ""))
        await on_text(arrival, body, event_time(event, ctx.now))
    elif event_type == "message":
        await on_non_text(arrival)
    elif event_type == "follow":
        await on_follow(arrival)
    elif event_type == "postback":
        await on_postback(arrival)
    elif event_type == "unfollow":
        complainant.following = False
        audit.record(
            session, at=ctx.now, actor="line", action="complainant.unfollowed", tenant_id=ctx.tenant.id
        )
    elif event_type == "unsend":
        await on_unsend(session, ctx, event)
    else:
        record_ignored(session, ctx, event_type, reason="not handled")


async def _complainant_for(session: AsyncSession, ctx: IntakeContext, user_id: str) -> Complainant:
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
