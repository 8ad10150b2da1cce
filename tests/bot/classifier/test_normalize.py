"""Normalisation for matching: the forms listed in docs/domain.md ("The text a classifier has to read"),
and the map back to the original text."""

from __future__ import annotations

import random

import pytest

from bot.classifier.normalize import fold, fold_pattern, normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ｺﾛｽ", "ころす"),  # half-width katakana
        ("ＫＯＲＯＳＵ", "ころす"),  # full-width romaji
        ("コロス", "ころす"),
        ("ころす", "ころす"),
        ("しねぇぇぇ", "しね"),  # elongation with small vowels
        ("しねーーー！！！", "しね!"),  # long vowel marks, repeated punctuation
        ("し ね", "しね"),  # spaced
        ("し　ね", "しね"),  # ideographic space
        ("殺.す", "殺す"),  # dotted
        ("し・ね", "しね"),
        ("こ〜ろ〜す", "ころす"),
        ("〇ね", "死ね"),  # masked
        ("○ね", "死ね"),
        ("◯ね", "死ね"),
        ("●ね", "死ね"),
        ("タヒね", "死ね"),
        ("ﾀﾋね", "死ね"),
        ("氏ね", "死ね"),
        ("4ね", "死ね"),
        ("死\u200bね", "死ね"),  # zero-width space
        ("殺\u200d\u2060す\ufeff", "殺す"),  # joiner, word joiner, BOM
        ("殺\ufe0fす", "殺す"),  # variation selector
        ("ｶﾞｲｼﾞﾝ", "がいじん"),  # half-width voiced marks recomposed
        ("ねねねね", "ね"),
        ("ここ", "ここ"),  # a doubled kana is a word, not an elongation
        ("killll you", "kill you"),
        ("korosu", "ころす"),  # romaji of the worst words
        ("k o r o s u", "ころす"),
        ("F*** you", "f* you"),  # an English mask is kept
    ],
)
def test_folds(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_threat_emoji_are_kept_and_other_emoji_dropped() -> None:
    assert fold("🔪🔪お前😀") == "🔪お前"
    assert fold("😀🙏🌸") == ""


def test_numbers_are_not_collapsed() -> None:
    assert fold("￥1,000,000") == "¥1,000,000"
    assert fold("24ね") == "24ね"  # a digit before 4ね: not a mask


def test_romaji_shine_only_next_to_japanese() -> None:
    assert fold("the floors shine") == "the floors shine"
    assert fold("店員shine") == "店員しね"


def test_english_sentence_boundaries_survive() -> None:
    assert fold("Hello World. Next") == "hello world. next"
    assert fold("待った...最悪") == "待った…最悪"


def test_quote_maps_back_to_the_original_words() -> None:
    text = "おい、ｺ ﾛ ｽぞ！！！ 店員さん"
    n = normalize(text)
    start = n.text.index("ころす")
    assert n.quote(start, start + 3) == "ｺ ﾛ ｽ"
    assert n.quote(0, len(n.text)) in text


def test_elongation_is_covered_by_the_quote() -> None:
    n = normalize("しねぇぇぇ")
    assert n.text == "しね"
    assert n.quote(0, 2) == "しねぇぇぇ"


def test_fold_pattern_uses_the_same_alphabet() -> None:
    assert fold_pattern("コーヒー|カスタマー") == "こひ|かすたま"
    assert fold("コーヒー") == "こひ"


def test_random_text_never_breaks_the_map() -> None:
    rng = random.Random(7)
    alphabet = "あいうアイウｱｲｳ殺す死ね 　.・〜ー!！?？\n\u200b\ufe0f🔪😀abcABCＡＢＣ0１2〇○\ud800\ufffdﾞﾟ゛"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        n = normalize(text)
        assert len(n.starts) == len(n.ends) == len(n.text)
        for i in range(len(n.text)):
            assert 0 <= n.starts[i] < n.ends[i] <= len(text)
            if i:
                assert n.starts[i] >= n.starts[i - 1]
        for a in range(len(n.text)):
            for b in range(a + 1, len(n.text) + 1):
                assert n.quote(a, b) in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("コ口ス", "ころす"),  # 口 (kanji) between katakana is the letter ロ
        ("ブッコ口ス", "ぶっころす"),
        ("カ夕ギ", "かたぎ"),
        ("人口が多い", "人口が多い"),  # between other characters it stays the kanji
        ("ドイツ工場", "どいつ工場"),
        ("アイス二つ", "あいす二つ"),
    ],
)
def test_kanji_lookalikes_between_katakana_are_letters(text: str, expected: str) -> None:
    normalised = normalize(text)
    assert normalised.text == expected
    assert normalised.quote(0, len(normalised.text)) == text  # evidence keeps the original characters
