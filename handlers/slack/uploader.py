"""The one Slack file uploader (files.getUploadURLExternal + upload + files.completeUploadExternal).

Used for report PDFs and chart images (the `desk.upload` effect) and for media evidence shared in a case's
thread (the `desk.evidence` effect), both through handlers.slack.desk. A retry after an upload whose answer
was lost looks for the file first, so a file is never shared twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.outbox.effects import Effect, SendError
from handlers.slack.sender import SlackSender, _send_error

# Upload errors no retry can fix, besides the message errors of chat.postMessage.
PERMANENT_UPLOAD_ERRORS = frozenset(
    {"file_uploads_disabled", "file_upload_size_restricted", "invalid_channel", "file_too_large"}
)


class SlackUploadSender:
    """Uploads one file into a channel or a thread; shares the Web API client of `SlackSender`."""

    def __init__(self, slack: SlackSender) -> None:
        self._slack = slack

    async def upload(
        self,
        effect: Effect,
        *,
        channel: str,
        data: bytes,
        filename: str,
        title: str,
        comment: str | None,
        thread_ts: str | None = None,
    ) -> dict[str, Any]:
        """Share `data` as `filename` (unique in its channel or thread) on behalf of `effect`; returns the
        channel and the file id. A retry first looks whether an earlier attempt already shared it."""
        client = self._slack.client
        self._slack._ensure_session()
        try:
            # A retry may follow an upload whose answer was lost (timeout): look before sharing it again.
            if effect.in_doubt or effect.attempts > 1:
                found = await self._find_shared(
                    channel=channel, thread_ts=thread_ts, filename=filename, since=effect.created_at
                )
                if found is not None:
                    return found
            response = await client.files_upload_v2(
                channel=channel,
                thread_ts=thread_ts,
                content=data,
                filename=filename,
                title=title,
                initial_comment=comment,
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
        return {"channel": channel, "file_id": files[0].get("id")}

    async def _find_shared(
        self, *, channel: str, thread_ts: str | None, filename: str, since: datetime
    ) -> dict[str, Any] | None:
        """The file an earlier attempt already shared (looked up by its unique name), if any."""
        oldest = f"{(since - timedelta(minutes=5)).timestamp():.6f}"
        client = self._slack.client
        if thread_ts:
            response = await client.conversations_replies(
                channel=channel, ts=thread_ts, oldest=oldest, limit=200
            )
        else:
            response = await client.conversations_history(channel=channel, oldest=oldest, limit=200)
        for message in response.get("messages") or []:
            for file in message.get("files") or []:
                if file.get("name") == filename:
                    return {"channel": channel, "file_id": file.get("id"), "recovered": True}
        return None

    async def close(self) -> None:
        """The shared client is closed by `SlackSender`."""
