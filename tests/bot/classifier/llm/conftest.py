"""Fixtures: a running FakeOpenAI, LLM classifiers pointed at it, and a stand-in offline engine."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest

from bot.classifier.llm import LlmClassifier
from bot.classifier.model import Assessment, AxisJudgement
from handlers.llm.openai_chat import OpenAIChat
from sandbox.fake_openai import FakeOpenAI

API_KEY = "sk-sandbox-test-key"
MODEL = "gpt-4o-mini"

# A complaint full of personal data; none of it may reach the fake.
PII_TEXT = (
    "私は山田太郎です。電話は０９０－１２３４－５６７８、メールは taro.yamada@example.jp です。"
    "LINEのユーザーIDは U0123456789abcdef0123456789abcdef です。"
    "住所は〒100-0001 東京都千代田区千代田1-2-3 です。"
    "昨日お店で注文と違う料理が出てきたのに、店員は謝りもしなかった。ふざけるな、土下座しろ。"
)
PII_VALUES = (
    "山田太郎",
    "山田",
    "０９０－１２３４－５６７８",
    "090-1234-5678",
    "09012345678",
    "taro.yamada",
    "taro.yamada@example.jp",
    "U0123456789abcdef0123456789abcdef",
    "0123456789abcdef",
    "千代田1-2-3",
    "1-2-3",
    "100-0001",
)
PLACEHOLDERS = ("［氏名］", "［電話番号］", "［メール］", "［LINE ID］", "［住所］", "［郵便番号］")


def assert_no_personal_data(fake: FakeOpenAI) -> None:
    """No personal value of PII_TEXT reached the fake, and its placeholders did."""
    assert fake.chat_bodies, "the fake received no chat completion request"
    decoded = fake.sent_text()  # JSON escapes undone: the raw body carries \\uXXXX for Japanese text
    raw = fake.sent_bytes().decode("utf-8", errors="replace")
    for value in PII_VALUES:
        assert value not in decoded, f"personal data reached the LLM: {value!r}"
        assert value not in raw, f"personal data reached the LLM: {value!r}"
    for body in fake.chat_bodies:
        user = next(m["content"] for m in body["messages"] if m["role"] == "user")
        for placeholder in PLACEHOLDERS:
            assert placeholder in user, f"{placeholder} missing from the request"
        assert "土下座しろ" in user  # the complaint itself still goes out


def verdict(**overrides: Any) -> dict[str, Any]:
    """A structured output that validates against the schema."""
    base: dict[str, Any] = {
        "evidence": ["ふざけるな、土下座しろ。"],
        "demand_valid": {"ok": True, "reason": "注文と違う料理への苦情で、要求自体は妥当。"},
        "means_acceptable": {"ok": False, "reason": "土下座の要求と暴言がある。"},
        "types": ["verbal_abuse", "excessive_demand"],
        "label": "harassment",
        "confidence": 0.8,
        "summary": "注文と違う料理が出て店員が謝罪しなかったことへの苦情。土下座を要求している。",
    }
    base.update(overrides)
    return base


class StubOffline:
    """Stand-in for the offline engine: a fixed answer, counting calls."""

    engine = "offline-4"

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    async def assess(self, text: str, *, language: str) -> Assessment:
        self.calls.append((text, language))
        return Assessment(
            label="harassment",
            types=["verbal_abuse"],
            demand_valid=AxisJudgement(ok=None, reason="offline"),
            means_acceptable=AxisJudgement(ok=False, reason="offline"),
            confidence=0.5,
            evidence=[],
            summary="offline summary",
            engine=self.engine,
        )


class Failing:
    """A primary engine that raises the given exception."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc

    async def assess(self, text: str, *, language: str) -> Assessment:
        raise self.exc


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(api_key=API_KEY, hang_seconds=10.0) as fake:
        fake.output = verdict()
        yield fake


@pytest.fixture
async def make_llm(fake_openai: FakeOpenAI) -> AsyncIterator[Callable[..., LlmClassifier]]:
    """Build LlmClassifiers against the fake (short timeout, no retries unless asked); closed after."""
    made: list[LlmClassifier] = []

    def make(**overrides: Any) -> LlmClassifier:
        values: dict[str, Any] = {
            "api_key": API_KEY,
            "base_url": fake_openai.api_url,
            "model": MODEL,
            "timeout_seconds": 0.5,
            "max_retries": 0,
        }
        values.update(overrides)
        server = {name: values.pop(name) for name in ("api_key", "base_url")}
        chat = OpenAIChat(
            **server, timeout_seconds=values["timeout_seconds"], max_retries=values["max_retries"]
        )
        llm = LlmClassifier(chat, **values)
        made.append(llm)
        return llm

    yield make
    for llm in made:
        await llm.aclose()


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
