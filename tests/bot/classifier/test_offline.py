"""The offline engine: labels, quotation and negation, evidence, summaries, bad inputs, determinism."""

from __future__ import annotations

import re
import time

import pytest

from bot.classifier.model import BEHAVIOUR_TYPES, LABELS, Assessment, Classifier
from bot.classifier.offline import ENGINE_NAME, OfflineClassifier
from bot.classifier.redact import PLACEHOLDERS

_PLACEHOLDER = re.compile("|".join(map(re.escape, PLACEHOLDERS.values())))


@pytest.fixture
def engine() -> OfflineClassifier:
    return OfflineClassifier()


async def _assess(engine: OfflineClassifier, text: str, language: str = "ja") -> Assessment:
    return await engine.assess(text, language=language)


def _valid(a: Assessment, text: str) -> None:
    assert a.label in LABELS
    assert all(t in BEHAVIOUR_TYPES for t in a.types)
    assert 0.0 <= a.confidence <= 1.0
    assert len(a.summary) <= 200
    assert len(a.evidence) <= 5
    for quote in a.evidence:
        kept = _PLACEHOLDER.split(quote)
        assert quote and sum(map(len, kept)) <= 80
        assert quoted(kept, text), quote
    assert len(a.demand_valid.reason) <= 200
    assert len(a.means_acceptable.reason) <= 200
    assert a.engine == ENGINE_NAME


def quoted(kept: list[str], text: str) -> bool:
    """Whether the pieces of an evidence quote are the complainant's own words, exactly, in order, where
    personal data stands redacted (each placeholder for some characters of the text)."""
    return re.search(".+?".join(map(re.escape, kept)), text, re.DOTALL) is not None


def test_implements_the_protocol() -> None:
    engine: Classifier = OfflineClassifier()
    assert engine is not None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("昨日、駅前店のレジで30分以上待たされました。人員配置を見直してほしいです。", "legitimate"),
        ("二度と行かない、最悪の対応だった。注文と違う料理が出てきたのに謝罪もなかった。", "legitimate"),
        ("The train was 30 minutes late and there was no announcement.", "legitimate"),
        ("おい、店員のバカ。さっさと返金しろ。", "harassment"),
        ("土下座して謝れ。", "harassment"),
        ("大変恐縮ですが、慰謝料として100万円をお支払いいただけますでしょうか。", "harassment"),
        ("俺は市議会議員の知り合いだ。", "harassment"),
        ("回答があるまで毎日電話してやるからな。", "harassment"),
        ("受付の子かわいいね。彼氏いるの？", "harassment"),
        ("You useless idiot, just give me my money back.", "harassment"),
        ("殺すぞ。", "threat"),
        ("店に火をつけてやる。", "threat"),
        ("担当者の住所を特定した。晒してやる。", "threat"),
        ("金を払わなければ、店の悪口をネットにばらまくぞ。", "threat"),
        ("帰り道、待ち伏せしてやるからな。", "threat"),
        ("I'm going to burn your store down.", "threat"),
        ("営業時間は何時までですか？", "out_of_scope"),
        ("先日は丁寧に対応していただき、ありがとうございました。", "out_of_scope"),
        ("【副業】スマホだけで月50万円稼げる！詳しくはこちら http://example.com/x", "out_of_scope"),
        ("テスト", "out_of_scope"),
        ("test", "out_of_scope"),
    ],
)
async def test_labels(engine: OfflineClassifier, text: str, label: str) -> None:
    a = await _assess(engine, text, "en" if text.isascii() else "ja")
    _valid(a, text)
    assert a.label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("駅員に「殺すぞ」と言われた。怖くて眠れない。説明してください。", "legitimate"),
        ("隣の席の客が「燃やしてやる」と叫んでいたのに、店員が何も対応しなかった。", "legitimate"),
        ("店員にバカと言われた。謝罪してほしい。", "legitimate"),
        ('The clerk told me "I\'ll kill you" when I asked for a receipt.', "legitimate"),
        ("殺すつもりはないけど、本当に腹が立った。受付の説明が二転三転した。", "legitimate"),
        ("燃やすなんて一言も言っていません。待たされたことに抗議しただけです。", "legitimate"),
        ("土下座しろとまでは言いませんが、せめて店長から謝罪がほしいです。", "legitimate"),
        ("死ぬほど待った。3時間待って診察は5分。", "legitimate"),
        ("スープが熱すぎて舌をやけどしました。殺す気か（笑）と思いました。", "legitimate"),
        ("刺すような痛みがあると伝えたのに、痛み止めも出してもらえませんでした。", "legitimate"),
        ("ポイントと相殺すると言われたのに、相殺されていませんでした。", "legitimate"),
        # The complainant's own words stay theirs.
        ("「殺すぞ」って店長に伝えとけ。", "threat"),
        ("I told the clerk I would stab him, and I meant it.", "threat"),
        ("殺すつもりはないけど、次に会ったら殴る。", "threat"),
    ],
)
async def test_quotation_negation_and_idioms(engine: OfflineClassifier, text: str, label: str) -> None:
    a = await _assess(engine, text)
    _valid(a, text)
    assert a.label == label


