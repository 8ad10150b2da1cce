"""In-memory, thread-safe state of the fake Slack workspace: messages, threads, files, views."""

from __future__ import annotations

import copy
import threading
from dataclasses import dataclass, field
from typing import Any

from sandbox.ids import SlackTimestamps, slack_id
from sandbox.records import FieldAccess

TEAM_ID = "T0SANDBOX"
BOT_USER_ID = "U0BOT"
BOT_ID = "B0BOT"
APP_ID = "A0SANDBOX"


@dataclass
class SlackMessage(FieldAccess):
    """A stored channel message; `thread_ts` is set on thread replies only."""

    channel: str
    ts: str
    text: str = ""
    blocks: list[Any] | None = None
    thread_ts: str | None = None
    metadata: dict[str, Any] | None = None
    attachments: list[Any] | None = None
    files: list[dict[str, Any]] | None = None
    reply_broadcast: bool = False
    user: str = BOT_USER_ID
    source: str = "chat.postMessage"
    args: dict[str, Any] = field(default_factory=dict)
    edits: list[dict[str, Any]] = field(default_factory=list)
    edited_ts: str | None = None

    @property
    def is_reply(self) -> bool:
        """Whether this message lives inside another message's thread."""
        return self.thread_ts is not None and self.thread_ts != self.ts

    def to_api(
        self, *, include_metadata: bool = True, replies: list[SlackMessage] | None = None
    ) -> dict[str, Any]:
        """Render as Slack's message object."""
        out: dict[str, Any] = {
            "type": "message",
            "user": self.user,
            "text": self.text,
            "ts": self.ts,
            "team": TEAM_ID,
        }
        if self.user == BOT_USER_ID:
            out.update(bot_id=BOT_ID, app_id=APP_ID)
        if self.blocks is not None:
            out["blocks"] = self.blocks
        if self.attachments is not None:
            out["attachments"] = self.attachments
        if self.files:
            out["files"] = self.files
            out["upload"] = True
        if self.is_reply:
            out["thread_ts"] = self.thread_ts
            out["parent_user_id"] = BOT_USER_ID
            if self.reply_broadcast:
                out["subtype"] = "thread_broadcast"
        if replies:
            out.update(
                thread_ts=self.ts,
                reply_count=len(replies),
                reply_users_count=len({r.user for r in replies}),
                reply_users=sorted({r.user for r in replies}),
                latest_reply=replies[-1].ts,
            )
        if self.edited_ts is not None:
            out["edited"] = {"user": self.user, "ts": self.edited_ts}
        if include_metadata and self.metadata is not None:
            out["metadata"] = self.metadata
        return out


@dataclass
class Ephemeral(FieldAccess):
    """A chat.postEphemeral message (visible to one user, never in history)."""

    channel: str
    user: str
    message_ts: str
    text: str = ""
    blocks: list[Any] | None = None
    thread_ts: str | None = None
    args: dict[str, Any] = field(default_factory=dict)


@dataclass
class Upload(FieldAccess):
    """A file announced with files.getUploadURLExternal, with its bytes once uploaded."""

    file_id: str
    filename: str
    length: int
    data: bytes | None = None
    content_type: str | None = None
    alt_txt: str | None = None
    snippet_type: str | None = None


@dataclass
class FileShare(FieldAccess):
    """A file completed with files.completeUploadExternal, as shared into a channel (or not)."""

    file_id: str
    filename: str
    title: str
    data: bytes
    channel: str | None = None
    channels: list[str] = field(default_factory=list)
    thread_ts: str | None = None
    initial_comment: str | None = None
    message_ts: str | None = None


@dataclass
class ViewRecord(FieldAccess):
    """A views.open/update/push/publish call."""

    method: str
    view_id: str
    view: dict[str, Any]
    args: dict[str, Any] = field(default_factory=dict)


