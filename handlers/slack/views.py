"""Modal submissions: the verdict, the question to the complainant, the client-approved feedback and the
closing of a case. Field errors stay in the modal."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.review.forms import FormInvalid, ReviewError
from handlers.slack.modals import (
    CLOSE_CALLBACK,
    FEEDBACK_CALLBACK,
    INFO_CALLBACK,
    VERDICT_CALLBACK,
    parse_close_form,
    parse_feedback_form,
    parse_info_form,
    parse_verdict_form,
    read_metadata,
)
from handlers.slack.review_deps import ReviewDeps

# The block that shows a refusal that belongs to no single field.
FIRST_FIELD = {
    VERDICT_CALLBACK: "label",
    INFO_CALLBACK: "question",
    FEEDBACK_CALLBACK: "message",
    CLOSE_CALLBACK: "reason",
}
# Which subcommand's permission each submission needs.
PERMISSION_OF = {
    VERDICT_CALLBACK: "verdict",
    INFO_CALLBACK: "verdict",
    FEEDBACK_CALLBACK: "feedback-send",
    CLOSE_CALLBACK: "close",
}
CALLBACK_IDS = tuple(FIRST_FIELD)


def register(app: AsyncApp, deps: ReviewDeps) -> None:
    """Listen to the review modals' submissions."""

    @app.view(VERDICT_CALLBACK)
    async def handle_verdict_submission(ack: AsyncAck, body: dict[str, Any]) -> None:
        await _submit(deps, ack, body, VERDICT_CALLBACK)

    @app.view(INFO_CALLBACK)
    async def handle_info_submission(ack: AsyncAck, body: dict[str, Any]) -> None:
        await _submit(deps, ack, body, INFO_CALLBACK)

    @app.view(FEEDBACK_CALLBACK)
    async def handle_feedback_send_submission(ack: AsyncAck, body: dict[str, Any]) -> None:
        await _submit(deps, ack, body, FEEDBACK_CALLBACK)

    @app.view(CLOSE_CALLBACK)
    async def handle_close_submission(ack: AsyncAck, body: dict[str, Any]) -> None:
        await _submit(deps, ack, body, CLOSE_CALLBACK)


async def _submit(deps: ReviewDeps, ack: AsyncAck, body: dict[str, Any], callback_id: str) -> None:
    view = body.get("view") or {}
    user = str((body.get("user") or {}).get("id") or "")
    number, channel = read_metadata(view)
    # A modal submitted twice carries the same view id: the second submission changes nothing.
    key = f"view:{view.get('id') or ''}"
    try:
        actor = await deps.access.actor(
            user_id=user, channel_id=channel, subcommand=PERMISSION_OF[callback_id]
        )
        if callback_id == VERDICT_CALLBACK:
            answer = await deps.review.record_verdict(
                number=number, actor=actor, form=parse_verdict_form(view), key=key
            )
        elif callback_id == CLOSE_CALLBACK:
            reason, note = parse_close_form(view)
            answer = await deps.review.close(number=number, actor=actor, reason=reason, note=note, key=key)
        elif callback_id == FEEDBACK_CALLBACK:
            message, confirmed = parse_feedback_form(view)
            answer = await deps.review.send_feedback(
                number=number, actor=actor, message=message, confirmed=confirmed, key=key
            )
        else:
            question, confirmed = parse_info_form(view)
            answer = await deps.review.request_info(
                number=number, actor=actor, question=question, confirmed=confirmed, key=key
            )
    except FormInvalid as invalid:
        await ack(response_action="errors", errors=invalid.errors)
        return
    except ReviewError as refusal:
        await ack(response_action="errors", errors={FIRST_FIELD[callback_id]: refusal.message[:2000]})
        return
    await ack()
    if channel:
        deps.tell_after_ack(channel=channel, user=user, text=answer)
