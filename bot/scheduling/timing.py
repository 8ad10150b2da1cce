"""When each calendar job is due, in Asia/Tokyo."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bot.calendar import TOKYO, BusinessCalendar
from bot.reports.monthly import month_start, next_month, previous_month

MORNING = time(9, 0)
RENEWAL_NOTICE_DAYS = 30


def at_tokyo(day: date, clock_time: time = MORNING) -> datetime:
    """An aware datetime at `clock_time` Asia/Tokyo on `day`."""
    return datetime.combine(day, clock_time, tzinfo=TOKYO)


def tokyo_today(now: datetime) -> date:
    """The calendar day in Asia/Tokyo."""
    return now.astimezone(TOKYO).date()


def monthly_fire_time(month: date) -> datetime:
    """The totals of `month` go out on the 1st of the next month at 09:00."""
    return at_tokyo(next_month(month))


def monthly_periods_due(now: datetime, *, since: datetime) -> list[date]:
    """Months whose totals were due by `now` (the latest two at most, for catch-up after downtime),
    leaving out any that fell due before `since` (e.g. before the tenant was added)."""
    latest = previous_month(month_start(tokyo_today(now)))
    if monthly_fire_time(latest) > now:
        latest = previous_month(latest)
    candidates = [previous_month(latest), latest]
    return [m for m in candidates if since <= monthly_fire_time(m) <= now]


def previous_business_day(calendar: BusinessCalendar, day: date) -> date:
    """The last open day before `day`."""
    current = day - timedelta(days=1)
    while calendar.is_closed(current):
        current -= timedelta(days=1)
    return current


def renewal_notice_time(contract_end: date) -> datetime:
    """Admins hear about a renewal 30 days before the contract ends, at 09:00."""
    return at_tokyo(contract_end - timedelta(days=RENEWAL_NOTICE_DAYS))
