"""Times and dates as the desk's people read them, in Japan time (Slack posts, reports, commands)."""

from __future__ import annotations

from datetime import date, datetime

from bot.calendar import TOKYO

WEEKDAYS_JA = "月火水木金土日"


def format_jst(at: datetime) -> str:
    """A timestamp as reviewers read it: 2026-11-28(土) 09:05 JST."""
    local = at.astimezone(TOKYO)
    return f"{local:%Y-%m-%d}({WEEKDAYS_JA[local.weekday()]}) {local:%H:%M} JST"


def format_day(day: date) -> str:
    """A date with its weekday: 2026-12-02(水)."""
    return f"{day:%Y-%m-%d}({WEEKDAYS_JA[day.weekday()]})"
