"""A candidate trained on the shipped data and the desk's verdicts, and judged beside the model in use.

Pure computation (minutes of CPU): the command runs it in its own process, the monthly job in a child
process, so that neither holds the service's event loop.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from bot.classifier.evaluation import LabelledItem
from bot.classifier.learned.engine import LearnedClassifier
from bot.classifier.learned.model import LinearModel
from bot.classifier.learned.promotion import GateReport, gate
from bot.classifier.learned.train import TrainingSettings, train

HELD_OUT_VERDICTS = "verdicts held out"


@dataclass(frozen=True)
class Retrained:
    """The candidate and its gate against the model in use."""

    candidate: LinearModel
    report: GateReport


def retrain(
    *,
    shipped: Sequence[LabelledItem],
    verdicts: Sequence[LabelledItem],
    held_out: Sequence[LabelledItem],
    gate_sets: Mapping[str, Sequence[LabelledItem]],
    current: LinearModel,
    version: str,
    settings: TrainingSettings | None = None,
) -> Retrained:
    """Train `version` on the shipped items and the verdicts; gate it against `current` on `gate_sets`
    and the held-out verdicts."""
    settings = replace(settings or TrainingSettings(), version=version)
    trained = train([*shipped, *verdicts], settings)
    sets = {**gate_sets, HELD_OUT_VERDICTS: held_out}
    report = gate(LearnedClassifier(current), LearnedClassifier(trained.model), sets)
    return Retrained(trained.model, report)
