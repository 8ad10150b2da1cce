"""Excessive demands (過剰要求): 土下座, firing staff, free things for life, written apologies.

English, one cue per construction, counted once as `excessive_en`: "on your knees" (`excessive_kneel_en`),
"fire her" (`excessive_fired_en`), "free for life" (`excessive_free_forever_en`), "she should lose her job"
(`excessive_job_lost_en`), "suspend him" (`excessive_suspended_en`), "the whole staff should apologise"
(`excessive_all_apologise_en`); and as `disproportionate_en`: "refund me ten times"
(`disproportionate_multiple_refund_en`), "a year of free service" (`disproportionate_free_for_years_en`), "the
CEO to apologise in person" (`disproportionate_ceo_apology_en`), "twenty apology letters"
(`disproportionate_written_apologies_en`). 辞めさせろ and its spellings stay one cue (`dismissal`).
"""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, cue
from bot.classifier.offline.vocabulary import DIGITS, KANJI_DIGITS, NO_SENT, STAFF

EXCESSIVE: tuple[Rule, ...] = (
    cue(
        "dogeza",
        "excessive_demand",
        r"土下座|どげざ|膝をつ|ひざをつ|ひざまず|跪|額を(?:床|地面)|頭を(?:床|地面)に|(?:床|地面)に手をつ"
        r"|手をついて(?:謝|詫)",
    ),
    cue(
        "dismissal",
        "excessive_demand",
        r"(?:首|くび)(?:に|を)(?:しろ|しなさい|して(?:ほし|くだ|もら|いただ)|切れ|きれ|飛ばせ|とばせ)"
        r"|(?:解雇|懲戒|くび)(?:に)?(?:しろ|しなさい|させろ|させて|して(?:ほし|くだ|もら|いただ)|を(?:求め"
        r"|要求)|処分に)"
        r"|辞めさせ(?:ろ|て(?:ほし|くだ|もら|いただ|くれ)|なさい|るべき|てやる)|懲戒免職|免職に|(?:クビ|くび|首)(?:だ|にさせ)"
        r"|(?:首|クビ|くび)を(?:差し出|持って)|(?:勤務|仕事)させ(?:ない|るな)|働かせるな|(?:解雇|退職)して"
        rf"|(?:全員|担当者|店長|あいつ|あの{STAFF}){NO_SENT}{{0,2}}?(?:を|は)?(?:辞め|やめ)(?:させ|ろ)",
    ),
    # Moving or punishing staff: 担当者を別の部署へ異動させてください, 懲戒解雇をもって誠意とする.
    cue(
        "transfer",
        "excessive_demand",
        r"(?:異動|転勤|配置換え|配置転換|左遷)(?:させ|に)(?:ろ|なさい|るべき|しろ|て(?:ほし|くだ|もら|いただ|くれ))"
        r"|(?:懲戒解雇|懲戒処分|解雇処分|降格処分|減給処分)(?:を|に|と)?(?:もって|求め|要求|望|希望|すべき|するべき|させ"
        r"|しろ|して(?:ほし|くだ|もら|いただ))",
    ),
    cue(
        "sincerity",
        "excessive_demand",
        r"(?:誠意|せいい)(?:って(?:もの|やつ)|というもの)?(?:を)?(?:形で)?(?:見せ|みせ|示)"
        r"(?:ろ|て(?:もら|ほし|くだ|いただ)|なさい|よ)|誠意(?:って"
        r"|とは)[^。!?\n]{0,6}?(?:わか|分か)"
        r"|誠意だよ",
    ),
    cue(
        "free",
        "excessive_demand",
        r"(?:一生|永久|永遠に|ずっと|今後)[^。!?\n]{0,4}?(?:無料|タダ|ただ(?:に|で))|(?:全部|全品|全て"
        r"|すべて)(?:を)?(?:無料|タダ|ただ)(?:に|で)"
        rf"|(?:{DIGITS}|十|数十|何十)(?:個|台|枚|人分|倍)(?:を|も|分)?(?:無料|タダ|ただ)"
        # For months or years: 一年分の無料券, 一生分の送料無料, 一年分の食費を負担.
        rf"|(?:{DIGITS}|一|二|三|五|十|半)(?:年|か月|ヶ月|カ月)(?:分|間)(?:の)?[^。!?\n]{{0,6}}?(?:無料|タダ|ただ|負担|券|割引)"
        r"|(?:一生|生涯|今後ずっと)(?:分)?の[^。!?\n]{0,6}?(?:無料|タダ|負担|券|割引)"
        r"|(?:無料|優待|割引|券|サービス|送料無料)(?:を)?(?:永年|永久|一生|生涯)|(?:永年|永久)(?:で|に|の)?[^。!?\n]{0,6}?"
        r"(?:優待|無料|割引|券|サービス)",
    ),
    # Compensation on top of the remedy: 返金だけじゃ足りない, さらに商品券もつけろ.
    cue(
        "beyond_remedy",
        "excessive_demand",
        r"(?:だけ(?:じゃ|では|で)(?:足りな|たりな|済むと|すむと|すまな|済まな)|さらに|加えて|上乗せ|それとは別に"
        r"|プラスして|に加え|家族(?:全員)?の分|親戚の分|全員分)[^\n]{0,20}?(?:商品券|慰謝料|金券|お金|現金|補償|送料無料|食費|交通費|迷惑料|ギフト"
        r"|お詫びの品|割引券)",
    ),
    cue(
        "written",
        "excessive_demand",
        r"(?:念書|誓約書|始末書|一筆)[^。!?\n]{0,6}?(?:書け|書いて|書かせ|よこせ|出せ|提出し|持って)"
        r"|(?:謝罪文|詫び状|お詫び状)[^。!?\n]{0,10}?(?:ホームページ|hp|ウェブ|web|サイト|新聞|ネット|店頭|掲示|掲載|公開"
        r"|張り出|貼り出|全店|全員|全社員)"
        # The whole staff apologising: 全員で謝りに来い, スタッフ全員に詫び状を書かせろ.
        r"|(?:全員|スタッフ全員|全社員|全店員|従業員全員)(?:で|が|に|から)?[^。!?\n]{0,8}?(?:謝罪|謝り|謝ら|頭を?下げ"
        r"|詫び状|謝罪文)",
    ),
    # A written apology multiplied, sealed or handwritten on demand:
    # 謝罪文を手書きで十枚、実印を押して送ってこい.
    cue(
        "written_form",
        "excessive_demand",
        rf"(?:謝罪文|詫び状|お詫び状|わび状|反省文|始末書|念書|誓約書){NO_SENT}{{0,12}}?"
        r"(?:(?:\d+|[二三四五六七八九十百千]+|何)枚|実印|社印|印鑑|押印|判子|はんこ|社判|公印)"
        rf"|(?:(?:{DIGITS}|{KANJI_DIGITS}|何)枚|実印|社印|印鑑|押印|判子|はんこ|社判|公印){NO_SENT}{{0,12}}?"
        r"(?:謝罪文|詫び状|お詫び状|わび状|反省文|始末書)"
        rf"|(?:手書き|直筆|自筆)(?:で|の)?{NO_SENT}{{0,4}}?(?:謝罪文|詫び状|お詫び状|わび状|反省文|始末書)"
        rf"{NO_SENT}{{0,10}}?(?:書け|書いて(?:こい|来い|よこせ|送れ|ください|いただけ|ほしい|もら)|送れ|送って(?:こい|来い)"
        r"|よこせ|持って(?:こい|来い)|出せ|提出しろ|求め|要求)",
    ),
    # A multiple of the price as compensation: 商品代金の十倍を補償として, 返金は三倍で.
    cue(
        "multiple",
        "excessive_demand",
        # A number tried from its first character (see DIGITS), except that a first character right after
        # ポイント cannot start a match, so the second one still does (ポイント20倍: 0倍), as it always has.
        r"(?<!ぽいんと)(?:(?<!(?<!ぽいんと)\d)\d+|(?<!(?<!ぽいんと)[二三四五六七八九十百])[二三四五六七八九十百]+)倍"
        r"(?:の(?:金額|額)?|を|で|返し|にして)?[^。!?\n]{0,4}?"
        r"(?:補償|賠償|返金|返して|返せ|払え|払って|支払|お支払|よこせ|出せ|お願い|ください|いただ|弁償|もら)",
    ),
    # Staff made to pay out of their own pocket: 自腹でいいから同じ物買って届けろ (not 自腹で買い直しました).
    cue(
        "own_pocket",
        "excessive_demand",
        r"(?:自腹|ポケットマネ|給料から|てめえの金|お前の金|おまえの金|あんたの金)(?:で|を|切って|から)?"
        r"(?![^。!?\n]{0,4}?(?:払った|買った|買い直し|支払った|出した|弁償した))[^。!?\n]{0,20}?"
        r"(?:払え|弁償しろ|弁償して|出せ|届けろ|買って(?:こい|来い)|買え|よこせ|返せ|払って(?:もら|ほし|くだ)"
        r"|負担しろ|負担して)",
    ),
    cue(
        "top_apology",
        "excessive_demand",
        r"(?:社長|会長|院長|市長|役員|理事長|本社の人間|支店長)(?:が|に|を)?[^。!?\n]{0,8}?(?:謝罪|謝り"
        r"|あやまり|頭を下げ|詫び)"
        r"[^。!?\n]{0,4}?(?:に来|来|させ|すべき|するべき|しろ|しに)",
    ),
    cue("nuisance_fee", "excessive_demand", r"迷惑料|詫び料|わび料|(?:家族|親戚)(?:全員)?の分(?:な|も|まで)"),
    # Apology from the top, or in its own hand: 謝罪は社長の直筆で.
    cue(
        "top_apology_reverse",
        "excessive_demand",
        r"(?:謝罪|詫び状|謝罪文|お詫び)(?:は|を|も)?(?:社長|会長|院長|市長|役員|理事長|店長)(?:の|が|本人)"
        r"(?:直筆|自筆|本人|自ら|直々|手書き)",
    ),
    cue(
        "in_person",
        "excessive_demand",
        r"(?:直々|じきじき|自ら)に?[^。!?\n]{0,6}?(?:謝罪|謝り|頭を下げ|詫び)に(?:来|こ)",
    ),
    cue(
        "excessive_kneel_en",
        "excessive_demand",
        r"\b(?:on (?:your|his|her|their) knees|kneel(?:s|ing)?\b|get on (?:your|his"
        r"|her|their) knees|bow down)\b",
        kind="excessive_en",
    ),
    cue(
        "excessive_fired_en",
        "excessive_demand",
        r"\b(?:fire|sack) (?:her|him|them|that \w+|the \w+|this \w+)\b"
        r"|\b(?:get|have) (?:her|him|them"
        r"|the \w+|that \w+) (?:fired|sacked)\b"
        r"|\b(?:be|is|are|gets?) (?:fired|sacked|dismissed)\b"
        r"|\bdismissed immediately\b"
        r"|\b(?:want|need|expect|demand)\b[^.!?]{0,50}\b(?:fired|sacked|dismissed)\b",
        kind="excessive_en",
    ),
    cue(
        "excessive_free_forever_en",
        "excessive_demand",
        r"\bfree (?:\w+ )?(?:for life|forever)\b"
        r"|\blifetime (?:free|supply|membership)\b"
        r"|\bfor free forever\b"
        r"|\bfree \w+ for (?:my whole|my entire|the whole) (?:family|household)\b"
        r"|\bfree \w+ (?:\w+ ){0,4}for (?:a|one|two|three|\d+) (?:years?|months?)\b",
        kind="excessive_en",
    ),
    cue(
        "excessive_job_lost_en",
        "excessive_demand",
        r"\b(?:losing|lose|loses) (?:her|his|their) jobs?\b",
        kind="excessive_en",
    ),
    cue(
        "excessive_suspended_en",
        "excessive_demand",
        r"\b(?:be|get|is|gets) suspended\b"
        r"|\bsuspend (?:her|him|them|the \w+|that \w+)\b",
        kind="excessive_en",
    ),
    cue(
        "excessive_all_apologise_en",
        "excessive_demand",
        r"\b(?:whole|entire) (?:team|staff)\b[^.!?]{0,30}\bapolog"
        r"|\b(?:every|each) (?:one|member of staff|employee)\b[^.!?]{0,30}\bapolog",
        kind="excessive_en",
    ),
    # Out of proportion: a multiple of the price, a year of free service, the CEO apologising in person,
    # a stack of apology letters (not "I was charged double", not "the CEO's apology letter was kind").
    cue(
        "disproportionate_multiple_refund_en",
        "excessive_demand",
        r"\b(?:refund|pay|give|compensate|reimburse|owe)(?: me| us)?\b[^.!?]{0,20}?\b(?:double|triple"
        r"|quadruple"
        r"|tenfold|(?:two|three|four|five|ten|twenty|a hundred|\d+) times)\b"
        r"|\b(?:double|triple|quadruple|tenfold) (?:my |the |a |of )?(?:money back|refund|compensation"
        r"|what i paid)\b",
        kind="disproportionate_en",
    ),
    cue(
        "disproportionate_free_for_years_en",
        "excessive_demand",
        r"\b(?:want|demand|expect|deserve|insist on)\b[^.!?]{0,40}\b(?:(?:a|one|two|three|six|twelve|\d+)"
        r" (?:years?|months?)(?:'s)? (?:worth )?of free|free \w+(?: \w+)? for (?:a|one|two|three|six|\d+)"
        r" (?:years?|months?))\b",
        kind="disproportionate_en",
    ),
    cue(
        "disproportionate_ceo_apology_en",
        "excessive_demand",
        r"\b(?:ceo|president|chairman|chairwoman|chief executive|board of directors|managing director)\b"
        r"[^.!?]{0,30}\b(?:personally|himself|herself|in person)\b[^.!?]{0,30}\bapologi"
        r"|\b(?:demand|want|expect|insist)\b[^.!?]{0,20}\b(?:ceo|president|chairman|chief executive"
        r"|managing director)\b[^.!?]{0,30}\b(?:apologi[sz]e|say sorry|bow)"
        r"|\b(?:apology|apologies)\b[^.!?]{0,20}\bfrom (?:your|the) (?:ceo|president|chairman|chief executive"
        r"|board)\b",
        kind="disproportionate_en",
    ),
    cue(
        "disproportionate_written_apologies_en",
        "excessive_demand",
        r"\b(?:\d+|two|three|five|ten|twenty|fifty|a hundred) (?:handwritten |signed |separate )?(?:apology"
        r" letters|letters of apology|written apologies)\b"
        r"|\bhand-?written (?:apology|letter of apology)\b[^.!?]{0,30}\b(?:from|by|signed by) (?:every|each"
        r"|all"
        r"|the ceo|your ceo|the president)",
        kind="disproportionate_en",
    ),
    # Special treatment or goods for a year as "sincerity": 俺だけ最優先にしろ, 向こう1年分を無償で.
    cue(
        "special_treatment",
        "excessive_demand",
        r"(?:俺|私|わし|僕|自分)だけ[^。!?\n]{0,12}?(?:優先|特別|先に)|最優先に(?:しろ|せえ|して(?:ほしい|もらう|くれ))"
        r"|特別扱い(?:しろ|せえ|して(?:ほしい|もらう|くれ|いただ))"
        rf"|(?:{DIGITS}|一|二|三|半)年分(?:の)?[^。!?\n]{{0,8}}?無(?:償|料)",
    ),
    cue(
        "special_treatment_en",
        "excessive_demand",
        r"\b(?:free|complimentary) [^.!?]{0,20}\bfor (?:a|one|the next|\d+) (?:whole )?(?:year|years)\b"
        r"|\b(?:come|go) to my (?:house|home|residence|flat|apartment)\b[^.!?]{0,30}\b(?:every|each)"
        r" (?:day|morning|evening|week)\b",
    ),
)
