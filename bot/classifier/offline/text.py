"""Sentences of the original text, the language a text is written in, and evidence quotes."""

from __future__ import annotations

import bisect
import re

EVIDENCE_MAX_CHARS = 80
EVIDENCE_MAX_ITEMS = 5

_BOUNDARY = re.compile(r"[。！？!?\n…．]+|\.(?=\s|$)")
_JAPANESE = re.compile(r"[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN = re.compile(r"[a-z]")


def sentence_spans(original: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence of `original`, without surrounding whitespace, punctuation included."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(original):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(original):
        spans.append((start, len(original)))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        while a < b and original[a].isspace():
            a += 1
        while b > a and original[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


class Sentences:
    """Looks up the sentence of the original text around a position."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.spans = sentence_spans(original)
        self._starts = [a for a, _ in self.spans]

    def index(self, pos: int) -> int:
        """The index of the sentence that contains (or precedes) `pos`; -1 if there is none."""
        return bisect.bisect_right(self._starts, pos) - 1

    def around(self, a: int, b: int) -> tuple[int, int]:
        """The sentence around [a, b), clipped to EVIDENCE_MAX_CHARS around the match when long."""
        i = self.index(a)
        sa, sb = self.spans[i] if i >= 0 else (a, b)
        sa, sb = min(sa, a), max(sb, b)
        if sb - sa <= EVIDENCE_MAX_CHARS:
            return sa, sb
        if b - a >= EVIDENCE_MAX_CHARS:
            return a, a + EVIDENCE_MAX_CHARS
        room = EVIDENCE_MAX_CHARS - (b - a)
        left = max(sa, a - room // 2)
        right = min(sb, left + EVIDENCE_MAX_CHARS)
        left = max(sa, right - EVIDENCE_MAX_CHARS)
        return left, right


_UNSAFE = re.compile(r"[\ud800-\udfff]+")


def quote(original: str, a: int, b: int) -> str:
    """original[a:b] without surrounding whitespace (still a substring of `original`).

    Lone surrogates (undecodable bytes) cannot be stored or sent: the longest clean piece is kept.
    """
    text = original[a:b]
    if _UNSAFE.search(text):
        text = max(_UNSAFE.split(text), key=len)
    return text.strip()


def clean(text: str) -> str:
    """`text` without lone surrogates."""
    return _UNSAFE.sub("", text)


def detect_language(folded: str) -> str | None:
    """ja or en for a normalised text, or None when it has neither Japanese nor Latin letters."""
    ja = len(_JAPANESE.findall(folded))
    en = len(_LATIN.findall(folded))
    if ja == 0 and en == 0:
        return None
    # A Japanese character carries about as much as a short English word.
    return "ja" if ja * 4 >= en else "en"


def _is_katakana(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fa" or "\uff66" <= ch <= "\uff9d"  # full width, half width


def inside_katakana_word(original: str, a: int, b: int) -> bool:
    """Whether original[a:b] is written in katakana with katakana letters on both sides: part of a longer
    loanword (サブスク, マイナンバーカード), not a word of its own (バカ, クソバカ, アホンダラ)."""
    span = original[a:b]
    if not span or not all(_is_katakana(c) or c in "ーｰ" for c in span):
        return False
    before = original[max(0, a - 1) : a]
    after = original[b : b + 1].lstrip("ーｰ") or original[b + 1 : b + 2]
    return bool(before) and _is_katakana(before) and bool(after) and _is_katakana(after[0])
