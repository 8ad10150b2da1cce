"""Summoning staff off premises (店舗外拘束型): to the complainant's home, a cafe, outside.

English, counted once as `private_contact_en`: "her personal phone number"
(`private_contact_personal_number_en`), "tell me where she lives" (`private_contact_where_lives_en`).
"""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, cue
from bot.classifier.offline.vocabulary import NO_SENT

OFF_PREMISES: tuple[Rule, ...] = (
    cue(
        "summon",
        "off_premises",
        rf"(?:家|自宅|うち|俺ん?ち|わが家|実家|職場)(?:まで|に|へ){NO_SENT}{{0,8}}?(?:謝り|謝罪|あやまり"
        rf"|説明|頭を下げ|詫び|来い|こい"
        r"|来させ|来てもら|来るべき|来なさい|来てください|来ていただ|伺わせ|出向|来て謝|来るのが|お越し|足を運)"
        r"|菓子折|かしおり"
        rf"|(?:駅前|喫茶店|ファミレス|外|駐車場|店の外|近くの|公園){NO_SENT}{{0,6}}?(?:に来い|に来なさい"
        rf"|へ来い|で待って(?:ろ|る)"
        r"|に出てこい|に呼び出)"
        r"|(?:謝り|謝罪し?|詫び|頭を下げ)に(?:(?:うち|家|自宅)まで)?(?:来い|こい|来させろ|来てもらう|来るべき|来なさい"
        r"|来るのが)|(?:今すぐ"
        r"|いますぐ)[^。!?\n]{0,6}?(?:来い|こい)"
        r"|(?:自宅|家|うち)で待って(?:る|ます|いる)",
    ),
    # A staff member's private contact or home asked for, however politely:
    # ご担当の方の携帯番号とご自宅の住所を教えていただけますか (not 店舗の住所, 担当者の連絡先, 私の携帯).
    cue(
        "private_contact",
        "off_premises",
        r"(?:担当|店員|スタッフ|従業員|職員|係員|店長|看護師|受付|レジ|あの人|その人|あの方|その方|あの子|その子|彼女)"
        r"(?:者|の方|さん|の人|の女の子|の女性|の男性|の子|の女|の男)?(?:の|個人の)(?:方の)?(?:個人的な|個人の|プライベートの|私用の)?"
        r"(?:携帯|けいたい|スマホ|ご?自宅|住所|家|line|ライン|インスタ|メアド|個人(?:的な)?(?:連絡先|番号)|私用|プライベート)"
        rf"{NO_SENT}{{0,14}}?(?:教え(?!て(?:もらっ|もらい|くれ(?:た|まし)|いただい))|聞かせ|知りたい|知らせ|よこせ|渡せ|伝えて|どこ)",
    ),
    cue(
        "private_contact_personal_number_en",
        "off_premises",
        r"\b(?:her|his|their|(?:the|that|this|your) (?!store|shop|office|company|branch|business|restaurant"
        r"|clinic|hotel|pharmacy|bank|firm|website|head|driver|courier|delivery)\w+'s) (?:personal "
        r"|private |home"
        r" |cell |mobile )+(?:phone )?(?:number|address|email|phone)\b"
        r"|\b(?:home address|personal (?:phone )?number|private (?:phone )?number|cell number|mobile number)"
        r" of (?:the|that|this|your) (?!store|shop|office|company|branch|driver|courier)\w+",
        kind="private_contact_en",
    ),
    cue(
        "private_contact_where_lives_en",
        "off_premises",
        r"\b(?:tell|give|send) me where (?:she|he|they|the \w+|that \w+) lives?\b",
        kind="private_contact_en",
    ),
    cue(
        "summon_en",
        "off_premises",
        r"\bcome to my (?:house|home|place|office|apartment|flat)\b|\b(?:visit|at) my (?:house|home) (?:and"
        r"|to) apologi[sz]e\b"
        r"|\bapologi[sz]e\b[^.!?]{0,30}\b(?:at|to) my (?:house|home|door|doorstep|place|flat|apartment)\b"
        r"|\bmeet me (?:outside"
        r"|in the parking lot|at the cafe)\b",
    ),
    # Anyone's private number demanded, staff named or not: 携帯番号も教えろ, 個人LINEを教えてください,
    # "give me the cute cashier's number".
    cue(
        "private_number",
        "off_premises",
        r"(?:携帯|けいたい|個人|プライベート)(?:の)?(?:番号|line|ライン|連絡先|インスタ)(?:も|を)?"
        r"(?:教えろ|教えて(?!あげ|おき|もらっ|もらい|くれ(?:た|まし)|いただい)|教えてください|よこせ)",
    ),
    cue(
        "private_number_en",
        "off_premises",
        r"\bgive me (?:the|that|your) (?:\w+ ){0,2}(?:cashier|waitress|waiter|receptionist|nurse|girl|guy"
        r"|clerk)'?s? (?:personal |private |cell |mobile )?(?:number|phone|insta|instagram|snap)",
    ),
)
