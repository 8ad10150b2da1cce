"""A local stand-in for an OpenAI-compatible chat completions API, with answer modes and faults."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any, Literal

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from sandbox.fake_base import FakeServer
from sandbox.faults import Injection, Wake, sleep_unless_disconnected
from sandbox.http_bodies import parse_json_object
from sandbox.ids import hex_token

Mode = Literal["valid", "malformed", "schema_violation", "refusal", "empty", "error", "timeout", "rate_limit"]
Output = dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]]

CHAT_METHOD = "chat.completions"
REFUSAL_TEXT = "I'm sorry, but I can't help with that request."
MALFORMED_CONTENT = "Sure! The complainant seems upset; I would call this harassment."
SCHEMA_VIOLATION: dict[str, Any] = {"label": "maybe", "confidence": "high", "summary": None}
DEFAULT_OUTPUT: dict[str, Any] = {
    "evidence": [],
    "demand_valid": {"ok": True, "reason": "サービスの不備についての要求で、妥当と考えられる。"},
    "means_acceptable": {"ok": True, "reason": "強い不満の表明にとどまる。"},
    "types": [],
    "label": "legitimate",
    "confidence": 0.6,
    "summary": "サービスへの不満と改善の要望。",
}
FAULT_ERRORS: dict[int, tuple[str, str, str | None]] = {
    400: ("Invalid request.", "invalid_request_error", None),
    401: ("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"),
    429: ("Rate limit reached for requests. Please try again later.", "requests", "rate_limit_exceeded"),
    500: ("The server had an error while processing your request. Sorry about that!", "server_error", None),
    503: ("The engine is currently overloaded, please try again later.", "server_error", None),
}


def error_body(status: int, message: str | None = None) -> dict[str, Any]:
    """An error body shaped like the OpenAI API's (`{"error": {message, type, param, code}}`)."""
    default_message, kind, code = FAULT_ERRORS.get(status, ("Request failed.", "server_error", None))
    return {"error": {"message": message or default_message, "type": kind, "param": None, "code": code}}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


class OpenAIShapedFake(FakeServer):
    """What the fakes of OpenAI-compatible APIs share: the `/v1` base URL, the bearer key, OpenAI's error
    bodies and the answer modes `error`, `rate_limit` and `timeout`."""

    def __init__(
        self, api_key: str | None, latency: float, *, hang_seconds: float, retry_after: float
    ) -> None:
        self.api_key = api_key
        self.hang_seconds = hang_seconds
        self.retry_after = retry_after
        super().__init__(latency)

    @property
    def api_url(self) -> str:
        """The base URL to configure (`http://127.0.0.1:<port>/v1`, like https://api.openai.com/v1)."""
        return f"{self.base_url}/v1"

    def _fault_body(self, injection: Injection) -> dict[str, Any]:
        return error_body(injection.status or 500)

    async def _admit(
        self, request: Request, method: str, args: dict[str, Any], body: bytes
    ) -> Response | None:
        """Record the request and apply faults, then check the key; a Response answers instead."""
        early = await self._intercept(request, method, args, body)
        if early is not None or self.api_key is None:
            return early
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and token.strip() == self.api_key:
            return None
        return JSONResponse(error_body(401), status_code=401)

    async def _mode_answer(self, request: Request, mode: str) -> Response | None:
        """The answer of the `error` and `rate_limit` modes; `timeout` hangs first (None: answer as usual)."""
        if mode == "error":
            return JSONResponse(error_body(500), status_code=500)
        if mode == "rate_limit":
            headers = Injection(status=429, retry_after=self.retry_after).retry_after_header
            return JSONResponse(error_body(429), status_code=429, headers=headers)
        if mode == "timeout":
            wake = await sleep_unless_disconnected(request, self.hang_seconds, lambda: self._stopping)
            if wake is Wake.DISCONNECTED:
                return Response(status_code=499)  # the client gave up; nobody reads this
        return None


