"""The learned engine: the rules read the text, a linear model reads it and the rules' findings, and
`decide` turns both into one label (named `learned-1+offline-4`: the model's version and the rules')."""

from __future__ import annotations

import logging
from pathlib import Path

from bot.classifier.learned.decide import Thresholds, decide
from bot.classifier.learned.features import Groups, extract
from bot.classifier.learned.model import LinearModel, ModelFileError
from bot.classifier.model import LABELS, Assessment, AxisJudgement, BehaviourType, Explanation
from bot.classifier.offline import ENGINE_NAME as RULES_ENGINE
from bot.classifier.offline import OfflineClassifier, analyse
from bot.classifier.offline.engine import assessment_of, tenant_language
from bot.classifier.offline.report import Analysis

log = logging.getLogger(__name__)

# The model shipped with the code, built by `make model` (`kasuhara classifier train`).
SHIPPED_MODEL = Path(__file__).resolve().parent / "data" / "learned.npz"
EXPLAINED_FEATURES = 6


class LearnedClassifier:
    """Rules and model together; never raises for any input (the rules answer alone on a bug)."""

    def __init__(self, model: LinearModel) -> None:
        self.model = model
        self.thresholds = Thresholds(**model.header.get("thresholds", {}))
        self.groups = Groups(**model.header.get("settings", {}).get("groups", {}))
        self.engine = f"{model.version}+{RULES_ENGINE}"
        self._rules = OfflineClassifier()

    async def assess(self, text: str, *, language: str) -> Assessment:
        """The assessment of `text` for a tenant using `language` (ja or en)."""
        return self.assess_sync(text, language=language)

    def assess_sync(self, text: str, *, language: str) -> Assessment:
        """Same as `assess`, without the event loop (for batch evaluation and benchmarks)."""
        try:
            return self._assess(text if isinstance(text, str) else str(text or ""), language)
        except Exception as exc:  # never log the text itself
            log.exception(
                "learned classifier failed on a text of %d chars: %s", len(text or ""), type(exc).__name__
            )
            rules = self._rules.assess_sync(text, language=language)
            return rules.model_copy(update={"engine": f"{rules.engine} (learned engine error)"})

    def _assess(self, text: str, language: str) -> Assessment:
        an = analyse(text, language)
        rules = assessment_of(an)
        prediction = self.model.predict(extract(an, self.groups), explain=EXPLAINED_FEATURES)
        p = [prediction.probabilities[label] for label in LABELS]
        decision = decide(p, an, self.thresholds)
        explanation = Explanation(
            branch=decision.branch,
            rules=rules.explanation.rules if rules.explanation else [],
            features=[f"{c.feature} {c.weight:+.2f}" for c in prediction.top],
            probabilities={label: round(v, 3) for label, v in prediction.probabilities.items()},
        )
        update: dict[str, object] = {
            "label": decision.label,
            "confidence": round(min(0.99, max(0.01, decision.confidence)), 2),
            "engine": self.engine,
            "threat_notice": decision.notice if decision.label == "threat" else None,
            "explanation": explanation,
        }
        if decision.label != rules.label:
            update["types"] = _types(decision.label, an)
            update["means_acceptable"] = _means(
                decision.label, rules.means_acceptable, tenant_language(language)
            )
        return rules.model_copy(update=update)


def _types(label: str, an: Analysis) -> list[BehaviourType]:
    """The rules' types that still fit the model's label."""
    if label in ("legitimate", "out_of_scope"):
        return []
    if label == "threat":
        return list(dict.fromkeys(["intimidation", *an.types]))
    return [t for t in an.types if t != "intimidation"] or list(an.types)


def _means(label: str, rules: AxisJudgement, lang: str) -> AxisJudgement:
    """The means judgement when the model's label differs from the rules' (whose reason would not fit)."""
    if label in ("threat", "harassment") and rules.ok is not False:
        reason = (
            "The learned model reads unacceptable means (see the features); the rules found none."
            if lang == "en"
            else "学習モデルが不相当な手段を読み取った（ルールでは検出なし）"
        )
        return AxisJudgement(ok=False, reason=reason)
    if label in ("legitimate", "out_of_scope") and rules.ok is False:
        reason = (
            "The rules found unacceptable means; the learned model does not read them so."
            if lang == "en"
            else "ルールは不相当な手段を検出したが、学習モデルはそう読まない"
        )
        return AxisJudgement(ok=None, reason=reason)
    return rules


def load_learned(path: Path = SHIPPED_MODEL) -> LearnedClassifier:
    """The learned engine over the model at `path`; ModelFileError when it is missing or unusable."""
    return LearnedClassifier(LinearModel.load(path))


__all__ = ["SHIPPED_MODEL", "LearnedClassifier", "ModelFileError", "load_learned"]
