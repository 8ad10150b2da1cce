"""Discrimination (a form of verbal abuse in the manual): contempt for a group a person belongs to.

The principle: a group noun (nationality, sex, age, disability, status) with a dismissive marker
(なんか, ごとき, のくせに, 風情), a stereotype (〜はみんな, 〜って本当に), or a demand to exclude the group
(雇うな, 表に出すな, 若い子に替えて, 日本人を出せ, go back where you came from).

One cue per construction, counted once as `discrimination`: a group with a role dismissed
(`discrimination_group_dismissed`), みたいな〜が (`discrimination_group_like`), a group to be excluded
(`discrimination_group_excluded`), 外人 (`discrimination_gaijin`), 国に帰れ, 日本から出ていけ
(`discrimination_go_home`), 日本人を出せ, 日本人に替えて (`discrimination_japanese_staff_demanded`),
日本語も話せない奴 (`discrimination_no_japanese`); in English, counted once as `discrimination_en`: "go back
to your country" (`discrimination_go_back_en`), "people like her" (`discrimination_people_like_en`), "send her
back" (`discrimination_send_back_en`), "these foreigners" (`discrimination_foreigners_en`), "learn proper
English" (`discrimination_proper_english_en`), "your kind" (`discrimination_your_kind_en`), "old people like"
(`discrimination_group_people_en`), "I don't want to be served by foreigners"
(`discrimination_refuse_served_en`), "get me a real English person", "someone born here"
(`discrimination_native_demanded_en`).
"""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, cue
from bot.classifier.offline.vocabulary import NO_SENT

_GROUP = (
    r"(?:外国人|外人|がいじん|中国人|韓国人|朝鮮人|ベトナム人|フィリピン人|ブラジル人|ネパール人|インド人|黒人"
    r"|アジア人|障害者|障がい者|しょうがいしゃ|老人|年寄り|としより|ばばあ|ババア|じじい|おばさん|おばちゃん"
    r"|おっさん|オバハン|おばはん|(?<![彼長少])女(?!性|の子|子|将|優|王|房|神|医|史)|学生バイト|高卒|中卒"
    r"|ハーフ|おかま|ホモ|田舎者)"
)
_ROLE = (
    r"(?:の)?(?:店員|職員|スタッフ|バイト|アルバイト|医者|看護師|運転手|社員|従業員|担当|人"
    r"|店長|責任者|上司|先生)?"
)
_DISMISS = (
    r"(?:なんか|なんて|ごとき|風情|のくせに|ばかり|ばっかり|みたいな(?:の|奴|やつ)"
    r"|(?:は|って)(?:みんな|全員|どいつもこいつも|本当に|ほんと(?:う)?に|これだから)"
    # ...unfit to deal with because of it: 女の店長じゃ話にならん.
    r"|(?:じゃ|では|には)(?:話にならん|話にならない|話にならねえ|話にならへん|頼りにならん|頼りにならない|務まらん|務まらない|無理だ))"
)
_EXCLUDE = (
    r"(?:雇(?:う|って|わ)|辞めさせ|表に出(?:す|さ)|出すな|替えて|代えて|変えて|かえて|担当させる?な|寄越すな"
    r"|よこすな|(?:国|田舎)に帰れ|出て(?:いけ|行け)|働かせるな|置くな|置かないで)"
)

