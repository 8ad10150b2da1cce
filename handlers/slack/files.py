"""Uploading evidence into a case's Slack thread (files.getUploadURLExternal + completeUploadExternal)."""

from __future__ import annotations

from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.effects import SendError


class SlackFileUploader:
    """Shares one file in a thread through Slack's external upload flow."""

    def __init__(self, *, token: str, base_url: str, timeout: float) -> None:
        self.client = AsyncWebClient(token=token, base_url=base_url, timeout=int(max(1, timeout)))

    async def upload(
        self, *, channel: str, thread_ts: str, data: bytes, filename: str, title: str, comment: str
    ) -> dict[str, Any]:
        """Upload and share; returns the Slack file id."""
        try:
            response = await self.client.files_upload_v2(
                channel=channel,
                thread_ts=thread_ts,
                content=data,
                filename=filename,
                title=title,
                initial_comment=comment,
            )
        except SlackApiError as exc:
            error = str(exc.response.get("error", "unknown_error"))
            if exc.response.status_code == 429:
                retry_after = float(exc.response.headers.get("Retry-After", 1) or 1)
                raise SendError("Slack rate limit", retry_after=retry_after) from exc
            permanent = error in {"channel_not_found", "not_in_channel", "is_archived", "file_too_large"}
            raise SendError(f"Slack refused the file: {error}", permanent=permanent) from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise SendError(f"Slack unreachable: {type(exc).__name__}") from exc
        files = response.get("files") or [response.get("file") or {}]
        return {"file_id": (files[0] or {}).get("id")}

    async def close(self) -> None:
        """Close the HTTP session, if one was opened."""
        if self.client.session is not None:
            await self.client.session.close()
            self.client.session = None
