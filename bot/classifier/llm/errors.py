"""Why the LLM engine gave no assessment; `reason` is short and safe to show (never the text)."""

from __future__ import annotations


class LlmError(Exception):
    """The LLM engine failed; `reason` names the kind of failure, `detail` is for logs (no text)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class LlmRefusal(LlmError):
    """The model refused to answer (message.refusal set, or the content filter stopped it)."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("refusal", detail)


class LlmMalformedOutput(LlmError):
    """The answer was missing, not JSON, cut short or did not match the schema."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("malformed output", detail)
