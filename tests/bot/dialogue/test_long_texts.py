"""The extractors rewritten to read long texts in linear time find what they found before.

Each rewrite is pinned twice: on normal and pathological inputs by its result, and against the pattern it
replaced (kept here as the specification) on many short random texts, where that pattern is cheap. The
timings themselves are measured by `python -m bench.text_scaling`, never asserted here.
"""

from __future__ import annotations

import random
import re
from datetime import datetime

import pytest

from bot.calendar import TOKYO
from bot.dialogue import extract
from bot.dialogue.extract import find_contact
from bot.dialogue.machine import command_of
from bot.dialogue.when import _WEEKDAY_JA, parse_when

NOW = datetime(2026, 11, 29, 10, 0, tzinfo=TOKYO)  # a Sunday
LONG = 100_000

# The patterns the rewrites replaced.
OLD_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]*@[A-Za-z0-9.\-@_]*")
OLD_PHONE = re.compile(r"\+?\(?\d(?:[\d\-‐‑–ー()]| (?=\d)){6,}\d")
OLD_WEEKDAY = re.compile(r"(先週|今週)?\s*の?\s*([月火水木金土日])曜")
OLD_TRAILING = re.compile(r"[\s。．.!！?？「」]+$")


def random_texts(alphabet: list[str], count: int, longest: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest))) for _ in range(count)]


# --- e-mail addresses --------------------------------------------------------------------------------


def test_an_address_inside_a_long_text_is_found() -> None:
    text = "a" * (LONG // 2) + " taro@example.com " + "b" * (LONG // 2)
    found = find_contact(text)
    assert found.emails == ["taro@example.com"] and not found.bad_emails


def test_a_malformed_address_in_a_long_text_is_still_reported() -> None:
    found = find_contact("。" * LONG + "taro@@example.com")
    assert found.emails == [] and found.bad_emails == ["taro@@example.com"]


def test_a_long_run_of_address_characters_without_an_at_is_no_address() -> None:
    for run in ("a" * LONG, "a." * (LONG // 2), "1-" * (LONG // 2), "." * LONG):
        found = find_contact(run)
        assert found.emails == [] and found.bad_emails == []


def test_a_long_local_part_is_one_bad_address() -> None:
    found = find_contact("x" * LONG + "@example.com")
    assert found.emails == [] and found.bad_emails == ["x" * LONG + "@example.com"]


@pytest.mark.parametrize(
    "text",
    [
        "a@b@c",
        "%x@y.jp+z@w.jp",
        "..taro@example.com..",
        "taro@example.com,hanako@example.jp",
        "メール：ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ",
        "@@@",
        "a@",
        "@a",
    ],
)
def test_address_candidates_are_the_runs_of_the_old_pattern(text: str) -> None:
    plain = extract._plain(text)
    spans = extract._email_spans(plain)
    assert [plain[a:b] for a, b in spans] == OLD_EMAIL.findall(plain)
    assert extract._blank(plain, spans) == OLD_EMAIL.sub(" ", plain)


def test_address_candidates_match_the_old_pattern_on_random_texts() -> None:
    for text in random_texts(list("aZ09._%+-@ xあ@-"), 3000, 30, seed=1):
        spans = extract._email_spans(text)
        assert [text[a:b] for a, b in spans] == OLD_EMAIL.findall(text), text
        assert extract._blank(text, spans) == OLD_EMAIL.sub(" ", text), text


# --- phone numbers -----------------------------------------------------------------------------------


def test_a_phone_number_after_long_runs_is_found() -> None:
    for run in (" " * LONG, "a" * LONG, "-" * LONG, "漢" * LONG):
        assert find_contact(run + "090-1234-5678").phones == ["090-1234-5678"]


def test_a_long_run_of_digits_is_one_bad_phone() -> None:
    found = find_contact("1" * LONG)
    assert found.phones == [] and found.bad_phones == ["1" * LONG]


def test_numbers_side_by_side_in_a_long_list_are_each_found() -> None:
    found = find_contact(" ".join(["090-1234-5678"] * 1000))
    assert found.phones == ["090-1234-5678"] * 1000 and not found.bad_phones


def test_phone_candidates_match_the_old_pattern_on_random_texts() -> None:
    alphabet = [*"0123456789-ー() +x‐–", "  ", "090", "-1234"]
    for text in random_texts(alphabet, 5000, 30, seed=2):
        assert extract._PHONE_CANDIDATE.findall(text) == OLD_PHONE.findall(text), text


# --- times -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "day"),
    [
        (" " * LONG + "先週の土曜", 21),
        ("先週" + " " * LONG + "の土曜", 21),
        ("\u3000" * LONG + "土曜", 28),
        ("先週 の 土曜", 21),
    ],
)
def test_a_weekday_after_long_runs_of_spaces(words: str, day: int) -> None:
    found = parse_when(words, now=NOW)
    assert found is not None and found.at == datetime(2026, 11, day, tzinfo=TOKYO)


def test_long_runs_of_spaces_name_no_time() -> None:
    for run in (" " * LONG, "\t" * LONG, "\n" * LONG, " の" * (LONG // 2)):
        assert parse_when(run, now=NOW) is None


def test_the_weekday_pattern_matches_as_the_old_one_on_random_texts() -> None:
    alphabet = list(" \u3000\tの先週今週月火水木金土日曜x1\n")
    for text in random_texts(alphabet, 5000, 20, seed=3):
        new, old = _WEEKDAY_JA.search(text), OLD_WEEKDAY.search(text)
        assert (new and (new.span(), new.groups())) == (old and (old.span(), old.groups())), text


# --- commands ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("はい" + "。" * LONG, "yes"),
        (" " * LONG + "キャンセル" + "！" * LONG, "cancel"),
        ("「スキップ」" + " ?" * LONG, "skip"),
        ("は" + " " * LONG + "い", None),
        ("。" * LONG, None),
    ],
)
def test_commands_after_long_runs_of_punctuation(text: str, command: str | None) -> None:
    assert command_of(text) == command


def test_trailing_punctuation_is_stripped_as_by_the_old_pattern() -> None:
    from bot.dialogue.machine import _strip_trailing

    alphabet = list(" 。．.!！?？「」はいyes\n\u3000ok")
    for text in random_texts(alphabet, 5000, 12, seed=4):
        assert _strip_trailing(text) == OLD_TRAILING.sub("", text), repr(text)
