"""A complainant simulator: builds, signs and sends LINE webhook deliveries like the LINE platform."""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import json
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import httpx

from sandbox import http_clients
from sandbox.ids import NumericIds, hex_token, ulid

if TYPE_CHECKING:
    from bot.clock import Clock
    from sandbox.fake_line import FakeLine

Event = dict[str, Any]
WEBHOOK_USER_AGENT = "LineBotWebhook/2.0"
PLACEHOLDER_CONTENT = {
    "image": (b"\xff\xd8\xff\xe0sandbox-image\xff\xd9", "image/jpeg"),
    "video": (b"\x00\x00\x00\x18ftypmp42sandbox-video", "video/mp4"),
    "audio": (b"\x00\x00\x00\x18ftypM4A sandbox-audio", "audio/m4a"),
    "file": (b"%PDF-1.4\n% sandbox file\n", "application/pdf"),
}


def sign_body(secret: str, body: bytes) -> str:
    """`X-Line-Signature` of a raw body: base64 of HMAC-SHA256 keyed with the channel secret."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def build_body(destination: str, events: Iterable[Event]) -> bytes:
    """Serialise a webhook delivery compactly, with UTF-8 text unescaped, as LINE does."""
    payload = {"destination": destination, "events": list(events)}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def as_redelivery(event: Event) -> Event:
    """A copy of an event marked `deliveryContext.isRedelivery = true` (same webhookEventId)."""
    again = copy.deepcopy(event)
    again["deliveryContext"] = {"isRedelivery": True}
    return again


class LineComplainant:
    """One LINE user talking to the desk's official account; `fake_line` issues the reply tokens."""

    def __init__(
        self,
        webhook_url: str,
        channel_secret: str,
        user_id: str | None = None,
        fake_line: FakeLine | None = None,
        *,
        destination: str | None = None,
        group_id: str | None = None,
        timeout: float = 10.0,
        clock: Clock | None = None,
    ) -> None:
        self.webhook_url = webhook_url
        self.clock = clock  # stamps the events (the machine's clock when None)
        self.channel_secret = channel_secret
        self.user_id = user_id or "U" + hex_token(32)
        self.fake_line = fake_line
        self.destination = destination or (
            fake_line.bot_user_id if fake_line is not None else "U" + hex_token(32)
        )
        self.group_id = group_id or "C" + hex_token(32)
        self.timeout = timeout
        self.sent: list[Event] = []
        self._message_ids = NumericIds()

    def now_ms(self) -> int:
        """Milliseconds since the epoch, from the given clock."""
        if self.clock is None:
            return int(time.time() * 1000)
        return int(self.clock.now().timestamp() * 1000)

    # signing and sending -----------------------------------------------------

    def sign(self, body: bytes) -> str:
        """`X-Line-Signature` for a body, with this channel's secret."""
        return sign_body(self.channel_secret, body)

    def build_body(self, events: Iterable[Event]) -> bytes:
        """The raw webhook body for these events."""
        return build_body(self.destination, events)

    def headers(self, body: bytes, signature: str | None = None) -> dict[str, str]:
        """Headers of a webhook delivery (a given `signature` overrides the correct one)."""
        return {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": WEBHOOK_USER_AGENT,
            "X-Line-Signature": self.sign(body) if signature is None else signature,
        }

    def send(self, *events: Event, redelivery: bool = False, signature: str | None = None) -> httpx.Response:
        """POST one webhook delivery carrying `events` and return the response."""
        body = self._prepare(events, redelivery)
        with http_clients.client(timeout=self.timeout) as client:
            return client.post(self.webhook_url, content=body, headers=self.headers(body, signature))

    async def asend(
        self, *events: Event, redelivery: bool = False, signature: str | None = None
    ) -> httpx.Response:
        """Async `send`."""
        body = self._prepare(events, redelivery)
        async with http_clients.async_client(timeout=self.timeout) as client:
            return await client.post(self.webhook_url, content=body, headers=self.headers(body, signature))

    def redeliver(self, event: Event) -> httpx.Response:
        """Send an already sent event again, as LINE's webhook redelivery does."""
        return self.send(event, redelivery=True)

    async def aredeliver(self, event: Event) -> httpx.Response:
        """Async `redeliver`."""
        return await self.asend(event, redelivery=True)

    def _prepare(self, events: Iterable[Event], redelivery: bool) -> bytes:
        chosen = [as_redelivery(e) if redelivery else e for e in events]
        self.sent.extend(chosen)
        return self.build_body(chosen)

    # message events ----------------------------------------------------------

    def text(self, text: str, *, quoted_message_id: str | None = None) -> Event:
        """A text message (with quoteToken)."""
        message: dict[str, Any] = {"type": "text", "text": text, "quoteToken": hex_token(48)}
        if quoted_message_id is not None:
            message["quotedMessageId"] = quoted_message_id
        return self.message_event(message)

    def sticker(
        self, package_id: str = "446", sticker_id: str = "1988", *, keywords: list[str] | None = None
    ) -> Event:
        """A sticker message."""
        message: dict[str, Any] = {
            "type": "sticker",
            "packageId": str(package_id),
            "stickerId": str(sticker_id),
            "stickerResourceType": "STATIC",
            "quoteToken": hex_token(48),
        }
        if keywords:
            message["keywords"] = keywords
        return self.message_event(message)

    def image(self, data: bytes | None = None, content_type: str | None = None) -> Event:
        """An image message; its bytes are registered with the fake (a placeholder unless given)."""
        message = {"type": "image", "contentProvider": {"type": "line"}, "quoteToken": hex_token(48)}
        return self._media_event(message, data, content_type)

    def video(
        self, data: bytes | None = None, duration_ms: int = 8000, content_type: str | None = None
    ) -> Event:
        """A video message; bytes registered with the fake."""
        message = {
            "type": "video",
            "duration": duration_ms,
            "contentProvider": {"type": "line"},
            "quoteToken": hex_token(48),
        }
        return self._media_event(message, data, content_type)

    def audio(
        self, data: bytes | None = None, duration_ms: int = 5000, content_type: str | None = None
    ) -> Event:
        """An audio (voice) message; bytes registered with the fake."""
        message = {"type": "audio", "duration": duration_ms, "contentProvider": {"type": "line"}}
        return self._media_event(message, data, content_type)

    def file(
        self,
        name: str = "evidence.pdf",
        size: int | None = None,
        data: bytes | None = None,
        content_type: str | None = None,
    ) -> Event:
        """A file message; `size` defaults to the length of the registered bytes."""
        payload = data if data is not None else PLACEHOLDER_CONTENT["file"][0]
        message = {"type": "file", "fileName": name, "fileSize": len(payload) if size is None else size}
        return self._media_event(message, payload, content_type)

    def location(
        self,
        title: str = "本社",
        address: str = "東京都千代田区丸の内1-1-1",
        lat: float = 35.681,
        lon: float = 139.767,
    ) -> Event:
        """A location message."""
        message = {"type": "location", "title": title, "address": address, "latitude": lat, "longitude": lon}
        return self.message_event(message)

    def message_event(self, message: dict[str, Any]) -> Event:
        """A message event around a message object (gets an id and a reply token)."""
        message_id = (
            self.fake_line.next_message_id() if self.fake_line is not None else self._message_ids.next()
        )
        content = {"id": message_id, **message, "markAsReadToken": hex_token(32)}
        return self._event("message", {"message": content}, reply=True)

    def edited(self, message_id: str, text: str) -> Event:
        """A messageEdited event for an earlier text message."""
        content = {"type": "text", "id": message_id, "text": text, "quoteToken": hex_token(48)}
        return self._event("messageEdited", {"message": content}, reply=False)

    def unsend(self, message_id: str) -> Event:
        """An unsend event for an earlier message."""
        return self._event("unsend", {"unsend": {"messageId": message_id}}, reply=False)

    # user and chat events ----------------------------------------------------

    def follow(self, unblocked: bool = False) -> Event:
        """A follow (friend add, or unblock) event."""
        return self._event("follow", {"follow": {"isUnblocked": unblocked}}, reply=True)

    def unfollow(self) -> Event:
        """An unfollow (block) event."""
        return self._event("unfollow", {}, reply=False)

    def postback(self, data: str, params: dict[str, str] | None = None) -> Event:
        """A postback event (e.g. a rich menu or button tap)."""
        postback: dict[str, Any] = {"data": data}
        if params is not None:
            postback["params"] = params
        return self._event("postback", {"postback": postback}, reply=True)

    def beacon(self, hwid: str = "d41d8cd98f", kind: str = "enter", dm: str | None = None) -> Event:
        """A beacon event."""
        beacon = {"hwid": hwid, "type": kind, **({"dm": dm} if dm is not None else {})}
        return self._event("beacon", {"beacon": beacon}, reply=True)

    def account_link(self, nonce: str = "sandbox-nonce", result: str = "ok") -> Event:
        """An accountLink event."""
        return self._event("accountLink", {"link": {"result": result, "nonce": nonce}}, reply=True)

    def video_play_complete(self, tracking_id: str = "sandbox-video") -> Event:
        """A videoPlayComplete event."""
        return self._event(
            "videoPlayComplete", {"videoPlayComplete": {"trackingId": tracking_id}}, reply=True
        )

    def membership(self, kind: str = "joined", membership_id: int = 1) -> Event:
        """A membership event (`joined`, `left` or `renewed`)."""
        return self._event(
            "membership", {"membership": {"type": kind, "membershipId": membership_id}}, reply=True
        )

    # group events (source is the complainant's group) ------------------------

    def join(self) -> Event:
        """The bot joined `group_id`."""
        return self._event("join", {}, reply=True, group=True)

    def leave(self) -> Event:
        """The bot left (was removed from) `group_id`."""
        return self._event("leave", {}, reply=False, group=True)

    def member_joined(self, *user_ids: str) -> Event:
        """Users joined `group_id` (defaults to this complainant)."""
        members = [{"type": "user", "userId": u} for u in (user_ids or (self.user_id,))]
        return self._event("memberJoined", {"joined": {"members": members}}, reply=True, group=True)

    def member_left(self, *user_ids: str) -> Event:
        """Users left `group_id` (defaults to this complainant)."""
        members = [{"type": "user", "userId": u} for u in (user_ids or (self.user_id,))]
        return self._event("memberLeft", {"left": {"members": members}}, reply=False, group=True)

    # module channel and platform events --------------------------------------

    def activated(self, expire_at_ms: int | None = None) -> Event:
        """The module channel got chat control (activated)."""
        expire = expire_at_ms if expire_at_ms is not None else self.now_ms() + 3_600_000
        return self._event("activated", {"chatControl": {"expireAt": expire}}, reply=False)

    def deactivated(self) -> Event:
        """The module channel lost chat control."""
        return self._event("deactivated", {}, reply=False)

    def bot_suspended(self) -> Event:
        """The module channel was suspended."""
        return self._event("botSuspended", {}, reply=False)

    def bot_resumed(self) -> Event:
        """The module channel was resumed."""
        return self._event("botResumed", {}, reply=False)

    def module_attached(self, bot_id: str | None = None, scopes: list[str] | None = None) -> Event:
        """A module channel was attached to the account."""
        module = {
            "type": "attached",
            "botId": bot_id or self.destination,
            "scopes": scopes or ["message:send"],
        }
        return self._event("module", {"module": module}, reply=False)

    def module_detached(self, bot_id: str | None = None, reason: str = "bot_deleted") -> Event:
        """A module channel was detached from the account."""
        return self._event(
            "module",
            {"module": {"type": "detached", "botId": bot_id or self.destination, "reason": reason}},
            reply=False,
        )

    def delivery_completed(self, data: str = "sandbox-delivery") -> Event:
        """A LINE notification (PNP) delivery completion event."""
        return self._event("delivery", {"delivery": {"data": data}}, reply=False)

    # assembly ----------------------------------------------------------------

    def _source(self, group: bool) -> dict[str, str]:
        if group:
            return {"type": "group", "groupId": self.group_id, "userId": self.user_id}
        return {"type": "user", "userId": self.user_id}

    def _event(self, kind: str, fields: dict[str, Any], *, reply: bool, group: bool = False) -> Event:
        event: Event = {"type": kind, **fields}
        event.update(
            webhookEventId=ulid(self.now_ms()),
            deliveryContext={"isRedelivery": False},
            timestamp=self.now_ms(),
            source=self._source(group),
            mode="active",
        )
        if reply:
            target = self.group_id if group else self.user_id
            event["replyToken"] = (
                self.fake_line.issue_reply_token(target) if self.fake_line is not None else hex_token(32)
            )
        return event

    def _media_event(self, message: dict[str, Any], data: bytes | None, content_type: str | None) -> Event:
        event = self.message_event(message)
        if self.fake_line is not None:
            default_data, default_type = PLACEHOLDER_CONTENT[message["type"]]
            self.fake_line.register_content(
                event["message"]["id"], default_data if data is None else data, content_type or default_type
            )
        return event
