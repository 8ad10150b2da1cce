"""Delivers file uploads to Slack (files.getUploadURLExternal + upload + files.completeUploadExternal)."""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.effects import Effect, SendError
from handlers.slack.sender import SlackSender, _send_error

# Upload errors no retry can fix, besides the message errors of chat.postMessage.
PERMANENT_UPLOAD_ERRORS = frozenset(
    {"file_uploads_disabled", "file_upload_size_restricted", "invalid_channel"}
)


class SlackUploadSender:
    """Uploads one file into a channel; shares the Web API client (and its connections) of `SlackSender`."""

    def __init__(self, slack: SlackSender) -> None:
        self._slack = slack

    async def send(self, effect: Effect) -> dict[str, Any]:
        """Upload the file; returns the channel and the file id."""
        payload = effect.payload
        client = self._slack.client
        self._slack._ensure_session()
        try:
            # A retry may follow an upload whose answer was lost (timeout): look before sharing it again.
            if effect.in_doubt or effect.attempts > 1:
                found = await self._find_shared(effect)
                if found is not None:
                    return found
            response = await client.files_upload_v2(
                channel=payload["channel"],
                content=base64.b64decode(payload["content_b64"]),
                filename=payload["filename"],
                title=payload.get("title") or payload["filename"],
                initial_comment=payload.get("initial_comment"),
            )
        except SlackApiError as exc:
            error = str(exc.response.get("error", ""))
            if error in PERMANENT_UPLOAD_ERRORS:
                raise SendError(f"Slack refused the upload: {error}", permanent=True) from exc
            raise _send_error(exc) from exc
        except SlackClientError as exc:
            raise SendError(f"Slack upload failed: {type(exc).__name__}") from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise SendError(f"Slack unreachable: {type(exc).__name__}") from exc
        files = response.get("files") or [{}]
        return {"channel": payload["channel"], "file_id": files[0].get("id")}

    async def _find_shared(self, effect: Effect) -> dict[str, Any] | None:
        """The file this effect already shared (file names are unique per report version), if any."""
        channel = effect.payload["channel"]
        oldest = (effect.created_at - timedelta(minutes=5)).timestamp()
        response = await self._slack.client.conversations_history(
            channel=channel, oldest=f"{oldest:.6f}", limit=200
        )
        for message in response.get("messages") or []:
            for file in message.get("files") or []:
                if file.get("name") == effect.payload["filename"]:
                    return {"channel": channel, "file_id": file.get("id"), "recovered": True}
        return None

    async def close(self) -> None:
        """The shared client is closed by `SlackSender`."""
