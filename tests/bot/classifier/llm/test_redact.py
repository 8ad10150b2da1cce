"""Redaction of personal data before a text leaves the process."""

from __future__ import annotations

import unicodedata

import pytest

from bot.classifier.model import Assessment, AxisJudgement
from bot.classifier.redact import PLACEHOLDERS, PiiKind, redact
from bot.classifier.scrub import scrub_assessment
from tests.bot.classifier.llm.conftest import PII_TEXT, PII_VALUES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # names: honorifics, titles, self-introductions, labels, English
        ("山田太郎様へ", "［氏名］様へ"),
        ("担当の佐藤さんに言われた", "担当の［氏名］さんに言われた"),
        ("鈴木先生に診てもらった", "［氏名］先生に診てもらった"),
        ("田中看護師さんが冷たい", "［氏名］看護師さんが冷たい"),
        ("佐藤店長が謝らなかった", "［氏名］店長が謝らなかった"),
        ("店員 山田さん", "店員 ［氏名］さん"),
        ("担当者田中様", "担当者［氏名］様"),
        ("タナカさんが", "［氏名］さんが"),
        ("ﾔﾏﾀﾞさんが", "［氏名］さんが"),
        ("ヤマダ タロウ様", "［氏名］様"),
        ("私は山田太郎です。", "私は［氏名］です。"),
        ("わたくし、鈴木と申します", "わたくし、［氏名］と申します"),
        ("名前は山田太郎です", "名前は［氏名］です"),
        ("名前：山田 太郎", "名前：［氏名］"),
        ("名前はやまだです", "名前は［氏名］です"),
        ("店長の高橋に言え", "店長の［氏名］に言え"),
        ("my name is John Smith and I want a refund", "my name is ［氏名］ and I want a refund"),
        ("Mr. Tanaka was rude. Ms. Jane Doe too.", "Mr. ［氏名］ was rude. Ms. ［氏名］ too."),
        ("Johnさんに伝えて", "［氏名］さんに伝えて"),
        # phones: hyphens, spaces, parentheses, full-width digits, +81, toll-free, zero-width characters
        ("090-1234-5678", "［電話番号］"),
        ("09012345678に電話して", "［電話番号］に電話して"),
        ("０９０－１２３４－５６７８", "［電話番号］"),
        ("TEL:０３　１２３４　５６７８まで", "TEL:［電話番号］まで"),
        ("03-1234-5678", "［電話番号］"),
        ("(03) 1234-5678", "［電話番号］"),
        ("03(1234)5678", "［電話番号］"),
        ("0120-123-456", "［電話番号］"),
        ("0120 123 456", "［電話番号］"),
        ("+81-90-1234-5678", "［電話番号］"),
        ("+81 (0)3 1234 5678", "［電話番号］"),
        ("0\u200b90-1234-5678", "［電話番号］"),
        # e-mail
        ("mail: taro.yamada@example.co.jp です", "mail: ［メール］ です"),
        ("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ", "［メール］"),
        ("taro(at)example.com", "［メール］"),
        # LINE
        ("U4af4980629a0b1c2d3e4f5a6b7c8d9e0 がIDです", "［LINE ID］ がIDです"),
        ("LINE ID: taro_1234", "LINE ID: ［LINE ID］"),
        ("LINEのIDはyamada.t99です", "LINEのIDは［LINE ID］です"),
        # postal codes and addresses
        ("〒100-0001", "［郵便番号］"),
        ("郵便番号は123-4567です", "郵便番号は［郵便番号］です"),
        ("東京都千代田区1-2-3に住んでいる", "［住所］に住んでいる"),
        ("〒100-0001 東京都千代田区千代田1-1", "［郵便番号］ ［住所］"),
        ("大阪市北区梅田3丁目1-1 梅田ハイツ101号室", "［住所］"),
        ("住所は神奈川県横浜市中区山下町1番地です", "住所は［住所］です"),
        ("北海道札幌市中央区北1条西2丁目", "［住所］"),
        ("東京都千代田区１－２－３", "［住所］"),
        ("I live at 123 Main Street, Apt 4B", "I live at ［住所］"),
        # card numbers
        ("カード番号 4111 1111 1111 1111", "カード番号 ［カード番号］"),
        ("4111-1111-1111-1111", "［カード番号］"),
        ("４１１１１１１１１１１１１１１１", "［カード番号］"),
        # URLs with a personal path; a bare site address stays
        ("https://x.com/yamada_taro を見ろ", "［URL］ を見ろ"),
        ("公式 https://example.com を見た", "公式 https://example.com を見た"),
    ],
)
def test_formats(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "店員さんが失礼だった。看護師さんも。",
        "お客様は神様だろ",
        "副店長が出てきた",
        "新宿店店長を出せ",
        "女性看護師が冷たかった",
        "スタッフさんが対応した",
        "私は会社員です",
        "私は弁護士だ",
        "名前は言えません",
        "3名様で来店した",
        "貴様ふざけるな",
        "皆様へ",
        "お疲れ様です",
        "様子がおかしい",
        "港区で2-3時間待たされた",
        "新宿区の店舗で2人に対応された",
        "2025-12-26 15:00に来店",
        "注文番号1234567890、100万円払え",
        "隣の客が「殺すぞ」と怒鳴っていた",
        "LINEで連絡します",
        "山口県の店で",
        "I'm Very angry about this",
    ],
)
def test_staff_roles_and_ordinary_words_stay(text: str) -> None:
    result = redact(text)
    assert result.text == text
    assert result.counts == {}


