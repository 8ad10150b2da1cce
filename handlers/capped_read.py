"""Reading bytes with a hard size cap, declared or streamed: a request's body, a download (what a complainant
sent, a call's recording)."""

from __future__ import annotations

from collections.abc import AsyncIterator

from bot.intake.media_ports import Download


async def read_capped(
    chunks: AsyncIterator[bytes], *, declared: int | None, content_type: str | None, max_bytes: int
) -> Download:
    """The bytes, or `too_large` (nothing kept) as soon as the declared or streamed size passes
    `max_bytes`."""
    if declared is not None and declared > max_bytes:
        return Download(None, content_type, too_large=True, size=declared)
    kept: list[bytes] = []
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > max_bytes:
            return Download(None, content_type, too_large=True, size=size)
        kept.append(chunk)
    return Download(b"".join(kept), content_type, size=size)
