"""Japanese-aware normalisation for matching, with a map from normalised positions back to the original.

The normalised text is for pattern matching only; evidence is always cut from the original text with
`Normalized.quote`, so what a reviewer reads are the complainant's own words exactly.

What the normalisation does, per character of the original:
- drops zero-width characters, variation selectors, skin-tone modifiers, controls, lone surrogates and
  U+FFFD (text that was invalid UTF-8 before decoding);
- NFKC (ｺﾛｽ → コロス, ＫＯＲＯＳＵ → KOROSU, half-width voiced marks are recomposed), lower-case;
- katakana → hiragana (コロス → ころす), long-vowel marks ー dropped, a small vowel after a kana with the
  same vowel dropped (しねぇぇ → しね), runs of one character collapsed (ねねね → ね, !!! → !, killll → kill);
- typographic apostrophes (I’ll) become ';
- separators inside Japanese words dropped (し ね, 殺.す, し・ね, こ〜ろ〜す); between Latin words a space;
- a kanji that looks like a katakana letter between katakana letters becomes that letter (コ口ス → コロス);
- mask characters (○ ◯ ● ◎ □ ■ × …) become 〇, and masked forms of 死ね (〇ね, タヒね, 氏ね, 4ね) become 死ね;
- threat emoji (🔪 💣 🔫 🗡 🪓 💀 ☠ 🔥 ⚰ 🩸) are kept as cues; other emoji and symbols are dropped;
- optionally the worst romaji words (korosu, shine, baka, ...) become kana;
- an English harm word written with digits or symbols for letters (k1ll, ki11, sh00t, b0mb, st@b, k!ll)
  becomes the word, one character for one; only words in a short list of harm words and pronouns are
  rewritten, so room 101, 2x4s, b4 and prices stay as they are.
Patterns matched against the normalised text must be written in the same alphabet: see `fold_pattern`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

THREAT_EMOJI = frozenset("🔪💣🔫🗡🪓💀☠🔥⚰🩸")
# The normalised text never has more than this many whitespace characters in a row (a space either side of
# a newline: separators become one space at most, newlines one newline). Patterns may bound a run of
# spaces by it, which changes none of their matches and keeps them linear on a raw text too.
MAX_SPACE_RUN = 3
WEAPON_EMOJI = frozenset("🔪💣🔫🗡🪓")

_MASKS = frozenset("○◯●〇◎□■×✕✖☓⭕")
_SEPARATORS = frozenset(" \t\u3000・･·‧∙.*_~〜-/\\|'`^=+#:;")
_DROP = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2061\u2062\u2063\u2064\ufffd")
_SMALL_VOWELS = {"ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o"}
_ROWS = {
    "a": "あかさたなはまやらわがざだばぱゃ",
    "i": "いきしちにひみりぎじぢびぴ",
    "u": "うくすつぬふむゆるぐずづぶぷゅゔ",
    "e": "えけせてねへめれげぜでべぺ",
    "o": "おこそとのほもよろをごぞどぼぽょ",
}
_VOWEL_OF = {ch: vowel for vowel, chars in _ROWS.items() for ch in chars}

# Kinds of normalised characters: j = Japanese (kana/kanji), l = Latin letter or digit, p = punctuation
# kept as is, e = threat emoji, s = separator (resolved by context), c = combining mark.
_Piece = tuple[tuple[str, str], ...]
_FOLD_CACHE: dict[str, _Piece] = {}
_CACHE_LIMIT = 50_000


def _is_japanese(ch: str) -> bool:
    o = ord(ch)
    return (
        0x3040 <= o <= 0x30FF
        or 0x31F0 <= o <= 0x31FF
        or 0x3400 <= o <= 0x4DBF
        or 0x4E00 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3134F
        or ch in "々〆〇ヶ"
    )


def kana_to_hiragana(text: str) -> str:
    """Katakana letters folded to hiragana (other characters unchanged)."""
    return text.translate(_KATA_TO_HIRA)


_KATA_TO_HIRA = {o: o - 0x60 for o in range(0x30A1, 0x30F7)}


def _fold_char(ch: str) -> _Piece:
    o = ord(ch)
    if ch in _DROP or 0xD800 <= o <= 0xDFFF or 0xFE00 <= o <= 0xFE0F or 0xE0100 <= o <= 0xE01EF:
        return ()
    if 0x1F3FB <= o <= 0x1F3FF or 0xE0000 <= o <= 0xE007F:  # skin tones, tag characters
        return ()
    if ch in THREAT_EMOJI:
        return ((ch, "e"),)
    if ch in _MASKS:
        return (("〇", "j"),)
    if ch in "…‥":
        return (("…", "p"),)
    if ch in "\u2019\u2018\u02bc":  # typographic apostrophes (I’ll, don’t) are the ASCII one
        return (("'", "s"),)
    if ch in "\r\n\u2028\u2029\x85":
        return (("\n", "p"),)
    if ch in "ー―ｰ":  # long vowel marks: dropped in the loop, kept here as a marker
        return (("ー", "j"),)
    folded = unicodedata.normalize("NFKC", ch)
    if folded.startswith(" ") and len(folded) > 1 and unicodedata.combining(folded[1]):
        folded = folded[1:]  # ゛ → " ゙": keep the combining mark only
    out: list[tuple[str, str]] = []
    for c in kana_to_hiragana(folded.lower()):
        if c in _SEPARATORS or c.isspace():
            out.append((c, "s"))
        elif unicodedata.combining(c):
            out.append((c, "c"))
        elif c in "ー" or _is_japanese(c):
            out.append((c, "j"))
        elif c.isalnum():
            out.append((c, "l"))
        else:
            cat = unicodedata.category(c)
            if cat[0] in "CS" and c not in "$¥€£%&@<>":  # controls, emoji and other symbols
                continue
            out.append((c, "p"))
    return tuple(out)


def _fold(ch: str) -> _Piece:
    piece = _FOLD_CACHE.get(ch)
    if piece is None:
        piece = _fold_char(ch)
        if len(_FOLD_CACHE) < _CACHE_LIMIT:
            _FOLD_CACHE[ch] = piece
    return piece


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised text; `starts[i]:ends[i]` is the original slice that normalised character i came from."""

    original: str
    text: str
    starts: list[int]
    ends: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) that the normalised [start, end) came from."""
        if not self.text or end <= start:
            return (0, 0)
        start = max(0, min(start, len(self.text) - 1))
        end = max(start + 1, min(end, len(self.text)))
        return (self.starts[start], self.ends[end - 1])

    def quote(self, start: int, end: int) -> str:
        """The complainant's own words behind the normalised [start, end)."""
        a, b = self.span(start, end)
        return self.original[a:b]


