"""`kasuhara classify` and `kasuhara eval` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from tests.clock import TestClock

ROOT = Path(__file__).resolve().parents[2]


def test_classify_text_prints_the_assessment(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            ["classify", "--engine", "offline", "店員に「殺すぞ」と言われて怖かったです。"], clock=TestClock()
        )
        == 0
    )
    assessment = json.loads(capsys.readouterr().out)
    assert assessment["label"] != "threat" and assessment["engine"] == "offline-4"
    assert set(assessment) >= {"label", "types", "demand_valid", "means_acceptable", "confidence", "evidence"}


def test_classify_jsonl_answers_every_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "in.jsonl"
    file.write_bytes(
        b'{"id": 1, "text": "\xe6\xae\xba\xe3\x81\x99\xe3\x81\x9e"}\n'  # 殺すぞ
        b'{"id": "b", "text": "\xff\xfe broken utf-8"}\n'
        b"not json\n"
        b'{"id": 3, "text": ""}\n'
    )
    assert main(["classify", "--engine", "offline", "--jsonl", str(file)], clock=TestClock()) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 4
    assert lines[0]["id"] == 1 and lines[0]["label"] == "threat"
    assert set(lines[0]) == {"id", "label", "types", "confidence", "engine"}
    assert lines[1]["id"] == "b" and "label" in lines[1]
    assert "error" in lines[2]
    assert lines[3]["label"] == "out_of_scope"


def test_eval_prints_scores_confusion_and_misses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "labelled.jsonl"
    items = [
        {"id": "a", "text": "受付で長時間待たされた。改善してほしい。", "label": "legitimate"},
        {"id": "b", "text": "明日店に火をつけてやる", "label": "threat"},
        {"id": "c", "text": "営業時間を教えてください", "label": "harassment"},  # deliberately mislabelled
    ]
    file.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items), encoding="utf-8")
    assert main(["eval", "--engine", "offline", str(file)], clock=TestClock()) == 0
    out = capsys.readouterr().out
    for needle in ("macro-F1", "precision", "recall", "confusion", "c"):
        assert needle in out


def test_eval_bad_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "bad.jsonl"
    file.write_text(
        '{"id": 1, "text": "x", "label": "legitimate"}\n{"id": 2, "text": "y"}\n', encoding="utf-8"
    )
    assert main(["eval", str(file)], clock=TestClock()) == 2
    assert "bad.jsonl:2: missing label" in capsys.readouterr().err


def test_project_eval_set_meets_its_targets(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["eval", "--engine", "offline", str(ROOT / "eval" / "classification.jsonl")], clock=TestClock())
        == 0
    )
    out = capsys.readouterr().out
    assert "legitimate/out_of_scope labelled threat: 0" in out


def test_classify_prints_no_name_phone_or_email(capsys: pytest.CaptureFixture[str]) -> None:
    words = (
        "山田太郎ですが、昨日の駅前店の対応について苦情です。090-1234-5678に折り返してください。"
        "メールはtaro.yamada@example.jpです。ふざけるな、土下座しろ。"
    )
    assert main(["classify", "--engine", "offline", words], clock=TestClock()) == 0
    assessment = json.loads(capsys.readouterr().out)
    words_out = json.dumps(assessment, ensure_ascii=False)
    for value in ("山田", "太郎", "090-1234-5678", "09012345678", "taro.yamada", "example.jp"):
        assert value not in words_out, value
    assert assessment["label"] == "harassment"
    assert "［氏名］" in assessment["summary"] or "［電話番号］" in assessment["summary"]
    assert "ふざけるな、土下座しろ。" in assessment["evidence"]  # redacted, not dropped
