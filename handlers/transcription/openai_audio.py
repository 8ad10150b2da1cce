"""An OpenAI-compatible `/audio/transcriptions` client (OpenAI, or a local Whisper server such as
faster-whisper-server / speaches or whisper.cpp's server, which expose the same API)."""

from __future__ import annotations

import json
from typing import Any

import httpx

from bot.intake.transcription_ports import (
    Transcript,
    TranscriptionFailed,
    TranscriptionNotConfigured,
    TranscriptionTimedOut,
    is_noise,
)


class OpenAIAudioTranscriber:
    """Multipart POST `{base_url}/audio/transcriptions` (file, model, language, response_format=json)."""

    def __init__(self, *, base_url: str, model: str, api_key: str = "", timeout: float = 60.0) -> None:
        self._url = f"{base_url.rstrip('/')}/audio/transcriptions" if base_url.strip() else None
        self._model = model
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        # None without a service: a client's TLS context costs CPU to build, and most desks' apps have none.
        self._client = httpx.AsyncClient(headers=headers, timeout=timeout) if self._url else None

    async def transcribe(
        self, *, audio: bytes, content_type: str | None, file_name: str, language: str
    ) -> Transcript:
        """The transcript, or TranscriptionNotConfigured / TranscriptionTimedOut / TranscriptionFailed."""
        if self._url is None or self._client is None:
            raise TranscriptionNotConfigured()
        fields = {"model": self._model, "language": language, "response_format": "json"}
        files = {"file": (file_name, audio, content_type or "application/octet-stream")}
        try:
            response = await self._client.post(self._url, data=fields, files=files)
        except httpx.TimeoutException:
            raise TranscriptionTimedOut("the transcription service did not answer in time") from None
        except httpx.TransportError as exc:
            raise TranscriptionFailed(f"transcription service unreachable ({type(exc).__name__})") from None
        _raise_for_status(response)
        return _transcript(response, language)

    async def close(self) -> None:
        """Close the HTTP client."""
        if self._client is not None:
            await self._client.aclose()


def _raise_for_status(response: httpx.Response) -> None:
    status = response.status_code
    if status == 429:
        raise TranscriptionFailed(
            "transcription service rate limit", retry_after=_seconds(response.headers.get("Retry-After"))
        )
    if status >= 500:
        raise TranscriptionFailed(f"transcription service error (HTTP {status})")
    if status >= 400:  # a wrong key, model or file: the same request would fail again
        raise TranscriptionFailed(f"transcription refused (HTTP {status})", retryable=False)


def _transcript(response: httpx.Response, language: str) -> Transcript:
    """The `{"text", "language"?, "duration"?}` answer; anything else is not a transcript."""
    try:
        body: Any = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise TranscriptionFailed("the transcription service answered no JSON", retryable=False) from None
    text = body.get("text") if isinstance(body, dict) else None
    if not isinstance(text, str):
        raise TranscriptionFailed("the transcription service answered no text", retryable=False)
    if is_noise(text):
        raise TranscriptionFailed("the transcript holds no words", retryable=False)
    duration = body.get("duration")
    told = body.get("language")
    return Transcript(
        text=text.strip(),
        language=told if isinstance(told, str) and told else language,
        duration_seconds=float(duration) if isinstance(duration, int | float) else None,
    )


def _seconds(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None  # an HTTP date: the dispatcher's backoff decides
