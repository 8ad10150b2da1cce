"""Aggressive register: the tone of abuse and intimidation when no listed insult is used.

Each cue is weak on its own (a rough imperative can end an angry but legitimate complaint); together,
or with another cue, they make the means unacceptable: お前ら税金で食ってるんだろ？公務員のくせに俺の言う通り
にしろよ. Commanding obedience (言う通りにしろ, 口答えするな) is enough on its own.

English aggression, one cue per construction, counted once as `aggression_en`: "the dumbest people", "ignorant
fools" (`aggression_fools_en`), "shut up" (`aggression_shut_up_en`), "absolutely useless", "who hired you",
"even a child could", "do your job" (`aggression_incompetence_en`), "I hope you get fired", "I hope your shop
goes bust" (`aggression_hope_ruin_en`), "a disgrace" (`aggression_disgrace_en`).
"""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, cue

_STOP = r"(?=[\s。、!?…」』)]|$)"

AGGRESSION: tuple[Rule, ...] = (
    cue(
        "obey",
        "intimidation",
        r"言う(?:通り|とおり)にしろ|言うこと(?:を)?聞け|口を開くな|言われたこと(?:だけ)?(?:を)?やれ|黙れ(?=[。!\s]|$)|いうこと(?:を)?きけ|口答え(?:する"
        r"|すんな)|黙って(?:従|聞"
        r"|言うこと|謝)|(?:俺|私|わし|客)(?:の|が)(?:言う|言って)ることが(?:正しい|絶対)",
    ),
    # ...and the regional rude "you": Hiroshima おどれ / わりゃ, Kansai おんどれ.
    cue(
        "you_rude",
        "verbal_abuse",
        r"お前|おまえ|おめえ|お宅ら|おたくら|あんたら|てめえら|おどれ|おんどれ|わりゃ|おどりゃ",
        0.4,
    ),
    cue("yagaru", "verbal_abuse", r"(?:し|い|て|っ|れ|け|め|き|ち|ね|べ|せ|え)やが(?:って|る|れ)", 0.5),
    cue(
        "rough_imperative",
        "intimidation",
        rf"(?:しろ|しとけ|しておけ|してろ|しやがれ|せえ|やれ|来い|こい|謝れ|出せ|払え|辞めろ|やめろ|黙れ|答えろ"
        rf"|差し出せ|持ってこい|送ってこい|用意しとけ|待っとけ|待ってろ|すんな|するな)(?:よ|や|や!)?{_STOP}",
        0.4,
    ),
    cue(
        "rough_ending",
        "verbal_abuse",
        rf"(?:だろうが|んだよ|じゃねえ(?:の|よ|か)?|ねえよ|ねーよ|んじゃねえ|だろ|だぞ|だからな|かよ|ちゃうか)"
        rf"{_STOP}",
        0.3,
    ),
    cue(
        "like_you",
        "verbal_abuse",
        r"(?:お前|おまえ|てめえ|あんた|貴様)(?:ら)?(?:みたいな|のような|なんか)",
        0.5,
    ),
    cue(
        "faculties",
        "verbal_abuse",
        r"(?:耳|目|頭|脳みそ|脳)(?:が)?(?:ついて|付いて|あって|ある)(?:ん|る)の?(?:か|かよ)|言わせんな|言わせんだ",
    ),
    # Storming in: 本社に乗り込むぞ (the intimidation; 殴り込み is a threat, in `threat_grammar`).
    cue(
        "storm",
        "intimidation",
        r"(?:本社|店|会社|役所|窓口|病院|事務所|支店)(?:に|へ|まで)(?:乗り込|のりこ|押しかけ|おしかけ)"
        r"(?:む|んで|んでやる|みに)(?:ぞ|から|やる|行く|わ|。|$)?",
    ),
    cue(
        "assemble",
        "intimidation",
        r"(?:責任者|上の者|上司|幹部|関係者|担当者)(?:を)?(?:全員|みんな)(?:を)?(?:そろえ|揃え|集め|並べ|出せ)",
    ),
    cue("age_jibe", "verbal_abuse", r"いい(?:歳|年|とし)(?:を)?して", 0.6),
    cue(
        "vocative",
        "verbal_abuse",
        r"(?:、|!|\s)(?:おっさん|おばはん|ばばあ|じじい|ねえちゃん|にいちゃん|小僧|ガキ|おばさん)(?=[。!?\s]|$)",
        0.5,
    ),
    cue(
        "contempt",
        "verbal_abuse",
        r"頭(?:が)?空っぽ|(?:小学校|小学生|中学|幼稚園|保育園)(?:から)?やり直せ|親の顔が見てみたい|親の顔が見たい"
        r"|(?:学習能力|知能|脳みそ|脳)(?:が)?(?:ゼロ|皆無|ない(?:の|な|んだ)|低)|本当かどうか(?:は)?知ら(?:ん|ない|ねえ)",
    ),
    cue(
        "contempt_weak",
        "verbal_abuse",
        r"給料(?:を)?いくら(?:もらって|貰って)|(?:そんな|こんな|その程度の)仕事で",
        0.5,
    ),
    cue("kuse_any", "verbal_abuse", r"のくせに|のくせして|ごときが|風情が", 0.6),
    cue(
        "insult_extra",
        "verbal_abuse",
        r"がき(?:が|ども|みたいな)|小娘|こむすめ|ぶさいく|不細工|ブサ(?:イク|い)|地獄に落ちろ|脳死|ぼったくり(?:店員|野郎|ども)"
        r"|頭(?:が)?(?:わいて|おかしいんじゃ)|使えん(?:やっちゃ|奴|やつ)|能無し|無能すぎ",
    ),
    cue(
        "threatening_warn",
        "intimidation",
        r"(?:で|では|じゃ)(?:済|す)むと思(?:うな|ってん|ってる|ってんの)|(?:済|す)まさ(?:ない|ねえ|ん)(?:ぞ|から|よ)",
        0.7,
    ),
    cue(
        "aggression_fools_en",
        "verbal_abuse",
        r"\b(?:the )?(?:dumbest|stupidest|most incompetent|thickest) (?:person|people|idiot|staff|bunch)\b"
        r"|\b(?:illiterate|ignorant) (?:fools?|idiots?|morons?|people)\b"
        r"|\bfools\b",
        kind="aggression_en",
    ),
    cue(
        "aggression_shut_up_en", "verbal_abuse", r"\bshut (?:up|your (?:mouth|trap))\b", kind="aggression_en"
    ),
    cue(
        "aggression_incompetence_en",
        "verbal_abuse",
        r"\b(?:absolutely|completely|totally|utterly) useless\b"
        r"|\bwho hired (?:you|her|him|these)\b"
        r"|\bbrain[- ]dead\b"
        r"|\beven a (?:child|monkey|toddler) could\b"
        r"|\bdo your (?:damn |fucking )?job\b"
        r"|\bhow (?:stupid|dumb|incompetent) (?:are|can)\b",
        kind="aggression_en",
    ),
    cue(
        "aggression_hope_ruin_en",
        "verbal_abuse",
        r"\bi hope (?:you|they|she|he)(?: all)? (?:lose|get fired|rot|suffer|go bankrupt|die)\b"
        r"|\bi hope (?:your|this|that) (?:\w+ )?(?:shop|store|business|restaurant|company|place|cafe|bar"
        r"|salon)"
        r" (?:goes (?:bust|under|bankrupt)|closes down|shuts down|fails|rots)\b",
        kind="aggression_en",
    ),
    cue(
        "aggression_disgrace_en",
        "verbal_abuse",
        r"\b(?:an? )?(?:absolute|utter|total|complete)? ?disgrace\b",
        kind="aggression_en",
    ),
)
