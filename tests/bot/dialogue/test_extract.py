"""Contact details and shops found in free text."""

from __future__ import annotations

import pytest

from bot.dialogue.extract import find_contact, find_shop


def test_phone_and_email_in_a_long_message() -> None:
    found = find_contact("連絡先は０９０ー１２３４ー５６７８、メールはtaro@example.comです。")
    assert found.phones == ["090-1234-5678"] and found.emails == ["taro@example.com"]
    assert not found.bad_phones and not found.bad_emails


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("03-1234-5678", "03-1234-5678"),
        ("09012345678", "090-1234-5678"),
        ("090 1234 5678", "090-1234-5678"),
        ("+81 90-1234-5678", "090-1234-5678"),
        ("+1 415 555 2671", "+1 415-555-2671"),
    ],
)
def test_valid_phones(text: str, phone: str) -> None:
    assert find_contact(text).phones == [phone]


@pytest.mark.parametrize("text", ["090-1234-567", "12-34-5678-99", "0000000000"])
def test_invalid_phones_are_reported(text: str) -> None:
    found = find_contact(text)
    assert found.phones == [] and found.bad_phones


@pytest.mark.parametrize("text", ["taro@", "taro@@example.com", "x@y", "@example.com"])
def test_invalid_emails_are_reported(text: str) -> None:
    found = find_contact(text)
    assert found.emails == [] and found.bad_emails


def test_dates_and_short_numbers_are_not_phones() -> None:
    found = find_contact("2026-11-28に1時間、3000円")
    assert not found.phones and not found.bad_phones


@pytest.mark.parametrize(
    ("text", "shop"),
    [
        ("駅前店で待たされた", "駅前店"),
        ("駅前の店舗で", "駅前店"),
        ("渋谷でのことです", "渋谷支店"),
        ("ｼﾌﾞﾔ", None),
        ("新宿店", None),
        ("本店の受付", "本店"),
    ],
)
def test_shops_of_the_list(text: str, shop: str | None) -> None:
    assert find_shop(text, ["駅前店", "本店", "渋谷支店"]) == shop


def test_shop_names_in_english() -> None:
    assert find_shop("at the lobby", ["Lobby", "Restaurant"]) == "Lobby"
