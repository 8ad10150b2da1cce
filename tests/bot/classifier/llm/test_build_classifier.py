"""build_classifier: offline alone without an API key, else the LLM backed by the offline engine."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

import pytest
from pydantic import SecretStr

from bot.classifier.fallback import FallbackClassifier, build_classifier
from bot.classifier.llm import LlmClassifier
from bot.config import Settings
from handlers.llm.openai_chat import OpenAIChat
from sandbox.fake_openai import FakeOpenAI
from tests.bot.classifier.llm.conftest import API_KEY, PII_TEXT, StubOffline, assert_no_personal_data


def test_no_api_key_means_offline_only() -> None:
    offline = StubOffline()
    settings = Settings(_env_file=None)
    assert build_classifier(settings, chat_factory=OpenAIChat, offline_factory=lambda: offline) is offline


def test_blank_api_key_means_offline_only() -> None:
    offline = StubOffline()
    settings = SimpleNamespace(openai_api_key="  ", openai_base_url="http://unused", openai_model="m")
    assert build_classifier(settings, chat_factory=OpenAIChat, offline_factory=lambda: offline) is offline


async def test_api_key_means_llm_with_offline_fallback(fake_openai: FakeOpenAI) -> None:
    offline = StubOffline()
    settings = Settings(
        _env_file=None, openai_api_key=SecretStr(API_KEY), openai_base_url=fake_openai.api_url
    )
    classifier = build_classifier(settings, chat_factory=OpenAIChat, offline_factory=lambda: offline)
    assert isinstance(classifier, FallbackClassifier)
    assert isinstance(classifier.primary, LlmClassifier)
    assert classifier.fallback is offline
    try:
        assessment = await classifier.assess(PII_TEXT, language="ja")
        assert assessment.engine == "openai:gpt-4o-mini"
        assert_no_personal_data(fake_openai)

        fake_openai.mode = "refusal"  # not retried, unlike a server error with the default 2 retries
        assessment = await classifier.assess(PII_TEXT, language="ja")
        assert assessment.engine == "offline-4 (fallback: refusal)"
    finally:
        await classifier.aclose()


async def test_timeout_and_retries_are_read_when_present(fake_openai: FakeOpenAI) -> None:
    fake_openai.mode = "error"
    settings = SimpleNamespace(
        openai_api_key=SecretStr(API_KEY),
        openai_base_url=fake_openai.api_url,
        openai_model="local-model",
        openai_timeout_seconds=0.5,
        openai_max_retries=0,
    )
    classifier = build_classifier(settings, chat_factory=OpenAIChat, offline_factory=StubOffline)
    assert isinstance(classifier, FallbackClassifier)
    try:
        assessment = await classifier.assess("テスト", language="ja")
        assert assessment.engine == "offline-4 (fallback: server error)"
        assert len(fake_openai.chat_bodies) == 1  # max_retries=0 was applied
        assert fake_openai.chat_bodies[0]["model"] == "local-model"
    finally:
        await classifier.aclose()


@pytest.mark.skipif(
    importlib.util.find_spec("bot.classifier.offline") is None, reason="offline engine not written yet"
)
def test_default_offline_engine() -> None:
    classifier = build_classifier(Settings(_env_file=None))
    assert type(classifier).__name__ == "OfflineClassifier"
