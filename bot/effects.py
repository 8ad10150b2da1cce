"""Outbound effects as the dispatcher sees them, and how a send can fail."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

SLACK_POST = "slack.post"
SLACK_UPDATE = "slack.update"
SLACK_UPLOAD = "slack.upload"
SLACK_DELETE = "slack.delete"  # a message or file of the desk's, deleted (retention, erasure)
LINE_MESSAGE = "line.message"
CASE_CLASSIFY = "case.classify"


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
