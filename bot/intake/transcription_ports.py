"""What the domain needs from a speech-to-text service, as a Protocol; app.wiring wires the concrete one
(an OpenAI-compatible `/audio/transcriptions` endpoint, handlers.transcription)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Transcript:
    """What was said in a recording: the text, its language and the recording's length when told."""

    text: str
    language: str
    duration_seconds: float | None = None


class TranscriptionError(Exception):
    """A recording that was not transcribed; worth trying again only when `retryable`.

    Messages name what went wrong, never what was said.
    """

    def __init__(self, message: str, *, retryable: bool = True, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.retry_after = retry_after


class TranscriptionNotConfigured(TranscriptionError):
    """No transcription service is configured."""

    def __init__(self) -> None:
        super().__init__("no transcription service is configured", retryable=False)


class TranscriptionTimedOut(TranscriptionError):
    """The service did not answer in time."""


class TranscriptionFailed(TranscriptionError):
    """The service refused, failed, or answered something that is not a transcript."""


class Transcriber(Protocol):
    """Turns a recording into text; raises TranscriptionError."""

    async def transcribe(
        self, *, audio: bytes, content_type: str | None, file_name: str, language: str
    ) -> Transcript:
        """The transcript of the recording, spoken in `language` (ISO-639-1) as far as is known."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...


_CHUNKS = re.compile(r"[\s、。,.!?！？…・]+")


def is_noise(text: str) -> bool:
    """Whether a transcript holds no words: empty, only symbols, one or two characters repeated
    ("ああああ", "...."), or one phrase over and over (what speech models make of silence)."""
    letters = [c for c in text if unicodedata.category(c)[0] in "LN"]
    if not letters:
        return True
    if len(letters) >= 4 and len(set(letters)) <= 2:
        return True
    chunks = [c for c in _CHUNKS.split(text) if c]
    return len(chunks) >= 5 and len(set(chunks)) == 1
