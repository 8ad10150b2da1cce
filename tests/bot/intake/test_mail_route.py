"""Which tenant a mail is for: the `+slug` of the desk's plus-address, from the routing headers."""

from __future__ import annotations

import pytest

from bot.intake.mail_route import plus_address, plus_slugs


def headers(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n\r\nbody\r\n").encode("utf-8")


def test_delivered_to_comes_first_then_the_others_without_repeats() -> None:
    raw = headers(
        "To: =?utf-8?b?56qT5Y+j?= <desk+Sakura@desk.localhost>",
        "Cc: a@example.jp, desk+momiji@desk.localhost",
        "Delivered-To: desk+sakura@desk.localhost",
        "X-Original-To: desk+kaede@desk.localhost",
    )
    assert plus_slugs(raw) == ["sakura", "kaede", "momiji"]


def test_no_plus_address_no_slug() -> None:
    assert plus_slugs(headers("To: desk@desk.localhost", "Cc: someone@example.jp")) == []
    assert plus_slugs(headers("Subject: no recipients at all")) == []
    assert plus_slugs(headers("To: desk+@desk.localhost", "Cc: not an address")) == []


def test_garbage_headers_give_no_slug_and_no_error() -> None:
    assert plus_slugs(b"\xff\xfe\x00To: <<<@@@+>>>\r\n\r\n") == []


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("desk@desk.example.jp", "desk+sakura@desk.example.jp"),
        ("desk+other@desk.example.jp", "desk+other@desk.example.jp"),  # chosen by the operator: kept
        ("not-an-address", "not-an-address"),
    ],
)
def test_the_desks_address_for_a_client_is_plus_addressed(address: str, expected: str) -> None:
    assert plus_address(address, "sakura") == expected