def test_counts_by_kind() -> None:
    result = redact(PII_TEXT)
    assert result.counts == {"name": 1, "phone": 1, "email": 1, "line_id": 1, "postal_code": 1, "address": 1}
    assert result.total == 6
    assert result.describe() == "address=1 email=1 line_id=1 name=1 phone=1 postal_code=1"


def test_no_value_survives_and_placeholders_are_typed() -> None:
    result = redact(PII_TEXT)
    for value in PII_VALUES:
        assert value not in result.text
    for kind in result.counts:
        assert PLACEHOLDERS[kind] in result.text
    assert "店員は謝りもしなかった" in result.text


def test_nfkc_normalised_and_original_text_give_the_same_findings() -> None:
    texts = [PII_TEXT, "ＴＥＬ０９０－１２３４－５６７８　ﾔﾏﾀﾞさん　ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ"]
    for text in texts:
        original = redact(text)
        normalised = redact(unicodedata.normalize("NFKC", text))
        assert original.counts == normalised.counts
        assert original.total >= 3


def test_only_personal_data_changes() -> None:
    text = "ｺﾛｽぞ！ 電話０９０－１２３４－５６７８"
    result = redact(text)
    assert result.text == "ｺﾛｽぞ！ 電話［電話番号］"  # half-width katakana and the rest kept as written


def test_redaction_is_idempotent() -> None:
    once = redact(PII_TEXT).text
    again = redact(once)
    assert again.text == once
    assert again.counts == {}


def test_url_modes() -> None:
    text = "https://example.com と https://x.com/user/status/123"
    assert redact(text).text == "https://example.com と ［URL］"
    assert redact(text, urls="all").text == "［URL］ と ［URL］"
    assert redact(text, urls="keep").text == text


def test_repr_and_description_hold_no_values() -> None:
    result = redact("私は山田太郎です。090-1234-5678")
    assert "山田" not in repr(result)
    assert "1234" not in repr(result)
    assert "山田" not in result.describe()


def test_known_values_are_found_wherever_they_appear() -> None:
    known: dict[PiiKind, list[str]] = {
        "name": ["鷺沼 綾乃"],
        "phone": ["0312345678"],
        "email": ["Ayano@Example.jp"],
    }
    text = "鷺沼綾乃より。綾乃が伺います、鷺沼までお電話を 0312345678。Ayano@Example.jp"
    redaction = redact(text, known=known)
    assert redaction.text == "［氏名］より。［氏名］が伺います、［氏名］までお電話を ［電話番号］。［メール］"
    assert redact("綾", known={"name": ["綾"]}).text == "綾"  # one character alone is no name to look for


def test_an_assessment_is_scrubbed_of_known_values_without_changing_its_judgement() -> None:
    assessment = Assessment(
        label="harassment",
        types=["verbal_abuse"],
        demand_valid=AxisJudgement(ok=False, reason="鷺沼氏の要求は過大"),
        means_acceptable=AxisJudgement(ok=False, reason="暴言（「鷺沼をなめるな」）"),
        confidence=0.7,
        evidence=["鷺沼をなめるな", "電話しろ 0312345678"],
        summary="鷺沼をなめるな。" * 25,
        engine="offline-4",
    )
    scrubbed = scrub_assessment(assessment, known={"name": ["鷺沼"], "phone": ["0312345678"]})
    assert "鷺沼" not in scrubbed.model_dump_json() and "0312345678" not in scrubbed.model_dump_json()
    assert scrubbed.evidence == ["［氏名］をなめるな", "電話しろ ［電話番号］"]
    assert len(scrubbed.summary) == 200 and scrubbed.summary.endswith("…")
    assert (scrubbed.label, scrubbed.types, scrubbed.confidence) == ("harassment", ["verbal_abuse"], 0.7)
