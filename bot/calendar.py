"""Business days of the desk: weekends, Japanese national holidays and 12/29–1/3 are closed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import jpholiday

TOKYO = ZoneInfo("Asia/Tokyo")


def is_year_end_break(day: date) -> bool:
    """12/29 to 1/3 inclusive."""
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


class BusinessCalendar:
    """Open/closed days and due dates; extra closed days are per tenant."""

    def __init__(self, *, extra_closed_days: Iterable[date] = ()) -> None:
        self._extra = frozenset(extra_closed_days)

    def is_closed(self, day: date) -> bool:
        """Closed: Saturday, Sunday, national holiday (incl. substitute days), year-end break, extra day."""
        return day.weekday() >= 5 or jpholiday.is_holiday(day) or is_year_end_break(day) or day in self._extra

    def add_business_days(self, start: date, days: int, *, count_start_day: bool = False) -> date:
        """The day on which `days` business days have passed since `start`."""
        if days <= 0:
            return start
        remaining = days
        current = start
        if count_start_day and not self.is_closed(current):
            remaining -= 1
            if remaining == 0:
                return current
        while remaining > 0:
            current += timedelta(days=1)
            if not self.is_closed(current):
                remaining -= 1
        return current


def business_days_left(calendar: BusinessCalendar, *, today: date, due: date) -> int:
    """Open days after `today` up to and including `due`; negative when overdue (0: due today)."""
    step = timedelta(days=1)
    count = 0
    if due >= today:
        day = today
        while day < due:
            day += step
            count += 0 if calendar.is_closed(day) else 1
        return count
    day = due
    while day < today:
        day += step
        count -= 0 if calendar.is_closed(day) else 1
    return min(count, -1)