class FakeOpenAI(OpenAIShapedFake):
    """Fake OpenAI API; point `AsyncOpenAI(base_url=fake.api_url)` at it. Set `mode` and `output` freely.

    Modes: `valid` (the `output` dict as a structured-output answer), `malformed` (content that is not
    JSON), `schema_violation` (JSON not matching the schema), `refusal` (message.refusal set, content
    null), `empty` (no choices), `error` (HTTP 500), `timeout` (hangs `hang_seconds`, then answers),
    `rate_limit` (HTTP 429 with Retry-After). One-off faults can still be planned with `faults`.
    """

    def __init__(
        self,
        api_key: str | None = None,
        latency: float = 0.0,
        *,
        mode: Mode = "valid",
        output: Output | None = None,
        models: tuple[str, ...] = ("gpt-4o-mini",),
        hang_seconds: float = 30.0,
        retry_after: float = 0.05,
    ) -> None:
        self.mode: Mode = mode
        self.output: Output = output if output is not None else dict(DEFAULT_OUTPUT)
        self.models = models
        self.malformed_content = MALFORMED_CONTENT
        super().__init__(api_key, latency, hang_seconds=hang_seconds, retry_after=retry_after)

    # inspection --------------------------------------------------------------

    @property
    def chat_bodies(self) -> list[dict[str, Any]]:
        """The JSON body of every chat completion request received, in order."""
        return [r.args for r in self.requests if r.method == CHAT_METHOD]

    def sent_text(self) -> str:
        """Every string value of every chat completion request, decoded (JSON escapes undone), one a line."""
        return "\n".join(s for body in self.chat_bodies for s in _strings(body))

    def sent_bytes(self) -> bytes:
        """The raw bodies of every request, as they came over the wire."""
        return b"\n".join(r.body for r in self.requests)

    def reset(self) -> None:
        """Forget recorded requests and faults, and go back to `valid` mode with the default output."""
        super().reset()
        self.mode = "valid"
        self.output = dict(DEFAULT_OUTPUT)

    # HTTP --------------------------------------------------------------------

    def _routes(self) -> list[BaseRoute]:
        return [
            Route("/v1/chat/completions", self._chat, methods=["POST"]),
            Route("/v1/models", self._models, methods=["GET"]),
        ]

    async def _models(self, request: Request) -> Response:
        denied = await self._admit(request, "models.list", {}, b"")
        if denied is not None:
            return denied
        data = [
            {"id": m, "object": "model", "created": 1_700_000_000, "owned_by": "sandbox"} for m in self.models
        ]
        return JSONResponse({"object": "list", "data": data})

    async def _chat(self, request: Request) -> Response:
        body = await request.body()
        args = parse_json_object(body)
        denied = await self._admit(request, CHAT_METHOD, args or {}, body)
        if denied is not None:
            return denied
        if args is None or not isinstance(args.get("messages"), list) or not args.get("model"):
            return JSONResponse(error_body(400, "'model' and 'messages' are required."), status_code=400)
        if args.get("stream"):
            return JSONResponse(error_body(400, "The fake does not stream."), status_code=400)
        return await self._mode_answer(request, self.mode) or JSONResponse(self._completion(args, self.mode))

    def _completion(self, args: dict[str, Any], mode: Mode) -> dict[str, Any]:
        content: str | None = None
        refusal: str | None = None
        if mode == "refusal":
            refusal = REFUSAL_TEXT
        elif mode == "malformed":
            content = self.malformed_content
        elif mode == "schema_violation":
            content = json.dumps(SCHEMA_VIOLATION)
        else:
            output = self.output(args) if callable(self.output) else self.output
            content = json.dumps(output, ensure_ascii=False)
        choices = [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": refusal, "annotations": []},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ]
        prompt_tokens = max(1, len(json.dumps(args.get("messages"), ensure_ascii=False)) // 3)
        completion_tokens = max(1, len(content or refusal or "") // 3)
        return {
            "id": "chatcmpl-" + hex_token(29),
            "object": "chat.completion",
            "created": int(time.time()),
            "model": str(args["model"]),
            "choices": [] if mode == "empty" else choices,
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
                "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                "completion_tokens_details": {
                    "reasoning_tokens": 0,
                    "audio_tokens": 0,
                    "accepted_prediction_tokens": 0,
                    "rejected_prediction_tokens": 0,
                },
            },
            "service_tier": "default",
            "system_fingerprint": "fp_" + hex_token(10),
        }
