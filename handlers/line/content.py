"""Downloading what a complainant sent (images, video, audio, files) from the LINE content API."""

from __future__ import annotations

import aiohttp

from bot.intake.media_ports import Download
from bot.outbox.effects import SendError
from handlers.capped_read import read_capped

CHUNK = 64 * 1024


class LineContentClient:
    """GET /v2/bot/message/{id}/content on the data API host (api-data.line.me), size-limited (the
    domain's MediaContent)."""

    def __init__(self, *, base_url: str, timeout: float, max_bytes: int) -> None:
        self._base_url = base_url.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=max(timeout, 30.0))
        self._max_bytes = max_bytes
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session

    async def ready(self, *, message_id: str, token: str) -> bool:
        """Whether LINE has finished preparing a video or audio (False while it is processing)."""
        url = f"{self._base_url}/v2/bot/message/{message_id}/content/transcoding"
        body = await self._json(url, token)
        status = body.get("status")
        if status == "failed":
            raise SendError("LINE could not prepare the content", permanent=True)
        return status == "succeeded"

    async def fetch(self, *, message_id: str, token: str) -> Download:
        """The content, or `too_large` (nothing kept) when it is above the limit."""
        url = f"{self._base_url}/v2/bot/message/{message_id}/content"
        try:
            async with self._client().get(url, headers={"Authorization": f"Bearer {token}"}) as response:
                _raise_for(response.status, response.headers.get("Retry-After"))
                return await read_capped(
                    response.content.iter_chunked(CHUNK),
                    declared=response.content_length,
                    content_type=response.content_type,
                    max_bytes=self._max_bytes,
                )
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise SendError(f"LINE content unreachable: {type(exc).__name__}") from exc

    async def _json(self, url: str, token: str) -> dict[str, object]:
        try:
            async with self._client().get(url, headers={"Authorization": f"Bearer {token}"}) as response:
                _raise_for(response.status, response.headers.get("Retry-After"))
                body = await response.json()
                return body if isinstance(body, dict) else {}
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise SendError(f"LINE content unreachable: {type(exc).__name__}") from exc

    async def close(self) -> None:
        """Close the HTTP session."""
        if self._session is not None:
            await self._session.close()
            self._session = None


def _raise_for(status: int, retry_after: str | None) -> None:
    if status < 400:
        return
    if status == 429:
        raise SendError("LINE rate limit", retry_after=float(retry_after) if retry_after else None)
    if status == 404 or status == 410:
        raise SendError(f"LINE content gone (HTTP {status})", permanent=True)
    if status >= 500:
        raise SendError(f"LINE server error (HTTP {status})")
    raise SendError(f"LINE refused (HTTP {status})", permanent=status not in (401, 403))
