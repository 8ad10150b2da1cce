"""The port the LLM engine talks through: one chat completion per call (the adapter: handlers/llm/)."""

from __future__ import annotations

from typing import Any, Protocol


class ChatClient(Protocol):
    """Sends a chat completion request; raises `LlmError` (or `LlmMalformedOutput`) on any failure."""

    async def complete(self, body: dict[str, Any]) -> Any:
        """The completion (an object with `choices[0].message` as OpenAI's SDK returns it)."""
        ...

    async def aclose(self) -> None:
        """Release connections."""
        ...


class ChatFactory(Protocol):
    """Makes the client for a server (how the composition root hands the adapter in)."""

    def __call__(
        self, *, api_key: str, base_url: str, timeout_seconds: float, max_retries: int
    ) -> ChatClient:
        """A client for this server."""
        ...
