"""A local stand-in for an OpenAI-compatible speech-to-text API (`POST /v1/audio/transcriptions`), as
OpenAI and the local Whisper servers answer it, with answer modes and faults."""

from __future__ import annotations

import hashlib
from typing import Any, Literal

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from sandbox.fake_openai import OpenAIShapedFake, error_body
from sandbox.http_bodies import parse_multipart

Mode = Literal["valid", "timeout", "error", "rate_limit", "html", "no_text", "noise"]

TRANSCRIBE_METHOD = "audio.transcriptions"
DEFAULT_TEXT = "先日お店で買ったお弁当に髪の毛が入っていました。返金をお願いしたいです。"


def audio_digest(audio: bytes) -> str:
    """The key of `texts`: the SHA-256 of a recording, in hex."""
    return hashlib.sha256(audio).hexdigest()


class FakeTranscription(OpenAIShapedFake):
    """Fake speech-to-text API; point the transcriber at `api_url`. Set `mode`, `texts`, `default_text`.

    `texts` maps the SHA-256 of a recording (audio_digest) to what it says; other recordings say
    `default_text`. Modes: `valid`, `timeout` (hangs `hang_seconds`), `error` (HTTP 500), `rate_limit`
    (HTTP 429 with Retry-After), `html` (an HTML page, status 200), `no_text` (JSON without "text"),
    `noise` (a "text" of repeated characters). Latency (`latency=` or `faults.latency`) delays every
    answer; one-off faults are planned with `faults`.
    """

    def __init__(
        self,
        api_key: str | None = None,
        latency: float = 0.0,
        *,
        mode: Mode = "valid",
        hang_seconds: float = 30.0,
        retry_after: float = 0.05,
    ) -> None:
        self.mode: Mode = mode
        self.texts: dict[str, str] = {}
        self.default_text = DEFAULT_TEXT
        super().__init__(api_key, latency, hang_seconds=hang_seconds, retry_after=retry_after)

    def say(self, audio: bytes, text: str) -> None:
        """Transcribe this recording as `text`."""
        self.texts[audio_digest(audio)] = text

    @property
    def transcriptions(self) -> list[dict[str, Any]]:
        """What each transcription request carried (model, language, response_format, file_name,
        content_type, size, sha256), in order."""
        return [r.args for r in self.requests if r.method == TRANSCRIBE_METHOD]

    def reset(self) -> None:
        """Forget requests, faults and texts, and go back to `valid` mode."""
        super().reset()
        self.mode = "valid"
        self.texts.clear()
        self.default_text = DEFAULT_TEXT

    def _routes(self) -> list[BaseRoute]:
        return [Route("/v1/audio/transcriptions", self._transcribe, methods=["POST"])]

    async def _transcribe(self, request: Request) -> Response:
        body = await request.body()
        parts = {p.name: p for p in parse_multipart(body, request.headers.get("content-type", ""))}
        audio = parts.get("file")
        args: dict[str, Any] = {
            name: parts[name].data.decode("utf-8", "replace")
            for name in ("model", "language", "response_format")
            if name in parts
        }
        if audio is not None:
            args |= {
                "file_name": audio.filename,
                "content_type": audio.content_type,
                "size": len(audio.data),
                "sha256": audio_digest(audio.data),
            }
        denied = await self._admit(request, TRANSCRIBE_METHOD, args, body)
        if denied is not None:
            return denied
        if audio is None or not audio.data or not args.get("model"):
            return JSONResponse(error_body(400, "'file' and 'model' are required."), status_code=400)
        return await self._answer(request, audio.data)

    async def _answer(self, request: Request, audio: bytes) -> Response:
        early = await self._mode_answer(request, self.mode)
        if early is not None:
            return early
        mode = self.mode
        if mode == "html":
            return HTMLResponse("<html><body><h1>502 Bad Gateway</h1></body></html>")
        if mode == "no_text":
            return JSONResponse({"task": "transcribe", "segments": []})
        if mode == "noise":
            return JSONResponse({"text": "ん" * 40})
        text = self.texts.get(audio_digest(audio), self.default_text)
        return JSONResponse({"text": text, "usage": {"type": "duration", "seconds": 5}})
