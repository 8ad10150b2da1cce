"""Learning from the desk's verdicts: what a model may keep of the desk's words, and the gate a candidate
must pass before it answers."""

from __future__ import annotations

from dataclasses import replace

from bot.classifier.learned.corpus import GATE_SETS, gate_sets
from bot.classifier.learned.promotion import GateLine, GateReport, SetFigures, side_by_side
from bot.classifier.learned.train import Example, TrainingSettings, vocabulary
from bot.classifier.offline import analyse
from bot.config import Settings

SETTINGS = TrainingSettings(min_count=2, min_desk_writers=3)
FIGURES = SetFigures(
    items=300, macro_f1=0.9, threats=75, threats_found=60, notices=40, false_threats=1, benign=150
)


def example(features: dict[str, float], writer: str = "") -> Example:
    return Example("legitimate", analyse("", "ja"), features, writer)


def test_a_feature_of_the_desks_cases_needs_three_complainants_or_the_shipped_data() -> None:
    data = [
        example({"c:山田": 1.0}, "complainant:1"),
        example({"c:山田": 1.0, "c:返金": 1.0}, "complainant:2"),  # two complainants: not kept
        example({"c:返金": 1.0}, "complainant:2"),
        example({"c:返金": 1.0}, "complainant:3"),
        example({"c:返金": 1.0}, "complainant:4"),  # three different complainants: kept
        example({"c:二重": 1.0}, "complainant:5"),
        example({"c:二重": 1.0}),  # in the shipped data too: kept
        example({"c:一度": 1.0}),  # the shipped data alone: kept at min_count
        example({"c:一度": 1.0}),
        example({"c:一回": 1.0}),  # once: never
    ]
    assert set(vocabulary(data, SETTINGS)) == {"c:返金", "c:二重", "c:一度"}
    # One complainant writing the same thing many times is still one complainant.
    same_writer = [example({"c:電話": 1.0}, "complainant:9") for _ in range(5)]
    assert vocabulary(same_writer, SETTINGS) == {}


def test_the_candidate_passes_only_without_fewer_threats_found_or_more_false_threats() -> None:
    def line(**candidate: int) -> GateLine:
        return GateLine("set", FIGURES, replace(FIGURES, **candidate))

    assert line().passes and line(threats_found=61, false_threats=0).passes
    assert not line(threats_found=59).passes  # one more threat missed
    assert not line(false_threats=2, threats_found=70).passes  # better recall bought with a false threat
    assert line(macro_f1=0).passes  # macro-F1 is shown, threats decide
    report = GateReport("learned-1", "learned-1-desk1", [line(), line(threats_found=59)])
    assert not report.promote
    empty = GateLine(
        "verdicts held out", replace(FIGURES, items=0), replace(FIGURES, items=0, false_threats=9)
    )
    assert GateReport("a", "b", [line(), empty]).promote  # a set without items does not judge


def test_the_report_shows_both_models_on_every_set() -> None:
    report = GateReport(
        "learned-1", "learned-1-desk1", [GateLine("eval", FIGURES, replace(FIGURES, threats_found=66))]
    )
    table = side_by_side(report)
    assert "current learned-1 · candidate learned-1-desk1" in table
    assert "0.800   0.880" in table and "yes" in table
    assert table.endswith("candidate promoted")
    assert "threat recall" in table and "false threats" in table
    no_threats = replace(FIGURES, threats=0, threats_found=0)
    assert "n/a" in side_by_side(GateReport("a", "b", [GateLine("x", no_threats, no_threats)]))


def test_a_round_of_fresh_sets_not_run_yet_is_no_gate() -> None:
    judged = gate_sets(GATE_SETS)
    assert set(judged) == {"eval/classification*.jsonl", "eval/fresh/*.jsonl"}
    assert len(judged["eval/fresh/*.jsonl"]) == 900  # round 1 only; round2/ waits for its first run
    assert tuple(Settings().classifier_gate_sets) == GATE_SETS
