"""The Slack Web API calls the desk's effects need (any base URL: Slack itself or the sandbox)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError

from bot.outbox.effects import Effect, SendError
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


# The metadata event of every post, naming the effect's key (an unclear send is looked up by it).
METADATA_EVENT = "kasuhara_effect"


class SlackSender:
    """The Web API calls of the desk's effects: posts and thread replies (a post that may have gone out is
    looked for before it is sent again), edits and deletions; Slack's errors as SendError."""

    def __init__(self, *, token: str, base_url: str, timeout: float) -> None:
        self.client = SlackClient(token=token, base_url=base_url, timeout=int(max(1, timeout)))

    def _ensure_session(self) -> None:
        # Without a session of its own, slack_sdk opens a new connection for every call.
        if self.client.session is None or self.client.session.closed:
            self.client.session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.client.timeout)
            )

    async def post(
        self,
        effect: Effect,
        *,
        channel: str,
        text: str,
        blocks: list[dict[str, Any]] | None,
        thread_ts: str | None,
        broadcast: bool,
    ) -> dict[str, Any]:
        """Post the message on behalf of `effect`; returns its channel and ts."""
        self._ensure_session()
        try:
            if effect.in_doubt:
                found = await self._find_posted(effect, channel, thread_ts)
                if found is not None:
                    return found
            response = await self.client.chat_postMessage(
                channel=channel,
                text=text,
                blocks=blocks,
                thread_ts=thread_ts,
                metadata={"event_type": METADATA_EVENT, "event_payload": {"key": effect.key}},
                reply_broadcast=broadcast if thread_ts else None,
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as exc:
            raise _send_error(exc) from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise SendError(f"Slack unreachable: {type(exc).__name__}") from exc
        return {"channel": response["channel"], "ts": response["ts"]}

    async def update(
        self, *, channel: str, ts: str, text: str, blocks: list[dict[str, Any]] | None
    ) -> dict[str, Any]:
        """Edit a message in place (an update is idempotent: sending it twice changes nothing)."""
        self._ensure_session()
        try:
            response = await self.client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
        except SlackApiError as exc:
            raise _send_error(exc) from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise SendError(f"Slack unreachable: {type(exc).__name__}") from exc
        return {"channel": response["channel"], "ts": response["ts"]}

    async def delete(self, posted: dict[str, Any]) -> dict[str, Any]:
        """Delete a message (`channel`, `ts`) or a file (`file_id`) the desk posted."""
        self._ensure_session()
        try:
            if posted.get("file_id"):
                await self.client.files_delete(file=posted["file_id"])
            else:
                await self.client.chat_delete(channel=posted["channel"], ts=posted["ts"])
        except SlackApiError as exc:
            if str(exc.response.get("error")) in ALREADY_GONE:
                return {"deleted": False, "gone": True}
            raise _send_error(exc) from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise SendError(f"Slack unreachable: {type(exc).__name__}") from exc
        return {"deleted": True}

    async def _find_posted(
        self, effect: Effect, channel: str, thread_ts: str | None
    ) -> dict[str, Any] | None:
        """The message this effect already posted, found by its metadata key, if any."""
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
