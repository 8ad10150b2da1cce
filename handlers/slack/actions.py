"""Buttons: the triage post's (claim, verdict, more information, police, close, report, correction,
feedback to the complainant) and the client report's feedback approval."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.cases.numbers import parse_case_number
from bot.review.forms import Actor, ReviewError
from bot.review.texts import review_text
from handlers.slack.modals import (
    build_close_modal,
    build_feedback_modal,
    build_info_modal,
    build_verdict_modal,
)
from handlers.slack.review_deps import ReviewDeps, interaction_key

CLAIM, VERDICT, REQUEST_INFO, MARK_POLICE, CLOSE = (
    "case_claim",
    "case_verdict",
    "case_request_info",
    "case_mark_police",
    "case_close",
)
SEND_REPORT, SEND_CORRECTION, SEND_FEEDBACK = "case_send_report", "case_send_correction", "case_send_feedback"
FEEDBACK_APPROVE, FEEDBACK_DECLINE = "feedback_approve", "feedback_decline"
ACTION_IDS = (
    CLAIM,
    VERDICT,
    REQUEST_INFO,
    MARK_POLICE,
    CLOSE,
    SEND_REPORT,
    SEND_CORRECTION,
    SEND_FEEDBACK,
    FEEDBACK_APPROVE,
    FEEDBACK_DECLINE,
)
# Which subcommand's permission each button needs.
PERMISSION_OF = {
    CLAIM: "assign",
    VERDICT: "verdict",
    REQUEST_INFO: "verdict",
    MARK_POLICE: "verdict",
    CLOSE: "close",
    SEND_REPORT: "report",
    SEND_CORRECTION: "report",
    SEND_FEEDBACK: "feedback-send",
    FEEDBACK_APPROVE: "feedback",
    FEEDBACK_DECLINE: "feedback",
}


def register(app: AsyncApp, deps: ReviewDeps) -> None:
    """Listen to every button of the review workflow."""
    for action_id in ACTION_IDS:
        app.action(action_id)(_listener(deps, action_id))


def _listener(deps: ReviewDeps, action_id: str) -> Any:
    async def handle_case_action(ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        user = str((body.get("user") or {}).get("id") or "")
        channel = str((body.get("channel") or {}).get("id") or "")
        answer = await run_action(deps, action_id, body, user=user, channel=channel)
        if answer and channel:
            deps.tell_after_ack(channel=channel, user=user, text=answer)

    handle_case_action.__name__ = f"handle_{action_id}_action"
    return handle_case_action


async def run_action(
    deps: ReviewDeps, action_id: str, body: dict[str, Any], *, user: str, channel: str
) -> str | None:
    """Apply one button press; returns the ephemeral answer (None when a modal was opened)."""
    action: dict[str, Any] = next(iter(body.get("actions") or []), {})
    raw = str(action.get("value") or "")
    number = parse_case_number(raw)
    try:
        if number is None:
            raise ReviewError(review_text("error.bad_number", raw=raw[:40]))
        actor = await deps.access.actor(user_id=user, channel_id=channel, subcommand=PERMISSION_OF[action_id])
        return await _apply(deps, action_id, actor, number, body, channel)
    except ReviewError as refusal:
        return refusal.message


async def _apply(
    deps: ReviewDeps, action_id: str, actor: Actor, number: str, body: dict[str, Any], channel: str
) -> str | None:
    key = interaction_key(f"action:{action_id}", body)
    if action_id == CLAIM:
        return await deps.review.claim(number=number, actor=actor, key=key)
    if action_id in (SEND_REPORT, SEND_CORRECTION):
        return await deps.review.send_report(
            number=number, actor=actor, correct=action_id == SEND_CORRECTION, key=key
        )
    if action_id == MARK_POLICE:
        return await deps.review.mark_police_reported(number=number, actor=actor, key=key)
    if action_id in (FEEDBACK_APPROVE, FEEDBACK_DECLINE):
        if actor.tenant_ids is None:
            raise ReviewError(review_text("refuse.feedback_clients_only"))
        return await deps.review.client_feedback(
            number=number, actor=actor, approve=action_id == FEEDBACK_APPROVE, key=key
        )
    if action_id == VERDICT:
        ref = await deps.targets.case_ref(number=number, actor=actor, for_verdict=True)
        view = build_verdict_modal(ref, channel=channel)
    elif action_id == CLOSE:
        ref = await deps.targets.close_target(number=number, actor=actor)
        view = build_close_modal(ref, channel=channel)
    elif action_id == SEND_FEEDBACK:
        ref, template = await deps.targets.feedback_target(number=number, actor=actor)
        view = build_feedback_modal(ref, template, channel=channel)
    else:
        ref = await deps.targets.info_target(number=number, actor=actor)
        view = build_info_modal(ref, channel=channel)
    await deps.client.views_open(trigger_id=str(body.get("trigger_id") or ""), view=view)
    return None