@pytest.mark.parametrize(
    "text", ["ｺﾛｽ", "ＫＯＲＯＳＵ", "こ ろ す", "殺.す", "殺\u200bすぞ", "ぶっ〇す", "ころすぞ🔪"]
)
async def test_obfuscated_threats(engine: OfflineClassifier, text: str) -> None:
    a = await _assess(engine, text)
    assert a.label == "threat"
    assert "intimidation" in a.types


@pytest.mark.parametrize(
    "text", ["〇ね", "○ねよ", "タヒね", "氏ねばいいのに", "4ね 給料泥棒", "し ね", "ｼﾈ", "死ねぇぇぇ"]
)
async def test_masked_abuse(engine: OfflineClassifier, text: str) -> None:
    a = await _assess(engine, text)
    assert a.label == "harassment"
    assert "verbal_abuse" in a.types


@pytest.mark.parametrize(
    "text",
    [
        "店員に殴られたので警察に行く。",
        "子どもが襲われたので病院に行く",
        "待ち伏せされて怖かったので交番に行く",
        "半殺しにされたような気分だ",
        "痛い目にあったからな、もう行かない",
        "刺身を食べに行くからな",
        "燃やすごみを出しに行くからな",
        "爆弾低気圧で電車が止まったぞ",
        "放火事件があったので見に行く",
        "殺風景な待合室で何時間も待つのは辛いです。",
        "爆破予告があったとかで電車が止まりました。",
        "レストランでアレルギーを伝えたのに卵が出てきました。命に関わることです。",
        "This waiting time is killing me.",
        "We had to wait outside in the rain for forty minutes.",
    ],
)
async def test_victims_news_and_idioms_are_not_threats(engine: OfflineClassifier, text: str) -> None:
    a = await _assess(engine, text)
    assert a.label != "threat"


async def test_an_offices_phone_number_is_not_a_personal_contact(engine: OfflineClassifier) -> None:
    a = await _assess(engine, "市の粗大ごみの受付電話番号を教えてください。")
    assert a.label == "out_of_scope"


async def test_hiragana_lookalikes_are_not_abuse(engine: OfflineClassifier) -> None:
    for text in [
        "スタッフが私語ばかりしていました。",
        "安かったしね。",
        "今のところすぐには困っていません。",
    ]:
        a = await _assess(engine, text)
        assert a.label != "harassment" and a.label != "threat", text


async def test_types_and_axes(engine: OfflineClassifier) -> None:
    a = await _assess(engine, "店長が家まで謝りに来い。土下座しろ。")
    assert a.label == "harassment"
    assert a.types == ["off_premises", "excessive_demand"]  # in the manual's order
    assert a.demand_valid.ok is False
    assert a.means_acceptable.ok is False

    legit = await _assess(engine, "外来の受付で2時間待ちました。予約制の運用を改善してください。")
    assert legit.demand_valid.ok is True
    assert "待ち時間" in legit.demand_valid.reason
    assert legit.means_acceptable.ok is True

    oos = await _assess(engine, "駐車場はありますか？")
    assert oos.demand_valid.ok is None and oos.means_acceptable.ok is None


async def test_reasons_follow_the_tenant_language(engine: OfflineClassifier) -> None:
    text = "弁当に髪の毛が入っていた。慰謝料として100万円を払え。"
    ja = await _assess(engine, text, "ja")
    en = await _assess(engine, text, "en")
    assert "100万円" in ja.demand_valid.reason and "妥当" in ja.demand_valid.reason
    assert en.demand_valid.reason.isascii() is False  # quotes the amount as written
    assert "demand" in en.demand_valid.reason.lower()
    assert en.means_acceptable.reason.isascii()


async def test_english_tenant_gets_an_english_summary_of_japanese_text(engine: OfflineClassifier) -> None:
    text = "昨日の14時ごろ、駅前店のレジで30分以上待たされました。人員配置を見直してほしいです。"
    a = await _assess(engine, text, "en")
    assert a.summary.startswith("Complaint about long waiting time")
    assert a.summary.isascii()
    assert len(a.summary) <= 200


async def test_japanese_summary_extracts_key_sentences(engine: OfflineClassifier) -> None:
    text = (
        "いつもお世話になっております。先週の土曜日に伺いました。"
        "レジで40分も待たされ、店員の態度も横柄でした。返金と謝罪を求めます。"
    )
    a = await _assess(engine, text, "ja")
    assert a.label == "legitimate"
    assert "待たされ" in a.summary
    assert "先週の土曜日に伺いました" not in a.summary
    assert len(a.summary) <= 200


