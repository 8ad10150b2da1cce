"""What makes a text a complaint: a problem with the service (by topic) and a proportionate demand."""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, rule

# Topic key → (Japanese label, English label), used in summaries and axis reasons.
TOPICS: dict[str, tuple[str, str]] = {
    "waiting": ("待ち時間", "long waiting time"),
    "attitude": ("接客態度", "staff attitude"),
    "explanation": ("説明・案内の不足", "lack of explanation"),
    "error": ("手違い・誤り", "a mistake"),
    "defect": ("商品・設備の不具合", "a defective product or facility"),
    "hygiene": ("衛生", "hygiene"),
    "billing": ("料金・請求", "billing"),
    "delay": ("遅延・未着", "delay or non-delivery"),
    "contact": ("連絡・電話対応", "no reply or unreachable phone line"),
    "safety": ("安全", "safety"),
    "facility": ("設備・環境", "facilities"),
    "privacy": ("プライバシー", "privacy"),
    "staff_conduct": ("職員・他の利用者の言動", "what staff or other people said or did"),
    "general": ("サービス全般", "the service"),
}

# Demand key → (Japanese label, English label).
DEMANDS: dict[str, tuple[str, str]] = {
    "refund": ("返金", "a refund"),
    "exchange": ("交換・修理", "an exchange or repair"),
    "apology": ("謝罪", "an apology"),
    "improvement": ("改善", "improvement"),
    "explanation": ("説明", "an explanation"),
    "correction": ("訂正・確認", "a correction or check"),
    "compensation": ("弁償", "compensation for damage"),
    "response": ("対応", "a response"),
}


# "There was no ~": plain and polite negatives, with the intensifiers that usually come with them.
_NONE = (
    r"(?:一切|全く|まったく|全然|ほとんど|何も|何の)?"
    r"(?:ない|なく|なかった|ありません|ありませんでした|ございません|無い|無く|無かった|なし)"
)


def _p(kind: str, ja: str, en: str = "", weight: float = 1.0, *, name: str = "") -> tuple[Rule, ...]:
    rules = [rule(name or f"problem_{kind}", "problem", kind, ja, weight, contextual=False, script="ja")]
    if en:
        rules.append(rule(f"problem_{kind}_en", "problem", kind, en, weight, contextual=False, script="en"))
    return tuple(rules)


def _d(kind: str, ja: str, en: str = "", weight: float = 1.0) -> tuple[Rule, ...]:
    rules = [rule(f"demand_{kind}", "demand", kind, ja, weight, contextual=False, script="ja")]
    if en:
        rules.append(rule(f"demand_{kind}_en", "demand", kind, en, weight, contextual=False, script="en"))
    return tuple(rules)