class SlackStore:
    """All workspace state behind one lock; readers get deep copies."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ts = SlackTimestamps()
        self._messages: list[SlackMessage] = []
        self._ephemerals: list[Ephemeral] = []
        self._uploads: dict[str, Upload] = {}
        self._shares: list[FileShare] = []
        self._views: list[ViewRecord] = []
        self._view_ids: dict[str, str] = {}

    def clear(self) -> None:
        """Drop everything."""
        with self._lock:
            self._messages.clear()
            self._ephemerals.clear()
            self._uploads.clear()
            self._shares.clear()
            self._views.clear()
            self._view_ids.clear()

    # writes ------------------------------------------------------------------

    def post(self, message: SlackMessage) -> SlackMessage:
        """Store a new message, assigning its ts; returns a copy."""
        with self._lock:
            message.ts = self._ts.next()
            self._messages.append(message)
            return copy.deepcopy(message)

    def update(self, channel: str, ts: str, changes: dict[str, Any]) -> SlackMessage | None:
        """Apply chat.update changes to a message, keeping the previous version; None if unknown."""
        with self._lock:
            message = self._find(channel, ts)
            if message is None:
                return None
            message.edits.append(
                {"text": message.text, "blocks": message.blocks, "attachments": message.attachments}
            )
            for name, value in changes.items():
                setattr(message, name, value)
            message.edited_ts = self._ts.next()
            return copy.deepcopy(message)

    def delete(self, channel: str, ts: str) -> bool:
        """Remove a message (chat.delete); False if unknown."""
        with self._lock:
            message = self._find(channel, ts)
            if message is None:
                return False
            self._messages.remove(message)
            return True

    def delete_file(self, file_id: str) -> bool:
        """Remove a file everywhere it was shared (files.delete); False if unknown."""
        with self._lock:
            known = file_id in self._uploads or any(s.file_id == file_id for s in self._shares)
            self._uploads.pop(file_id, None)
            self._shares = [s for s in self._shares if s.file_id != file_id]
            for message in self._messages:
                if message.files:
                    message.files = [f for f in message.files if f.get("id") != file_id]
            # As in Slack, the message that shared only deleted files goes with them.
            self._messages = [
                m for m in self._messages if not (m.source == "files.completeUploadExternal" and not m.files)
            ]
            return known

    def post_ephemeral(self, ephemeral: Ephemeral) -> Ephemeral:
        """Store an ephemeral message, assigning its message_ts."""
        with self._lock:
            ephemeral.message_ts = self._ts.next()
            self._ephemerals.append(ephemeral)
            return copy.deepcopy(ephemeral)

    def new_upload(self, upload: Upload) -> None:
        """Register a file id awaiting its bytes."""
        with self._lock:
            self._uploads[upload.file_id] = upload

    def receive_upload(self, file_id: str, data: bytes, content_type: str | None) -> bool:
        """Store the bytes of an announced upload; False if the file id is unknown."""
        with self._lock:
            upload = self._uploads.get(file_id)
            if upload is None:
                return False
            upload.data, upload.content_type = data, content_type
            return True

    def upload(self, file_id: str) -> Upload | None:
        """A copy of an announced upload."""
        with self._lock:
            found = self._uploads.get(file_id)
            return copy.deepcopy(found)

    def share(self, share: FileShare) -> None:
        """Record a completed file share."""
        with self._lock:
            self._shares.append(share)

    def record_view(
        self, method: str, view: dict[str, Any], args: dict[str, Any], view_id: str | None, key: str | None
    ) -> str:
        """Record a views.* call; a `key` (external_id, published user) keeps its view id across calls."""
        with self._lock:
            view_id = view_id or (self._view_ids.get(key) if key else None) or slack_id("V")
            if key:
                self._view_ids[key] = view_id
            self._views.append(ViewRecord(method, view_id, copy.deepcopy(view), copy.deepcopy(args)))
            return view_id

    # reads -------------------------------------------------------------------

    def find(self, channel: str, ts: str) -> SlackMessage | None:
        """A copy of one message."""
        with self._lock:
            return copy.deepcopy(self._find(channel, ts))

    def top_level(self, channel: str | None = None) -> list[SlackMessage]:
        """Messages that are not thread replies, oldest first."""
        with self._lock:
            found = [
                m for m in self._messages if not m.is_reply and (channel is None or m.channel == channel)
            ]
            return copy.deepcopy(found)

    def history(self, channel: str) -> list[tuple[SlackMessage, list[SlackMessage]]]:
        """Channel-visible messages (top level and broadcast replies) with their replies, newest first."""
        with self._lock:
            visible = [
                m for m in self._messages if m.channel == channel and (not m.is_reply or m.reply_broadcast)
            ]
            pairs = [(m, self._replies(m) if not m.is_reply else []) for m in visible]
            return copy.deepcopy(list(reversed(pairs)))

    def thread(self, channel: str, ts: str) -> list[SlackMessage]:
        """The parent message followed by its replies, oldest first; empty if the parent is unknown."""
        with self._lock:
            parent = self._find(channel, ts)
            if parent is None:
                return []
            return copy.deepcopy([parent, *self._replies(parent)])

    def replies_of(self, parent: SlackMessage) -> list[SlackMessage]:
        """Replies of a message, oldest first."""
        with self._lock:
            return copy.deepcopy(self._replies(parent))

    def posts(self, source: str | None = None) -> list[SlackMessage]:
        """Every stored message in posting order, optionally only those created by `source`."""
        with self._lock:
            return copy.deepcopy([m for m in self._messages if source is None or m.source == source])

    def ephemerals(self) -> list[Ephemeral]:
        """Every ephemeral message."""
        with self._lock:
            return copy.deepcopy(self._ephemerals)

    def shares(self) -> list[FileShare]:
        """Every completed file share."""
        with self._lock:
            return copy.deepcopy(self._shares)

    def views(self) -> list[ViewRecord]:
        """Every views.* call."""
        with self._lock:
            return copy.deepcopy(self._views)

    def _find(self, channel: str, ts: str) -> SlackMessage | None:
        for message in self._messages:
            if message.ts == ts and message.channel == channel:
                return message
        return None

    def _replies(self, parent: SlackMessage) -> list[SlackMessage]:
        return [
            m
            for m in self._messages
            if m.is_reply and m.channel == parent.channel and m.thread_ts == parent.ts
        ]
