"""Judging a candidate model against the one in use, on the same sets, before it may answer.

The gate: on every set, the candidate finds at least as many of the threats (its threat recall does not
drop) and calls no more harmless texts threats (its false threats do not rise). Macro-F1 is shown beside
them, but a candidate better on average and worse on threats is not promoted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

from bot.classifier.evaluation import LabelledItem, score
from bot.classifier.learned.engine import LearnedClassifier


@dataclass(frozen=True)
class SetFigures:
    """One model's figures on one set."""

    items: int
    macro_f1: float
    threats: int
    threats_found: int
    notices: int  # threats that would get the fixed notice (the stricter rule)
    false_threats: int  # legitimate or out-of-scope texts labelled threat
    benign: int

    @property
    def threat_recall(self) -> float | None:
        """Share of the threats found (None when the set has none)."""
        return self.threats_found / self.threats if self.threats else None


@dataclass(frozen=True)
class GateLine:
    """Both models on one set, and whether the candidate passes there."""

    name: str
    current: SetFigures
    candidate: SetFigures

    @property
    def passes(self) -> bool:
        """Threat recall not lower, false threats not higher (both models read the same items)."""
        return (
            self.candidate.threats_found >= self.current.threats_found
            and self.candidate.false_threats <= self.current.false_threats
        )


@dataclass(frozen=True)
class GateReport:
    """The side-by-side figures of the two models on every gate set."""

    current_version: str
    candidate_version: str
    lines: list[GateLine]

    @property
    def promote(self) -> bool:
        """The candidate passes on every set that has items."""
        return all(line.passes for line in self.lines if line.current.items)

    def as_dict(self) -> dict[str, object]:
        """Plain figures, for the model's row."""
        return {
            "current": self.current_version,
            "candidate": self.candidate_version,
            "promote": self.promote,
            "sets": {
                line.name: {"current": asdict(line.current), "candidate": asdict(line.candidate)}
                for line in self.lines
            },
        }


def figures(engine: LearnedClassifier, items: Sequence[LabelledItem]) -> SetFigures:
    """The engine's figures on `items` (each in its tenant's language)."""
    report = score((item, engine.assess_sync(item.text, language=item.tenant_language)) for item in items)
    return SetFigures(
        items=report.total,
        macro_f1=round(report.macro_f1, 4),
        threats=report.per_label["threat"].support,
        threats_found=report.confusion["threat"]["threat"],
        notices=report.threat_notices,
        false_threats=report.false_threats,
        benign=report.per_label["legitimate"].support + report.per_label["out_of_scope"].support,
    )


def gate(
    current: LearnedClassifier, candidate: LearnedClassifier, sets: Mapping[str, Sequence[LabelledItem]]
) -> GateReport:
    """Both models on every set."""
    lines = [
        GateLine(name, figures(current, items), figures(candidate, items)) for name, items in sets.items()
    ]
    return GateReport(current.model.version, candidate.model.version, lines)


def side_by_side(report: GateReport) -> str:
    """The gate as a table a reviewer can read (plain text, for the terminal and Slack)."""
    rows = [
        f"current {report.current_version} · candidate {report.candidate_version}",
        f"{'set':<28} {'items':>5}  {'macro-F1':>15}  {'threat recall':>15}  {'notices':>9}  "
        f"{'false threats':>13}  pass",
    ]
    for line in report.lines:
        cur, cand = line.current, line.candidate
        rows.append(
            f"{line.name:<28} {cur.items:>5}  {cur.macro_f1:>7.3f} {cand.macro_f1:>7.3f}  "
            f"{_recall(cur):>7} {_recall(cand):>7}  {cur.notices:>4} {cand.notices:>4}  "
            f"{cur.false_threats:>6} {cand.false_threats:>6}  {'yes' if line.passes else 'NO'}"
        )
    verdict = "promoted" if report.promote else "not promoted (threat recall dropped or false threats rose)"
    rows.append(f"candidate {verdict}")
    return "\n".join(rows)


def _recall(f: SetFigures) -> str:
    recall = f.threat_recall
    return "n/a" if recall is None else f"{recall:.3f}"
