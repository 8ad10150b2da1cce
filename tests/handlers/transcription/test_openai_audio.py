"""The OpenAI-compatible transcription client against the fake speech-to-text API, over real HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from bot.intake.transcription_ports import (
    TranscriptionFailed,
    TranscriptionNotConfigured,
    TranscriptionTimedOut,
    is_noise,
)
from handlers.transcription.openai_audio import OpenAIAudioTranscriber
from sandbox.fake_transcription import FakeTranscription

KEY = "sk-transcribe-test"
VOICE = b"\x00\x00\x00\x1cftypM4A " + b"voice" * 200


@pytest.fixture
def fake() -> Iterator[FakeTranscription]:
    with FakeTranscription(api_key=KEY, hang_seconds=5.0) as fake:
        yield fake


@pytest.fixture
async def client(fake: FakeTranscription) -> AsyncIterator[OpenAIAudioTranscriber]:
    transcriber = OpenAIAudioTranscriber(base_url=fake.api_url, model="whisper-1", api_key=KEY, timeout=1.0)
    yield transcriber
    await transcriber.close()


async def transcribe(client: OpenAIAudioTranscriber, audio: bytes = VOICE) -> str:
    transcript = await client.transcribe(
        audio=audio, content_type="audio/m4a", file_name="evidence-1.m4a", language="ja"
    )
    return transcript.text


async def test_the_request_carries_the_file_model_and_language(
    fake: FakeTranscription, client: OpenAIAudioTranscriber
) -> None:
    fake.say(VOICE, "  駐車場で職員に怒鳴られました。 ")
    assert await transcribe(client) == "駐車場で職員に怒鳴られました。"
    (request,) = fake.requests
    assert request.path == "/v1/audio/transcriptions" and request.headers["authorization"] == f"Bearer {KEY}"
    assert request.headers["content-type"].startswith("multipart/form-data")
    assert request.args == {
        "model": "whisper-1",
        "language": "ja",
        "response_format": "json",
        "file_name": "evidence-1.m4a",
        "content_type": "audio/m4a",
        "size": len(VOICE),
        "sha256": fake.transcriptions[0]["sha256"],
    }


async def test_a_verbose_answer_gives_language_and_duration(fake: FakeTranscription) -> None:
    # A local Whisper server may answer more than {"text"}; the extra fields are read, not required.
    fake.faults.fail(200, body={"text": "Hello desk", "language": "english", "duration": 4.5})
    transcriber = OpenAIAudioTranscriber(base_url=fake.api_url + "/", model="base", api_key=KEY)
    try:
        transcript = await transcriber.transcribe(
            audio=VOICE, content_type=None, file_name="a.m4a", language="en"
        )
    finally:
        await transcriber.close()
    assert (transcript.text, transcript.language, transcript.duration_seconds) == (
        "Hello desk",
        "english",
        4.5,
    )
    assert fake.transcriptions[0]["content_type"] == "application/octet-stream"


async def test_no_key_sends_no_authorization(fake: FakeTranscription) -> None:
    fake.api_key = None  # a local Whisper server asks for none
    transcriber = OpenAIAudioTranscriber(base_url=fake.api_url, model="whisper-1")
    try:
        assert await transcribe(transcriber)
    finally:
        await transcriber.close()
    assert "authorization" not in fake.requests[0].headers


@pytest.mark.parametrize("mode", ["html", "no_text", "noise"])
async def test_garbage_is_a_failure_not_worth_repeating(
    fake: FakeTranscription, client: OpenAIAudioTranscriber, mode: str
) -> None:
    fake.mode = mode  # type: ignore[assignment]
    with pytest.raises(TranscriptionFailed) as failed:
        await transcribe(client)
    assert not failed.value.retryable


async def test_an_empty_text_is_a_failure(fake: FakeTranscription, client: OpenAIAudioTranscriber) -> None:
    fake.say(VOICE, " 。 ")
    with pytest.raises(TranscriptionFailed, match="no words"):
        await transcribe(client)


async def test_a_silent_service_times_out(fake: FakeTranscription, client: OpenAIAudioTranscriber) -> None:
    fake.mode = "timeout"
    with pytest.raises(TranscriptionTimedOut) as timed_out:
        await transcribe(client)
    assert timed_out.value.retryable


async def test_a_server_error_is_worth_repeating(
    fake: FakeTranscription, client: OpenAIAudioTranscriber
) -> None:
    fake.faults.fail(503)
    with pytest.raises(TranscriptionFailed, match="503") as failed:
        await transcribe(client)
    assert failed.value.retryable
    assert await transcribe(client) == fake.default_text


async def test_a_rate_limit_tells_when_to_come_back(
    fake: FakeTranscription, client: OpenAIAudioTranscriber
) -> None:
    fake.faults.rate_limit(retry_after=7)
    with pytest.raises(TranscriptionFailed) as failed:
        await transcribe(client)
    assert failed.value.retryable and failed.value.retry_after == 7.0


async def test_a_wrong_key_is_not_repeated(fake: FakeTranscription) -> None:
    transcriber = OpenAIAudioTranscriber(base_url=fake.api_url, model="whisper-1", api_key="sk-wrong")
    try:
        with pytest.raises(TranscriptionFailed, match="401") as failed:
            await transcribe(transcriber)
    finally:
        await transcriber.close()
    assert not failed.value.retryable


async def test_an_unreachable_service_is_worth_repeating(fake: FakeTranscription) -> None:
    url = fake.api_url
    fake.stop()
    transcriber = OpenAIAudioTranscriber(base_url=url, model="whisper-1", timeout=1.0)
    try:
        with pytest.raises(TranscriptionFailed, match="unreachable") as failed:
            await transcribe(transcriber)
    finally:
        await transcriber.close()
    assert failed.value.retryable


async def test_no_base_url_means_not_configured() -> None:
    transcriber = OpenAIAudioTranscriber(base_url="", model="whisper-1")
    try:
        with pytest.raises(TranscriptionNotConfigured):
            await transcribe(transcriber)
    finally:
        await transcriber.close()


@pytest.mark.parametrize(
    ("text", "noise"),
    [
        ("", True),
        ("...!?", True),
        ("ああああああああ", True),
        ("ご視聴ありがとうございました。" * 6, True),
        ("はい", False),
        ("店長の家は知っている。火をつけてやる", False),
        ("I want a refund.", False),
    ],
)
def test_noise_is_told_from_words(text: str, noise: bool) -> None:
    assert is_noise(text) is noise
