"""All harassment cues of the offline engine, gathered from the per-behaviour-type modules in `behaviours/`.

Weights: 1.0 is enough on its own to make the means unacceptable (or the demand invalid, for
excessive_demand); weaker cues (rude pronouns, vulgar intensifiers) add up. Hiragana forms of insults
are restricted by their neighbours because they hide inside ordinary words (ばかり, 動かす, ですしね).
"""

from __future__ import annotations

from bot.classifier.offline.behaviours.aggression import AGGRESSION
from bot.classifier.offline.behaviours.authority import AUTHORITY
from bot.classifier.offline.behaviours.discrimination import DISCRIMINATION
from bot.classifier.offline.behaviours.excessive_demand import EXCESSIVE
from bot.classifier.offline.behaviours.intimidation import INTIMIDATION
from bot.classifier.offline.behaviours.off_premises import OFF_PREMISES
from bot.classifier.offline.behaviours.online_defamation import ONLINE_DEFAMATION
from bot.classifier.offline.behaviours.repeat import REPEAT
from bot.classifier.offline.behaviours.sexual import SEXUAL
from bot.classifier.offline.behaviours.time_binding import TIME_BINDING
from bot.classifier.offline.behaviours.verbal_abuse import VERBAL_ABUSE
from bot.classifier.offline.behaviours.violence import VIOLENCE
from bot.classifier.offline.rules import Rule

HARASSMENT_RULES: tuple[Rule, ...] = (
    VERBAL_ABUSE
    + DISCRIMINATION
    + AGGRESSION
    + INTIMIDATION
    + VIOLENCE
    + TIME_BINDING
    + REPEAT
    + OFF_PREMISES
    + AUTHORITY
    + ONLINE_DEFAMATION
    + SEXUAL
    + EXCESSIVE
)
