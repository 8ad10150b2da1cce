"""Loading labelled JSONL, scoring, the report table, and batch classification of JSONL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.classifier.evaluation import (
    EvalDataError,
    LabelledItem,
    aclassify_jsonl,
    classify_jsonl,
    evaluate,
    format_report,
    load_labelled,
    score,
)
from bot.classifier.model import Assessment, AxisJudgement, Label
from bot.classifier.offline import OfflineClassifier


class KeywordClassifier:
    """A stub: threat if the text has 殺, harassment if バカ, legitimate if 待, else out_of_scope."""

    async def assess(self, text: str, *, language: str) -> Assessment:
        if "boom" in text:
            raise RuntimeError("engine failure")
        label: Label = (
            "threat"
            if "殺" in text
            else "harassment"
            if "バカ" in text
            else "legitimate"
            if "待" in text
            else "out_of_scope"
        )
        judgement = AxisJudgement(ok=None, reason="stub")
        return Assessment(
            label=label,
            demand_valid=judgement,
            means_acceptable=judgement,
            confidence=0.5,
            summary="",
            engine="stub-1",
        )


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _item(i: str, text: str, label: str) -> str:
    return json.dumps({"id": i, "text": text, "label": label, "lang": "ja"}, ensure_ascii=False)


def test_load_labelled(tmp_path: Path) -> None:
    path = _write(tmp_path, [_item("a", "殺す", "threat"), "", _item("b", "待った", "legitimate")])
    items = load_labelled(path)
    assert [i.id for i in items] == ["a", "b"]
    assert items[0] == LabelledItem(id="a", text="殺す", label="threat", lang="ja", note="")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("{not json", "invalid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"id": "x", "text": "t"}', "missing label"),
        ('{"id": "x", "text": 3, "label": "threat"}', "text must be a string"),
        ('{"id": "x", "text": "t", "label": "spam"}', "is not one of"),
        ('{"id": "x", "text": "t", "label": "threat", "lang": "fr"}', "lang must be"),
        ('{"id": "a", "text": "t", "label": "threat"}', "duplicate id"),
    ],
)
def test_load_labelled_names_the_bad_line(tmp_path: Path, bad: str, message: str) -> None:
    path = _write(tmp_path, [_item("a", "殺す", "threat"), bad])
    with pytest.raises(EvalDataError) as info:
        load_labelled(path)
    assert f"{path}:2:" in str(info.value)
    assert message in str(info.value)


async def test_evaluate_scores_and_confusion() -> None:
    items = [
        LabelledItem("1", "殺す", "threat"),
        LabelledItem("2", "バカ", "harassment"),
        LabelledItem("3", "待った", "legitimate"),
        LabelledItem("4", "待ったバカ", "legitimate"),  # predicted harassment
        LabelledItem("5", "こんにちは", "out_of_scope"),
        LabelledItem("6", "殺すつもりはない", "legitimate"),  # predicted threat
    ]
    report = await evaluate(KeywordClassifier(), items)
    assert report.total == 6 and report.correct == 4
    assert report.confusion["legitimate"]["harassment"] == 1
    assert report.confusion["legitimate"]["threat"] == 1
    assert report.false_threats == 1
    legit = report.per_label["legitimate"]
    assert legit.precision == 1.0 and legit.recall == pytest.approx(1 / 3) and legit.support == 3
    threat = report.per_label["threat"]
    assert threat.precision == 0.5 and threat.recall == 1.0
    assert report.macro_f1 == pytest.approx(sum(s.f1 for s in report.per_label.values()) / 4)
    assert {m.id for m in report.misclassified} == {"4", "6"}
    text = format_report(report)
    assert "macro-F1" in text and "threat recall: 1.000" in text
    assert "legitimate/out_of_scope labelled threat: 1 (with the notice: 1)" in text
    assert "expected legit   got threat" in text
    # A threat the engine keeps from the sender (a possible threat) counts as found, not as a notice.
    assert (report.threat_notices, report.notice_recall) == (1, 1.0)
    engine = KeywordClassifier()
    kept_from_sender = [
        (item, (await engine.assess(item.text, language="ja")).model_copy(update={"threat_notice": False}))
        for item in items
    ]
    possible = score(kept_from_sender)
    assert possible.per_label["threat"].recall == 1.0 and possible.notice_recall == 0.0
    assert possible.benign_notices == 0 and possible.false_threats == 1
    assert "threat recall: 1.000 (with the notice: 0.000)" in format_report(possible)


def test_classify_jsonl_outputs_one_line_per_input_and_errors_for_bad_lines() -> None:
    lines: list[str | bytes] = [
        json.dumps({"id": "a", "text": "殺すぞ"}, ensure_ascii=False),
        "",
        "{broken",
        json.dumps({"id": 7, "text": 123}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "営業時間は？"}, ensure_ascii=False),
        "殺すぞ".encode(),  # bytes that are not JSON
        json.dumps({"id": "en", "text": "I will kill you", "language": "en"}),
    ]
    out = list(classify_jsonl(OfflineClassifier(), lines, "ja"))
    assert len(out) == 7
    assert set(out[0]) == {"id", "label", "types", "confidence", "engine"}
    assert (out[0]["id"], out[0]["label"], out[0]["types"], out[0]["engine"]) == (
        "a",
        "threat",
        ["intimidation"],
        "offline-4",
    )
    assert out[1]["id"] == "line-3" and "invalid JSON" in out[1]["error"]
    assert out[2]["id"] == 7 and "text must be a string" in out[2]["error"]
    assert out[3]["id"] == "line-5" and "error" in out[3]
    assert out[4]["id"] == "line-6" and out[4]["label"] == "out_of_scope"
    assert out[5]["id"] == "line-7" and "error" in out[5]
    assert out[6]["label"] == "threat"
    for row in out:
        json.dumps(row)


def test_classify_jsonl_survives_an_engine_failure() -> None:
    lines = [
        json.dumps({"id": "x", "text": "boom"}),
        json.dumps({"id": "y", "text": "殺す"}, ensure_ascii=False),
    ]
    out = list(classify_jsonl(KeywordClassifier(), lines, "ja"))
    assert "error" in out[0] and "RuntimeError" in out[0]["error"]
    assert out[1]["label"] == "threat"


async def test_aclassify_jsonl_inside_a_running_loop() -> None:
    lines = [json.dumps({"id": "a", "text": "テスト"}, ensure_ascii=False)]
    out = [row async for row in aclassify_jsonl(OfflineClassifier(), lines, "ja")]
    assert out[0]["label"] == "out_of_scope"
