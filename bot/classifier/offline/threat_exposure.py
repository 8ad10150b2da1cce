"""Threats to a person's reputation (exposing their data, face or secrets) and extortion (pay, or else),
Japanese and English.

`dox_data_posted` and `dox_face_online` (personal data or a face to go online); `dox_web_first_will_post` and
`dox_web_first_posted` (the web named first); `dox_*_en` (will post, dox, or your address ends up online);
`extort_*` (money or else, pay or else, 口止め料, 黙っておいてやる, ばらされたくなければ);
`extort_*_en` (pay or else, pay or it goes public, pay or the video goes out, pay or everyone at the school
sees, unless you pay, if you don't pay, hush money).
"""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, threat_rule
from bot.classifier.offline.vocabulary import NET_POSTING, NO_SENT

# What may follow "I" in a lawful escalation (I'll report you, I will cancel), which is no extortion.
_EN_AFTER_I = r"(?:'ll|'m| will| am| shall|'m going to| am going to|'m gonna|'d| would)?"
_EN_ESCALATION = (
    r"(?:report|reporting|complain|complaining|contact|contacting|call|calling|phone|ring|email|write to|go"
    r"|going|take|taking|sue|suing|cancel|cancelling|canceling|dispute|disputing|charge|close|closing|stop"
    r"|never|escalate|escalating|file|filing|lodge|shop|switch|involve|speak|talk|inform|have to|need to"
    r"|be (?:forced|going|contacting|taking|reporting|filing|cancelling|canceling))\b"
)

HONOUR_RULES: tuple[Rule, ...] = (
    threat_rule("expose", "honour", r"晒(?!さ)|さら(?:してやる|すぞ|しあげ|し者)"),
    threat_rule(
        "dox_data_posted",
        "honour",
        r"(?:住所|自宅|電話番号|実名|本名|顔写真|顔|写真|動画|名前|家族|個人情報|勤務先|子ども|子供)(?:を"
        rf"|も|と)?{NO_SENT}{{0,10}}?"
        r"(?:拡散|公開|暴露|ばらま)(?:する|して|したる|し(?:て)?やる|します|しよう|するぞ|すれば|さ(?:せ)?る"
        r"|いてやる|く(?:ぞ|からな))",
    ),
    threat_rule(
        "dox_face_online",
        "honour",
        rf"(?:顔|写真|名前|実名|住所)(?:を|も)?{NO_SENT}{{0,8}}?{NET_POSTING}(?:に|で|へ){NO_SENT}{{0,3}}?"
        r"(?:載せ|のせ|上げ|あげ|アップ|流|投稿|書き込|出|さら|晒)(?:し)?(?:て(?:やる|やろ)|る(?:ぞ|から)"
        r"|す(?:ぞ|から)"
        r"|ます(?:から|よ)?)",
    ),
    threat_rule(
        "dox_web_first_will_post",
        "honour",
        rf"{NET_POSTING}(?:に|で|へ|上に){NO_SENT}{{0,12}}?(?:住所|電話番号|実名|本名|顔写真|個人情報|家族|自宅|勤務先|名前)"
        rf"{NO_SENT}{{0,10}}?(?:載せ|のせ|上げ|あげ|晒|さら|公開|流|書き込|ばらま|拡散)"
        r"(?:し)?(?:て(?:やる|やろ)|る(?:ぞ|から)|す(?:ぞ|から)|ます(?:から|よ)?|たる|といた|ておいた)",
    ),
    threat_rule(
        "dox_web_first_posted",
        "honour",
        # Personal data already posted: 貴様の住所、ネットの掲示板に書き込んでおいた (not the shop's address,
        # posted to advertise it: お店の住所、インスタに載せておいたよ).
        rf"(?<!店の)(?<!社の)(?<!うちの)(?<!私の)(?<!自分の)(?:住所|電話番号|実名|本名|顔写真|個人情報|自宅){NO_SENT}{{0,6}}?{NET_POSTING}{NO_SENT}{{0,6}}?"
        r"(?:載せ|上げ|晒|公開|流|書き込|ばらま|拡散)(?:し|ん)?(?:て|で)?(?:おいた|といた|やった|やりました|おきました)",
    ),
    threat_rule(
        "reveal_secret",
        "extortion",
        r"(?:不倫|浮気|秘密|過去|前科|借金|病気)(?:を|の(?:こと|話)を)?[^。!?\n]{0,10}?(?:ばらす|ばらしてやる|暴露|言いふら|ばらま)"
        r"(?:すぞ|すからな|してやる|ぞ|からな|くぞ|いてやる)?",
    ),
    threat_rule(
        "dox_will_post_en",
        "honour",
        r"\b(?:i(?:'ll| will| am going to|'m going to|'m gonna| gonna| post| share| leak| put)"
        r"|or i)\b[^.!?]{0,60}?"
        r"\b(?:photo|picture|face|name|address|number|details|kids|children|family|school)(?:s"
        r"|es)?\b[^.!?]{0,40}?"
        r"\b(?:online|on (?:every|the|twitter|facebook|tiktok|instagram|reddit|youtube|social media"
        r"|the internet|"
        r"the web|forums?)|everywhere|public|all over (?:\w+ )?(?:twitter|facebook|fb|x|tiktok|instagram"
        r"|insta"
        r"|reddit|youtube|social media|the internet|the web|town|the news)|viral)\b",
    ),
    threat_rule(
        "dox_word_en",
        "honour",
        r"\bdox+(?:ing)?\b",
    ),
    threat_rule(
        "dox_or_exposed_en",
        "honour",
        # ...or the private life itself as the consequence: or your cashier's address ends up online.
        r"\bor (?:your|the|that|his|her) (?:\w+ ){0,2}?(?:\w+'s? )?(?:home address|address|kids|children"
        r"|family|phone number|school)\b[^.!?]{0,50}?\b(?:online|viral|everywhere|public|all over|posted"
        r"|on (?:facebook|twitter|tiktok|instagram|reddit|social media|the internet))\b",
    ),
)

