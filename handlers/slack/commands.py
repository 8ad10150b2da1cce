"""`/kasuhara`: one slash command with subcommands; answers are ephemeral, modals open in the ack."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.cases.numbers import parse_case_number
from bot.review.forms import Actor, FormInvalid, ReviewError
from bot.review.texts import review_text
from handlers.slack.modals import build_feedback_modal, build_verdict_modal
from handlers.slack.review_deps import ReviewDeps, interaction_key

COMMAND = "/kasuhara"
SUBCOMMANDS = (
    "help",
    "show",
    "find",
    "assign",
    "verdict",
    "note",
    "reopen",
    "close",
    "lift-hold",
    "stats",
    "report",
    "feedback-send",
    "feedback",
)
MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")

Handler = Callable[[ReviewDeps, Actor, list[str], str, dict[str, Any]], Awaitable[str | None]]


def register(app: AsyncApp, deps: ReviewDeps) -> None:
    """Listen to /kasuhara."""

    @app.command(COMMAND)
    async def handle_kasuhara_command(ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack(response_type="ephemeral", text=await run_command(deps, body))


async def run_command(deps: ReviewDeps, body: dict[str, Any]) -> str:
    """The ephemeral answer to one /kasuhara invocation (a modal may be opened on the way)."""
    words = str(body.get("text") or "").split()
    sub = words[0].lower() if words else "help"
    if sub not in SUBCOMMANDS:
        return review_text("error.unknown_sub", sub=words[0][:40])
    if sub == "help":
        return review_text("help")
    try:
        actor = await deps.access.actor(
            user_id=str(body.get("user_id") or ""),
            channel_id=str(body.get("channel_id") or ""),
            subcommand=sub,
        )
        return await HANDLERS[sub](deps, actor, words[1:], sub, body) or ""
    except ReviewError as refusal:
        return refusal.message


def _number(args: list[str], sub: str) -> str:
    if not args:
        raise ReviewError(review_text("error.missing_number", sub=sub))
    number = parse_case_number(args[0])
    if number is None:
        raise ReviewError(review_text("error.bad_number", raw=args[0][:40]))
    return number


async def _show(deps: ReviewDeps, actor: Actor, args: list[str], sub: str, body: dict[str, Any]) -> str:
    return await deps.queries.show(number=_number(args, sub), actor=actor)


async def _find(deps: ReviewDeps, actor: Actor, args: list[str], sub: str, body: dict[str, Any]) -> str:
    return await deps.queries.find(args=args, actor=actor)


async def _stats(deps: ReviewDeps, actor: Actor, args: list[str], sub: str, body: dict[str, Any]) -> str:
    return await deps.queries.stats(args=args, actor=actor)


async def _assign(deps: ReviewDeps, actor: Actor, args: list[str], sub: str, body: dict[str, Any]) -> str:
    number = _number(args, sub)
    match = MENTION.match(args[1]) if len(args) > 1 else None
    if match is None:
        raise ReviewError(review_text("error.bad_user"))
    assignee = match.group(1)
    if not await deps.access.is_reviewer(assignee):
        raise ReviewError(review_text("error.assignee_not_reviewer", user=assignee))
    return await deps.review.assign(
        number=number, actor=actor, assignee=assignee, key=interaction_key("command", body)
    )


def _text_after(body: dict[str, Any], words: int) -> str:
    """The command text after its first `words` words, line breaks kept (a note, a reason)."""
    rest = str(body.get("text") or "").split(None, words)
    return rest[words] if len(rest) > words else ""


async def _note(deps: ReviewDeps, actor: Actor, args: list[str], sub: str, body: dict[str, Any]) -> str:
    number = _number(args, sub)
    note = _text_after(body, 2)
    return await deps.review.note(number=number, actor=actor, body=note, key=interaction_key("command", body))


async def _lift_hold(deps: ReviewDeps, actor: Actor, args: list[str], sub: str, body: dict[str, Any]) -> str:
    return await deps.review.lift_legal_hold(
        number=_number(args, sub),
        actor=actor,
        key=interaction_key("command", body),
        reason=_text_after(body, 2),
    )


async def _reopen(deps: ReviewDeps, actor: Actor, args: list[str], sub: str, body: dict[str, Any]) -> str:
    return await deps.review.reopen(
        number=_number(args, sub),
        actor=actor,
        key=interaction_key("command", body),
        reason=_text_after(body, 2),
    )


async def _close(deps: ReviewDeps, actor: Actor, args: list[str], sub: str, body: dict[str, Any]) -> str:
    number = _number(args, sub)
    reason = args[1].lower() if len(args) > 1 else ""
    try:
        return await deps.review.close(
            number=number,
            actor=actor,
            reason=reason,
            note=_text_after(body, 3),
            key=interaction_key("command", body),
        )
    except FormInvalid as invalid:
        raise ReviewError("\n".join(invalid.errors.values())) from None


async def _verdict(
    deps: ReviewDeps, actor: Actor, args: list[str], sub: str, body: dict[str, Any]
) -> str | None:
    ref = await deps.targets.case_ref(number=_number(args, sub), actor=actor, for_verdict=True)
    view = build_verdict_modal(ref, channel=str(body.get("channel_id") or ""))
    await deps.client.views_open(trigger_id=str(body.get("trigger_id") or ""), view=view)
    return None


async def _report(deps: ReviewDeps, actor: Actor, args: list[str], sub: str, body: dict[str, Any]) -> str:
    number = _number(args, sub)
    option = args[1].lower() if len(args) > 1 else ""
    if option not in ("", "correct"):
        raise ReviewError(review_text("error.unknown_sub", sub=f"report {option}"[:40]))
    return await deps.review.send_report(
        number=number, actor=actor, correct=option == "correct", key=interaction_key("command", body)
    )


async def _feedback_send(
    deps: ReviewDeps, actor: Actor, args: list[str], sub: str, body: dict[str, Any]
) -> str | None:
    ref, template = await deps.targets.feedback_target(number=_number(args, sub), actor=actor)
    view = build_feedback_modal(ref, template, channel=str(body.get("channel_id") or ""))
    await deps.client.views_open(trigger_id=str(body.get("trigger_id") or ""), view=view)
    return None


async def _feedback(deps: ReviewDeps, actor: Actor, args: list[str], sub: str, body: dict[str, Any]) -> str:
    if actor.tenant_ids is None:
        raise ReviewError(review_text("refuse.feedback_clients_only"))
    number = _number(args, sub)
    choice = args[1].lower() if len(args) > 1 else ""
    if choice not in ("approve", "decline"):
        raise ReviewError(review_text("error.unknown_sub", sub=f"feedback {choice}".strip()))
    return await deps.review.client_feedback(
        number=number, actor=actor, approve=choice == "approve", key=interaction_key("command", body)
    )


HANDLERS: dict[str, Handler] = {
    "show": _show,
    "find": _find,
    "stats": _stats,
    "assign": _assign,
    "note": _note,
    "reopen": _reopen,
    "close": _close,
    "lift-hold": _lift_hold,
    "verdict": _verdict,
    "report": _report,
    "feedback-send": _feedback_send,
    "feedback": _feedback,
}
