"""Outbound effects as the dispatcher sees them, and how a send can fail.

An effect says what should happen, never how a transport does it: the complainant side
(`COMPLAINANT_MESSAGE`) is sent by the sender of the complainant's channel, chosen by the payload's
`channel` (bot.complainant_channels); the senders themselves are wired in bot.app.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

SLACK_POST = "slack.post"
SLACK_UPDATE = "slack.update"
SLACK_UPLOAD = "slack.upload"
SLACK_DELETE = "slack.delete"  # a message or file of the desk's, deleted (retention, erasure)
# Messages to a complainant through the channel they wrote on. The payload: `channel` (the case's channel,
# "line"), `to` (their address on it), `messages` (see below), and `reply_token` / `event_time` of the
# event answered, when the channel lets a reply use it.
COMPLAINANT_MESSAGE = "complainant.message"
LINE = "line"  # the only complainant channel so far
CASE_CLASSIFY = "case.classify"


# A message to a complainant: {"text": ..., "choices": [...]} where each choice is a button the complainant
# may press, {"label", "data"} (the data comes back with the press), or with "pick": "datetime" and
# "latest" (a date and time no later than that, Japan time) a date-time picker.
PREVIOUS_VERSION = "rendered_by_previous_version"  # a message a previous version rendered, sent as it is


@dataclass(frozen=True)
class Effect:
    """One claimed outbox row, decrypted."""

    id: int
    key: str
    kind: str
    payload: dict[str, Any]
    attempts: int
    created_at: datetime
    tenant_id: int | None = None
    case_id: int | None = None
    in_doubt: bool = False
    parent_result: dict[str, Any] | None = field(default=None)


class SendError(Exception):
    """A send that did not happen; retryable unless `permanent`."""

    def __init__(self, message: str, *, retry_after: float | None = None, permanent: bool = False) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.permanent = permanent


class EffectSender(Protocol):
    """Delivers one kind of effect; returns what to remember (e.g. Slack's ts)."""

    async def send(self, effect: Effect) -> dict[str, Any]:
        """Deliver the effect or raise SendError."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...