class _Builder:
    __slots__ = ("ends", "kinds", "out", "run_char", "run_len", "starts")

    def __init__(self) -> None:
        self.out: list[str] = []
        self.kinds: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.run_char = ""
        self.run_len = 0

    def emit(self, c: str, kind: str, a: int, b: int) -> None:
        out = self.out
        if c == self.run_char and out and out[-1] == c and not c.isdigit():
            self.run_len += 1
            if kind == "j" and self.run_len == 3 and len(out) >= 2 and out[-2] == c:
                # ねねね → ね (but ここ stays): the first copy now covers the whole run
                out.pop()
                self.kinds.pop()
                self.starts.pop()
                self.ends.pop()
                self.ends[-1] = b
                return
            if self.run_len > (2 if kind in "jl" else 1):
                self.ends[-1] = b
                return
        else:
            self.run_char = c
            self.run_len = 1
        out.append(c)
        self.kinds.append(kind)
        self.starts.append(a)
        self.ends.append(b)

    def extend_last(self, b: int) -> None:
        if self.ends:
            self.ends[-1] = max(self.ends[-1], b)


def _resolve_separators(builder: _Builder, seps: list[str], a: int, b: int, next_kind: str) -> None:
    prev_kind = builder.kinds[-1] if builder.kinds else ""
    dots = sum(1 for s in seps if s == ".")
    has_space = any(s.isspace() for s in seps)
    if prev_kind == "l" and seps[0] == "*":
        builder.emit("*", "p", a, b)  # f*** you: a masked English word, keep the mask
        if has_space:
            builder.emit(" ", "s", a, b)
    elif dots == 1 and has_space and seps[0] == ".":
        builder.emit(".", "p", a, b)  # "end. Next": a sentence boundary, not an obfuscation
        if "l" in (prev_kind, next_kind):
            builder.emit(" ", "s", a, b)
    elif dots >= 2 and not (prev_kind == "l" and next_kind == "l"):
        builder.emit("…", "p", a, b)
    elif prev_kind == "j" and next_kind == "j":
        return  # し ね, 殺.す: Japanese does not separate words
    elif prev_kind == "l" and next_kind == "l":
        builder.emit(" " if has_space else seps[0], "s", a, b)
    elif has_space and "l" in (prev_kind, next_kind):
        builder.emit(" ", "s", a, b)


