"""What the answering machine needs from the telephony provider it does not know, as a Protocol;
app.wiring wires the concrete one (handlers.voice.recording_client)."""

from __future__ import annotations

from typing import Protocol

from bot.intake.media_ports import Download


class RecordingContent(Protocol):
    """Downloads a call's recording, size- and time-limited; raises SendError (a retry may succeed)."""

    async def fetch(self, *, url: str) -> Download:
        """The recording at the provider's `url`, or `too_large` (nothing kept) above the limit."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...
