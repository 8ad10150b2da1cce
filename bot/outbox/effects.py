"""Outbound effects as the dispatcher sees them, what their payloads say, and how a send can fail.

An effect says what should happen, never how a transport does it. The desk's side (`desk.*`: what the
desk's people are shown, and where) is drawn and sent by the desk's sender (Slack); the complainant's side
(`complainant.message`) by the sender of the complainant's channel, chosen by the payload's `channel`
(bot.outbox.complainant). The senders are wired in app.wiring.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

# --- the desk ------------------------------------------------------------------------------------------
# Post a view in a place of the desk's: {"to": place, "view", "data", "text"} and, when they apply,
# "also_in_channel" (a reply in a thread shown in the channel as well), "alert" (an alert for the admins:
# one that is given up is not alerted about again), "remember_as" (what the result is kept as, see
# bot.outbox.results) and "on_dead" (notices to post instead of the usual alert if it is given up: each
# {"to", "text" ("{error}" is replaced by the error), "ordering_key", "parent_key", "alert"}).
DESK_POST = "desk.post"
# Show a view in the post of the effect's parent instead of what it showed (the triage post).
DESK_UPDATE = "desk.update"
# Share a file in a place: {"to", "file": {"name", "title", "content_b64", "comment"}, "on_dead"}.
DESK_UPLOAD = "desk.upload"
# Share a piece of the case's evidence in the case's thread: {"evidence_id"} (bot.intake.media).
DESK_EVIDENCE = "desk.evidence"
# Delete what an earlier desk effect posted or shared: {"posted": that effect's result} (retention).
DESK_DELETE = "desk.delete"

# Places ("to": {"place": ..., "channel": ...}); a thread is that of the post the effect's parent made.
TRIAGE_CHANNEL = "triage_channel"  # the desk's triage channel
ALERTS_CHANNEL = "alerts_channel"  # where the desk's admins are alerted
CASE_THREAD = "case_thread"  # the thread of the case's triage post
REPORT_CHANNEL = "report_channel"  # one of the tenant's report channels, named by "channel"
REPORT_THREAD = "report_thread"  # the thread of a post in that report channel

# Views ("view", with the "data" each needs).
TRIAGE_POST = "triage_post"  # a case as its triage post shows it (bot.triage_post.triage_view)
TRIAGE_OUTLINE = "triage_outline"  # the triage post of a case whose personal data was purged
THREAD_MESSAGE = "thread_message"  # {"heading", "body"}: a heading and the complainant's words, if any
FOLLOW_UPS = "follow_ups"  # {"heading", "messages": [[when, words], ...]}: further messages in one reply
NOTICE = "notice"  # {"text"}: a short text (an alert, a note in a thread)
CASE_REPORT = "case_report"  # a case report for the client (bot.reports.case_send.report_view)
MONTHLY_TOTALS = "monthly_totals"  # {"title", "body"}: a tenant's totals of a month
# What a previous version rendered itself and queued (Slack's blocks, LINE's message objects): an effect
# converted by migration 0011 that could not be told as a view goes out exactly as it was rendered.
PREVIOUS_VERSION = "rendered_by_previous_version"

# --- the complainant -----------------------------------------------------------------------------------
# Messages to a complainant through the channel they wrote on: {"channel" (the case's channel, "line"),
# "to" (their address on it), "messages", "reply_token", "event_time"} (the event answered, when the
# channel lets a reply use it). A message is {"text", "choices"}: each choice a button the complainant may
# press, {"label", "data"} (the data comes back with the press), or with "pick": "datetime" and "latest"
# (Japan time) a date-time picker; or {PREVIOUS_VERSION: the channel's own message object}.
# By mail, also "mail": {"subject", "message_id" (the desk's own, bot.mail_ids), "in_reply_to",
# "references", "auto_reply"} (texts only: a mail has no buttons).
COMPLAINANT_MESSAGE = "complainant.message"
LINE = "line"
MAIL = "mail"

# --- the domain's own ----------------------------------------------------------------------------------
CASE_CLASSIFY = "case.classify"


def place(name: str, channel: str | None = None) -> dict[str, Any]:
    """A place of the desk's (`channel` for a report channel)."""
    return {"place": name, "channel": channel} if channel is not None else {"place": name}


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
    """Delivers one kind of effect; returns what to remember (e.g. where the post landed)."""

    async def send(self, effect: Effect) -> dict[str, Any]:
        """Deliver the effect or raise SendError."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...
