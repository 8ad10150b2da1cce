"""Understanding when something happened, from the complainant's words, relative to the message time.

Small on purpose: the forms complainants write (「昨日の夜7時ごろ」, 「先週の土曜」, 「11月3日」,
"yesterday around 7pm", "last Saturday"), read in Asia/Tokyo. Anything else is kept as the complainant's
words only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.calendar import TOKYO

FUTURE_GRACE = timedelta(minutes=10)

_KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_WEEKDAYS_JA = "月火水木金土日"
_WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS_EN = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_DAY_EN = re.compile(
    r"\b(" + "|".join(f"{m[:3]}(?:{m[3:]})?" for m in _MONTHS_EN) + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b"
)

# 「先週の土曜」「土曜」. A match without 先週/今週 starts only where a run of spaces starts, and the の
# takes its own spaces: `(先週|今週)?\s*の?\s*` tried from every space of a long run, with two ways to
# split it, costs cubic time, and a later space of a run never starts the leftmost match.
_WEEKDAY_JA = re.compile(r"(?:(先週|今週)|(?<!\s))\s*(?:の\s*)?([月火水木金土日])曜")


@dataclass(frozen=True)
class When:
    """A point in time understood from text; `has_time` is False when only the day is known."""

    at: datetime
    has_time: bool


class FutureDateError(ValueError):
    """The words name a moment after the message was sent."""


def _kanji_number(match: re.Match[str]) -> str:
    """一〜三十九 as digits (enough for days, hours and minutes)."""
    word = match.group(0)
    if "十" in word:
        tens, _, ones = word.partition("十")
        value = (_KANJI_DIGITS.get(tens, 1) if tens else 1) * 10 + (_KANJI_DIGITS.get(ones, 0) if ones else 0)
        return str(value)
    return "".join(str(_KANJI_DIGITS[c]) for c in word)


def normalise(text: str) -> str:
    """Full-width to half-width, kanji numerals to digits, lower case."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[一二三四五六七八九十〇]{1,3}(?=[時日月分半])", _kanji_number, text)


def parse_when(text: str, *, now: datetime) -> When | None:
    """The moment the words name, relative to `now` (aware); None when not understood.

    Raises FutureDateError when the words name a moment after `now`.
    """
    words = normalise(text)
    local_now = now.astimezone(TOKYO)
    today = local_now.date()
    day = _day_of(words, today)
    clock = _time_of(words)
    if day is None and clock is None:
        return None
    if day is None:
        day = today
        # "7時ごろ" said in the morning about the evening means yesterday.
        if clock is not None and datetime.combine(day, clock, TOKYO) > local_now + FUTURE_GRACE:
            day -= timedelta(days=1)
    at = datetime.combine(day, clock or time(0, 0), TOKYO)
    if day > today or (clock is not None and at > local_now + FUTURE_GRACE):
        raise FutureDateError(text)
    return When(at=at, has_time=clock is not None)


def _day_of(words: str, today: date) -> date | None:
    if m := re.search(r"(20\d\d)\s*[年/\-.]\s*(\d{1,2})\s*[月/\-.]\s*(\d{1,2})", words):
        return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if re.search(r"明後日|あさって|明日|あした|あす|tomorrow|来週|next week", words):
        return today + timedelta(days=1)  # refused as the future by the caller
    if re.search(r"一昨日|おととい|day before yesterday", words):
        return today - timedelta(days=2)
    if re.search(r"昨日|きのう|昨夜|昨晩|yesterday|last night", words):
        return today - timedelta(days=1)
    if re.search(r"今日|本日|きょう|今朝|今夜|今晩|today|this morning|tonight|this evening", words):
        return today
    if m := re.search(r"(\d{1,2})\s*日前|(\d{1,2})\s*days? ago", words):
        return today - timedelta(days=int(m.group(1) or m.group(2)))
    if m := re.search(r"(\d{1,2})\s*週間前|(\d{1,2})\s*weeks? ago", words):
        return today - timedelta(weeks=int(m.group(1) or m.group(2)))
    if m := re.search(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日|(?<![\d:])(\d{1,2})/(\d{1,2})(?![\d/:])", words):
        month, day = int(m.group(1) or m.group(3)), int(m.group(2) or m.group(4))
        return _most_recent(month, day, today)
    if m := _MONTH_DAY_EN.search(words):
        month = next(i for i, name in enumerate(_MONTHS_EN, 1) if name.startswith(m.group(1)[:3]))
        return _most_recent(month, int(m.group(2)), today)
    if m := _WEEKDAY_JA.search(words):
        return _weekday(_WEEKDAYS_JA.index(m.group(2)), today, last_week=m.group(1) == "先週")
    if m := re.search(r"(last\s+)?(" + "|".join(_WEEKDAYS_EN) + r")", words):
        return _weekday(_WEEKDAYS_EN.index(m.group(2)), today, before_today=bool(m.group(1)))
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _most_recent(month: int, day: int, today: date) -> date | None:
    """A month and day without a year: the latest such day not after today."""
    found = _safe_date(today.year, month, day)
    if found is not None and found > today:
        found = _safe_date(today.year - 1, month, day)
    return found


def _weekday(weekday: int, today: date, *, last_week: bool = False, before_today: bool = False) -> date:
    """「先週の土曜」: that weekday of the previous calendar week (Monday first); "last Saturday": the latest
    one before today; 「土曜」 / "Saturday": the latest one up to today."""
    if last_week:
        monday = today - timedelta(days=today.weekday() + 7)
        return monday + timedelta(days=weekday)
    back = (today.weekday() - weekday) % 7
    if before_today and back == 0:
        back = 7
    return today - timedelta(days=back)


def _time_of(words: str) -> time | None:
    """A clock time: 「夜7時ごろ」, 「午後3時半」, 「19:30」, "7pm", "7:30 am", "around 7 in the evening"."""
    if m := re.search(r"(\d{1,2}):(\d{2})\s*(am|pm|a\.m\.|p\.m\.)?", words):
        return _clock(int(m.group(1)), int(m.group(2)), m.group(3), words)
    if m := re.search(r"(\d{1,2})\s*時(?!間)\s*(?:(半)|(\d{1,2})\s*分)?", words):
        minute = 30 if m.group(2) else int(m.group(3) or 0)
        return _clock(int(m.group(1)), minute, None, words)
    if m := re.search(r"(\d{1,2})\s*(am|pm|a\.m\.|p\.m\.|o'?clock)", words):
        return _clock(int(m.group(1)), 0, m.group(2), words)
    return None


def _clock(hour: int, minute: int, suffix: str | None, words: str) -> time | None:
    afternoon = (suffix or "").startswith("p") or re.search(
        r"午後|夜|夕方|晩|evening|night|afternoon", words
    ) is not None
    morning = (suffix or "").startswith("a") or re.search(r"午前|朝|morning", words) is not None
    if afternoon and not morning and hour < 12:
        hour += 12
    if morning and hour == 12:
        hour = 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute)
