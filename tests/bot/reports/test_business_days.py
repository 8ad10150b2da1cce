"""Due dates over the next three years: substitute holidays, 国民の休日, the year-end break, tenant days."""

from __future__ import annotations

from datetime import date

import pytest

from bot.calendar import BusinessCalendar
from bot.config import Settings
from bot.sla_calendar import report_due
from storage.models import Tenant

CAL = BusinessCalendar()


@pytest.mark.parametrize(
    "closed",
    [
        "2026-05-06",  # 振替休日 (憲法記念日 on Sunday)
        "2026-09-22",  # 国民の休日 between 敬老の日 and 秋分の日
        "2027-03-22",  # 振替休日 (春分の日 on Sunday)
        "2028-01-10",  # 成人の日
        "2029-02-12",  # 振替休日 (建国記念の日 on Sunday)
        "2029-04-30",  # 振替休日 (昭和の日 on Sunday)
        "2029-09-24",  # 振替休日 (秋分の日 on Sunday)
        "2027-12-29",
        "2028-01-03",
        "2028-12-31",
    ],
)
def test_closed_days(closed: str) -> None:
    assert CAL.is_closed(date.fromisoformat(closed))


@pytest.mark.parametrize("open_day", ["2026-09-24", "2027-12-28", "2028-01-04", "2029-05-01"])
def test_open_days(open_day: str) -> None:
    assert not CAL.is_closed(date.fromisoformat(open_day))


@pytest.mark.parametrize(
    ("intake", "due"),
    [
        ("2029-04-26", "2029-05-02"),  # across 昭和の日's substitute day
        ("2027-12-28", "2028-01-06"),  # across the year-end break
        ("2029-09-20", "2029-09-26"),  # Fri, then 秋分の日 (Sun) and its substitute Monday
        ("2027-03-18", "2027-03-24"),  # 春分の日's substitute day
    ],
)
def test_due_dates_in_coming_years(intake: str, due: str) -> None:
    settings = Settings(_env_file=None)
    assert report_due(None, settings, date.fromisoformat(intake)) == date.fromisoformat(due)


def test_tenant_days_and_counting_the_intake_day() -> None:
    tenant = Tenant(extra_closed_days=["2026-08-13", "2026-08-14"])
    settings = Settings(_env_file=None)
    assert report_due(None, settings, date(2026, 8, 12)) == date(2026, 8, 17)
    assert report_due(tenant, settings, date(2026, 8, 12)) == date(2026, 8, 19)
    counting = Settings(_env_file=None, sla_count_intake_day=True)
    assert report_due(tenant, counting, date(2026, 8, 12)) == date(2026, 8, 18)
    assert report_due(None, counting, date(2026, 8, 15)) == date(2026, 8, 19)  # Saturday intake
