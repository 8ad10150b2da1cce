"""Two scans beside the threat rules: weapon emoji with a target, and a cheap prefilter for long tails."""

from __future__ import annotations

import re

from bot.classifier.normalize import WEAPON_EMOJI
from bot.classifier.offline.rules import Hit, Rule

# A weapon emoji is a threat only with a target or an intimidating word next to it (🔪 alone is not).
_EMOJI_TARGET = re.compile(
    r"お前|おまえ|てめ|あんた|貴様|きさま|店員|職員|担当|あいつ|店|家|待って|行く|いく|覚えて|夜道|殺|ころ|死"
    r"|\b(?:you|your|u|staff|clerk|nurse|driver|manager|kill|die|coming)\b"
)
_EMOJI_RULE = Rule("weapon_emoji", "threat", "body", re.compile("[" + "".join(sorted(WEAPON_EMOJI)) + "]"))


def emoji_threat_hits(text: str) -> list[Hit]:
    """Weapon emoji that come with a target or an intimidating word."""
    m = _EMOJI_RULE.regex.search(text)
    if m is None or not _EMOJI_TARGET.search(text):
        return []
    return [Hit(_EMOJI_RULE, m.start(), m.end())]


# Cheap stems for scanning the tail of very long texts (on `fast_fold` output: NFKC and lower case only,
# so katakana forms are listed too) before a full analysis. `str.find` is much faster than a regex here.
TAIL_STEMS: tuple[str, ...] = (
    *"殺刺殴燃火爆晒命拡住払〇○●◯",
    *WEAPON_EMOJI,
    *(
        "ころ",
        "コロ",
        "さら",
        "サラ",
        "待ち伏",
        "つけ",
        "ツケ",
        "拉致",
        "誘拐",
        "夜道",
        "家族",
        "振り込",
        "口止",
    ),
    *("ぼこ", "ボコ", "ナイフ", "包丁", "刃物", "しね", "シネ", "しば", "シバ", "壊", "割", "襲", "拉致"),
    *(
        "気をつけ",
        "気を付け",
        "気ぃ",
        "知って",
        "分かって",
        "わかって",
        "調べ",
        "把握",
        "見て",
        "血",
        "地獄",
        "消えて",
    ),
    *("いてこま", "どつ", "突っ込", "熱湯", "尾行", "探し"),
    *(
        "kill",
        "shoot",
        "stab",
        "burn",
        "bomb",
        "fire",
        "live",
        "follow",
        "pay",
        "knife",
        "gun",
        "dox",
        "family",
    ),
    *("watch", "korosu", "hunt", "beat", "smash", "address", "catch", "hurt", "brick", "unfortunate"),
)


def tail_may_threaten(folded: str) -> bool:
    """Whether a chunk is worth a full threat analysis."""
    return any(stem in folded for stem in TAIL_STEMS)
