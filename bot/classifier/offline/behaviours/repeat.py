"""Repetition (リピート型): calling, writing or coming again and again until the demand is met.

English, counted once as `again_en`: "I'll keep calling every day" (`again_keep_coming_en`), "I won't stop
calling" (`again_never_stop_en`), "I'll email fifty more times" (`again_many_times_en`), "calling you every
hour" (`again_every_hour_en`).
"""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, cue
from bot.classifier.offline.vocabulary import NO_SENT

REPEAT: tuple[Rule, ...] = (
    cue(
        "again",
        "repeat",
        rf"毎日(?:でも)?{NO_SENT}{{0,8}}?(?:電話|でんわ|メール|連絡|抗議|押しかけ|来|く|行|い|かけ"
        rf"|通){NO_SENT}{{0,6}}?"
        r"(?:やる|やります|ぞ|からな|続け|つづけ|ますから|しますよ)"
        rf"|何(?:度|回|十回|百回|千回)でも{NO_SENT}{{0,8}}?(?:電話|来|く|行|い|言|かけ|連絡|抗議|書き込|送"
        rf"|押しかけ)"
        rf"|(?:出る|でる|回答|返事|返金|謝罪|対応)(?:する|される|が(?:ある|来る|くる))?まで{NO_SENT}{{0,8}}?"
        r"(?:かけ続け|電話し続け|毎日|何度でも|来続け|通い続け|かけ(?:る|てやる)|電話(?:する|してやる))"
        r"|(?:かけ|電話し|来|通い|押しかけ|送り|メールし|連絡し|書き込み|書き)続け(?:る|ます|てやる"
        r"|てやります)",
    ),
    cue(
        "until_no_stop",
        "repeat",
        rf"まで{NO_SENT}{{0,8}}?(?:やめない|やめません|止めない|やめねえ|諦めない|あきらめない|し続け|続けます|続ける)",
    ),
    cue(
        "frequency",
        "repeat",
        rf"(?:毎日|毎朝|毎晩|毎時間|毎週|一時間おき|1時間おき|何度でも|何回でも|毎回)(?:この時間に|でも)?{NO_SENT}{{0,8}}?"
        r"(?:(?:電話|でんわ|メッセージ|メール|手紙|連絡|ファックス|fax)(?:を|も)?(?:する|します|送る|送ります|入れる|入れます"
        r"|かける|かけます|したる)|送る|送ります|行く|行きます|来る|来ます|通う|通います|押しかける|押しかけます)"
        r"(?:から|ぞ|よ|ね|わ|。|$)",
    ),
    cue(
        "count_en",
        "repeat",
        r"\b(?:called|rung|rang|emailed|phoned|written|messaged)\b[^.!?]{0,15}\b(?:\d{2,}|twenty|thirty"
        r"|forty|fifty"
        r"|a hundred) times\b|\bi(?:'ll| will) (?:call|ring|email|write|message) (?:another|again)\b",
        0.5,
    ),
    cue("count", "repeat", r"(?:(?<!\d)\d{2,}|数十|何十|百)回目", 0.5),
    cue(
        "days",
        "repeat",
        r"(?:昨日|今日|明日|毎朝|毎晩|毎日|明日以降)も[^。!?\n]{0,10}?(?:電話|来|行|かけ"
        r"|押しかけ)[^。!?\n]{0,6}?(?:やる|からな|ぞ)",
    ),
    cue("persist", "repeat", r"しつこく", 0.5),
    # The same talk every day, until the other side gives in:
    # 毎日お店に行って同じ話をしますから。あなたが折れるまで.
    cue(
        "same_talk",
        "repeat",
        r"(?:毎日|毎朝|毎晩|毎週|何度でも|何回でも)[^。!?\n]{0,14}?同じ(?:話|こと|説明|文句|クレーム|要求)(?:を)?"
        r"(?:し|言い|言|繰り返し)(?:ます|に行きます|に来ます|続け|う(?:から|ぞ))"
        r"|(?:あなた|あんた|お前|おまえ|そっち|そちら|御社|貴社|お宅|店|会社|担当)(?:が|の方が|側が)?(?:折れる|根負けする|音を上げる|白旗を上げる)まで",
    ),
    # Persistence announced for life: 一生言い続けるから, "I'll keep complaining for the rest of my life".
    cue(
        "lifelong",
        "repeat",
        r"(?:一生|死ぬまで|ずっと|永遠に|何年でも|いつまでも)(?:でも)?[^。!?\n]{0,8}?(?:言い続け|電話し続け|書き続け"
        r"|抗議し続け|責め続け|追及し続け|訴え続け|書き込み続け|かけ続け)(?:る|ます|てやる|てやります)",
    ),
    cue(
        "lifelong_en",
        "repeat",
        r"\b(?:i(?:'ll| will)|i'm going to|i am going to)\s+(?:keep\s+)?(?:call|calling|complain|complaining"
        r"|writing|write|email|emailing|bring(?:ing)? (?:this|it) up)\b[^.!?]{0,30}"
        r"\b(?:for the rest of (?:my|your) life|forever|until (?:i die|the day i die))\b",
    ),
    cue(
        "again_keep_coming_en",
        "repeat",
        r"\b(?:i(?:'ll| will)|i am going to|i'm going to|i'm gonna|gonna)\s+(?:keep\s+|be\s+)?(?:call|calling"
        r"|email|emailing|come|coming"
        r"|visit|visiting|phone|phoning|write|writing|show up|be back"
        r"|come back)\b[^.!?]{0,40}\b(?:every (?:single )?(?:day|hour|morning|night|week)"
        r"|until|again and again|nonstop|non-stop)",
        kind="again_en",
    ),
    cue(
        "again_never_stop_en",
        "repeat",
        r"\b(?:will not|won't|never) stop (?:calling|emailing"
        r"|coming|writing)",
        kind="again_en",
    ),
    cue(
        "again_many_times_en",
        "repeat",
        r"\b(?:call|email|write|message)\b[^.!?]{0,20}\b(?:\d+|forty|fifty|a hundred) (?:more|times)\b",
        kind="again_en",
    ),
    cue(
        "again_every_hour_en",
        "repeat",
        r"\b(?:calling|ringing|emailing|phoning|messaging) (?:you )?every (?:\w+ )?"
        r"(?:minutes?|hours?|day|morning|night)\b",
        kind="again_en",
    ),
)
