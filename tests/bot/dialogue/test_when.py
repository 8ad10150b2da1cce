"""Times in the complainant's words, relative to the message time (Asia/Tokyo)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.calendar import TOKYO
from bot.dialogue.when import FutureDateError, parse_when

# Sunday 29 November 2026, 10:00 in Tokyo
NOW = datetime(2026, 11, 29, 10, 0, tzinfo=TOKYO)


def at(month: int, day: int, hour: int = 0, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TOKYO)


@pytest.mark.parametrize(
    ("words", "expected", "has_time"),
    [
        ("昨日の夜7時ごろ", at(11, 28, 19), True),
        ("きのうの夕方6時半", at(11, 28, 18, 30), True),
        ("昨日の夜七時ごろ", at(11, 28, 19), True),
        ("一昨日の午後3時15分", at(11, 27, 15, 15), True),
        ("先週の土曜", at(11, 21), False),
        ("土曜日", at(11, 28), False),
        ("今朝8時", at(11, 29, 8), True),
        ("３日前", at(11, 26), False),
        ("2週間前", at(11, 15), False),
        ("11月3日", at(11, 3), False),
        ("12月25日の昼", at(12, 25, year=2025), False),  # no year: the latest such day
        ("2026年11月28日 19:30", at(11, 28, 19, 30), True),
        ("2026-11-01", at(11, 1), False),
        ("11/3", at(11, 3), False),
        ("夜7時ごろ", at(11, 28, 19), True),  # said in the morning about the evening: yesterday
        ("yesterday around 7pm", at(11, 28, 19), True),
        ("Yesterday at 7:30 pm", at(11, 28, 19, 30), True),
        ("last Saturday", at(11, 28), False),
        ("on Friday evening", at(11, 27), False),
        ("Nov 3rd", at(11, 3), False),
        ("3 days ago", at(11, 26), False),
        ("this morning at 9am", at(11, 29, 9), True),
    ],
)
def test_understood(words: str, expected: datetime, has_time: bool) -> None:
    when = parse_when(words, now=NOW)
    assert when is not None
    assert (when.at, when.has_time) == (expected, has_time)


@pytest.mark.parametrize(
    "words", ["明日", "明日の夜", "tomorrow", "2026年12月1日", "今日の夜9時", "tonight at 9pm"]
)
def test_the_future_is_refused(words: str) -> None:
    with pytest.raises(FutureDateError):
        parse_when(words, now=NOW)


@pytest.mark.parametrize("words", ["覚えていません", "1時間待たされた", "I went there 3 times", "", "駅前店"])
def test_not_a_time(words: str) -> None:
    assert parse_when(words, now=NOW) is None


def test_relative_to_the_message_time_not_the_processing_time() -> None:
    sent = datetime(2026, 1, 1, 0, 30, tzinfo=TOKYO)
    when = parse_when("昨日の夜11時", now=sent)
    assert when is not None and when.at == datetime(2025, 12, 31, 23, 0, tzinfo=TOKYO)


def test_utc_message_times_are_read_in_tokyo() -> None:
    # 2026-11-28 16:00 UTC is already the 29th in Tokyo.
    when = parse_when("昨日", now=datetime(2026, 11, 28, 16, 0, tzinfo=UTC))
    assert when is not None and when.at.date().isoformat() == "2026-11-28"
