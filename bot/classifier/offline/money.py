"""Money demanded in a text, and whether it is grossly excessive (¥1,000,000 for a hair in a lunch box)."""

from __future__ import annotations

import bisect
import re

from bot.classifier.offline.rules import Hit, Rule

# A number is tried only from its first digit (not after a digit, nor after a digit and a comma), a kanji
# numeral from its first character: from a later one the match, if any, is the same one shifted, and
# trying every start of a long run of digits costs quadratic time. (The normalised text never repeats a
# comma, so a number always starts after a character that is not one of its own.)
_NOT_IN_NUMBER = r"(?<!\d)(?<!\d,)"
_AMOUNT = re.compile(
    r"(?P<cur>[¥$€£])\s?(?P<n1>\d[\d,]*(?:\.\d+)?)\s?(?P<m1>k\b|m\b|million|thousand|万)?"
    rf"|{_NOT_IN_NUMBER}(?P<n2>\d[\d,]*(?:\.\d+)?)\s?(?P<m2>億|万|千)?\s?(?P<unit>円|えん|yen|ドル|dollars?|usd|jpy)"
    rf"|{_NOT_IN_NUMBER}(?P<n3>\d[\d,]*(?:\.\d+)?)(?P<m3>億|万)"
    r"|(?<![一二三四五六七八九十百千])(?P<kanji>[一二三四五六七八九十百千]+)(?P<m4>億|万)円?"
    r"|\b(?P<w>one|two|three|five|ten|a|fifty|hundred)?\s?(?P<m5>hundred|thousand|million"
    r"|billion) (?P<wunit>yen|dollars)\b"
)
_MULT = {"億": 100_000_000, "万": 10_000, "千": 1_000, "k": 1_000, "m": 1_000_000}
_MULT |= {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "hundred": 100}
_WORDS = {"one": 1, "a": 1, "two": 2, "three": 3, "five": 5, "ten": 10, "fifty": 50, "hundred": 100}
_KANJI_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_RATE = {"$": 150, "€": 160, "£": 190, "ドル": 150, "dollar": 150, "dollars": 150, "usd": 150}

# Words that make the sentence a demand for money, strongly (compensation, 払え) or softly (please pay).
_STRONG = re.compile(
    r"慰謝料|迷惑料|賠償|補償|示談金|上乗せ|払え|はらえ|よこせ|用意しろ|振り込め|出せ|払ってもら"
    r"|持って(?:こい|来い)|送って(?:こい|来い)|送れ|包め|包んで|お詫び(?:として|に)|詫び料|謝罪の(?:印|しるし)"
    r"|\bcompensat\w*|\bdamages\b"
    r"|\bemotional (?:damage|distress)\b|\bi demand\b|\bsuffering\b|\bfor the inconvenience\b|\bplus\b"
)
_SOFT = re.compile(
    r"払って|支払|お支払|請求(?:する|します|いたします|させ)|要求|求め|ください|下さい|ほしい|欲しい|もらう"
    r"|もらいます|いただきたい|いただけ"
    r"|\bpay\b|\bdemand|\bi want\b|\bi expect\b|\bowe me\b"
)
# Prices paid, refunds of them and spam income are not demands.
_NOT_DEMAND = re.compile(
    r"返金|払い戻|代金|料金|返して|返却|商品|購入|買った|払った|支払った|請求され|かかった|取られ|稼げ|稼ぐ"
    r"|儲か|月収"
    r"|\brefund|\bcharged\b|\bprice\b|\bcost\b|\bpaid\b|\bbought\b|\bearn\b|\bwin\b"
)
STRONG_THRESHOLD_YEN = 30_000
SOFT_THRESHOLD_YEN = 300_000

_MAYBE_AMOUNT = re.compile(r"\d|[万億]|million|thousand")
MONEY_RULE = Rule("money", "excessive_demand", "money", _AMOUNT)
_BOUNDARY = re.compile(r"[。!?\n…]|\.(?=\s|$)")


def _number(raw: str) -> float:
    try:
        return float(raw.replace(",", ""))
    except ValueError:
        return 0.0


def _kanji_number(raw: str) -> int:
    total, digit = 0, 0
    for ch in raw:
        if ch in _KANJI_DIGITS:
            digit = _KANJI_DIGITS[ch]
        elif ch in _KANJI_UNITS:
            total += (digit or 1) * _KANJI_UNITS[ch]
            digit = 0
    return total + digit


def amount_yen(m: re.Match[str]) -> float:
    """The amount matched by the amount pattern, in yen (foreign currencies at a rough rate)."""
    g = m.groupdict()
    if g["n1"] is not None:
        value = _number(g["n1"]) * _MULT.get(g["m1"] or "", 1)
        return value * _RATE.get(g["cur"], 1)
    if g["n2"] is not None:
        value = _number(g["n2"]) * _MULT.get(g["m2"] or "", 1)
        return value * _RATE.get(g["unit"], 1)
    if g["n3"] is not None:
        return _number(g["n3"]) * _MULT[g["m3"]]
    if g["kanji"] is not None:
        return _kanji_number(g["kanji"]) * _MULT[g["m4"]]
    value = _WORDS.get(g["w"] or "one", 1) * _MULT[g["m5"]]
    return value * _RATE.get(g["wunit"], 1)


class _Sentences:
    """The sentence around an amount, from boundaries found once (not a scan of the text per amount), and
    whether it demands money, strongly or softly (judged once per sentence)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [b.start() for b in _BOUNDARY.finditer(text)]  # every boundary is one character
        self._verdicts: dict[tuple[int, int], tuple[bool, bool]] = {}

    def around(self, start: int, end: int) -> tuple[int, int]:
        """From the last boundary before `start` (a '.' right before it counts, as it ends the text read
        up to there) to the first boundary from `end`."""
        if start and self.text[start - 1] == ".":
            a = start
        else:
            i = bisect.bisect_left(self.starts, start)
            a = self.starts[i - 1] + 1 if i else 0
        j = bisect.bisect_left(self.starts, end)
        return a, self.starts[j] if j < len(self.starts) else len(self.text)

    def demands(self, a: int, b: int) -> tuple[bool, bool]:
        """(strong, soft) for the sentence text[a:b]."""
        if (a, b) not in self._verdicts:
            sentence = self.text[a:b]
            strong = bool(_STRONG.search(sentence))
            soft = bool(_SOFT.search(sentence)) and not _NOT_DEMAND.search(sentence)
            self._verdicts[a, b] = (strong, soft)
        return self._verdicts[a, b]


def excessive_money(text: str) -> list[Hit]:
    """Amounts demanded in `text` (normalised) that are grossly excessive (the first three)."""
    if not _MAYBE_AMOUNT.search(text):
        return []
    hits: list[Hit] = []
    sentences = _Sentences(text)
    for m in _AMOUNT.finditer(text):
        yen = amount_yen(m)
        if yen < STRONG_THRESHOLD_YEN:
            continue
        strong, soft = sentences.demands(*sentences.around(m.start(), m.end()))
        if strong or (soft and yen >= SOFT_THRESHOLD_YEN):
            hits.append(Hit(MONEY_RULE, m.start(), m.end()))
            if len(hits) == 3:
                break
    return hits
