"""Violence already done (暴力型): throwing things, spitting."""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, cue
from bot.classifier.offline.vocabulary import NO_SENT

VIOLENCE: tuple[Rule, ...] = (
    cue(
        "throw",
        "violence",
        rf"(?:投げつけ|なげつけ|投げ|なげ|ぶつけ)て?{NO_SENT}{{0,2}}?やっ(?:た|て)|(?:唾"
        rf"|つば)を(?:吐きかけ|はきかけ|かけて)",
    ),
    cue(
        "throw_en",
        "violence",
        r"\bi (?:\w+ )?(?:threw|spat|thrown) (?:\w+ )?(?:at|on) (?:her|him|them|the)\b",
    ),
)
