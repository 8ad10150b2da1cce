"""Pieces shared by the behaviour-type lexicons: staff words, rude pronouns, the web, a rule maker."""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, rule

NO_SENT = r"[^。!?\n]"
# A number written in digits or kanji, tried only from its first character: a match from a later one is
# the same match shifted (and never the leftmost), and trying every start of a long run costs quadratic
# time.
DIGITS = r"(?<!\d)\d+"
KANJI_DIGITS = r"(?<![二三四五六七八九十百千])[二三四五六七八九十百千]+"
STAFF = (
    r"(?:店員|スタッフ|従業員|職員|係員|駅員|車掌|運転手|運転士|乗務員|看護師|看護婦|ナース|医師|医者|先生"
    r"|受付"
    r"|警備員|店長|担当者?|オペレータ|社員|バイト|レジ|窓口)"
)
YOU = r"(?:お前|おまえ|てめえ|てめ|あんた|貴様|きさま|こいつ|あいつ|そいつ)"
NET = (
    r"(?:ネット|インターネット|sns|ツイッタ|twitter|インスタ|instagram|tiktok|ユーチューブ|youtube|掲示板"
    r"|口コミ|クチコミ|くちこみ|レビュ|食べログ|グーグル|google|ブログ|まとめサイト|フェイスブック|facebook)"
)
END = r"(?=[\s。、!?…」』)]|$)"


def cue(name: str, category: str, pattern: str, weight: float = 1.0) -> Rule:
    return rule(name, category, name, pattern, weight)
