"""How the learned engine's label is decided from the model's calibrated probabilities and the rules.

The rule, in order (each branch is named in the assessment's explanation):

1. **Threat with the notice.** The fixed notice goes to the complainant (and the dialogue stops) only when
   more than the model's word says so: the model's probability of a threat is at least `notice` **and**
   either a threat rule fired, or an intimidation rule fired (a second, independent signal).
2. **Possible threat.** A threat rule fired but the model is less sure, or the model alone is at least
   `possible_threat` sure: the label is `threat` and the reviewers are alerted at once, and nothing is sent
   to the complainant. A threat rule the model all but rules out (below `rules_veto`) is overruled.
3. **Out of scope** needs more than the model's word too: the model's pick among the other three labels is
   `out_of_scope` and either the rules also find no complaint, or the model is at least `out_of_scope`
   sure. Otherwise the text is taken as the complaint the model thinks more likely (the desk reads a
   complaint it need not rather than miss one).
4. Otherwise the model's pick between `legitimate` and `harassment`.

The thresholds are chosen on out-of-fold predictions of the training data (`choose_thresholds`): the notice
and the threat label for the most threats found within a budget of false ones, out of scope for the best
macro-F1; they are stored with the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from sklearn.metrics import f1_score

from bot.classifier.model import LABELS, Label
from bot.classifier.offline.report import Analysis

THREAT = LABELS.index("threat")
OUT_OF_SCOPE = LABELS.index("out_of_scope")
# Out-of-fold targets the thresholds are chosen for.
MAX_FALSE_THREAT_SHARE = 0.003  # benign texts labelled threat (the figure to reach: 1 in 300)
MAX_FALSE_NOTICE_SHARE = 0.001  # benign texts that would get the threat notice
GRID = tuple(round(0.30 + 0.01 * i, 2) for i in range(70))  # 0.30 … 0.99
OUT_OF_SCOPE_GRID = tuple(round(0.5 + 0.05 * i, 2) for i in range(10))  # 0.50 … 0.95
VETO_GRID = (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass(frozen=True)
class Thresholds:
    """The decision's thresholds (see the module's rule)."""

    notice: float = 0.6
    possible_threat: float = 0.8
    rules_veto: float = 0.0
    out_of_scope: float = 0.7


@dataclass(frozen=True)
class Decision:
    """The label, whether the threat notice goes out, the branch that decided and its confidence."""

    label: Label
    notice: bool
    branch: str
    confidence: float


def decide(p: Sequence[float], rules: Analysis, thresholds: Thresholds) -> Decision:
    """The label of one text from the model's probabilities `p` (in LABELS order) and the rules."""
    p_threat = float(p[THREAT])
    rule_threat = bool(rules.threats)
    intimidation = any(f.hit.rule.category == "intimidation" for f in rules.means)
    if p_threat >= thresholds.notice and (rule_threat or intimidation):
        why = "a threat rule" if rule_threat else "an intimidation rule"
        return Decision("threat", True, f"threat: the model and {why} agree", p_threat)
    if rule_threat and p_threat >= thresholds.rules_veto:
        return Decision(
            "threat", False, "possible threat: a threat rule, the model less sure", max(p_threat, 0.5)
        )
    if p_threat >= thresholds.possible_threat:
        return Decision("threat", False, "possible threat: the model alone", p_threat)
    rest = {label: float(p[k]) for k, label in enumerate(LABELS) if k != THREAT}
    total = sum(rest.values()) or 1.0
    rest = {label: v / total for label, v in rest.items()}
    pick = max(rest, key=lambda k: rest[k])
    if pick == "out_of_scope":
        if rules.label == "out_of_scope":
            return Decision(pick, False, "out of scope: the model and the rules agree", rest[pick])
        if rest[pick] >= thresholds.out_of_scope:
            return Decision(pick, False, "out of scope: the model is sure", rest[pick])
        complaint: Label = "harassment" if rest["harassment"] > rest["legitimate"] else "legitimate"
        return Decision(complaint, False, f"{complaint}: the rules see a complaint", rest[complaint])
    vetoed = " (a threat rule overruled)" if rule_threat else ""
    return Decision(pick, False, f"{pick}: the model{vetoed}", rest[pick])


def decide_all(
    probabilities: npt.NDArray[np.float64], rules: Sequence[Analysis], thresholds: Thresholds
) -> list[Decision]:
    """`decide` for each row."""
    return [decide(row, an, thresholds) for row, an in zip(probabilities, rules, strict=True)]


def choose_thresholds(
    probabilities: npt.NDArray[np.float64], y: npt.NDArray[np.int64], rules: Sequence[Analysis]
) -> Thresholds:
    """The thresholds that find the most threats within the module's targets on out-of-fold predictions."""
    is_threat = y == THREAT
    benign = np.isin(y, [LABELS.index("legitimate"), OUT_OF_SCOPE])
    p_threat = probabilities[:, THREAT]
    rule_threat = np.array([bool(an.threats) for an in rules])
    intimidation = np.array([any(f.hit.rule.category == "intimidation" for f in an.means) for an in rules])
    second = rule_threat | intimidation

    def allowed(share: float) -> float:
        return max(1.0, share * int(benign.sum()))

    notice = next(
        (t for t in GRID if ((p_threat >= t) & second & benign).sum() <= allowed(MAX_FALSE_NOTICE_SHARE)),
        GRID[-1],
    )
    # The threat label: a threat rule the model does not rule out (veto), or the model alone (possible).
    best: tuple[int, float, float] = (-1, 0.0, GRID[-1])
    for veto in VETO_GRID:
        kept = rule_threat & (p_threat >= veto)
        for possible in GRID:
            labelled = kept | (p_threat >= possible) | ((p_threat >= notice) & second)
            if (labelled & benign).sum() <= allowed(MAX_FALSE_THREAT_SHARE):
                found = int((labelled & is_threat).sum())
                if found > best[0]:
                    best = (found, veto, possible)
                break  # a higher threshold finds no more threats
    _, veto, possible = best

    # Out of scope: the threshold the k-fold predictions score best with (macro-F1).
    def scored(t: float) -> float:
        chosen = Thresholds(notice=notice, possible_threat=possible, rules_veto=veto, out_of_scope=t)
        return macro_f1(y, [LABELS.index(d.label) for d in decide_all(probabilities, rules, chosen)])

    out_of_scope = max(OUT_OF_SCOPE_GRID, key=scored)
    return Thresholds(notice=notice, possible_threat=possible, rules_veto=veto, out_of_scope=out_of_scope)


def label_f1(y: Sequence[int] | npt.NDArray[np.int64], predicted: Sequence[int]) -> list[float]:
    """Each label's F1, in LABELS order (0 for a label neither expected nor predicted)."""
    scores = f1_score(y, predicted, labels=list(range(len(LABELS))), average=None, zero_division=0)
    return [float(v) for v in scores]


def macro_f1(y: Sequence[int] | npt.NDArray[np.int64], predicted: Sequence[int]) -> float:
    """The mean of the labels' F1."""
    return float(np.mean(label_f1(y, predicted)))
