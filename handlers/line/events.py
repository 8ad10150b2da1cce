"""The shape of a LINE webhook event, checked on intake so that a malformed one never reaches the worker.

Only the fields the desk reads are typed (LINE's other fields, and new event types, pass as they are).
An event that does not fit is still stored, for the admins, but set aside at once: it never blocks the
sender's later messages and is never retried.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from handlers.web.limits import nesting_exceeds

# LINE's events are a few levels deep (a message's emojis or mentionees); anything deeper is not LINE's.
MAX_DEPTH = 16
# Milliseconds since the epoch up to the end of year 9999 (what a datetime can hold).
MAX_TIMESTAMP_MS = 253_402_300_799_999


class _Shape(BaseModel):
    model_config = ConfigDict(extra="allow")


class _Source(_Shape):
    type: str | None = None
    userId: str | None = None
    groupId: str | None = None
    roomId: str | None = None


class _ContentProvider(_Shape):
    type: str | None = None


class _Message(_Shape):
    type: str
    id: str | None = None
    text: str | None = None
    title: str | None = None
    address: str | None = None
    packageId: str | None = None
    stickerId: str | None = None
    fileName: str | None = None
    fileSize: int | None = None
    contentProvider: _ContentProvider | None = None


class _Postback(_Shape):
    data: str = ""
    params: dict[str, str] | None = None


class _Follow(_Shape):
    isUnblocked: bool | None = None


class _Unsend(_Shape):
    messageId: str | None = None


class _DeliveryContext(_Shape):
    isRedelivery: bool | None = None


class _Event(_Shape):
    type: str
    timestamp: int | None = Field(default=None, ge=0, le=MAX_TIMESTAMP_MS)
    webhookEventId: str | None = None
    replyToken: str | None = None
    mode: str | None = None
    source: _Source | None = None
    message: _Message | None = None
    postback: _Postback | None = None
    follow: _Follow | None = None
    unsend: _Unsend | None = None
    deliveryContext: _DeliveryContext | None = None


def event_problem(event: dict[str, Any]) -> str | None:
    """None when the event can be processed; else what is wrong with it (field names only, no values)."""
    if nesting_exceeds(event, MAX_DEPTH):
        return "nested too deeply"
    try:
        _Event.model_validate(event)
    except ValidationError as invalid:
        error = invalid.errors()[0]
        where = ".".join(str(part) for part in error["loc"]) or "event"
        return f"{where}: {error['type']}"
    return None


def sender_of(event: dict[str, Any]) -> str | None:
    """Who the event comes from (a user, else the group or room), or None."""
    source = event.get("source")
    if not isinstance(source, dict):
        return None
    for key in ("userId", "groupId", "roomId"):
        value = source.get(key)
        if isinstance(value, str) and value:
            return value
    return None
