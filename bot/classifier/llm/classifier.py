"""The LLM engine: redacted text -> OpenAI-compatible chat completion with a strict JSON schema."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.classifier.llm.chat import ChatClient
from bot.classifier.llm.errors import LlmError, LlmMalformedOutput, LlmRefusal
from bot.classifier.llm.prompts import render_prompt
from bot.classifier.llm.schema import (
    MAX_EVIDENCE,
    REASON_MAX_CHARS,
    SUMMARY_MAX_CHARS,
    LlmVerdict,
    response_format,
    to_assessment,
)
from bot.classifier.model import Assessment
from bot.classifier.redact import PLACEHOLDERS, redact

log = logging.getLogger(__name__)

TASK = "classify"
PROMPT_LANGUAGES = ("ja", "en")
# Room for the client's own pauses between retries (backoff or Retry-After) in the overall deadline.
RETRY_PAUSE_ALLOWANCE_SECONDS = 4.0


def prompt_language(language: str) -> str:
    """The prompt language for a tenant language: ja for Japanese, en for anything else."""
    return "ja" if language.lower().startswith("ja") else "en"


class LlmClassifier:
    """Assesses a text with an OpenAI-compatible chat model through `chat` (made with the same
    `timeout_seconds` and `max_retries`, which bound the overall deadline); raises LlmError on any failure.

    Wrap it in `FallbackClassifier` to keep the `Classifier` promise of never raising.
    Personal data is redacted before the request is built; only the redacted text leaves the process.
    """

    def __init__(
        self,
        chat: ChatClient,
        model: str,
        timeout_seconds: float = 15.0,
        max_retries: int = 2,
        *,
        overall_timeout_seconds: float | None = None,
        prompts_dir: Path | None = None,
        max_input_chars: int = 8000,
        max_output_tokens: int | None = 1500,
        temperature: float | None = None,
    ) -> None:
        self.model = model
        self.engine = f"openai:{model}"
        self._timeout = float(timeout_seconds)
        self._max_retries = max(0, int(max_retries))
        self._overall_timeout = (
            overall_timeout_seconds
            if overall_timeout_seconds is not None
            else self._timeout * (self._max_retries + 1) + RETRY_PAUSE_ALLOWANCE_SECONDS * self._max_retries
        )
        self._max_input_chars = max_input_chars
        self._max_output_tokens = max_output_tokens
        self._temperature = temperature  # None: the model's default (some models accept no other value)
        self._response_format = response_format()
        # Rendered once, so that a broken or missing prompt fails at start-up, not as a silent fallback.
        self._system_prompts = {
            language: render_prompt(TASK, language, self.prompt_values(), directory=prompts_dir)
            for language in PROMPT_LANGUAGES
        }
        self._chat = chat

    @staticmethod
    def prompt_values() -> dict[str, object]:
        """The values substituted into the classify prompts."""
        return {
            "placeholders": "、".join(PLACEHOLDERS.values()),
            "summary_max_chars": SUMMARY_MAX_CHARS,
            "reason_max_chars": REASON_MAX_CHARS,
            "max_evidence": MAX_EVIDENCE,
        }

    async def aclose(self) -> None:
        """Close the HTTP connections of the client."""
        await self._chat.aclose()

    def request_body(self, text: str, *, language: str) -> dict[str, Any]:
        """The chat completion parameters for `text` (already redacted)."""
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [
                {"role": "system", "content": self._system_prompts[prompt_language(language)]},
                {"role": "user", "content": text},
            ],
            "response_format": self._response_format,
        }
        if self._max_output_tokens is not None:
            body["max_completion_tokens"] = self._max_output_tokens
        if self._temperature is not None:
            body["temperature"] = self._temperature
        return body

    async def assess(self, text: str, *, language: str) -> Assessment:
        """The model's assessment of the redacted `text`; LlmError when there is none."""
        redaction = redact(text)
        # Truncate after redacting, so that a cut never leaves half a phone number unrecognised.
        sent = redaction.text[: self._max_input_chars]
        log.debug("llm classify: redacted %s", redaction.describe())
        completion = await self._complete(self.request_body(sent, language=language))
        verdict = parse_completion(completion)
        return to_assessment(verdict, sent_text=sent, engine=self.engine)

    async def _complete(self, body: dict[str, Any]) -> Any:
        try:
            async with asyncio.timeout(self._overall_timeout):
                return await self._chat.complete(body)
        except TimeoutError as exc:  # the overall deadline, retries included
            raise LlmError("timeout", f"no answer within {self._overall_timeout:g} s") from exc


def parse_completion(completion: Any) -> LlmVerdict:
    """The validated verdict in a chat completion; LlmRefusal or LlmMalformedOutput otherwise."""
    choices = getattr(completion, "choices", None)
    if not choices:
        raise LlmMalformedOutput("no choices")
    choice = choices[0]
    message = getattr(choice, "message", None)
    if message is None:
        raise LlmMalformedOutput("no message")
    if getattr(message, "refusal", None):
        raise LlmRefusal("message.refusal is set")
    finish_reason = getattr(choice, "finish_reason", None)
    if finish_reason == "content_filter":
        raise LlmRefusal("stopped by the content filter")
    if finish_reason == "length":
        raise LlmMalformedOutput("cut short at the token limit")
    content = getattr(message, "content", None)
    if not isinstance(content, str) or not content.strip():
        raise LlmMalformedOutput("empty content")
    try:
        data = json.loads(_strip_code_fence(content))
    except ValueError as exc:
        raise LlmMalformedOutput("content is not JSON") from exc
    try:
        return LlmVerdict.model_validate(data)
    except ValidationError as exc:
        # Only the count: the messages would quote the model's output.
        raise LlmMalformedOutput(f"content does not match the schema ({exc.error_count()} errors)") from None


def _strip_code_fence(content: str) -> str:
    # Some OpenAI-compatible servers wrap JSON in a Markdown fence despite the response format.
    stripped = content.strip()
    if stripped.startswith("```") and stripped.endswith("```"):
        stripped = stripped[3:-3]
        first_line, _, rest = stripped.partition("\n")
        return rest if first_line.strip().lower() in ("json", "") else stripped
    return stripped