async def test_long_text_summary_and_evidence_are_capped(engine: OfflineClassifier) -> None:
    text = "対応が遅くて本当に困っています" * 40 + "。" + "店員に無視されました。" * 30
    a = await _assess(engine, text)
    _valid(a, text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t",
        "😀😀😀",
        "🔪",
        "。。。？！",
        "\ufffd\ufffd\ufffd",
        "\ud800\udc00\ud83d",
        "abc\ud800def 殺\udfffす",
        "\x00\x01\x02",
        "ﾞﾞﾞ゛゜",
        "Hello 店員 bonjour ¿qué? 死ね merci",
    ],
)
async def test_bad_inputs_give_a_valid_assessment(engine: OfflineClassifier, text: str) -> None:
    a = await _assess(engine, text)
    _valid(a, text)
    a.model_dump_json()  # serialisable: no lone surrogates leak into the output


@pytest.mark.parametrize("text", ["", "😀😀😀", "🔪", "\ufffd\ufffd"])
async def test_empty_and_emoji_only_are_out_of_scope_with_low_confidence(
    engine: OfflineClassifier, text: str
) -> None:
    a = await _assess(engine, text)
    assert a.label == "out_of_scope"
    assert a.confidence <= 0.4
    assert a.evidence == []


async def test_non_string_input_does_not_raise(engine: OfflineClassifier) -> None:
    a = await engine.assess(None, language="ja")  # type: ignore[arg-type]  # a wrong type on purpose
    assert a.label == "out_of_scope"


async def test_unknown_language_falls_back_to_japanese(engine: OfflineClassifier) -> None:
    a = await engine.assess("殺すぞ", language="fr")
    assert a.label == "threat"
    assert "脅迫" in a.means_acceptable.reason


async def test_100k_characters_are_fast_and_threats_at_the_end_are_found(engine: OfflineClassifier) -> None:
    long_complaint = ("待たされました。対応が最悪です。" * 7000)[:100_000]
    started = time.perf_counter()
    a = await _assess(engine, long_complaint)
    assert time.perf_counter() - started < 1.0
    _valid(a, long_complaint)
    assert a.label == "legitimate"

    tail_threat = "あ" * 99_990 + "殺すぞ"
    started = time.perf_counter()
    b = await _assess(engine, tail_threat)
    assert time.perf_counter() - started < 1.0
    assert b.label == "threat"
    _valid(b, tail_threat)
    assert any("殺すぞ" in e for e in b.evidence)


async def test_deterministic(engine: OfflineClassifier) -> None:
    texts = ["殺すぞ", "二度と行かない、最悪の対応だった。", "営業時間は？", "土下座しろ", "I will kill you."]
    first = [(await _assess(engine, t)).model_dump() for t in texts]
    again = [(await _assess(OfflineClassifier(), t)).model_dump() for t in texts]
    assert first == again


def test_sync_api_matches_async(engine: OfflineClassifier) -> None:
    a = engine.assess_sync("殺すぞ", language="ja")
    assert a.label == "threat"


def test_engine_failure_is_contained(monkeypatch: pytest.MonkeyPatch, engine: OfflineClassifier) -> None:
    import bot.classifier.offline.engine as engine_module

    def boom(text: str, language: str) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(engine_module, "analyse", boom)
    a = engine.assess_sync("殺すぞ", language="ja")
    assert a.label == "out_of_scope"
    assert a.confidence <= 0.1


@pytest.mark.parametrize(
    ("text", "language", "gone"),
    [
        (
            "山田太郎ですが、先日の対応について苦情です。090-1234-5678に折り返し連絡ください。",
            "ja",
            ("山田", "太郎", "090-1234-5678"),
        ),
        (
            "私は鷺沼綾乃です。店員の態度が最悪でした、謝罪してください。連絡は ayano.s@example.jp まで。",
            "ja",
            ("鷺沼", "綾乃", "ayano.s@example.jp"),
        ),
        (
            "My name is Jane Doe. The waiter was rude to me, call me on 03-1234-5678 or jane@example.com.",
            "en",
            ("Jane", "Doe", "1234-5678", "jane@example.com"),
        ),
    ],
)
async def test_summary_reasons_and_evidence_carry_no_personal_data(
    engine: OfflineClassifier, text: str, language: str, gone: tuple[str, ...]
) -> None:
    a = await _assess(engine, text, language)
    _valid(a, text)
    words = " ".join([a.summary, a.demand_valid.reason, a.means_acceptable.reason, *a.evidence])
    assert not [value for value in gone if value in words], words
    assert a.evidence and a.summary  # redacted, not dropped
