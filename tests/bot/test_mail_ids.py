"""The desk's Message-IDs name their case, and cannot be forged."""

from __future__ import annotations

from bot.crypto import PiiCipher, generate_key
from bot.mail_ids import case_of_desk_message_id, desk_message_id

CIPHER = PiiCipher(keys=generate_key(), hash_key="mail-ids-test")
DOMAIN = "desk.example.jp"


def test_an_id_names_its_case_and_is_stable_per_key() -> None:
    first = desk_message_id(CIPHER, case_id=42, key="ack:7", domain=DOMAIN)
    assert first == desk_message_id(CIPHER, case_id=42, key="ack:7", domain=DOMAIN)
    assert first != desk_message_id(CIPHER, case_id=42, key="ack:8", domain=DOMAIN)
    assert first.startswith("<") and first.endswith(f"@{DOMAIN}>")
    assert case_of_desk_message_id(CIPHER, first, domain=DOMAIN) == 42
    assert case_of_desk_message_id(CIPHER, first.strip("<>"), domain=DOMAIN.upper()) == 42


def test_a_forged_or_foreign_id_names_no_case() -> None:
    genuine = desk_message_id(CIPHER, case_id=42, key="ack:7", domain=DOMAIN)
    forged = genuine.replace("<c42.", "<c43.")
    other_key = PiiCipher(keys=generate_key(), hash_key="another-desk")
    assert case_of_desk_message_id(CIPHER, forged, domain=DOMAIN) is None
    assert case_of_desk_message_id(other_key, genuine, domain=DOMAIN) is None
    assert case_of_desk_message_id(CIPHER, genuine, domain="other.example") is None
    assert case_of_desk_message_id(CIPHER, "<CAFE1234@mail.gmail.com>", domain=DOMAIN) is None
    assert case_of_desk_message_id(CIPHER, "", domain=DOMAIN) is None
