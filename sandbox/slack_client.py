"""A Slack workspace simulator: builds and signs slash commands, button clicks and modal submissions the way
Slack sends them to an app's request URL (`v0:{timestamp}:{body}`, HMAC-SHA256, `X-Slack-Signature`)."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import httpx

if TYPE_CHECKING:
    from bot.clock import Clock

TEAM_ID = "T0SANDBOX"
APP_ID = "A0KASUHARA"


def slack_signature(secret: str, timestamp: int | str, body: bytes) -> str:
    """The `X-Slack-Signature` of a body: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}`."""
    base = f"v0:{timestamp}:".encode() + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def new_trigger_id() -> str:
    """A trigger id shaped like Slack's."""
    return f"{secrets.randbelow(10**13)}.{secrets.randbelow(10**12)}.{secrets.token_hex(16)}"


class SignedSlack:
    """Sends signed requests to `url` (the app's /slack/events) as the Slack platform would."""

    def __init__(
        self,
        url: str,
        signing_secret: str,
        *,
        timeout: float = 10.0,
        max_connections: int = 100,
        clock: Clock | None = None,
    ) -> None:
        self.url = url
        self.signing_secret = signing_secret
        self.clock = clock  # the time requests are signed at (the machine's clock when None)
        limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections)
        self._http = httpx.AsyncClient(timeout=timeout, limits=limits)

    async def aclose(self) -> None:
        """Close the HTTP connection pool."""
        await self._http.aclose()

    async def __aenter__(self) -> SignedSlack:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def now(self) -> int:
        """Seconds since the epoch, from the given clock."""
        return int(time.time() if self.clock is None else self.clock.now().timestamp())

    async def post(
        self,
        body: bytes,
        *,
        signed: bool = True,
        timestamp: int | None = None,
        retry_num: int | None = None,
        secret: str | None = None,
        content_type: str = "application/x-www-form-urlencoded",
    ) -> httpx.Response:
        """POST a body (form-encoded; JSON for events), signed, or not, or with another secret or a stale
        timestamp."""
        stamp = self.now() if timestamp is None else timestamp
        headers = {"content-type": content_type, "x-slack-request-timestamp": str(stamp)}
        if signed:
            headers["x-slack-signature"] = slack_signature(secret or self.signing_secret, stamp, body)
        if retry_num is not None:
            headers["x-slack-retry-num"] = str(retry_num)
            headers["x-slack-retry-reason"] = "http_timeout"
        return await self._http.post(self.url, content=body, headers=headers)

    # bodies --------------------------------------------------------------------

    @staticmethod
    def command_body(
        *, user: str, channel: str, text: str, command: str = "/kasuhara", trigger_id: str | None = None
    ) -> bytes:
        """A slash command as Slack posts it."""
        fields = {
            "token": "deprecated-verification-token",
            "team_id": TEAM_ID,
            "team_domain": "sandbox",
            "channel_id": channel,
            "channel_name": channel.lower(),
            "user_id": user,
            "user_name": user.lower(),
            "command": command,
            "text": text,
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": "https://hooks.slack.com/commands/T0SANDBOX/1/sandbox",
            "trigger_id": trigger_id or new_trigger_id(),
        }
        return urlencode(fields).encode()

    @staticmethod
    def payload_body(payload: dict[str, Any]) -> bytes:
        """An interactivity payload as Slack posts it (`payload=<json>`)."""
        return urlencode({"payload": json.dumps(payload, ensure_ascii=False)}).encode()

    @staticmethod
    def block_action_payload(
        *,
        user: str,
        channel: str,
        action_id: str,
        value: str,
        message_ts: str = "1700000000.000100",
        trigger_id: str | None = None,
    ) -> dict[str, Any]:
        """A `block_actions` payload for a button in a channel message."""
        return {
            "type": "block_actions",
            "team": {"id": TEAM_ID, "domain": "sandbox"},
            "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
            "api_app_id": APP_ID,
            "token": "deprecated-verification-token",
            "trigger_id": trigger_id or new_trigger_id(),
            "container": {"type": "message", "message_ts": message_ts, "channel_id": channel},
            "channel": {"id": channel, "name": channel.lower()},
            "message": {"ts": message_ts, "type": "message"},
            "response_url": "https://hooks.slack.com/actions/T0SANDBOX/1/sandbox",
            "actions": [
                {
                    "type": "button",
                    "action_id": action_id,
                    "block_id": "case_actions",
                    "value": value,
                    "action_ts": f"{time.time():.6f}",
                }
            ],
        }

    @staticmethod
    def view_submission_payload(*, user: str, view: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        """A `view_submission` of an opened view (as views.open returned it) with these state values."""
        return {
            "type": "view_submission",
            "team": {"id": TEAM_ID, "domain": "sandbox"},
            "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
            "api_app_id": APP_ID,
            "token": "deprecated-verification-token",
            "trigger_id": new_trigger_id(),
            "view": {
                **view,
                "id": view.get("id") or "V" + secrets.token_hex(5).upper(),
                "hash": view.get("hash") or f"{int(time.time())}.{secrets.token_hex(4)}",
                "state": {"values": values},
            },
        }

    # sending -------------------------------------------------------------------

    async def command(self, *, user: str, channel: str, text: str, **kwargs: Any) -> httpx.Response:
        """Send `/kasuhara text` (or another command) as `user` in `channel`."""
        return await self.post(self.command_body(user=user, channel=channel, text=text), **kwargs)

    async def click(
        self, *, user: str, channel: str, action_id: str, value: str, **kwargs: Any
    ) -> httpx.Response:
        """Press a button."""
        payload = self.block_action_payload(user=user, channel=channel, action_id=action_id, value=value)
        return await self.post(self.payload_body(payload), **kwargs)

    async def submit(
        self, *, user: str, view: dict[str, Any], values: dict[str, Any], **kwargs: Any
    ) -> httpx.Response:
        """Submit a modal."""
        payload = self.view_submission_payload(user=user, view=view, values=values)
        return await self.post(self.payload_body(payload), **kwargs)


def text_value(value: str) -> dict[str, Any]:
    """State of a plain_text_input."""
    return {"type": "plain_text_input", "value": value}


def select_value(value: str | None) -> dict[str, Any]:
    """State of a static_select or radio_buttons element."""
    return {"type": "static_select", "selected_option": {"value": value} if value else None}


def multi_value(values: list[str]) -> dict[str, Any]:
    """State of a multi_static_select or checkboxes element."""
    return {"type": "multi_static_select", "selected_options": [{"value": v} for v in values]}
