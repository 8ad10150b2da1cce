"""Settled cases close by themselves after the configured business days of the tenant's calendar, through
the real scheduler on a moved clock (nothing reads the wall clock)."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from typing import Any

from pydantic import SecretStr
from sqlalchemy import select

from bot.calendar import BusinessCalendar
from bot.crypto import generate_key
from bot.scheduling.timing import at_tokyo, previous_business_day, tokyo_today
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from storage.db import Database
from storage.models import Tenant
from tests.clock import TestClock
from tests.scheduled_desk import open_scheduled_desk, tick
from tests.slack_desk import CLIENT, REPORTS, Desk, decide, wish_feedback

CLOSE_AFTER = 10


async def reported_case(desk: Desk, user: str = "U_ALICE", **verdict: Any) -> str:
    """A case decided and reported to the client through Slack; returns its number."""
    number = await desk.open_case(user=user)
    await decide(desk, number, **verdict)
    assert "報告書（第1版）を依頼元へ送りました" in await desk.command(f"report {number}")
    await desk.app.idle()
    return number


async def set_extra_closed_days(desk: Desk, slug: str, days: list[date]) -> None:
    async with desk.app.services.db.transaction() as session:
        tenant = (await session.scalars(select(Tenant).where(Tenant.slug == slug))).one()
        tenant.extra_closed_days = [d.isoformat() for d in days]


async def closures(desk: Desk, number: str) -> list[Any]:
    return [e for e in await desk.audit(number) if e.action == "case.closed"]


async def test_a_settled_case_closes_after_ten_business_days_of_the_tenant_once(
    desk: Desk, clock: TestClock
) -> None:
    number = await reported_case(desk)
    reported_at = (await desk.case(number)).reported_at
    assert reported_at is not None
    report_day = tokyo_today(reported_at)
    # The tenant closes on the day ten plain business days would end: the case closes a day later.
    plain = BusinessCalendar().add_business_days(report_day, CLOSE_AFTER)
    await set_extra_closed_days(desk, "sakura", [plain])
    close_day = BusinessCalendar(extra_closed_days=[plain]).add_business_days(report_day, CLOSE_AFTER)
    assert close_day > plain > report_day + timedelta(days=CLOSE_AFTER)  # weekends crossed

    clock.set(at_tokyo(report_day + timedelta(days=CLOSE_AFTER)))  # ten calendar days
    assert "case_close" not in await tick(desk)
    clock.set(at_tokyo(plain))
    assert "case_close" not in await tick(desk)
    clock.set(at_tokyo(close_day) - timedelta(minutes=1))
    assert "case_close" not in await tick(desk)
    clock.set(at_tokyo(close_day))
    assert (await tick(desk)).get("case_close") == 1
    assert "case_close" not in await tick(desk)  # once

    case = await desk.case(number)
    assert (case.status, case.close_reason) == ("closed", "completed")
    assert case.closed_at is not None and tokyo_today(case.closed_at) == close_day
    (entry,) = await closures(desk, number)
    assert entry.actor == "scheduler" and entry.before == {"status": "reported"}
    assert entry.after is not None and entry.after["reason"] == "completed"
    assert "終了（報告済み・自動終了）" in str(desk.triage_post(number).blocks)
    assert any("自動で終了しました" in t for t in desk.thread_texts(number))

    # Reopened, decided again and corrected: it closes again, ten business days after the correction.
    await desk.command(f"reopen {number}")
    await decide(desk, number, label="legitimate", types=())
    assert "訂正版（第2版）" in await desk.command(f"report {number} correct")
    second_close = BusinessCalendar(extra_closed_days=[plain]).add_business_days(
        tokyo_today(clock.now()), CLOSE_AFTER
    )
    clock.set(at_tokyo(second_close) - timedelta(minutes=1))
    assert "case_close" not in await tick(desk)
    clock.set(at_tokyo(second_close))
    assert (await tick(desk)).get("case_close") == 1
    assert len(await closures(desk, number)) == 2


async def test_pending_feedback_keeps_a_reported_case_open(desk: Desk, clock: TestClock) -> None:
    await desk.allow_feedback("sakura")
    declined = await desk.open_case(user="U_DECLINED")
    never = await desk.open_case(user="U_WAITING")
    for number in (declined, never):
        await decide(desk, number, feedback="yes")
        await wish_feedback(desk, number)
        await desk.command(f"report {number}")
    await desk.app.idle()
    start = tokyo_today(clock.now())
    later = BusinessCalendar().add_business_days(start, CLOSE_AFTER * 3)
    clock.set(at_tokyo(later))
    assert "case_close" not in await tick(desk)  # the client has decided nothing yet
    answer = await desk.click("feedback_decline", declined, user=CLIENT, channel=REPORTS)
    assert "否認しました" in answer
    assert "case_close" not in await tick(desk)  # counted from the decline
    clock.set(at_tokyo(BusinessCalendar().add_business_days(later, CLOSE_AFTER)))
    assert (await tick(desk)).get("case_close") == 1
    assert (await desk.case(declined)).close_reason == "completed"
    assert (await desk.case(never)).closed_at is None  # the client's decision is still pending


async def test_feedback_sent_closes_ten_business_days_later(desk: Desk, clock: TestClock) -> None:
    await desk.allow_feedback("sakura")
    number = await desk.open_case()
    await decide(desk, number, feedback="yes")
    await wish_feedback(desk, number)
    await desk.command(f"report {number}")
    await desk.click("feedback_approve", number, user=CLIENT, channel=REPORTS)
    sent_day = BusinessCalendar().add_business_days(tokyo_today(clock.now()), 2)
    clock.set(at_tokyo(sent_day))
    await desk.click("case_send_feedback", number)
    values = {
        "message": {"message": {"type": "plain_text_input", "value": "ご意見を依頼元に報告しました。"}},
        "confirm": {"confirm": {"selected_options": [{"value": "yes"}]}},
    }
    assert (await desk.submit(desk.last_view("feedback_send_modal"), values)).status_code == 200
    close_day = BusinessCalendar().add_business_days(sent_day, CLOSE_AFTER)
    clock.set(at_tokyo(previous_business_day(BusinessCalendar(), close_day)))
    assert "case_close" not in await tick(desk)
    clock.set(at_tokyo(close_day))
    assert (await tick(desk)).get("case_close") == 1


async def test_a_closing_missed_while_down_is_done_on_restart(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, clock: TestClock
) -> None:
    same = {
        "pii_encryption_keys": SecretStr(generate_key()),
        "pii_hash_key": SecretStr(secrets.token_hex(32)),
    }
    async with open_scheduled_desk(database, fake_slack, fake_line, clock, **same) as d:
        number = await reported_case(d)
    clock.set(at_tokyo(BusinessCalendar().add_business_days(tokyo_today(clock.now()), CLOSE_AFTER + 5)))
    async with open_scheduled_desk(database, fake_slack, fake_line, clock, **same) as d:
        await d.app.idle()  # the tick at start caught up; nobody called tick()
        assert (await d.case(number)).close_reason == "completed"
        assert "case_close" not in await tick(d)
        assert len(await closures(d, number)) == 1
