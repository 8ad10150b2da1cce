"""Delivers Slack effects through the Web API (any base URL: Slack itself or the sandbox)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError

from bot.effects import SLACK_DELETE, SLACK_UPDATE, Effect, SendError
from handlers.slack.client import SlackClient

# Errors no retry can fix: the effect is dead-lettered at once.
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "invalid_blocks",
        "invalid_blocks_format",
        "msg_too_long",
        "no_text",
        "invalid_metadata_format",
        "restricted_action",
        "message_not_found",
        "cant_update_message",
    }
)
# A deletion that finds nothing to delete is done: an earlier try, or someone in Slack, deleted it.
ALREADY_GONE = frozenset({"message_not_found", "file_not_found", "file_deleted"})


class SlackSender:
    """Posts messages and thread replies; checks Slack before re-sending a post that may have gone out."""

    def __init__(self, *, token: str, base_url: str, timeout: float) -> None:
        self.client = SlackClient(token=token, base_url=base_url, timeout=int(max(1, timeout)))

    def _ensure_session(self) -> None:
        # Without a session of its own, slack_sdk opens a new connection for every call.
        if self.client.session is None or self.client.session.closed:
            self.client.session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.client.timeout)
            )

    async def send(self, effect: Effect) -> dict[str, Any]:
        """Post the message; returns its channel and ts."""
        payload = effect.payload
        thread_ts = (effect.parent_result or {}).get("ts")
        self._ensure_session()
        if effect.kind == SLACK_UPDATE:
            return await self._update(effect, thread_ts)
        if effect.kind == SLACK_DELETE:
            return await self._delete(effect)
        try:
            if effect.in_doubt:
                found = await self._find_posted(effect, thread_ts)
                if found is not None:
                    return found
            response = await self.client.chat_postMessage(
                channel=payload["channel"],
                text=payload["text"],
                blocks=payload.get("blocks"),
                thread_ts=thread_ts,
                metadata=payload.get("metadata"),
                reply_broadcast=bool(payload.get("reply_broadcast")) if thread_ts else None,
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as exc:
            raise _send_error(exc) from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise SendError(f"Slack unreachable: {type(exc).__name__}") from exc
        return {"channel": response["channel"], "ts": response["ts"]}

    async def _update(self, effect: Effect, ts: str | None) -> dict[str, Any]:
        """Edit a message in place (an update is idempotent: sending it twice changes nothing)."""
        if not ts:
            raise SendError("the message to update was never posted", permanent=True)
        payload = effect.payload
        try:
            response = await self.client.chat_update(
                channel=payload["channel"], ts=ts, text=payload["text"], blocks=payload.get("blocks")
            )
        except SlackApiError as exc:
            raise _send_error(exc) from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise SendError(f"Slack unreachable: {type(exc).__name__}") from exc
        return {"channel": response["channel"], "ts": response["ts"]}

    async def _delete(self, effect: Effect) -> dict[str, Any]:
        """Delete a message (`channel`, `ts`) or a file (`file_id`) the desk posted."""
        payload = effect.payload
        try:
            if payload.get("file_id"):
                await self.client.files_delete(file=payload["file_id"])
            else:
                await self.client.chat_delete(channel=payload["channel"], ts=payload["ts"])
        except SlackApiError as exc:
            if str(exc.response.get("error")) in ALREADY_GONE:
                return {"deleted": False, "gone": True}
            raise _send_error(exc) from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise SendError(f"Slack unreachable: {type(exc).__name__}") from exc
        return {"deleted": True}

    async def _find_posted(self, effect: Effect, thread_ts: str | None) -> dict[str, Any] | None:
        """The message this effect already posted, found by its metadata key, if any."""
        channel = effect.payload["channel"]
        if thread_ts:
            response = await self.client.conversations_replies(
                channel=channel, ts=thread_ts, include_all_metadata=True, limit=200
            )
        else:
            oldest = (effect.created_at - timedelta(minutes=5)).timestamp()
            response = await self.client.conversations_history(
                channel=channel, oldest=f"{oldest:.6f}", include_all_metadata=True, limit=200
            )
        for message in response.get("messages") or []:
            metadata = message.get("metadata") or {}
            if (metadata.get("event_payload") or {}).get("key") == effect.key:
                return {"channel": channel, "ts": message["ts"], "recovered": True}
        return None

    async def close(self) -> None:
        """Close the HTTP session."""
        if self.client.session is not None:
            await self.client.session.close()
            self.client.session = None


def _send_error(exc: SlackApiError) -> SendError:
    response = exc.response
    error = str(response.get("error", "unknown_error"))
    status = response.status_code
    if status == 429 or error == "ratelimited":
        retry_after = float(response.headers.get("Retry-After", response.headers.get("retry-after", 1)) or 1)
        return SendError(f"Slack rate limit (retry after {retry_after:g}s)", retry_after=retry_after)
    if error in PERMANENT_ERRORS:
        return SendError(f"Slack refused: {error}", permanent=True)
    return SendError(f"Slack error: {error} (HTTP {status})")
