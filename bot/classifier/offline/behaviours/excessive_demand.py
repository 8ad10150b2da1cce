"""Excessive demands (過剰要求): 土下座, firing staff, free things for life, written apologies."""

from __future__ import annotations

from bot.classifier.offline.behaviours.shared import NO_SENT, STAFF, cue
from bot.classifier.offline.rules import Rule

EXCESSIVE: tuple[Rule, ...] = (
    cue(
        "dogeza",
        "excessive_demand",
        r"土下座|どげざ|膝をつ|ひざをつ|ひざまず|跪|額を(?:床|地面)|頭を(?:床|地面)に",
    ),
    cue(
        "dismissal",
        "excessive_demand",
        r"(?:首|くび)(?:に|を)(?:しろ|しなさい|して(?:ほし|くだ|もら|いただ)|切れ|きれ|飛ばせ|とばせ)"
        r"|(?:解雇|懲戒|くび)(?:に)?(?:しろ|しなさい|させろ|させて|して(?:ほし|くだ|もら|いただ)|を(?:求め"
        r"|要求)|処分に)"
        r"|辞めさせ(?:ろ|て(?:ほし|くだ|もら|いただ)|なさい|るべき|てやる)"
        rf"|(?:全員|担当者|店長|あいつ|あの{STAFF}){NO_SENT}{{0,2}}?(?:を|は)?(?:辞め|やめ)(?:させ|ろ)",
    ),
    cue(
        "sincerity",
        "excessive_demand",
        r"(?:誠意|せいい)(?:を)?(?:見せ|みせ)(?:ろ|て(?:もら|ほし|くだ|いただ)|なさい|よ)|誠意(?:って"
        r"|とは)[^。!?\n]{0,6}?(?:わか|分か)"
        r"|誠意だよ",
    ),
    cue(
        "free",
        "excessive_demand",
        r"(?:一生|永久|永遠に|ずっと|今後)[^。!?\n]{0,4}?(?:無料|タダ|ただ(?:に|で))|(?:全部|全品|全て"
        r"|すべて)(?:を)?(?:無料|タダ|ただ)(?:に|で)"
        r"|(?:\d+|十|数十|何十)(?:個|台|枚|人分|倍)(?:を|も|分)?(?:無料|タダ|ただ)",
    ),
    cue(
        "written",
        "excessive_demand",
        r"(?:念書|誓約書|始末書|一筆)[^。!?\n]{0,6}?(?:書け|書いて|書かせ|よこせ|出せ|提出し|持って)"
        r"|謝罪文[^。!?\n]{0,10}?(?:ホームページ|hp|ウェブ|web|サイト|新聞|ネット|店頭|掲示|掲載|公開"
        r"|張り出)",
    ),
    cue(
        "top_apology",
        "excessive_demand",
        r"(?:社長|会長|院長|市長|役員|理事長|本社の人間|支店長)(?:が|に|を)?[^。!?\n]{0,8}?(?:謝罪|謝り"
        r"|あやまり|頭を下げ|詫び)"
        r"[^。!?\n]{0,4}?(?:に来|来|させ|すべき|するべき|しろ|しに)",
    ),
    cue("nuisance_fee", "excessive_demand", r"迷惑料"),
    cue(
        "in_person",
        "excessive_demand",
        r"(?:直々|じきじき|自ら)に?[^。!?\n]{0,6}?(?:謝罪|謝り|頭を下げ|詫び)に(?:来|こ)",
    ),
    cue(
        "excessive_en",
        "excessive_demand",
        r"\b(?:on (?:your|his|her|their) knees|kneel(?:s|ing)?\b|get on (?:your|his"
        r"|her|their) knees|bow down)\b"
        r"|\b(?:fire|sack) (?:her|him|them|that \w+|the \w+|this \w+)\b|\b(?:get|have) (?:her|him|them"
        r"|the \w+|that \w+) (?:fired|sacked)\b"
        r"|\b(?:be|is|are|gets?) (?:fired|sacked|dismissed)\b|\bdismissed immediately\b"
        r"|\b(?:want|need|expect|demand)\b[^.!?]{0,30}\b(?:fired|sacked|dismissed)\b"
        r"|\bfree (?:\w+ )?(?:for life|forever)\b|\blifetime (?:free|supply|membership)\b"
        r"|\bfor free forever\b",
    ),
)