EXTORTION_RULES: tuple[Rule, ...] = (
    threat_rule(
        "extort_money_or_else",
        "extortion",
        r"(?:金|かね|お金|カネ|現金|(?<!\d)(?<!\d,)\d[\d,]*万?円?|誠意|慰謝料|示談金|賠償金|迷惑料)(?:を)?[^。!?\n]{0,4}?"
        r"(?:払|はら|支払|出|よこ|用意|振り込|ふりこ|持ってこ|持って来|届け)(?:わ|さ|せ|ま|え|し)?"
        r"(?:なければ|なきゃ|ないと|ないなら|ねえと|なかったら|ない場合|ねえなら|んと|ないのなら|なけりゃ)"
        r"[\s\S]{0,60}?(?:晒|拡散|ネット|sns|書き込|ばら|公表|公開|暴露|マスコミ|週刊誌|売る|売り|流す|燃"
        r"|殺|刺|どうなる|知らない"
        r"|後悔|ただ(?:では|じゃ)|潰|つぶ|騒|家族|写真|動画|秘密)",
    ),
    threat_rule(
        "extort_pay_or_else",
        "extortion",
        r"(?:払え|振り込め|よこせ|用意しろ|払って|出せ)[^\n]{0,30}?(?:さもない|さもなけ|でないと"
        r"|でなければ|じゃないと"
        r"|(?:払わ|出さ|振り込ま|用意し)(?:ないと|なければ|なかったら|ないなら))",
    ),
    threat_rule(
        "extort_hush_money",
        "extortion",
        r"口止め料",
    ),
    threat_rule(
        "extort_silence_sold",
        "extortion",
        r"黙って(?:おいて|て|い)やる",
    ),
    threat_rule(
        "extort_unless_exposed",
        "extortion",
        r"(?:ばら|公表|暴露|拡散)されたく(?:なければ|なかったら"
        r"|ないなら)",
    ),
    threat_rule(
        "extort_pay_or_else_en",
        "extortion",
        r"\b(?:pay|give|send|transfer)(?: me)?(?: (?:\$|¥)?[\d,]+k?| up| the money"
        r"| cash)?[^.!?]{0,20}\bor (?:else\b|i\b"
        # ...not the ordinary escalations of a complaint: or I'll report you, or I'm cancelling, or I'll
        # leave a review (a review in bulk is harassment, in `online_defamation`).
        rf"(?!{_EN_AFTER_I}\s+(?:\w+\s+)?{_EN_ESCALATION})(?![^.!?]{{0,40}}\breviews?\b))",
    ),
    threat_rule(
        "extort_pay_or_public_en",
        "extortion",
        r"\bpay(?: up| me)?\b[^.!?]{0,40}\bor\b(?![^.!?]{0,60}\breviews?\b)[^.!?]{0,40}\b(?:public|online"
        r"|posted"
        r"|expose\w*|leak\w*"
        r"|regret|hurt"
        r"|burn|kill|your family)\b",
    ),
    threat_rule(
        "extort_pay_or_exposed_en",
        "extortion",
        # Money or the private life of a person goes public: pay me or the video of your chef goes viral.
        r"\b(?:pay|refund|compensate|give me|send me|transfer)\b[^.!?]{0,40}\bor (?:the|that|this|those"
        r"|these"
        r"|my|your) (?:\w+ )?(?:videos?|photos?|pictures?|pics|footage|recordings?|clips?|screenshots?|texts"
        r"|messages|address(?:es)?|details) (?:of|from|with|about) (?:your|the|that|his|her|their)\b"
        r"[^.!?]{0,40}?\b(?:go(?:es)? viral|go(?:es)? online|go(?:es)? public|go(?:es)? everywhere"
        r"|gets? posted"
        r"|(?:is|are) posted|ends? up online|gets? out|gets? leaked|gets? sent to (?:his|her|their|your)"
        r" (?:wife|husband|boss|family|employer|kids|mum|mom|parents|partner))",
    ),
    threat_rule(
        "extort_pay_or_everyone_sees_en",
        "extortion",
        # ...or everyone around a person sees: or everyone at your son's school sees the photos.
        r"\b(?:pay|refund|give me|send me|transfer)\b[^.!?]{0,40}\bor (?:everyone|everybody|the whole)"
        r" (?:at|in) (?:your|his|her|their) (?:\w+'s )?(?:school|work|workplace|office|church|gym|street"
        r"|neighbou?rhood|family)\b[^.!?]{0,20}\b(?:sees?|knows?|finds? out|hears?|gets?)\b",
    ),
    threat_rule(
        "extort_unless_pay_en",
        "extortion",
        r"\bunless you pay\b",
    ),
    threat_rule(
        "extort_if_not_pay_en",
        "extortion",
        r"\bif you don'?t pay\b[^.!?]{0,40}\b(?:i(?:'ll| will)|post|tell|expose|leak"
        r"|publish)",
    ),
    threat_rule(
        "extort_hush_money_en",
        "extortion",
        r"\bhush money\b",
    ),
)
