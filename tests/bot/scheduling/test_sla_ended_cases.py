"""Closed, withdrawn and threat cases get no SLA reminders, escalations or countdown: the real scheduler on
a moved clock, cases made through LINE and Slack."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from bot.calendar import BusinessCalendar
from bot.scheduling.timing import at_tokyo, previous_business_day, tokyo_today
from tests.clock import TestClock
from tests.conftest import TRIAGE
from tests.scheduled_desk import tick
from tests.slack_desk import Desk, decide

THREAT = "あの受付の女、帰り道で待ち伏せして刺してやる。"


def notes_of(desk: Desk, number: str) -> str:
    return json.dumps(desk.thread_texts(number), ensure_ascii=False)


async def test_closed_withdrawn_and_threat_cases_get_no_sla_reminders(desk: Desk, clock: TestClock) -> None:
    ordinary = await desk.open_case(user="U_ORDINARY")
    withdrawn = await desk.open_case(user="U_WITHDRAWN")
    cancel = desk.app.complainant("sakura", "U_WITHDRAWN")
    await cancel.asend(cancel.text("キャンセル"))
    closed = await desk.open_case(user="U_CLOSED")
    await desk.command(f"close {closed} out_of_scope")
    threat = await desk.open_case(user="U_THREAT", words=THREAT)
    cleared = await desk.open_case(user="U_CLEARED", words=THREAT)  # the reviewer finds no threat
    await desk.app.idle()
    assert (await desk.case(threat)).flags.get("out_of_intake")
    await decide(desk, cleared, label="harassment")
    reminded, quiet = (ordinary, cleared), (withdrawn, closed, threat)

    due = (await desk.case(ordinary)).sla_due
    assert {(await desk.case(n)).sla_due for n in (*reminded, *quiet)} == {due}
    next_day = tokyo_today(clock.now()) + timedelta(days=1)
    clock.set(at_tokyo(next_day, datetime.min.time()) + timedelta(minutes=5))
    assert (await tick(desk)).get("triage_countdown") == 1  # the ordinary case's post (the others have none)
    assert "営業日" not in json.dumps(desk.triage_post(threat).blocks, ensure_ascii=False)
    clock.set(at_tokyo(previous_business_day(BusinessCalendar(), due)))
    assert (await tick(desk)).get("sla_reminder") == 2
    clock.set(at_tokyo(due))
    assert (await tick(desk)).get("sla_due_today") == 2
    clock.set(at_tokyo(due + timedelta(days=1)))
    assert (await tick(desk)).get("sla_overdue") == 2
    for number in reminded:
        assert "あと1営業日" in notes_of(desk, number) and "本日" in notes_of(desk, number)
        assert (await desk.case(number)).flags.get("sla") == "missed"
    for number in quiet:
        assert "報告期限" not in notes_of(desk, number)
        assert "sla" not in (await desk.case(number)).flags
    escalations = [m.text for m in desk.fake_slack.messages(TRIAGE) if "過ぎました" in m.text]
    assert sorted(n for n in (*reminded, *quiet) if any(n in t for t in escalations)) == sorted(reminded)
