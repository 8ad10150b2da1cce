"""Prompt files, the strict JSON schema and parsing of the model's answer."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from bot.classifier.llm import (
    PROMPTS_DIR,
    LlmClassifier,
    LlmMalformedOutput,
    LlmRefusal,
    PromptNotFound,
    parse_completion,
    prompt_language,
    render_prompt,
    response_format,
    verbatim_evidence,
)
from bot.classifier.model import BEHAVIOUR_TYPES, LABELS
from handlers.llm.openai_chat import OpenAIChat
from tests.bot.classifier.llm.conftest import dumps, verdict

VALUES = LlmClassifier.prompt_values()


@pytest.mark.parametrize("language", ["ja", "en"])
def test_prompts_are_files_naming_every_label_and_type(language: str) -> None:
    path = PROMPTS_DIR / f"classify.{language}.txt"
    assert path.is_file()
    text = render_prompt("classify", language, VALUES)
    for name in (*LABELS, *BEHAVIOUR_TYPES):
        assert name in text
    assert "$" not in text
    assert "200" in text


def test_japanese_prompt_explains_the_criterion() -> None:
    text = render_prompt("classify", "ja", VALUES)
    for phrase in ("要求内容の妥当性", "社会通念上の相当性", "引用", "一字一句", "日本語で 200 文字以内"):
        assert phrase in text


def test_missing_template_value_raises() -> None:
    values = dict(VALUES)
    del values["max_evidence"]
    with pytest.raises(KeyError, match="max_evidence"):
        render_prompt("classify", "ja", values)


def test_unknown_prompt_raises() -> None:
    with pytest.raises(PromptNotFound):
        render_prompt("classify", "fr", VALUES)


def test_broken_prompt_fails_at_construction(tmp_path: Path) -> None:
    (tmp_path / "classify.ja.txt").write_text("$placeholders $unknown_value", encoding="utf-8")
    (tmp_path / "classify.en.txt").write_text("$placeholders", encoding="utf-8")
    with pytest.raises(KeyError, match="unknown_value"):
        chat = OpenAIChat(api_key="sk-x", base_url="http://127.0.0.1:9/v1", timeout_seconds=1, max_retries=0)
        LlmClassifier(chat, "m", prompts_dir=tmp_path)


def test_prompt_language() -> None:
    assert prompt_language("ja") == "ja"
    assert prompt_language("ja-JP") == "ja"
    assert prompt_language("en") == "en"
    assert prompt_language("fr") == "en"


def _walk(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found.extend(_walk(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_walk(value))
    return found


def test_schema_is_strict() -> None:
    fmt = response_format()
    schema = fmt["json_schema"]["schema"]
    assert fmt["type"] == "json_schema"
    assert fmt["json_schema"]["strict"] is True
    assert "$defs" not in schema
    for node in _walk(schema):
        assert "$ref" not in node
        if node.get("type") == "object":
            assert node["additionalProperties"] is False
            assert node["required"] == list(node["properties"])
    props = schema["properties"]
    assert props["label"]["enum"] == list(LABELS)
    assert props["types"]["items"]["enum"] == list(BEHAVIOUR_TYPES)
    assert set(props) == {
        "evidence",
        "demand_valid",
        "means_acceptable",
        "types",
        "label",
        "confidence",
        "summary",
    }


def _completion(content: str | None = None, refusal: str | None = None, finish: str = "stop") -> Any:
    message = SimpleNamespace(role="assistant", content=content, refusal=refusal)
    return SimpleNamespace(choices=[SimpleNamespace(index=0, message=message, finish_reason=finish)])


def test_parse_valid_and_fenced_json() -> None:
    assert parse_completion(_completion(dumps(verdict()))).label == "harassment"
    assert parse_completion(_completion("```json\n" + dumps(verdict()) + "\n```")).label == "harassment"


@pytest.mark.parametrize(
    ("completion", "error"),
    [
        (SimpleNamespace(choices=[]), LlmMalformedOutput),
        (SimpleNamespace(), LlmMalformedOutput),
        (_completion(None), LlmMalformedOutput),
        (_completion("not json"), LlmMalformedOutput),
        (_completion('{"label": "harassment"'), LlmMalformedOutput),
        (_completion(dumps(verdict(label="maybe"))), LlmMalformedOutput),
        (_completion(dumps(verdict(types=["shouting"]))), LlmMalformedOutput),
        (_completion(dumps({k: v for k, v in verdict().items() if k != "summary"})), LlmMalformedOutput),
        (_completion(dumps(verdict()), finish="length"), LlmMalformedOutput),
        (_completion(None, refusal="I can't help with that."), LlmRefusal),
        (_completion(dumps(verdict()), finish="content_filter"), LlmRefusal),
    ],
)
def test_parse_failures(completion: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        parse_completion(completion)


def test_schema_violation_error_does_not_quote_the_output() -> None:
    with pytest.raises(LlmMalformedOutput) as caught:
        parse_completion(_completion(dumps(verdict(label="秘密の文面"))))
    assert "秘密" not in str(caught.value)
    assert caught.value.__cause__ is None


def test_verbatim_evidence() -> None:
    text = "ふざけるな。土下座しろ。［氏名］を出せ"
    quotes = ["「土下座しろ」", "『ふざけるな』", "殺すぞ", "［氏名］を出せ", "土下座しろ", "  "]
    assert verbatim_evidence(quotes, text) == ["土下座しろ", "ふざけるな", "［氏名］を出せ"]
    assert verbatim_evidence(["ふざけるな", "土下座しろ"], text, limit=1) == ["ふざけるな"]
