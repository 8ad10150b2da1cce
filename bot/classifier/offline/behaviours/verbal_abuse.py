"""Verbal abuse (暴言型): insults, 死ね and its masked forms, looks (discrimination: `discrimination`).

English insults, one cue per construction, counted once as `insult_en`: a name called
(`insult_name_called_en`), "f off" (`insult_f_off_en`), "you are trash" (`insult_you_are_en`), "stupid cow"
(`insult_adjective_noun_en`), "drop dead" (`insult_drop_dead_en`), "your staff are subhuman"
(`insult_subhuman_en`), "go to hell", "kill yourself" (`insult_go_die_en`).
"""

from __future__ import annotations

from bot.classifier.normalize import MAX_SPACE_RUN
from bot.classifier.offline.rules import Rule, cue
from bot.classifier.offline.vocabulary import END, STAFF, YOU

VERBAL_ABUSE: tuple[Rule, ...] = (
    cue(
        "die",
        "verbal_abuse",
        r"死ね(?!な|る|ない|ず)|死んで(?:しまえ|くれ|ください|ほしい|詫び)|死んじまえ|しんじまえ",
    ),
    # しね only where it cannot be ですしね / 少しね: at a start, after punctuation, or after a target word.
    # The literal comes first and the context is checked behind it, which is much faster to scan.
    cue(
        "die_kana",
        "verbal_abuse",
        r"しね(?![んまえ])(?:(?<![^\s。、!?…」』)〇員師者長医]しね)|(?<=てめえしね)|(?<=てめしね)"
        r"|(?<=おまえしね)|(?<=お前しね)"
        r"|(?<=あんたしね)|(?<=もうしね)|(?<=早くしね)|(?<=さっさとしね))",
    ),
    cue(
        "vanish",
        "verbal_abuse",
        r"くたば(?:れ|っちまえ|りやがれ)|消え(?:ろ|うせろ|失せろ)|(?<!見)失せろ|うせろ|(?:消えて"
        r"|いなくなって)(?:しまえ|ほしい|くれ)"
        r"|潰れ(?:ちまえ|ろ|てしまえ)|辞めちまえ|やめちまえ",
    ),
    cue(
        "fool",
        "verbal_abuse",
        r"(?<!ばか)(?:馬鹿|ばか)(?!り|ばかし|しい|し[くさ]|げ|にされ|にし|にする|にすん|な(?:こと|話|真似)"
        r"|正直|丁寧|らし|でか|高|売れ"
        r"|みたいに)"
        r"|(?<![さまかたなはやらわあ])あほ(?!らし)|阿呆|まぬけ|間抜け|のろま|うすのろ|能無し|のうなし"
        r"|役立たず|やくたたず"
        r"|無能(?!力)|低能|ぽんこつ|脳みそ(?:が)?(?:腐|入って|ない|空っぽ|足りな)|給料(?:を)?もらう資格"
        r"|ぼけ(?![てたっつ])|ボケ(?:老人|が)",
    ),
    cue(
        "trash",
        "verbal_abuse",
        rf"(?:人間の|この|{YOU}(?:は|なんか|みたいな|ら)?|{STAFF}(?:は|が|ども|共|なんか)?(?:全員|みんな|皆|どいつもこいつも)?)(?:くず|屑"
        rf"|ごみ|かす)"
        r"|(?:くず|屑|ごみ|かす)(?:店員|職員|野郎|やろう|共|ども|会社|人間|医者|看護師|運転手|駅員|だな|店(?!舗)|屋(?!さん|敷)"
        r"|すぎ|以下|みたい)"
        rf"|(?:くず|ごみ|かす)が{END}|屑|くそ(?:店員|野郎|やろう|じじい|ばばあ|女|男|医者|会社|ども)",
    ),
    cue(
        "looks_insult",
        "verbal_abuse",
        r"(?<![あかたなまらわさ])ぶす(?!っ|ぶす|り|く)|でぶ|はげ(?!し|た|て|る|ま|落|しい)|禿げ?(?!し)|じじい"
        r"|ばばあ"
        r"|きも(?:い|っ|すぎ|いんだよ)|気持ち悪い(?:店員|奴|やつ|男|女|じじい|ばばあ)|うざ(?:い|っ|え|すぎ"
        r"|ったい)|うぜ(?!ん)",
    ),
    cue("thief", "verbal_abuse", r"給料泥棒|税金泥棒|穀潰し|ごくつぶし"),
    # Regional words for a fool: Nagoya たわけ / このたーけ, Kansai あほんだら, Okayama あんごう, Hokkaido
    # たくらんけ, はんかくさい (not 竹: このたけのこ).
    cue(
        "fool_dialect",
        "verbal_abuse",
        r"(?:ど)?たわけ|(?<=この)たけ(?=が|[。!\s]|$)|あほんだら|ほんだら(?=が|[。!、\s]|$)|あんぽんたん|あんごう(?=が|[。!、\s]|$)"
        r"|たくらんけ|はんかくさい|ぼけなす|ぼけかす|だらず(?=が|[。!、\s]|$)",
    ),
    # A bare insult word as a sentence of its own or a vocative:
    # 二度と顔見せるな、ゴミ / 言い訳すんなカス / ゴミカス
    # (not 店の前にゴミ、 / ゴミの分別 / 箱にゴミが入っていた).
    cue(
        "insult_word",
        "verbal_abuse",
        r"(?:^|(?<=[、!\s])|(?<=んな)|(?<=るな)|(?<=ぞ))(?:ごみ|くず|かす|くそ)(?:かす|くず|ども|野郎|やろう|め|が)?"
        r"(?=[!。?\s…]|$)",
    ),
    cue(
        "never_show",
        "verbal_abuse",
        r"二度と(?:その|あんたの|お前の|おまえの|てめえの|貴様の)?(?:顔|つら|面)(?:を)?(?:見せ|出さ|出す)(?:る|ん)?な",
    ),
    # Wishing the business ruin: おたくの店、潰れればいいのに (not 潰れたら困ります).
    cue(
        "ruin_wish",
        "verbal_abuse",
        r"(?:潰れ|つぶれ)(?:れば|たら|ちまえば|てしまえば|ちゃえば)(?:いい|良い)|(?:倒産|閉店|廃業)(?:すれば|したら"
        r"|しちまえば|してしまえば|しちゃえば)(?:いい|良い)|(?:潰れ|つぶれ|倒産し)て(?:ほしい|欲しい)",
    ),
    cue(
        "mad",
        "verbal_abuse",
        r"頭(?:が)?(?:おかしい|悪い|悪す|わるい|沸いて|湧いて|大丈夫か)|(?:気|き)が(?:狂|くる)って",
        0.7,
    ),
    cue("kuse", "verbal_abuse", rf"{STAFF}のくせに", 0.6),
    cue("rude_pronoun", "verbal_abuse", r"てめえ|てめぇ|貴様|きさま|手前ら", 0.5),
    cue("arrogant", "verbal_abuse", r"生意気|なまいき|何様|なにさま", 0.5),
    cue("vulgar", "verbal_abuse", r"くそ|クソ|糞", 0.3),
    cue("stupid_en", "verbal_abuse", r"\b(?:stupid|dumb|pathetic)\b", 0.5),
    cue("swear_en", "verbal_abuse", r"\b(?:fuck\w*|shit\w*|damn)\b", 0.4),
    cue(
        "insult_name_called_en",
        "verbal_abuse",
        r"\b(?:idiots?|morons?|imbeciles?|retard(?:ed|s)?|bitch(?:es)?|bastards?|assholes?|dickheads?"
        r"|cunts?|whores?|sluts?"
        r"|scum(?:bags?)?|dumbass|jackass|losers?|brainless|clowns?|dimwits?|halfwits?|numbskulls?"
        r"|buffoons?|muppets?)\b",
        kind="insult_en",
    ),
    cue(
        "insult_f_off_en",
        "verbal_abuse",
        r"\bf+[*u]+c*k+(?:ing)?\s+(?:you|off|u)\b"
        r"|\bf\*+\s+(?:you|off)\b"
        r"|\bstfu\b",
        kind="insult_en",
    ),
    cue(
        "insult_you_are_en",
        "verbal_abuse",
        r"\b(?:you|ur|you people|you guys)\s+(?:are|r)?\s*(?:(?:a|an|such|so|absolute|complete|total"
        r"|useless|pathetic|stupid)\s+){0,3}"
        r"(?:garbage|trash|idiots?|morons?|useless|pathetic|stupid|scum|worthless|losers?|pigs?|animals"
        r"|a joke)\b",
        kind="insult_en",
    ),
    cue(
        "insult_adjective_noun_en",
        "verbal_abuse",
        r"\b(?:useless|stupid|dumb|worthless|pathetic|fat|ugly|lazy|disgusting|filthy)\s+(?:idiot|moron"
        r"|bitch|cow|pig|woman|man"
        r"|girl|guy|clerk|nurse"
        r"|driver|staff|employee|cashier|receptionist|waitress|waiter|doctor)\b",
        kind="insult_en",
    ),
    cue(
        "insult_drop_dead_en",
        "verbal_abuse",
        # Drop dead said to someone, not drop-dead gorgeous nor a film title.
        # (Spaces bounded as the normalised text bounds them: `\s*` from every newline of a long run would
        # cost quadratic time.)
        rf"(?:^|(?<=[.!?,\n])\s{{0,{MAX_SPACE_RUN}}}|\b(?:just|go|please|you can|you should|why don't you"
        r"|hope (?:you|they|he"
        r"|she)"
        r"|and) )drop dead\b(?!\s+(?:gorgeous|beautiful|stunning|handsome|sexy|funny|brilliant|easy|simple"
        r"|good"
        r"|fred))"
        r"|\bdrop dead(?=\s*(?:[,.!?]|$|all of you\b|you\b))",
        kind="insult_en",
    ),
    cue(
        "insult_subhuman_en",
        "verbal_abuse",
        # A whole staff called vermin: your staff are subhuman trash.
        r"\b(?:your|the|these|those|all (?:of )?(?:your|the)) (?:staff|employees|workers|people|cashiers"
        r"|nurses"
        r"|waiters|waitresses|drivers|clerks|team)(?: are|'re| is)? (?:\w+ ){0,2}?(?:trash|garbage|scum"
        r"|animals"
        r"|pigs|idiots|morons|subhuman|vermin|rats|parasites|cockroaches)\b"
        r"|\bsubhuman\b",
        kind="insult_en",
    ),
    cue(
        "insult_go_die_en",
        "verbal_abuse",
        r"\bgo to hell\b"
        r"|\b(?:go|just|you should|hope you|i hope you|drop) die\b"
        r"|\bkill yourself\b"
        r"|\bkys\b",
        kind="insult_en",
    ),
    cue(
        "braindead_en",
        "verbal_abuse",
        r"\b(?:brain-?dead|dumbest|moronic|imbeciles?|halfwits?|numbskulls?)\b",
    ),
    # Useless, brainless, in any dialect: 役さ立たねな, 頭わりんでねが, 頭悪いんか.
    cue(
        "useless",
        "verbal_abuse",
        r"(?:頭|脳みそ)(?:が)?(?:わり|悪|おかし)(?:い|ぃ|ん|な|ぃな)|役(?:さ|に)?立た(?:ねえ|ね|ん|ない)(?:な|のう|ね|やつ)",
        0.8,
    ),
)
