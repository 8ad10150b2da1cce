"""The `ChatClient` port (bot.classifier.llm.chat) over the openai SDK: any OpenAI-compatible server."""

from __future__ import annotations

from typing import Any

import openai

from bot.classifier.llm.errors import LlmError, LlmMalformedOutput


class OpenAIChat:
    """Chat completions from an OpenAI-compatible server; the SDK's errors become `LlmError`s."""

    def __init__(self, *, api_key: str, base_url: str, timeout_seconds: float, max_retries: int) -> None:
        self._client = openai.AsyncOpenAI(
            api_key=api_key, base_url=base_url, timeout=timeout_seconds, max_retries=max_retries
        )

    async def complete(self, body: dict[str, Any]) -> Any:
        """The completion for the request body (the SDK retries 429 and 5xx itself)."""
        try:
            return await self._client.chat.completions.create(**body)
        except openai.APITimeoutError as exc:
            raise LlmError("timeout", "request timed out") from exc
        except openai.APIConnectionError as exc:
            raise LlmError("connection error", type(exc).__name__) from exc
        except openai.RateLimitError as exc:
            raise LlmError("rate limited", "HTTP 429 after retries") from exc
        except openai.APIStatusError as exc:
            reason = "server error" if exc.status_code >= 500 else "client error"
            raise LlmError(reason, f"HTTP {exc.status_code}") from exc
        except openai.APIResponseValidationError as exc:
            raise LlmMalformedOutput("response does not look like a chat completion") from exc
        except openai.OpenAIError as exc:
            raise LlmError("unexpected error", type(exc).__name__) from exc

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        await self._client.close()
