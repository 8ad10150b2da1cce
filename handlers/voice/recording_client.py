"""Downloading a call's recording from the telephony provider (Twilio's `RecordingUrl` + `.wav`), with the
account's credentials, size-limited while streaming and within a total time limit (the domain's
RecordingContent)."""

from __future__ import annotations

import asyncio

import httpx

from bot.intake.media_ports import Download
from bot.outbox.effects import SendError
from handlers.capped_read import read_capped

RECORDING_FORMAT = ".wav"


class RecordingClient:
    """GET the recording with HTTP basic auth (account SID, auth token)."""

    def __init__(self, *, account_sid: str, auth_token: str, timeout: float, max_bytes: int) -> None:
        self._auth = httpx.BasicAuth(account_sid, auth_token)
        self._timeout = timeout
        self._max_bytes = max_bytes
        self._client: httpx.AsyncClient | None = None

    def _http(self) -> httpx.AsyncClient:
        if self._client is None or self._client.is_closed:
            self._client = httpx.AsyncClient(auth=self._auth, timeout=self._timeout, follow_redirects=True)
        return self._client

    async def fetch(self, *, url: str) -> Download:
        """The recording, or `too_large` (nothing kept) above the limit; SendError when a retry may help."""
        if not url.startswith(("https://", "http://")):
            raise SendError("the recording URL is not an HTTP URL", permanent=True)
        try:
            async with asyncio.timeout(self._timeout):
                return await self._download(url + RECORDING_FORMAT)
        except TimeoutError:
            raise SendError(f"the recording did not arrive within {self._timeout:.0f} s") from None
        except httpx.HTTPError as exc:
            raise SendError(f"the provider is unreachable: {type(exc).__name__}") from exc

    async def _download(self, url: str) -> Download:
        async with self._http().stream("GET", url) as response:
            _raise_for(response)
            content_type = response.headers.get("content-type", "audio/wav").split(";")[0].strip()
            declared = response.headers.get("content-length", "")
            return await read_capped(
                response.aiter_bytes(),
                declared=int(declared) if declared.isdigit() else None,
                content_type=content_type,
                max_bytes=self._max_bytes,
            )

    async def close(self) -> None:
        """Close the HTTP client."""
        if self._client is not None:
            await self._client.aclose()
            self._client = None


def _raise_for(response: httpx.Response) -> None:
    status = response.status_code
    if status < 400:
        return
    if status == 404:
        raise SendError("the recording is not ready yet (HTTP 404)")  # retried with the usual backoff
    if status == 429:
        after = response.headers.get("retry-after", "")
        raise SendError("the provider's rate limit", retry_after=float(after) if after.isdigit() else None)
    if status >= 500 or status in (401, 403):
        raise SendError(f"the provider refused (HTTP {status})")
    raise SendError(f"the provider refused (HTTP {status})", permanent=True)
