"""In-memory, thread-safe state of the fake LINE channel: reply tokens, retry keys, deliveries, content."""

from __future__ import annotations

import copy
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Literal

from sandbox.ids import hex_token
from sandbox.records import FieldAccess

Via = Literal["reply", "push"]


@dataclass(frozen=True)
class Delivery(FieldAccess):
    """Messages the fake accepted for delivery to one chat."""

    to: str
    via: Via
    messages: list[dict[str, Any]]
    token: str
    retry_key: str | None
    time: float
    request_id: str
    sent_messages: list[dict[str, str]] = field(default_factory=list)
    reply_token: str | None = None
    notification_disabled: bool = False

    @property
    def texts(self) -> list[str]:
        """The `text` of every text message in this delivery."""
        return [str(m.get("text", "")) for m in self.messages if m.get("type") in ("text", "textV2")]


@dataclass(frozen=True)
class Content(FieldAccess):
    """Bytes served for a message id by the content endpoint."""

    data: bytes
    content_type: str


@dataclass
class _ReplyToken:
    to: str
    issued_at: float
    ttl: float
    used: bool = False


@dataclass(frozen=True)
class AcceptedRetry(FieldAccess):
    """What the first request with a retry key got: its request id and sent messages."""

    request_id: str
    sent_messages: list[dict[str, str]]


class LineStore:
    """All channel state behind one lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens: dict[str, _ReplyToken] = {}
        self._retry_keys: dict[str, AcceptedRetry] = {}
        self._deliveries: list[Delivery] = []
        self._contents: dict[str, Content] = {}

    def clear(self) -> None:
        """Drop everything."""
        with self._lock:
            self._tokens.clear()
            self._retry_keys.clear()
            self._deliveries.clear()
            self._contents.clear()

    def issue_reply_token(self, to: str, ttl: float) -> str:
        """Create a reply token that replies to `to` and expires after `ttl` seconds."""
        token = hex_token(32)
        with self._lock:
            self._tokens[token] = _ReplyToken(to=to, issued_at=time.monotonic(), ttl=ttl)
        return token

    def use_reply_token(self, token: str) -> str | None:
        """Mark a reply token used and return its chat id; None if unknown, used or expired."""
        with self._lock:
            entry = self._tokens.get(token)
            if entry is None or entry.used or time.monotonic() - entry.issued_at > entry.ttl:
                return None
            entry.used = True
            return entry.to

    def accepted_retry(self, key: str) -> AcceptedRetry | None:
        """The earlier accepted request with this retry key, if any."""
        with self._lock:
            return self._retry_keys.get(key)

    def deliver(self, delivery: Delivery) -> AcceptedRetry | None:
        """Record a delivery; if its retry key was already accepted, deliver nothing and return the first."""
        with self._lock:
            if delivery.retry_key is not None:
                earlier = self._retry_keys.get(delivery.retry_key)
                if earlier is not None:
                    return earlier
                self._retry_keys[delivery.retry_key] = AcceptedRetry(
                    delivery.request_id, copy.deepcopy(delivery.sent_messages)
                )
            self._deliveries.append(delivery)
            return None

    def deliveries(self) -> list[Delivery]:
        """Every delivery in order."""
        with self._lock:
            return copy.deepcopy(self._deliveries)

    def register_content(self, message_id: str, content: Content) -> None:
        """Serve `content` for `message_id`."""
        with self._lock:
            self._contents[message_id] = content

    def content(self, message_id: str) -> Content | None:
        """Registered content of a message id."""
        with self._lock:
            return self._contents.get(message_id)
