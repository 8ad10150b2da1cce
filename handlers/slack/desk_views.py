"""The desk's views (bot.outbox.effects) as Block Kit, drawn from their data when an effect is sent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from bot.outbox.effects import (
    CASE_REPORT,
    FOLLOW_UPS,
    MONTHLY_TOTALS,
    NOTICE,
    PREVIOUS_VERSION,
    THREAD_MESSAGE,
    TRIAGE_OUTLINE,
    TRIAGE_POST,
    SendError,
)
from handlers.slack.blocks import (
    IntakeView,
    build_alert_blocks,
    build_follow_up_blocks,
    build_purged_triage_blocks,
    build_thread_message_blocks,
    build_triage_blocks,
)
from handlers.slack.report_blocks import build_case_report_blocks, build_monthly_blocks

Blocks = list[dict[str, Any]]


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _triage_post(data: dict[str, Any]) -> Blocks:
    intake = data.get("intake")
    return build_triage_blocks(
        number=data["number"],
        tenant_name=data["tenant_name"],
        channel=data["channel"],
        received_at=datetime.fromisoformat(data["received_at"]),
        sla_due=date.fromisoformat(data["sla_due"]),
        status=data["status"],
        body=data["body"],
        assessment=data.get("assessment"),
        flags=data.get("flags"),
        intake=IntakeView(
            status=intake["status"],
            items=[(label, value) for label, value in intake["items"]],
            history=intake.get("history"),
        )
        if intake
        else None,
        assignee=data.get("assignee"),
        sla_left=data.get("sla_left"),
        police_reported=bool(data.get("police_reported")),
        outcome_actions=tuple(data.get("outcome_actions") or ()),
        closed_at=_time(data.get("closed_at")),
        close_reason=data.get("close_reason"),
    )


def _triage_outline(data: dict[str, Any]) -> Blocks:
    return build_purged_triage_blocks(
        number=data["number"],
        tenant_name=data["tenant_name"],
        received_at=datetime.fromisoformat(data["received_at"]),
        closed_at=_time(data.get("closed_at")),
        label=data.get("label"),
        verdict=data.get("verdict"),
    )


def _follow_ups(data: dict[str, Any]) -> Blocks:
    messages = [(when, words) for when, words in data["messages"]]
    return build_follow_up_blocks(heading=data["heading"], messages=messages)


VIEWS: dict[str, Callable[[dict[str, Any]], Blocks]] = {
    TRIAGE_POST: _triage_post,
    TRIAGE_OUTLINE: _triage_outline,
    THREAD_MESSAGE: lambda data: build_thread_message_blocks(heading=data["heading"], body=data.get("body")),
    FOLLOW_UPS: _follow_ups,
    NOTICE: lambda data: build_alert_blocks(text=data["text"]),
    CASE_REPORT: build_case_report_blocks,
    MONTHLY_TOTALS: build_monthly_blocks,
    # Blocks a previous version rendered and queued: sent as they are.
    PREVIOUS_VERSION: lambda data: data.get("blocks") or [],
}


def render(view: str, data: dict[str, Any]) -> Blocks:
    """The view's blocks (a view this version does not know can never be sent: dead at once)."""
    builder = VIEWS.get(view)
    if builder is None:
        raise SendError(f"no Slack view {view}", permanent=True)
    return builder(data)