PROBLEM_RULES: tuple[Rule, ...] = (
    *_p(
        "waiting",
        r"待たされ|待たせ|待った|待ちました|待ち時間|待って(?:も|いる|います|た)|並(?:んだ|びました|ばされ)"
        r"|時間(?:が|も)?かか(?:る|った|りすぎ)|遅(?:い|すぎ|かった|く)|立ちっぱなし|待ってばかり"
        r"|待つばかり|混雑|混んで|満員",
        en=r"\b(?:waited|waiting|on hold|queue)\b|\bwait(?:ed)? (?:for|over)\b"
        r"|\bfor (?:over |more than |almost |nearly )?(?:\d+|an?|one|two|three|four|five|ten|twenty|thirty"
        r"|forty|fifty)"
        r" (?:minutes|hours?)\b",
    ),
    *_p(
        "attitude",
        r"態度|接客|言葉遣い|口調|無視(?:され|し)|無愛想|不愛想|不親切|失礼|横柄|高圧的|威圧的|乱暴|雑な"
        r"|ため息|嫌な顔|冷た(?:い|く|かった)"
        r"|突き放さ|邪険|ぞんざい|見下|引き止められ"
        r"|(?:馬鹿|ばか)に(?:され|して)|偉そう|怒鳴られ|怒られ|愛想|私語",
        en=r"\b(?:rude|attitude|ignored|dismissed|brushed off|belittled|dismissive|unhelpful|unprofessional"
        r"|shouted at|yelled at"
        r"|rolled (?:her|his) eyes"
        r"|threatened (?:me|us|my \w+))\b",
    ),
    *_p(
        "explanation",
        rf"(?:説明|案内|アナウンス|連絡|報告|謝罪|お詫び|返答|回答)(?:が|も|は)?{_NONE}"
        r"|説明(?:が|も)?(?:不足|不十分|足り|されず|されな)|案内(?:が|も)?(?:不足|わかりにく|分かりにく)"
        r"|わかりにく|分かりにく|聞き取れ(?:ない|ず|なかった|ません)|二転三転|たらい回し"
        r"|説明が(?:毎回)?違|一方的",
        en=r"\b(?:no explanation|didn't explain|did not explain|no announcement|nobody told|no one told)\b",
    ),
    *_p(
        "error",
        r"間違|まちがい|誤(?:り|っ|字|配|送)|ミス|違う(?:料理|商品|薬|もの)|と違(?:う|い)|漏れ|通っていな"
        r"|ダブルブッキング|紛失"
        r"|なくされ|失くされ|消えて|忘れられ|(?:渡し|入れ|伝え|出し)忘れ"
        r"|(?:サイズ|色|数|量|個数|品|中身|枚数)(?:が|の)?違|(?:期限|賞味期限|消費期限)(?:が)?切れ",
        en=r"\b(?:wrong|mistake|error|incorrect|expired)\b|\b(?:billed|charged)\b[^.!?]{0,50}\bnever\b",
    ),
    *_p(
        "defect",
        r"壊れ|こわれ|故障|不具合|不良|破損|傷(?:だらけ|が|つ|を)|欠け|剥がれ|動かな|つながらな|繋がらな|使えな|へこみ|凹み|ひび",
        en=r"\b(?:broken|damaged|defective|faulty|not working|doesn't work|scratched|dented|snapped|cracked"
        r"|exposed wiring)\b",
    ),
    *_p(
        "hygiene",
        r"汚(?:い|れ|かった)|不衛生|髪の毛|異物|虫が|カビ|臭(?:い|かった)|におい|タバコ臭|ほこり|ごみが"
        r"|ゴミが",
        en=r"\b(?:dirty|filthy|smell\w*|hair in|bug in)\b",
    ),
    *_p(
        "billing",
        r"請求(?:され|が)|料金(?:が)?(?:高|違|倍|間違|二重)|二重(?:に)?請求|お釣り|おつり|釣り銭|差額"
        r"|取られ|多く(?:払|請求)|(?:見積|予定|表示|提示|案内)(?:もり|された|の)?(?:額|金額|料金)?(?:の|より)(?:倍|高)"
        r"|倍になって|高すぎ",
        en=r"\b(?:overcharged|charged (?:twice|me)|double[- ]charged|charge for)\b",
    ),
    *_p(
        "delay",
        r"遅延|遅れ|運休|運転(?:を)?見合わせ|止ま(?:った|りました|って|る)|来(?:ない|なかった|ず"
        r"|て(?:いない|いません|ない))(?!か)|届(?:かない|いていない"
        r"|いていません|かなかった|きません)(?!か)"
        r"|こない(?!か)",
        en=r"\b(?:late|delay(?:ed)?|cancel(?:led|ed)?|never arrived|didn't arrive|not delivered|missed)\b",
    ),
    *_p(
        "contact",
        r"連絡(?:が|も)?(?:ない|なく|なかった|ありません|来ない)|返信(?:が|も)?(?:ない|なく)|返事(?:が"
        r"|も)?(?:ない|なく|ありません)"
        r"|折り返し(?:が)?(?:ない|なく)|電話(?:が|も)?(?:全然)?(?:つながら|繋がら)|切られ",
        en=r"\b(?:(?:no one|nobody) (?:has |have )?(?:answers|answered|called|replied|contacted)|hung up"
        r"|no reply)\b",
    ),
    *_p(
        "safety",
        r"危な|危険|けが|怪我|転倒|転ん|転び|やけど|つまず|安全|あざ|腫れ|出血|体調を崩",
        en=r"\b(?:unsafe|dangerous|injur\w*|hurt|fell|safety|wet floor"
        r"|(?:slipped|tripped|slipping|tripping) (?:on|over))\b",
    ),
    *_p("privacy", r"プライバシ|個人情報|大声で(?:言|病名)", en=r"\bprivacy\b"),
    # Harm done to the writer, in the passive: 車に当てられ, 押されて転んだ, 荷物を濡らされ.
    *_p(
        "staff_conduct",
        r"(?:当て|ぶつけ|押さ|突き飛ばさ|蹴ら|殴ら|叩か|はね|轢か|踏ま|噛ま|傷つけ|壊さ|汚さ|濡らさ|こぼさ|落とさ"
        r"|盗ま|走り去|置き去りにさ|閉じ込め)られ",
        en=r"\b(?:hit|bumped|pushed|shoved|kicked|struck|bitten|scratched|dented) (?:me|my|by)\b",
    ),
    *_p("privacy", r"勝手に", weight=0.5, name="problem_privacy_unasked"),
    *_p(
        "facility",
        r"狭(?:い|く|すぎ)|暑(?:い|く(?!なって|なり)|すぎ)|寒(?:い|く(?!なって|なり)|すぎ)|暗(?:い|く)|不便|使いにく|段差|(?:効いて"
        r"|機能して)(?:おらず|いない|いなかった|ない)",
    ),
    *_p(
        "general",
        r"最悪|ひどい|酷い|ひど(?:かった|すぎ)|不快|残念|がっかり|腹が立|腹立|頭にき|むかむか|むか(?:つ|っ)"
        r"|イライラ|納得(?:でき|いか|いきません)"
        r"|許せな|信じられな|あり得な|ありえな|不満|困って|困りま|困る|迷惑|二度と|嫌な思い|傷つ|恥ずかし"
        r"|怖かった|怖い|こわい|不安|気味が悪|怒り|憤り|憤慨|複雑すぎ|複雑です|面倒|煩雑"
        r"|おかしい|不当|不公平|理不尽|ふざけ|いい加減|疑問|苦情|クレーム|抗議|被害|意味が(?:ない"
        r"|ありません)|断られ"
        r"|て(?:くれ|もらえ|いただけ)(?:ない|なかった|ません|ず)|(?:予約|席|連絡)が?取れ(?:ない|ず|なかった"
        r"|ません)|進ま(?:ない|ず)|進みません"
        r"|弁護士に相談|消費者(?:センタ|庁)|法的(?:措置|手段)|訴え(?:ます|る)",
        en=r"\b(?:consumer affairs|lawyer|sue|not acceptable|worst|terrible|awful|horrible|poor|bad"
        r"|disappoint\w*|unacceptable|ridiculous|upset"
        r"|angry|frustrat\w*|annoyed|never (?:coming|come|going) back|complain\w*|shocked|wasted|killing me"
        r"|noisy|lost|skipped"
        r"|locked)\b",
    ),
    # Weak grievance markers: 〜のに (even though), failed expectations (〜ませんでした),
    # いつになったら, 〜すぎ, 〜させられ (made to do).
    *_p(
        "grievance",
        r"のに(?!は)|(?:ませんでした|なかった|ていません|ていない|てない|ておらず)(?!か)|いつになったら"
        r"|すぎ(?:ます|ました|る|た)"
        r"|させられ|(?:と|って|ように)言われ",
        weight=0.5,
    ),
)