DISCRIMINATION: tuple[Rule, ...] = (
    cue(
        "discrimination_group_dismissed", "verbal_abuse", rf"{_GROUP}{_ROLE}{_DISMISS}", kind="discrimination"
    ),
    cue(
        "discrimination_group_like",
        "verbal_abuse",
        rf"(?:みたいな|のような|ごときの)(?:{_GROUP}){_ROLE}(?:が|は|を|に|なんか)",
        kind="discrimination",
    ),
    cue(
        "discrimination_group_excluded",
        "verbal_abuse",
        rf"{_GROUP}{_ROLE}(?:は|を|が|なんか|、)?{NO_SENT}{{0,16}}?{_EXCLUDE}",
        kind="discrimination",
    ),
    cue(
        "discrimination_gaijin",
        "verbal_abuse",
        r"外人"
        r"|がいじん",
        kind="discrimination",
    ),
    cue(
        "discrimination_go_home",
        "verbal_abuse",
        r"国に帰れ"
        r"|日本から出て(?:いけ|行け)",
        kind="discrimination",
    ),
    cue(
        "discrimination_japanese_staff_demanded",
        "verbal_abuse",
        r"日本人を出せ"
        r"|日本人に(?:替|代|変)え",
        kind="discrimination",
    ),
    cue(
        "discrimination_no_japanese",
        "verbal_abuse",
        r"日本語(?:も|が)?(?:ろくに|まともに|ろくすっぽ)?(?:話せない|通じない|できない|しゃべれない)(?:奴|やつ|人|店員|の)",
        kind="discrimination",
    ),
    # Hiding someone for how they look: 見た目が不快なので裏方に回して.
    cue(
        "appearance",
        "verbal_abuse",
        rf"(?:見た目|容姿|顔|外見|体型)(?:が)?{NO_SENT}{{0,6}}?(?:不快|気持ち悪|きもい|嫌|ブサ|不細工){NO_SENT}{{0,12}}?"
        r"(?:裏方|出すな|表に出|見えない(?:所|ところ)|替え|代え|変え|外して|回して)",
    ),
    cue(
        "discrimination_go_back_en",
        "verbal_abuse",
        r"\bgo back (?:to )?(?:where (?:you|she|he|they) came from"
        r"|(?:your|her|his|their) (?:own )?country)\b",
        kind="discrimination_en",
    ),
    cue(
        "discrimination_people_like_en",
        "verbal_abuse",
        r"\b(?:people|someone|anyone|foreigners) like (?:her|him|them|you|that|your \w+|the \w+)\b",
        kind="discrimination_en",
    ),
    cue(
        "discrimination_send_back_en",
        "verbal_abuse",
        r"\bsend (?:her|him|them|\w+) back (?:to )?(?:where (?:she|he|they) came from|(?:her|his"
        r"|their) (?:own )?country)\b",
        kind="discrimination_en",
    ),
    cue(
        "discrimination_foreigners_en",
        "verbal_abuse",
        r"\b(?:these|those|bloody|filthy|dirty) foreigners\b",
        kind="discrimination_en",
    ),
    cue(
        "discrimination_proper_english_en",
        "verbal_abuse",
        r"\bspeaks? proper english\b[^.!?]{0,30}\bnot\b"
        r"|\blearn (?:to speak )?(?:proper|real|decent) english\b",
        kind="discrimination_en",
    ),
    cue("discrimination_your_kind_en", "verbal_abuse", r"\byour kind\b", kind="discrimination_en"),
    cue(
        "discrimination_group_people_en",
        "verbal_abuse",
        r"\b(?:old|fat|foreign|disabled) people (?:like|shouldn't|should not)\b",
        kind="discrimination_en",
    ),
    cue(
        "discrimination_refuse_served_en",
        "verbal_abuse",
        # Refusing to be served by a group: I don't want to be served by foreigners, get me a man.
        r"\b(?:don't|do not|won't|will not|refuse to|not going to|never)(?: want to| wanna)? (?:be served"
        r"|be helped|be seen|be treated|deal|talk|speak)(?: by| with| to)? (?:a |an |some "
        r"|any )?(?:foreigners?"
        r"|immigrants?|migrants?|women|woman|girls?|females?|old (?:people|man|woman|lady)|disabled|blacks?"
        r"|asians?|muslims?|gays?|trans|people who (?:can't|don't|cannot) speak (?:proper )?english)\b",
        kind="discrimination_en",
    ),
    cue(
        "discrimination_native_demanded_en",
        "verbal_abuse",
        r"\bsomeone (?:who was |who's |that was )?(?:actually |really )?born (?:here|in this country)\b"
        r"|\b(?:get|give|send) me (?:a |an )?(?:real|proper|native|white|local-born) (?:english|british"
        r"|american|australian|canadian|person|man|manager|staff member)\b",
        kind="discrimination_en",
    ),
    # Keeping a group away from customers: 外国人の店員に接客させるな, "stop hiring people who can't speak
    # English".
    cue(
        "keep_away",
        "verbal_abuse",
        r"(?:外国人|外人|障害者|障がい者|年寄り|老人|女)(?:の)?(?:店員|スタッフ|従業員|やつ)?(?:に|を)[^。!?\n]{0,10}?"
        r"(?:させるな|雇うな|出すな|使うな|置くな|やらせるな)",
    ),
    cue(
        "keep_away_en",
        "verbal_abuse",
        r"\b(?:stop hiring|don't hire|do not hire|no more) (?:foreigners|immigrants"
        r"|people who (?:can't|cannot|can barely|don't) speak)|\bforeigners touching\b",
    ),
)
