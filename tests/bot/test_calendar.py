from datetime import UTC, date, datetime, timedelta

import jpholiday
import pytest

from bot.calendar import BusinessCalendar
from bot.config import Settings
from bot.sla_calendar import report_due

CAL = BusinessCalendar()


@pytest.mark.parametrize(
    ("intake", "due"),
    [
        ("2025-12-26", "2026-01-07"),  # Friday before the year-end break
        ("2025-12-24", "2026-01-05"),
        ("2026-04-30", "2026-05-08"),  # Golden Week
        ("2026-09-18", "2026-09-28"),  # Silver Week: 敬老の日, 国民の休日, 秋分の日
    ],
)
def test_domain_examples(intake: str, due: str) -> None:
    assert CAL.add_business_days(date.fromisoformat(intake), 3) == date.fromisoformat(due)


def test_due_date_is_judged_in_tokyo() -> None:
    # 2026-09-17 16:00 UTC is already Friday 2026-09-18 01:00 in Tokyo.
    received = datetime(2026, 9, 17, 16, 0, tzinfo=UTC)
    settings = Settings(_env_file=None, sla_business_days=3)
    assert report_due(None, settings, received) == date(2026, 9, 28)
    assert report_due(None, settings, received - timedelta(hours=2)) == date(2026, 9, 25)  # Thursday intake


def test_counting_the_intake_day() -> None:
    assert CAL.add_business_days(date(2026, 9, 14), 3, count_start_day=True) == date(2026, 9, 16)
    assert CAL.add_business_days(date(2026, 9, 14), 3) == date(2026, 9, 17)


def test_tenant_extra_closed_days() -> None:
    cal = BusinessCalendar(extra_closed_days=[date(2026, 8, 13), date(2026, 8, 14)])
    assert cal.add_business_days(date(2026, 8, 12), 3) == date(2026, 8, 19)


@pytest.mark.parametrize("year", [2026, 2027, 2028])
def test_every_national_holiday_and_year_end_break_is_closed(year: int) -> None:
    holidays = [d for d, _name in jpholiday.year_holidays(year)]
    assert len(holidays) >= 16
    assert all(CAL.is_closed(d) for d in holidays)
    for day in [date(year, 12, 29), date(year, 12, 31), date(year, 1, 1), date(year, 1, 3)]:
        assert CAL.is_closed(day)
    assert not CAL.is_closed(date(year, 12, 28)) or date(year, 12, 28).weekday() >= 5


def test_known_substitute_and_citizens_holidays() -> None:
    assert CAL.is_closed(date(2026, 5, 6))  # 振替休日 for 憲法記念日 on Sunday
    assert CAL.is_closed(date(2026, 9, 22))  # 国民の休日 between 敬老の日 and 秋分の日
    assert CAL.is_closed(date(2027, 3, 22))  # 振替休日 for 春分の日 2027-03-21 (Sunday)
    assert not CAL.is_closed(date(2026, 9, 24))