DEMAND_RULES: tuple[Rule, ...] = (
    *_d("refund", r"返金|払い戻|返して", en=r"\brefund\w*\b"),
    *_d("exchange", r"交換|返品|修理|補修", en=r"\b(?:replacement|replace|exchange|repair)\b"),
    *_d("apology", r"謝罪|謝って|詫び", en=r"\bapolog\w+\b"),
    *_d(
        "improvement",
        r"改善|見直|再発防止|指導|教育|徹底|対策|増便|増発|増員|増やして|減らして",
        en=r"\b(?:improve\w*|fix|talk to)\b",
    ),
    *_d(
        "explanation",
        r"説明(?:して|を(?:求め|して|お願い)|してください|してほしい)|教えてください",
        en=r"\b(?:explain|explanation)\b",
        weight=0.7,
    ),
    *_d(
        "correction",
        r"確認して|調べて|訂正|直して|元に戻|削除|事実確認",
        en=r"\b(?:correct|look into|sort (?:this|it) out)\b",
        weight=0.7,
    ),
    *_d("compensation", r"弁償|差額", en=r"\bcompensat\w*\b", weight=0.7),
    *_d(
        "response",
        r"対応して(?!くださっ|くれ(?:て|た)|いただ(?:い|き)|もらっ)|してほしい|して欲しい|してください(?!っ)|して下さい(?!っ)|いただきたい|お願いします|お願いいたします"
        r"|求めます|要望|ほしかった|ほしいです|べき(?:です|だ|では|でしょう)"
        r"|(?:いただけると|いただければ|もらえると|もらえれば)(?:助かり|ありがた|幸い|嬉しい|うれしい)",
        en=r"\b(?:please|i want|i expect|i would like|i'd like|should|must|need to)\b",
        weight=0.5,
    ),
)

COMPLAINT_RULES: tuple[Rule, ...] = PROBLEM_RULES + DEMAND_RULES
