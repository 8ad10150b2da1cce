"""Follow (friend added or unblocked) and buttons: quick replies, the date-time picker, the rich menu."""

from __future__ import annotations

from typing import Any

from bot.cases.items import decrypt_report_items
from bot.dialogue import service as dialogue_service
from bot.dialogue.machine import Answer, parse_picked
from bot.dialogue.messages import parse_postback, text_message, welcome_message
from bot.dialogue.texts import dialogue_text
from bot.intake.context import (
    Arrival,
    dialogue_env,
    dialogue_of,
    event_time,
    record_ignored,
    reply,
)
from bot.texts import text
from storage.models import Case, Dialogue, Tenant
from storage.repos import audit, cases


async def on_follow(arrival: Arrival) -> None:
    """Friend added (or unblocked): the welcome with the policy and a language switch; a dialogue that
    was under way goes on where it stopped."""
    session, ctx, event, complainant = arrival.session, arrival.ctx, arrival.event, arrival.complainant
    complainant.following = True
    dialogue = await dialogue_of(session, ctx, complainant)
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
            dialogue_service.question(dialogue_env(ctx), dialogue, case, items),
        ]
    else:
        welcome = text(language, "welcome", tenant=ctx.tenant.name)
        messages = [welcome_message(welcome, language=language)]
    await reply(arrival, [], case=case, messages=messages)


async def on_postback(arrival: Arrival) -> None:
    """A button: an answer to a question, the language switch, or a rich menu action."""
    session, ctx, event, complainant = arrival.session, arrival.ctx, arrival.event, arrival.complainant
    postback = event.get("postback") or {}
    data = parse_postback(str(postback.get("data", "")))
    if data is None:
        record_ignored(session, ctx, "postback", reason="unknown postback data")
        return
    dialogue = await dialogue_of(session, ctx, complainant)
    env = dialogue_env(ctx)
    case = await dialogue_service.collecting_case(session, dialogue)
    action = data.get("a")
    if action == "answer":
        await _on_answer_button(arrival, data, postback, dialogue, case)
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
        record_ignored(session, ctx, "postback", reason=f"unknown action {action}")
        return
    if case is not None:
        items = decrypt_report_items(ctx.cipher, case.intake_enc)
        messages.append(dialogue_service.question(env, dialogue, case, items))
    await reply(arrival, [], case=case, messages=messages)


async def _on_answer_button(
    arrival: Arrival, data: dict[str, str], postback: dict[str, Any], dialogue: Dialogue, case: Case | None
) -> None:
    """A quick reply or the date-time picker; a button of an earlier question (a double tap) is only noted."""
    session, ctx, event, complainant = arrival.session, arrival.ctx, arrival.event, arrival.complainant
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
        await reply(arrival, [], case=case, messages=[note])
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
        session, dialogue_env(ctx), dialogue=dialogue, case=case, given=given, at=received_at
    )
    await reply(arrival, [], case=case, messages=replies)


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
