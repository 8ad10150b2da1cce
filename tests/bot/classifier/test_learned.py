"""The learned engine: its decision rule, its model file, its training and the shipped model."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

from app.cli import main
from bot.classifier.evaluation import LabelledItem, load_labelled
from bot.classifier.learned.corpus import DEFAULT_DATA, ROOT, training_files, training_items
from bot.classifier.learned.decide import Thresholds, decide
from bot.classifier.learned.engine import SHIPPED_MODEL, LearnedClassifier, load_learned
from bot.classifier.learned.model import LinearModel, ModelFileError
from bot.classifier.learned.train import TrainingSettings, data_digest, rules_digest, train
from bot.classifier.model import LABELS
from bot.classifier.offline import analyse
from tests.clock import TestClock

THRESHOLDS = Thresholds(notice=0.8, possible_threat=0.9, rules_veto=0.1, out_of_scope=0.7)
HOME_TOLD = "店員の佐藤さん、毎朝7時半に駅の北口から歩いてますよね。"


def probs(
    legitimate: float = 0.0, harassment: float = 0.0, threat: float = 0.0, oos: float = 0.0
) -> list[float]:
    return [legitimate, harassment, threat, oos]


@pytest.fixture(scope="module")
def shipped() -> LearnedClassifier:
    return load_learned()


# The decision rule --------------------------------------------------------------------------------------


def test_the_notice_needs_the_model_and_a_rule() -> None:
    threat_rule = analyse("殺すぞ", "ja")
    assert threat_rule.threats
    agreed = decide(probs(threat=0.85, harassment=0.15), threat_rule, THRESHOLDS)
    assert (agreed.label, agreed.notice) == ("threat", True) and "agree" in agreed.branch
    # The model alone, however sure, only makes a possible threat: reviewers are alerted, nothing is sent.
    no_rule = analyse("来週もお店に伺いますね。", "ja")
    assert not no_rule.threats
    alone = decide(probs(threat=0.95, legitimate=0.05), no_rule, THRESHOLDS)
    assert (alone.label, alone.notice) == (
        "threat",
        False,
    ) and alone.branch == "possible threat: the model alone"
    # The rule alone, the model less sure: a possible threat too.
    rule_only = decide(probs(threat=0.3, harassment=0.7), threat_rule, THRESHOLDS)
    assert (rule_only.label, rule_only.notice) == ("threat", False)


def test_a_threat_rule_the_model_rules_out_is_overruled() -> None:
    overruled = decide(probs(threat=0.05, oos=0.95), analyse("殺すぞ", "ja"), THRESHOLDS)
    assert overruled.label == "out_of_scope" and not overruled.notice


def test_out_of_scope_needs_the_rules_or_a_sure_model() -> None:
    complaint = analyse("料金が二重に請求されています。返金してください。", "ja")
    assert complaint.label == "legitimate"
    unsure = decide(probs(legitimate=0.35, oos=0.65), complaint, THRESHOLDS)
    assert unsure.label == "legitimate" and unsure.branch == "legitimate: the rules see a complaint"
    sure = decide(probs(legitimate=0.2, oos=0.8), complaint, THRESHOLDS)
    assert sure.label == "out_of_scope" and sure.branch == "out of scope: the model is sure"
    chat = analyse("ありがとうございました！", "ja")
    assert decide(probs(legitimate=0.4, oos=0.6), chat, THRESHOLDS).label == "out_of_scope"


def test_between_complaints_the_model_picks() -> None:
    complaint = analyse("料金が二重に請求されています。返金してください。", "ja")
    assert decide(probs(legitimate=0.3, harassment=0.6, oos=0.1), complaint, THRESHOLDS).label == "harassment"


# The model file -----------------------------------------------------------------------------------------


def tiny_model() -> LinearModel:
    weights = np.zeros((2, len(LABELS)), dtype=np.float32)
    weights[0, LABELS.index("threat")] = 3.0
    weights[1, LABELS.index("out_of_scope")] = 3.0
    return LinearModel(
        "learned-0", {"c:殺す": 0, "c:ありが": 1}, weights, np.zeros(len(LABELS), dtype=np.float32)
    )


def test_a_model_round_trips_and_explains() -> None:
    model = LinearModel.from_bytes(tiny_model().to_bytes())
    prediction = model.predict({"c:殺す": 1.0, "unknown": 5.0}, explain=3)
    assert prediction.label == "threat"
    assert [c.feature for c in prediction.top] == ["c:殺す"]
    assert model.predict({}).probabilities == pytest.approx(dict.fromkeys(LABELS, 0.25))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: b"PK\x03\x04" + b"\x00" * 100,
        lambda data: _archive(weights=np.full((2, 4), np.nan, dtype=np.float32)),
        lambda data: _archive(weights=np.zeros((3, 4), dtype=np.float32)),
        lambda data: _archive(weights=np.array([{"a": 1}], dtype=object)),
    ],
    ids=["empty", "truncated", "not a zip", "nan", "shapes", "pickled objects"],
)
def test_a_damaged_model_file_is_refused(damage: object) -> None:
    data = tiny_model().to_bytes()
    with pytest.raises(ModelFileError):
        LinearModel.from_bytes(damage(data))  # type: ignore[operator]


def _archive(**replace: object) -> bytes:
    with np.load(io.BytesIO(tiny_model().to_bytes())) as archive:
        arrays = {name: archive[name] for name in archive.files}
    arrays.update(replace)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def test_a_missing_model_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="cannot read"):
        load_learned(tmp_path / "missing.npz")


# Training -----------------------------------------------------------------------------------------------


def small_corpus() -> list[LabelledItem]:
    items = load_labelled(ROOT / "eval" / "classification.jsonl")
    return items[:240]


def test_training_is_deterministic_and_records_its_figures() -> None:
    settings = TrainingSettings(folds=3)
    first, second = train(small_corpus(), settings), train(small_corpus(), settings)
    assert first.model.to_bytes() == second.model.to_bytes()
    header = LinearModel.from_bytes(first.model.to_bytes()).header
    assert header["items"] == 240 and header["data_digest"] == data_digest(small_corpus())
    assert 0.0 < header["k_fold"]["macro_f1"] <= 1.0
    assert set(header["thresholds"]) == {"notice", "possible_threat", "rules_veto", "out_of_scope"}


def test_the_fresh_sets_are_never_trained_on() -> None:
    for later_round in ("eval/fresh/*.jsonl", "eval/fresh/round2/*.jsonl", "eval/**/*.jsonl"):
        with pytest.raises(ValueError, match="never trained on"):
            training_files([later_round])
    files = training_files(DEFAULT_DATA)
    assert files and not any("fresh" in f.parts for f in files)
    items, dropped = training_items(files)
    fresh = {i.text.strip() for f in (ROOT / "eval" / "fresh").rglob("*.jsonl") for i in load_labelled(f)}
    assert dropped > 0 and not any(item.text.strip() in fresh for item in items)


def test_the_shipped_model_is_trained_on_the_data_and_rules_in_the_repo() -> None:
    # A change to the training data needs `make model` (and the model committed with it).
    items, _ = training_items(training_files(DEFAULT_DATA))
    header = LinearModel.load(SHIPPED_MODEL).header
    assert header["data_digest"] == data_digest(items), "the training data changed: run `make model`"
    assert header["rules_digest"] == rules_digest(), "the rules changed: run `make model`"


# The shipped engine -------------------------------------------------------------------------------------


def test_the_shipped_engine_names_its_version_and_explains(shipped: LearnedClassifier) -> None:
    assessment = shipped.assess_sync("殺すぞ。お前の家は知ってる。", language="ja")
    assert assessment.engine == "learned-1+offline-4"
    assert assessment.label == "threat" and assessment.sends_threat_notice
    assert assessment.explanation is not None
    assert assessment.explanation.rules and assessment.explanation.features
    assert set(assessment.explanation.probabilities) == set(LABELS)
    assert assessment.explanation.branch.startswith("threat")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "😀😀😀",
        "あ" * 100_000,
        "\ud83d broken \udc00 surrogates",
        "返金して please refund 谢谢",
        "\x00\x01",
    ],
    ids=["empty", "emoji", "100k", "surrogates", "mixed", "control"],
)
def test_any_text_gets_a_valid_assessment(shipped: LearnedClassifier, text: str) -> None:
    assessment = shipped.assess_sync(text, language="ja")
    assert assessment.label in LABELS and 0.0 <= assessment.confidence <= 1.0
    assert assessment.engine == "learned-1+offline-4"


def test_a_failing_model_leaves_the_rules_to_answer(shipped: LearnedClassifier) -> None:
    broken = LearnedClassifier(shipped.model)

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    broken.model = type("Broken", (), {"predict": fail})()
    assessment = broken.assess_sync("殺すぞ", language="ja")
    assert assessment.label == "threat" and assessment.engine == "offline-4 (learned engine error)"


# The command line ---------------------------------------------------------------------------------------


def test_classify_explain_says_why(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "--engine", "learned", "--explain", HOME_TOLD], clock=TestClock()) == 0
    out = capsys.readouterr().out
    assert "decided by:" in out and "rules fired:" in out and "features that pushed most:" in out


def test_train_and_eval_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "small.jsonl"
    data.write_text(
        "".join(
            json.dumps({"id": i.id, "text": i.text, "label": i.label, "lang": i.lang}, ensure_ascii=False)
            + "\n"
            for i in small_corpus()
        ),
        encoding="utf-8",
    )
    out = tmp_path / "model.npz"
    assert main(["classifier", "train", "--data", str(data), "--out", str(out)], clock=TestClock()) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["items"] == 240 and summary["k_fold"]["macro_f1"] > 0 and out.stat().st_size > 0
    assert main(["eval", "--engine", "learned", str(data)], clock=TestClock()) == 0
    assert "learned-1+offline-4" in capsys.readouterr().out
    assert main(["classifier", "train", "--data", "eval/fresh/*.jsonl"], clock=TestClock()) == 2


def test_show_tells_what_the_model_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classifier", "show"], clock=TestClock()) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["version"] == "learned-1" and shown["data_digest"] and shown["k_fold"]["macro_f1"] > 0.5
    (tmp_path / "bad.npz").write_bytes(b"not a model")
    assert main(["classifier", "show", "--model", str(tmp_path / "bad.npz")], clock=TestClock()) == 2
