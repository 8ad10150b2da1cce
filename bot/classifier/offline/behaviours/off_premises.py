"""Summoning staff off premises (店舗外拘束型): to the complainant's home, a cafe, outside."""

from __future__ import annotations

from bot.classifier.offline.behaviours.shared import NO_SENT, cue
from bot.classifier.offline.rules import Rule

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
    cue(
        "summon_en",
        "off_premises",
        r"\bcome to my (?:house|home|place|office|apartment|flat)\b|\b(?:visit|at) my (?:house|home) (?:and"
        r"|to) apologi[sz]e\b"
        r"|\bapologi[sz]e (?:to me )?in person at my (?:house|home)\b|\bmeet me (?:outside"
        r"|in the parking lot|at the cafe)\b",
    ),
)