def _build(text: str) -> _Builder:
    builder = _Builder()
    seps: list[str] = []
    sep_a = sep_b = 0
    for i, ch in enumerate(text):
        for c, kind in _fold(ch):
            if kind == "s":
                if not seps:
                    sep_a = i
                seps.append(c)
                sep_b = i + 1
                continue
            if kind == "c":
                if builder.out and builder.kinds[-1] == "j":
                    composed = unicodedata.normalize("NFC", builder.out[-1] + c)
                    if len(composed) == 1:
                        builder.out[-1] = composed
                        builder.run_char = ""
                builder.extend_last(i + 1)
                continue
            if seps:
                if builder.out:
                    _resolve_separators(builder, seps, sep_a, sep_b, kind)
                seps = []
            if c == "ー":
                builder.extend_last(i + 1)  # elongation: dropped, but quotes still cover it
                continue
            if c in _SMALL_VOWELS and builder.out and _VOWEL_OF.get(builder.out[-1]) == _SMALL_VOWELS[c]:
                builder.extend_last(i + 1)  # ねぇ → ね
                continue
            builder.emit(c, kind, i, i + 1)
    if seps and builder.out and seps.count(".") >= 2:
        builder.emit("…", "p", sep_a, sep_b)
    return builder


# Masked and romaji forms of the worst words, rewritten on the normalised text.
_MASKED = re.compile(r"(?<![0-9])4ね(?!ん)|(?<!〇)〇ね(?!ん)|たひ(?=ね|ん[でだじ])|氏(?=ね|ん[でだじ]|ぬ)")
_ROMAJI = re.compile(
    r"(?<![a-z])(korosu(?:zo)?|koroshi(?:te)?|korosi(?:te)?|shine(?:yo)?|baka|kuso|kimoi|uzai"
    r"|k ?o ?r ?o ?s ?u)(?![a-z])"
)
_ROMAJI_KANA = {
    "korosu": "ころす",
    "korosuzo": "ころすぞ",
    "koroshi": "ころし",
    "koroshite": "ころして",
    "korosi": "ころし",
    "korosite": "ころして",
    "shine": "しね",
    "shineyo": "しねよ",
    "baka": "ばか",
    "kuso": "くそ",
    "kimoi": "きもい",
    "uzai": "うざい",
}
_ALWAYS_ROMAJI = frozenset({"korosu", "korosuzo", "koroshite", "korosite", "shineyo"})
_HAS_JAPANESE = re.compile(r"[\u3041-\u309f\u4e00-\u9fff]")

