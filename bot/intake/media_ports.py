"""What the domain needs from transports it does not know, as Protocols; app.wiring wires the concrete ones
(LINE's content API, the desk's Slack)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from bot.outbox.effects import Effect


@dataclass(frozen=True)
class Download:
    """The bytes of one message the complainant sent, or why there are none."""

    data: bytes | None
    content_type: str | None
    too_large: bool = False
    size: int | None = None


class MediaContent(Protocol):
    """Downloads what a complainant sent (images, video, audio, files), size-limited; raises SendError."""

    async def ready(self, *, message_id: str, token: str) -> bool:
        """Whether a video or audio is prepared for download (False while the channel still works on it)."""
        ...

    async def fetch(self, *, message_id: str, token: str) -> Download:
        """The content, or `too_large` (nothing kept) when it is above the limit."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...


@dataclass(frozen=True)
class SharedFile:
    """A file to share with the desk: its name (unique where it goes, so that a retry can find it), its
    title, its bytes and a comment shown with it."""

    name: str
    title: str
    data: bytes
    comment: str | None


class DeskFiles(Protocol):
    """Shares a file in a place of the desk's (bot.outbox.effects) on behalf of an effect; raises
    SendError."""

    async def share(self, effect: Effect, file: SharedFile, *, to: dict[str, Any]) -> dict[str, Any]:
        """Share the file once (a retry finds an earlier share); returns where it went."""
        ...
