"""The mail parser and the trimming of quoted replies and signatures, on sample bytes."""

from __future__ import annotations

import pytest

from bot.intake.mail_parse import AUTO_REPLY, BOUNCE, NO_TEXT, PERSON, parse_mail
from bot.intake.mail_text import decode_text, trim_for_classifier
from tests.bot.intake.mail_samples import (
    JPEG,
    STORY,
    auto_reply_to,
    bounce_of,
    japanese_client_mail,
    simple_mail,
)


def test_japanese_client_mail_is_read_whole() -> None:
    mail = parse_mail(japanese_client_mail(in_reply_to="<a@x>", references="<r1@x> <a@x>"))
    assert mail.subject == "駅前店の対応について" and mail.from_name == "山田 花子"
    assert mail.from_address == "hanako@example.jp" and mail.body == STORY and mail.kind == PERSON
    assert [(a.name, a.content_type, a.data) for a in mail.attachments] == [
        ("店内の写真.jpg", "image/jpeg", JPEG)
    ]
    assert mail.named_ids() == ["<a@x>", "<r1@x>"] and mail.no_answer == []


def test_machines_mail_is_told_apart() -> None:
    bounce = parse_mail(bounce_of("<c1.x@desk.localhost>"))
    assert bounce.kind == BOUNCE and bounce.returned_ids == ["<c1.x@desk.localhost>"]
    assert parse_mail(auto_reply_to("<c1.x@d>")).kind == AUTO_REPLY
    assert "personal" not in repr(parse_mail(simple_mail("personal words")))


@pytest.mark.parametrize(
    ("data", "declared", "wrong"),
    [
        ("①㈱ご意見".encode("cp932"), "shift_jis", False),
        ("ご意見です".encode("iso2022_jp"), None, True),
        ("ご意見です".encode("euc_jp"), "utf-8", True),
    ],
)
def test_charsets(data: bytes, declared: str | None, wrong: bool) -> None:
    text, was_wrong = decode_text(data, declared)
    assert "ご意見" in text and was_wrong is wrong


def test_unreadable_bytes_become_replacement_characters() -> None:
    text, wrong = decode_text(b"\xff\xfe\xfa\xfb\x80\x81\xfc", "utf-8")
    assert wrong and text  # never raises, something readable comes back


def test_no_text_part_is_a_note() -> None:
    raw = b"From: a@b.jp\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n/9j/"
    mail = parse_mail(raw)
    assert mail.body == "" and NO_TEXT in mail.notes and len(mail.attachments) == 1


@pytest.mark.parametrize(
    "quote",
    [
        "On Mon, Nov 30, 2026 at 10:00 AM Desk <desk@desk.localhost> wrote:\n> old",
        "2026年11月30日(月) 10:00 窓口 <desk@desk.localhost>:\n> 古い",
        "山田さんは書きました:\n古い",
        "-----Original Message-----\nFrom: desk\n古い",
        "-----元のメッセージ-----\n差出人: 窓口\n古い",
        "差出人: 窓口 <desk@desk.localhost>\n送信日時: 2026年11月30日\n古い",
        "-- \n山田 花子\n090-1234-5678",
        "━━━━━━━━━━\n山田 花子\nTEL: 090-1234-5678\n━━━━━━━━━━",
        "iPhoneから送信",
    ],
)
def test_quotes_and_signatures_are_trimmed(quote: str) -> None:
    assert trim_for_classifier(f"新しい苦情です。\n\n{quote}") == "新しい苦情です。"


def test_a_rule_inside_the_complaint_is_kept() -> None:
    body = "一つ目の件です。\n━━━━━━━━━━\n二つ目の件です。"
    assert trim_for_classifier(body) == body
    assert trim_for_classifier("> 引用だけ") == "> 引用だけ"