# Leetspeak: a Latin token with a digit or symbol next to a letter, read back as a harm word.
_LEET_TOKEN = re.compile(r"(?<![a-z0-9@$])[a-z0-9@$!]{0,8}(?:[a-z][0-9@$!]|[0-9@$][a-z])[a-z0-9@$!]{0,8}")
_LEET = {"0": "o", "1": "il", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
_LEET_WORDS = frozenset(
    {
        *("kill", "kills", "killed", "killing", "murder", "shoot", "shot", "stab", "stabbed", "bomb"),
        *("bombs",),
        *("knife", "gun", "guns", "die", "dead", "death", "burn", "hurt", "beat", "punch", "torch", "choke"),
        *("strangle", "attack", "blood", "bleed", "slit", "you", "your", "u", "gonna"),
    }
)


def _deleet(token: str) -> str | None:
    """The harm word that `token` spells with digits or symbols for letters, if any (same length)."""
    words = [""]
    for ch in token:
        options = _LEET.get(ch, ch if ch.isalpha() else "")
        if not options:
            return None
        words = [w + o for w in words for o in options][:16]
    return next((w for w in words if w in _LEET_WORDS), None)


def _leet_edits(text: str) -> list[tuple[int, int, str]]:
    edits: list[tuple[int, int, str]] = []
    for m in _LEET_TOKEN.finditer(text):
        token = m.group().rstrip("!")
        word = _deleet(token) if len(token) >= 3 else None
        if word is not None:
            edits.append((m.start(), m.start() + len(token), word))
    return edits


def _rewrite(text: str, starts: list[int], ends: list[int], romaji: bool) -> tuple[str, list[int], list[int]]:
    edits: list[tuple[int, int, str]] = []
    for m in _MASKED.finditer(text):
        edits.append((m.start(), m.start() + (2 if m.group().startswith("たひ") else 1), "死"))
    edits.extend(_leet_edits(text))
    if romaji:
        kana = bool(_HAS_JAPANESE.search(text))
        for m in _ROMAJI.finditer(text):
            word = m.group(1).replace(" ", "")
            if kana or word in _ALWAYS_ROMAJI:
                edits.append((m.start(), m.end(), _ROMAJI_KANA[word]))
    if not edits:
        return text, starts, ends
    edits.sort()
    out: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    pos = 0
    for a, b, rep in edits:
        if a < pos:
            continue
        out.append(text[pos:a])
        new_starts.extend(starts[pos:a])
        new_ends.extend(ends[pos:a])
        out.append(rep)
        new_starts.extend([starts[a]] * len(rep))
        new_ends.extend([ends[b - 1]] * len(rep))
        pos = b
    out.append(text[pos:])
    new_starts.extend(starts[pos:])
    new_ends.extend(ends[pos:])
    return "".join(out), new_starts, new_ends


# A kanji that looks like a katakana letter, between katakana letters, is a masked letter (コ口ス → コロス,
# 工口 → エロ); between other characters it is the kanji (人口, 工場, 二台). One character for one, so the
# positions still map back to the original.
_LOOKALIKES = {"口": "ロ", "工": "エ", "力": "カ", "夕": "タ", "卜": "ト", "二": "ニ", "八": "ハ", "才": "オ"}
_LOOKALIKE = re.compile(r"(?<=[ァ-ヺｦ-ﾝ])[口工力夕卜二八才](?=[ァ-ヺｦ-ﾝー])")


def _unmask_lookalikes(text: str) -> str:
    if not any(ch in text for ch in _LOOKALIKES):
        return text
    return _LOOKALIKE.sub(lambda m: _LOOKALIKES[m.group()], text)


def normalize(text: str, *, romaji: bool = True) -> Normalized:
    """The normalised form of `text` for matching, with the map back to `text`."""
    builder = _build(_unmask_lookalikes(text))
    joined = "".join(builder.out)
    folded, starts, ends = _rewrite(joined, builder.starts, builder.ends, romaji)
    return Normalized(original=text, text=folded, starts=starts, ends=ends)


def fold(text: str, *, romaji: bool = True) -> str:
    """Only the normalised text (no position map)."""
    return normalize(text, romaji=romaji).text


def fold_pattern(pattern: str) -> str:
    """A regex written with katakana and ー rewritten into the normalised alphabet (hiragana, no ー)."""
    return kana_to_hiragana(pattern).replace("ー", "")


def fast_fold(text: str) -> str:
    """A cheap, position-losing fold (NFKC and lower case only) for prefiltering long texts."""
    return unicodedata.normalize("NFKC", text).lower()
