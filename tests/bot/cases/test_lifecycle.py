"""The rules of a case's end: when a reported case has nothing pending, the day it closes, threat cases."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from bot.calendar import TOKYO, BusinessCalendar
from bot.cases.lifecycle import close_day, is_threat, settled_at, under_sla
from storage.models import Case, ClientReport, Verdict
from tests.clock import TEST_NOW

REPORTED = TEST_NOW
LATER = TEST_NOW + timedelta(days=3)


def _case(status: str = "reported", **flags: Any) -> Case:
    return Case(number="KH-2026-000001", status=status, flags=flags, suggested_label=None, closed_at=None)


def _verdict(version: int = 1, label: str = "harassment") -> Verdict:
    return Verdict(version=version, label=label, feedback_to_complainant=True)


def _report() -> ClientReport:
    return ClientReport(version=1, sent_at=REPORTED)


def _settled(case: Case, *, expected: bool = True, version: int = 1) -> datetime | None:
    return settled_at(case, verdict=_verdict(version), report=_report(), feedback_expected=expected)


def test_a_report_without_expected_feedback_settles_when_it_is_sent() -> None:
    assert _settled(_case(), expected=False) == REPORTED
    assert _settled(_case("decided"), expected=False) is None  # not reported (or reopened)
    assert settled_at(_case(), verdict=_verdict(), report=None, feedback_expected=False) is None


def test_expected_feedback_keeps_the_case_pending_until_sent_or_declined() -> None:
    assert _settled(_case()) is None
    assert _settled(_case(client_feedback={"decision": "approved", "version": 1})) is None
    sent = _case(feedback_sent={"by": "<@U1>", "at": LATER.isoformat()})
    assert _settled(sent) == LATER
    declined = _case(client_feedback={"decision": "declined", "version": 1, "at": LATER.isoformat()})
    assert _settled(declined) == LATER
    assert _settled(declined, version=2) is None  # declined an older verdict: asked again


def test_the_close_day_counts_business_days_of_the_tenant_from_the_tokyo_day() -> None:
    year_end = datetime(2026, 12, 25, 23, 30, tzinfo=TOKYO)  # Friday evening
    # 12/28, then 12/29-1/3 closed, 1/4-1/8, 1/11 is 成人の日, 1/12-1/15.
    assert close_day(year_end, BusinessCalendar(), 10) == date(2027, 1, 15)
    tenant = BusinessCalendar(extra_closed_days=[date(2027, 1, 15)])
    assert close_day(year_end, tenant, 10) == date(2027, 1, 18)
    # 00:30 JST on Monday is still Sunday in UTC: the day is Tokyo's.
    assert close_day(datetime(2026, 11, 30, 0, 30, tzinfo=TOKYO), BusinessCalendar(), 1) == date(2026, 12, 1)


def test_a_verdict_decides_whether_a_case_is_a_threat() -> None:
    flagged = _case("new", out_of_intake=True)
    assert is_threat(flagged, None) and not under_sla(flagged, None)
    assert not is_threat(flagged, "harassment") and under_sla(flagged, "harassment")
    assert is_threat(_case("decided"), "threat")
    suggested = _case("new")
    suggested.suggested_label = "threat"
    assert is_threat(suggested, None)
    assert not under_sla(_case("withdrawn"), None)
