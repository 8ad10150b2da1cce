"""Online defamation (SNS/インターネット上での誹謗中傷型): reviews, posts, flaming.

One cue per construction, counted once as `flame`: 炎上させる (`flame_enjo`), 悪評を広める
(`flame_bad_word_spread`), 星1をつけてやる (`flame_low_rating`), 拡散してやる (`flame_spread`), 潰してやる
(`flame_crush`), 評判を落としてやる (`flame_reputation`), 荒らしてやる (`flame_troll`), ネットに書き込んでやる
(`flame_net_post`), 詐欺師だって書いた (`flame_called_criminal`); in English, counted once as `flame_en`:
"this will go viral", "ruin your business" (`flame_viral_ruin_en`), "a hundred one-star reviews"
(`flame_bulk_reviews_en`), "posting everywhere that your chef is a pig" (`flame_called_names_en`).
"""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, cue
from bot.classifier.offline.vocabulary import NET, NO_SENT

ONLINE_DEFAMATION: tuple[Rule, ...] = (
    cue("flame_enjo", "online_defamation", r"炎上させ", kind="flame"),
    cue(
        "flame_bad_word_spread",
        "online_defamation",
        r"悪評を(?:広め|流|ばらま)"
        r"|悪口を(?:書き|広め|流|ばらま)",
        kind="flame",
    ),
    cue(
        "flame_low_rating",
        "online_defamation",
        r"(?:星|★)1(?:を|つけ)"
        r"|(?:最低評価|低評価|星1|星ひとつ|星一つ)(?:を)?(?:つけ|付け)(?:まく|て(?:やる|やった)|る(?:ぞ|から)|たる)"
        r"|低評価を(?:つけ|付け)まく",
        kind="flame",
    ),
    cue(
        "flame_spread",
        "online_defamation",
        r"拡散して(?:やる|やります|二度と)"
        r"|拡散する(?:ぞ|からな)",
        kind="flame",
    ),
    cue("flame_crush", "online_defamation", r"(?:潰|つぶ)して(?:やる|やります)", kind="flame"),
    cue("flame_reputation", "online_defamation", r"評判を(?:落と|下げ)して(?:やる)", kind="flame"),
    cue("flame_troll", "online_defamation", r"荒らして(?:やる|やります)", kind="flame"),
    cue(
        "flame_net_post",
        "online_defamation",
        rf"{NET}{NO_SENT}{{0,20}}?(?:書き込|かきこ|書いて|書い(?=とい|てお|たった)|書きまく|書き散ら|載せ|のせ|あげ|上げ"
        rf"|流|晒|さらし){NO_SENT}{{0,6}}?(?:やる|やります|ぞ|からな|てやろ|やった|おいた|といた)",
        kind="flame",
    ),
    cue(
        "flame_called_criminal",
        "online_defamation",
        # Calling staff criminals in public: あの店員は詐欺師だって書いた.
        rf"(?:詐欺師|泥棒|犯罪者|前科|詐欺店|ぼったくり){NO_SENT}{{0,8}}?(?:書きまく|書き込|書いて|投稿|拡散|広め)",
        kind="flame",
    ),
    cue(
        "flame_viral_ruin_en",
        "online_defamation",
        r"\b(?:go(?:es)? viral|make (?:this|it|you) viral|ruin your (?:business|reputation|shop|store"
        r"|restaurant)"
        r"|destroy your (?:business|reputation)|(?:your|this) business is (?:finished|done|over)"
        r"|expose (?:you|this place|your store) (?:online|on)|tell everyone on (?:twitter|facebook|tiktok"
        r"|instagram|social media)"
        r"|leave (?:1|one)[- ]star reviews? everywhere|bomb your reviews|trash you online)\b",
        kind="flame_en",
    ),
    cue(
        "flame_bulk_reviews_en",
        "online_defamation",
        # Reviews in bulk or fake (or I'll leave a hundred one-star reviews; not "an honest review").
        r"\b(?:leave|post|write|give you|flood you with|spam you with)\b[^.!?]{0,15}\b(?:\d{2,}|dozens of"
        r"|hundreds"
        r" of|a hundred|fifty|twenty|a thousand|multiple|loads of|tons of|fake"
        r"|a bunch of) (?:fake )?(?:(?:one|1)"
        r"[- ]star|bad|negative|terrible) reviews?\b",
        kind="flame_en",
    ),
    cue(
        "flame_called_names_en",
        "online_defamation",
        # A member of staff called names in public: I'm posting everywhere that your chef is a pig.
        r"\b(?:post|posting|write|writing|tell|telling|spread|spreading)\b[^.!?]{0,12}\b(?:everywhere"
        r"|all over"
        r" (?:the internet|social media|facebook|twitter|instagram|tiktok|google)|online) that (?:your|the"
        r"|this"
        r"|that) \w+ (?:is an?|are) ",
        kind="flame_en",
    ),
)
