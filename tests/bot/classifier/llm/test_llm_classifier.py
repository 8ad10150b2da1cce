"""The LLM engine and its fallback against the fake OpenAI server: answers, failures, no personal data out."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import pytest

from bot.classifier.fallback import FallbackClassifier
from bot.classifier.llm import LlmClassifier, LlmError
from sandbox.fake_openai import FakeOpenAI, Mode
from tests.bot.classifier.llm.conftest import (
    MODEL,
    PII_TEXT,
    Failing,
    StubOffline,
    assert_no_personal_data,
    verdict,
)

MakeLlm = Callable[..., LlmClassifier]


async def test_valid_output_is_the_llm_assessment(fake_openai: FakeOpenAI, make_llm: MakeLlm) -> None:
    offline = StubOffline()
    classifier = FallbackClassifier(make_llm(), offline)

    assessment = await classifier.assess(PII_TEXT, language="ja")

    assert assessment.engine == f"openai:{MODEL}"
    assert assessment.label == "harassment"
    assert assessment.types == ["verbal_abuse", "excessive_demand"]
    assert assessment.demand_valid.ok is True
    assert assessment.means_acceptable.ok is False
    assert assessment.confidence == 0.8
    assert assessment.evidence == ["ふざけるな、土下座しろ。"]
    assert assessment.summary.startswith("注文と違う料理")
    assert offline.calls == []
    assert_no_personal_data(fake_openai)


async def test_request_asks_for_a_strict_json_schema(fake_openai: FakeOpenAI, make_llm: MakeLlm) -> None:
    await make_llm().assess(PII_TEXT, language="ja")

    [body] = fake_openai.chat_bodies
    assert body["model"] == MODEL
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert "要求内容の妥当性" in body["messages"][0]["content"]
    fmt = body["response_format"]
    assert fmt["type"] == "json_schema"
    assert fmt["json_schema"]["strict"] is True
    assert fmt["json_schema"]["name"] == "kasuhara_assessment"
    assert fmt["json_schema"]["schema"]["additionalProperties"] is False
    assert "temperature" not in body  # left to the model's default unless configured
    [request] = fake_openai.requests
    assert request.headers["authorization"] == "Bearer sk-sandbox-test-key"
    assert_no_personal_data(fake_openai)


async def test_english_tenant_gets_the_english_prompt(fake_openai: FakeOpenAI, make_llm: MakeLlm) -> None:
    fake_openai.output = verdict(evidence=[], summary="A complaint about a wrong dish.")
    assessment = await make_llm().assess(PII_TEXT, language="en")

    assert assessment.summary == "A complaint about a wrong dish."
    system = fake_openai.chat_bodies[0]["messages"][0]["content"]
    assert "Is the demand valid?" in system
    assert "要求内容の妥当性" not in system
    assert_no_personal_data(fake_openai)


async def test_evidence_not_in_the_redacted_text_is_dropped(
    fake_openai: FakeOpenAI, make_llm: MakeLlm
) -> None:
    fake_openai.output = verdict(
        evidence=[
            "「ふざけるな、土下座しろ。」",  # quote marks around a verbatim span: kept without them
            "店員は謝りもしなかった",
            "殺してやる",  # never written by the complainant
            "山田太郎",  # in the original text only, not in the redacted text the model saw
            "ふざけるな、土下座しろ。",  # duplicate
            "   ",
        ]
    )
    assessment = await make_llm().assess(PII_TEXT, language="ja")

    assert assessment.evidence == ["ふざけるな、土下座しろ。", "店員は謝りもしなかった"]
    assert_no_personal_data(fake_openai)


async def test_out_of_range_values_are_clipped(fake_openai: FakeOpenAI, make_llm: MakeLlm) -> None:
    fake_openai.output = verdict(
        confidence=1.7,
        summary="長" * 500,
        types=["verbal_abuse", "verbal_abuse"],
        demand_valid={"ok": None, "reason": "理" * 300},
    )
    assessment = await make_llm().assess(PII_TEXT, language="ja")

    assert assessment.confidence == 1.0
    assert len(assessment.summary) == 200
    assert assessment.types == ["verbal_abuse"]
    assert assessment.demand_valid.ok is None
    assert len(assessment.demand_valid.reason) == 200


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("malformed", "malformed output"),
        ("schema_violation", "malformed output"),
        ("empty", "malformed output"),
        ("refusal", "refusal"),
        ("error", "server error"),
    ],
)
async def test_bad_answers_fall_back(
    fake_openai: FakeOpenAI, make_llm: MakeLlm, mode: Mode, reason: str
) -> None:
    fake_openai.mode = mode
    offline = StubOffline()
    classifier = FallbackClassifier(make_llm(), offline)

    assessment = await classifier.assess(PII_TEXT, language="ja")

    assert assessment.engine == f"offline-4 (fallback: {reason})"
    assert assessment.summary == "offline summary"
    assert offline.calls == [(PII_TEXT, "ja")]  # the offline engine runs in-process, on the original text
    assert_no_personal_data(fake_openai)


async def test_llm_engine_raises_a_typed_error(fake_openai: FakeOpenAI, make_llm: MakeLlm) -> None:
    fake_openai.mode = "refusal"
    with pytest.raises(LlmError) as caught:
        await make_llm().assess(PII_TEXT, language="ja")
    assert caught.value.reason == "refusal"
    assert "山田" not in str(caught.value)


async def test_server_error_is_retried_a_bounded_number_of_times(
    fake_openai: FakeOpenAI, make_llm: MakeLlm
) -> None:
    fake_openai.mode = "error"
    classifier = FallbackClassifier(make_llm(max_retries=1), StubOffline())

    assessment = await classifier.assess(PII_TEXT, language="ja")

    assert assessment.engine == "offline-4 (fallback: server error)"
    assert len(fake_openai.chat_bodies) == 2
    assert_no_personal_data(fake_openai)


async def test_one_server_error_then_success_uses_the_llm(fake_openai: FakeOpenAI, make_llm: MakeLlm) -> None:
    fake_openai.faults.fail(500, times=1)
    classifier = FallbackClassifier(make_llm(max_retries=1), StubOffline())

    assessment = await classifier.assess(PII_TEXT, language="ja")

    assert assessment.engine == f"openai:{MODEL}"
    assert [r.fault for r in fake_openai.requests] == [500, None]
    assert_no_personal_data(fake_openai)


async def test_client_timeout_falls_back(fake_openai: FakeOpenAI, make_llm: MakeLlm) -> None:
    fake_openai.mode = "timeout"
    classifier = FallbackClassifier(make_llm(timeout_seconds=0.3, max_retries=0), StubOffline())

    started = time.monotonic()
    assessment = await classifier.assess(PII_TEXT, language="ja")

    assert assessment.engine == "offline-4 (fallback: timeout)"
    assert time.monotonic() - started < 3.0
    assert_no_personal_data(fake_openai)


async def test_overall_deadline_bounds_the_call(fake_openai: FakeOpenAI, make_llm: MakeLlm) -> None:
    fake_openai.mode = "timeout"
    llm = make_llm(timeout_seconds=5.0, max_retries=2, overall_timeout_seconds=0.3)

    started = time.monotonic()
    assessment = await FallbackClassifier(llm, StubOffline()).assess(PII_TEXT, language="ja")

    assert assessment.engine == "offline-4 (fallback: timeout)"
    assert time.monotonic() - started < 3.0
    assert_no_personal_data(fake_openai)


async def test_rate_limit_after_retries_falls_back(fake_openai: FakeOpenAI, make_llm: MakeLlm) -> None:
    fake_openai.mode = "rate_limit"
    fake_openai.retry_after = 0.05
    classifier = FallbackClassifier(make_llm(max_retries=1), StubOffline())

    assessment = await classifier.assess(PII_TEXT, language="ja")

    assert assessment.engine == "offline-4 (fallback: rate limited)"
    assert len(fake_openai.chat_bodies) == 2
    assert_no_personal_data(fake_openai)


async def test_connection_refused_falls_back(fake_openai: FakeOpenAI, make_llm: MakeLlm) -> None:
    llm = make_llm()
    fake_openai.stop()  # the port now refuses connections

    assessment = await FallbackClassifier(llm, StubOffline()).assess(PII_TEXT, language="ja")

    assert assessment.engine == "offline-4 (fallback: connection error)"


async def test_wrong_api_key_falls_back(fake_openai: FakeOpenAI, make_llm: MakeLlm) -> None:
    classifier = FallbackClassifier(make_llm(api_key="sk-wrong"), StubOffline())

    assessment = await classifier.assess(PII_TEXT, language="ja")

    assert assessment.engine == "offline-4 (fallback: client error)"
    assert_no_personal_data(fake_openai)


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (RuntimeError("boom"), "unexpected error"),
        (TimeoutError(), "timeout"),
        (ValueError("bad"), "unexpected error"),
        (LlmError("server error", "HTTP 503"), "server error"),
    ],
)
async def test_any_primary_failure_falls_back(exc: BaseException, reason: str) -> None:
    assessment = await FallbackClassifier(Failing(exc), StubOffline()).assess("テスト", language="ja")
    assert assessment.engine == f"offline-4 (fallback: {reason})"


async def test_cancellation_is_not_swallowed() -> None:
    classifier = FallbackClassifier(Failing(asyncio.CancelledError()), StubOffline())
    with pytest.raises(asyncio.CancelledError):
        await classifier.assess("テスト", language="ja")


async def test_fallback_log_carries_no_text(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("DEBUG"):
        await FallbackClassifier(Failing(RuntimeError(PII_TEXT)), StubOffline()).assess(
            PII_TEXT, language="ja"
        )
    assert "unexpected error" in caplog.text
    assert "山田" not in caplog.text
    assert "090" not in caplog.text
