from datetime import UTC, datetime

from bot.cases.items import ReportItems, decrypt_report_items, encrypt_report_items
from bot.crypto import PiiCipher, generate_key


def cipher() -> PiiCipher:
    return PiiCipher(keys=generate_key(), hash_key=generate_key())


def test_items_round_trip_encrypted() -> None:
    c = cipher()
    when = datetime(2026, 11, 28, 10, tzinfo=UTC)
    items = ReportItems(name="山田花子", phone="090-1234-5678", occurred_at=when)
    token = encrypt_report_items(c, items)
    assert b"090" not in token and "山田".encode() not in token
    assert decrypt_report_items(c, token) == items
    assert decrypt_report_items(c, None) == ReportItems()


def test_identity_disclosed_only_with_consent() -> None:
    items = ReportItems(name="山田花子", email="a@example.jp", place="駅前店", consent_to_disclose=False)
    hidden = items.disclosable()
    assert (hidden.name, hidden.email, hidden.place) == (None, None, "駅前店")
    shown = items.model_copy(update={"consent_to_disclose": True}).disclosable()
    assert (shown.name, shown.email) == ("山田花子", "a@example.jp")
