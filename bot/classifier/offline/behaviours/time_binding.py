"""Time-binding (時間拘束型): holding staff for hours, refusing to leave or to hang up.

One cue per construction, counted once as `hold`: 納得するまで帰らない (`hold_until_satisfied`), 帰さないぞ
(`hold_wont_go_home`), 居座る (`hold_sit_in`), 電話切るな (`hold_phone_kept`), 三時間も説明させた
(`hold_hours`), 朝まで付き合え (`hold_all_night`), ここを一歩も動かない (`hold_wont_move`),
店長が来るまで帰らない (`hold_until_comes`), まだ終わらせないぞ (`hold_not_done`), あと二時間くらい付き合え
(`hold_more_hours`), 閉店後も居座る (`hold_after_closing`); in English, counted once as `hold_en`: "I won't
leave until" (`hold_wont_leave_until_en`), "kept her for three hours" (`hold_kept_hours_en`), "I'll sit here
all night" (`hold_stay_here_en`), "waiting outside until" (`hold_camp_until_en`), "or I'm not leaving"
(`hold_not_leaving_en`).
"""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, cue
from bot.classifier.offline.vocabulary import DIGITS, NO_SENT

TIME_BINDING: tuple[Rule, ...] = (
    cue(
        "hold_until_satisfied",
        "time_binding",
        rf"(?:納得|なっとく)(?:する|いく|できる|が?いく)?まで{NO_SENT}{{0,8}}?(?:帰ら|かえら|帰さ|かえさ"
        r"|動か|うごか|切ら|きら"
        r"|離さ|はなさ|付き合|つきあ|続け)",
        kind="hold",
    ),
    cue(
        "hold_wont_go_home",
        "time_binding",
        r"(?:帰|かえ)(?:らない|らねえ|らん|さない|さねえ|さん)(?:ぞ|から|からな|よ)"
        r"|(?:帰|かえ)れると思うな",
        kind="hold",
    ),
    cue("hold_sit_in", "time_binding", r"(?:居座|いすわ)(?:る|った|って|り)", kind="hold"),
    cue(
        "hold_phone_kept",
        "time_binding",
        r"(?:電話|でんわ)(?:を|、)?(?:切|き)(?:るな|れると思うな|らない(?:から|ぞ)|らねえ|らん(?:ぞ|から))"
        r"|(?:切"
        r"|き)らせ(?:ない|ねえ|なかった)",
        kind="hold",
    ),
    cue(
        "hold_hours",
        "time_binding",
        rf"(?:{DIGITS}|何|数|なん|二|三|四|五)時間(?:も|以上|近く|にわたって|ぶっ通しで)?{NO_SENT}{{0,6}}?"
        r"(?:説明させ|話させ|対応させ|相手させ|付き合わせ|つきあわせ|説教|問い詰め|拘束|文句を言い続け"
        r"|怒鳴り続け|謝らせ)",
        kind="hold",
    ),
    cue(
        "hold_all_night",
        "time_binding",
        r"朝まで(?:付き合|つきあ|話|説明|帰さ|帰ら|居座)"
        rf"|(?:何時間|一晩中|一日中)でも{NO_SENT}{{0,6}}?(?:付き合|つきあ|話|待|居|い|続け|説明)",
        kind="hold",
    ),
    cue(
        "hold_wont_move",
        "time_binding",
        r"(?:ここ|この場|窓口|店)(?:を|から)?(?:一歩も)?(?:動か|うごか)(?:ない|ねえ|ん)"
        r"|(?:ここ|この場|窓口|店|ロビ|待合室)(?:に|で)(?:座り|居|い|待ち|立ち)続け"
        r"|(?:座り込|すわりこ)(?:む|んで|みを)",
        kind="hold",
    ),
    cue(
        "hold_until_comes",
        "time_binding",
        rf"(?:来る|出る|出てくる|謝る|代わる|替わる|認める)まで{NO_SENT}{{0,8}}?(?:帰ら|かえら|動か|うごか|居座|切ら(?:ない|ねえ|ん)"
        r"|(?:帰り|動き|うごき)ません(?!でした))",
        kind="hold",
    ),
    cue(
        "hold_not_done",
        "time_binding",
        r"(?:まだ|絶対に?)(?:話(?:を)?)?終わらせ(?:ない|ねえ|ません)(?:よ|ぞ|から)",
        kind="hold",
    ),
    cue(
        "hold_more_hours",
        "time_binding",
        r"(?:あと|もう)(?:\d+|何|数|二|三|四|五)時間(?:くらい|ぐらい|は)?(?:付き合|つきあ|話せ|いけ|大丈夫)",
        kind="hold",
    ),
    cue(
        "hold_after_closing",
        "time_binding",
        rf"閉店(?:後|しても|時間を過ぎても|まで){NO_SENT}{{0,6}}?(?:居座|居|い続け|帰ら)",
        kind="hold",
    ),
    cue(
        "hold_wont_leave_until_en",
        "time_binding",
        r"\b(?:won't|will not|not going to|refuse to|am not|i'm not) (?:leave|leaving|hang up|hanging up|go"
        r"|going)\b[^.!?]{0,30}\buntil\b",
        kind="hold_en",
    ),
    cue(
        "hold_kept_hours_en",
        "time_binding",
        r"\b(?:kept|held|keep) (?:her|him|them|the \w+|you)(?: \w+){0,3} (?:for|over) (?:\d+|two|three"
        r"|four|five|six|several|many) hours\b",
        kind="hold_en",
    ),
    cue(
        "hold_stay_here_en",
        "time_binding",
        r"\b(?:sit|stay|wait) here (?:all night|all day|until)\b"
        r"|\ball night if i have to\b",
        kind="hold_en",
    ),
    cue(
        "hold_camp_until_en",
        "time_binding",
        r"\b(?:standing|sitting|staying|waiting|camping|stand|sit|stay|wait|camp) (?:at|in|here|outside)\b"
        r"[^.!?]{0,30}\buntil\b",
        kind="hold_en",
    ),
    cue("hold_not_leaving_en", "time_binding", r"\bor i(?:'m| am) not leaving\b", kind="hold_en"),
)
