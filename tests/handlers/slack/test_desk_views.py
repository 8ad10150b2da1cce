"""The Slack renderer: the data a desk effect carries draws exactly the blocks the builders make from the
same facts (so the desk sees what it always saw), and a view Slack does not know is never sent."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot.cases.triage import triage_view
from bot.outbox.effects import (
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
from handlers.slack.desk_views import render
from handlers.slack.report_blocks import build_monthly_blocks

RECEIVED = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
CLOSED = datetime(2026, 12, 4, 8, 30, tzinfo=UTC)
ASSESSMENT = {
    "label": "harassment",
    "types": ["verbal_abuse"],
    "demand_valid": {"ok": False, "reason": "過大な要求"},
    "means_acceptable": {"ok": None, "reason": ""},
    "summary": "怒鳴った",
    "evidence": ["土下座しろ"],
    "engine": "offline-4",
    "confidence": 0.9,
}
FLAGS = {
    "contract_expired": "2026-11-01",
    "follow_ups": {"count": 4, "first_at": RECEIVED.isoformat(), "last_at": CLOSED.isoformat()},
}


def test_a_triage_post_in_full_is_drawn_as_the_builder_draws_it() -> None:
    items = [("氏名", "山田 <花子>"), ("連絡先", "連絡先あり（非開示）")]
    facts: dict[str, Any] = {
        "number": "KH-2026-000001",
        "tenant_name": "さくら総合クリニック",
        "channel": "line",
        "status": "decided",
        "body": "店員が <失礼> でした & 返金して",
        "assessment": ASSESSMENT,
        "flags": FLAGS,
        "assignee": "U0REVIEWER1",
        "sla_left": 0,
        "police_reported": True,
        "close_reason": "duplicate",
    }
    data = triage_view(
        **facts,
        received_at=RECEIVED,
        sla_due=date(2026, 12, 3),
        intake={"status": "complete", "items": [list(i) for i in items], "history": "過去の案件 1件"},
        outcome_actions=["case_send_report"],
        closed_at=CLOSED,
    )
    expected = build_triage_blocks(
        **facts,
        received_at=RECEIVED,
        sla_due=date(2026, 12, 3),
        intake=IntakeView(status="complete", items=items, history="過去の案件 1件"),
        outcome_actions=("case_send_report",),
        closed_at=CLOSED,
    )
    assert render(TRIAGE_POST, data) == expected
    assert "case_send_report" not in str(expected)  # closed: only how to reopen it


def test_a_new_triage_post_is_drawn_as_the_builder_draws_it() -> None:
    facts: dict[str, Any] = {
        "number": "KH-2026-000002",
        "tenant_name": "Maple",
        "channel": "line",
        "status": "new",
        "body": "x",
    }
    data = triage_view(**facts, received_at=RECEIVED, sla_due=date(2026, 12, 3), flags=None)
    expected = build_triage_blocks(**facts, received_at=RECEIVED, sla_due=date(2026, 12, 3))
    assert render(TRIAGE_POST, data) == expected
    assert "case_claim" in str(expected)


def test_the_other_views_are_drawn_by_their_builders() -> None:
    outline: dict[str, Any] = {
        "number": "KH-2026-000001",
        "tenant_name": "さくら",
        "label": "harassment",
        "verdict": None,
    }
    assert render(
        TRIAGE_OUTLINE, {**outline, "received_at": RECEIVED.isoformat(), "closed_at": None}
    ) == build_purged_triage_blocks(**outline, received_at=RECEIVED, closed_at=None)
    assert render(THREAD_MESSAGE, {"heading": "追加", "body": "<b>"}) == build_thread_message_blocks(
        heading="追加", body="<b>"
    )
    lines = [("10:00", "一通目"), ("10:01", "二通目")]
    assert render(
        FOLLOW_UPS, {"heading": "2件", "messages": [list(line) for line in lines]}
    ) == build_follow_up_blocks(heading="2件", messages=lines)
    assert render(NOTICE, {"text": ":warning: 注意"}) == build_alert_blocks(text=":warning: 注意")
    assert render(MONTHLY_TOTALS, {"title": "2026年10月", "body": "受付 3件"}) == build_monthly_blocks(
        {"title": "2026年10月", "body": "受付 3件"}
    )


def test_blocks_a_previous_version_rendered_go_out_as_they_were() -> None:
    old = [{"type": "section", "text": {"type": "mrkdwn", "text": "旧版"}}]
    assert render(PREVIOUS_VERSION, {"blocks": old}) == old


def test_a_view_slack_does_not_know_is_refused_for_good() -> None:
    with pytest.raises(SendError) as refused:
        render("hologram", {})
    assert refused.value.permanent
