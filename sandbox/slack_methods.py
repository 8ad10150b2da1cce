"""The Slack Web API methods the fake implements, as functions of parsed arguments to JSON replies."""

from __future__ import annotations

import mimetypes
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sandbox.http_bodies import as_bool, maybe_json
from sandbox.ids import slack_id
from sandbox.slack_store import (
    APP_ID,
    BOT_ID,
    BOT_USER_ID,
    TEAM_ID,
    Ephemeral,
    FileShare,
    SlackMessage,
    SlackStore,
    Upload,
)

Reply = dict[str, Any]
MAX_BLOCKS = 50
MAX_TEXT = 40000
MESSAGE_FIELDS = (
    "channel",
    "text",
    "blocks",
    "attachments",
    "thread_ts",
    "metadata",
    "reply_broadcast",
    "token",
)


def default_usergroups() -> dict[str, list[str]]:
    """The reviewer group the sandbox workspace starts with."""
    return {"S0REVIEW": ["U0REVIEWER1", "U0REVIEWER2"]}


def default_users() -> dict[str, dict[str, Any]]:
    """The users the sandbox workspace starts with (others are synthesised on demand)."""
    return {
        BOT_USER_ID: {"name": "kasuhara-bot", "real_name": "カスハラ窓口 Bot", "is_bot": True},
        "U0REVIEWER1": {"name": "reviewer1", "real_name": "審査 一郎"},
        "U0REVIEWER2": {"name": "reviewer2", "real_name": "審査 花子"},
    }


def error(code: str, **extra: Any) -> Reply:
    """A Slack error reply."""
    return {"ok": False, "error": code, **extra}


def ts_key(ts: Any) -> tuple[int, int]:
    """Sortable key of a Slack ts string, exact to the microsecond (no float rounding)."""
    text = str(ts or "0")
    seconds, _, fraction = text.partition(".")
    return int(seconds or 0), int((fraction + "000000")[:6] or 0)


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@dataclass
class SlackDirectory:
    """Configurable people and user groups (`usergroups.users.list`, `users.info`)."""

    usergroups: dict[str, list[str]] = field(default_factory=default_usergroups)
    users: dict[str, dict[str, Any]] = field(default_factory=default_users)
    channel_members: dict[str, list[str]] = field(default_factory=dict)


class SlackMethods:
    """Dispatches a Slack method name to its implementation."""

    def __init__(self, store: SlackStore, directory: SlackDirectory, base_url: Callable[[], str]) -> None:
        self.store = store
        self.directory = directory
        self._base_url = base_url
        self._table: dict[str, Callable[[dict[str, Any]], Reply]] = {
            "auth.test": self.auth_test,
            "chat.postMessage": self.chat_post_message,
            "chat.update": self.chat_update,
            "chat.delete": self.chat_delete,
            "files.delete": self.files_delete,
            "chat.postEphemeral": self.chat_post_ephemeral,
            "conversations.history": self.conversations_history,
            "conversations.replies": self.conversations_replies,
            "views.open": self.views_open,
            "views.update": self.views_update,
            "views.push": self.views_push,
            "views.publish": self.views_publish,
            "files.getUploadURLExternal": self.files_get_upload_url_external,
            "files.completeUploadExternal": self.files_complete_upload_external,
            "usergroups.users.list": self.usergroups_users_list,
            "users.info": self.users_info,
            "conversations.members": self.conversations_members,
        }

    def knows(self, method: str) -> bool:
        """Whether `method` is implemented."""
        return method in self._table

    def call(self, method: str, args: dict[str, Any]) -> Reply:
        """Run one method; unknown methods get `unknown_method`."""
        handler = self._table.get(method)
        if handler is None:
            return error("unknown_method", req_method=method)
        return handler(args)

    # auth / chat -------------------------------------------------------------

    def auth_test(self, args: dict[str, Any]) -> Reply:
        """auth.test."""
        return {
            "ok": True,
            "url": "https://kasuhara-sandbox.slack.com/",
            "team": "Kasuhara Sandbox",
            "user": "kasuhara-bot",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def chat_post_message(self, args: dict[str, Any]) -> Reply:
        """chat.postMessage."""
        channel = str(args.get("channel") or "")
        if not channel:
            return error("channel_not_found")
        parsed = self._message_content(args)
        if "error" in parsed:
            return error(parsed["error"])
        if not (parsed["text"] or parsed["blocks"] or parsed["attachments"]):
            return error("no_text")
        thread_ts = str(args["thread_ts"]) if args.get("thread_ts") else None
        if thread_ts is not None:
            parent = self.store.find(channel, thread_ts)
            if parent is not None and parent.is_reply:
                thread_ts = parent.thread_ts
        message = SlackMessage(
            channel=channel,
            ts="",
            text=parsed["text"],
            blocks=parsed["blocks"],
            attachments=parsed["attachments"],
            metadata=parsed["metadata"],
            thread_ts=thread_ts,
            reply_broadcast=thread_ts is not None and as_bool(args.get("reply_broadcast")),
            args={k: v for k, v in args.items() if k not in MESSAGE_FIELDS},
        )
        stored = self.store.post(message)
        return {"ok": True, "channel": channel, "ts": stored.ts, "message": stored.to_api()}

    def chat_delete(self, args: dict[str, Any]) -> Reply:
        """chat.delete."""
        channel, ts = str(args.get("channel") or ""), str(args.get("ts") or "")
        if not channel:
            return error("channel_not_found")
        if not self.store.delete(channel, ts):
            return error("message_not_found")
        return {"ok": True, "channel": channel, "ts": ts}

    def files_delete(self, args: dict[str, Any]) -> Reply:
        """files.delete."""
        if not self.store.delete_file(str(args.get("file") or "")):
            return error("file_not_found")
        return {"ok": True}

    def chat_update(self, args: dict[str, Any]) -> Reply:
        """chat.update (keeps the previous versions in `SlackMessage.edits`)."""
        channel, ts = str(args.get("channel") or ""), str(args.get("ts") or "")
        if not channel:
            return error("channel_not_found")
        parsed = self._message_content(args)
        if "error" in parsed:
            return error(parsed["error"])
        changes: dict[str, Any] = {
            name: parsed[name] for name in ("text", "blocks", "attachments", "metadata") if name in args
        }
        updated = self.store.update(channel, ts, changes)
        if updated is None:
            return error("message_not_found")
        return {
            "ok": True,
            "channel": channel,
            "ts": updated.ts,
            "text": updated.text,
            "message": updated.to_api(),
        }

    def chat_post_ephemeral(self, args: dict[str, Any]) -> Reply:
        """chat.postEphemeral."""
        channel, user = str(args.get("channel") or ""), str(args.get("user") or "")
        if not channel:
            return error("channel_not_found")
        if not user:
            return error("user_not_in_channel")
        parsed = self._message_content(args)
        if "error" in parsed:
            return error(parsed["error"])
        stored = self.store.post_ephemeral(
            Ephemeral(
                channel=channel,
                user=user,
                message_ts="",
                text=parsed["text"],
                blocks=parsed["blocks"],
                thread_ts=str(args["thread_ts"]) if args.get("thread_ts") else None,
                args=dict(args),
            )
        )
        return {"ok": True, "message_ts": stored.message_ts}

    # conversations -----------------------------------------------------------

    def conversations_history(self, args: dict[str, Any]) -> Reply:
        """conversations.history: channel-level messages newest first, with cursor paging."""
        channel = str(args.get("channel") or "")
        if not channel:
            return error("channel_not_found")
        with_metadata = as_bool(args.get("include_all_metadata"))
        pairs = [(m, replies) for m, replies in self.store.history(channel) if self._in_window(m.ts, args)]
        page, next_cursor = self._page(pairs, args)
        return {
            "ok": True,
            "messages": [m.to_api(include_metadata=with_metadata, replies=replies) for m, replies in page],
            "has_more": bool(next_cursor),
            "pin_count": 0,
            "response_metadata": {"next_cursor": next_cursor},
        }

    def conversations_replies(self, args: dict[str, Any]) -> Reply:
        """conversations.replies: the parent then its replies, oldest first."""
        channel, ts = str(args.get("channel") or ""), str(args.get("ts") or "")
        if not channel:
            return error("channel_not_found")
        found = self.store.find(channel, ts)
        if found is not None and found.is_reply and found.thread_ts:
            found = self.store.find(channel, found.thread_ts)
        if found is None:
            return error("thread_not_found")
        with_metadata = as_bool(args.get("include_all_metadata"))
        replies = self.store.replies_of(found)
        items = [(found, replies)] + [(r, []) for r in replies if self._in_window(r.ts, args)]
        page, next_cursor = self._page(items, args)
        return {
            "ok": True,
            "messages": [m.to_api(include_metadata=with_metadata, replies=rs) for m, rs in page],
            "has_more": bool(next_cursor),
            "response_metadata": {"next_cursor": next_cursor},
        }

    # views -------------------------------------------------------------------

    def views_open(self, args: dict[str, Any]) -> Reply:
        """views.open (needs trigger_id or interactivity_pointer)."""
        if not (args.get("trigger_id") or args.get("interactivity_pointer")):
            return error("invalid_arguments")
        return self._view("views.open", args, view_id=None, key=None)

    def views_push(self, args: dict[str, Any]) -> Reply:
        """views.push (needs trigger_id or interactivity_pointer)."""
        if not (args.get("trigger_id") or args.get("interactivity_pointer")):
            return error("invalid_arguments")
        return self._view("views.push", args, view_id=None, key=None)

    def views_update(self, args: dict[str, Any]) -> Reply:
        """views.update by view_id or external_id."""
        view_id, external_id = args.get("view_id"), args.get("external_id")
        if not (view_id or external_id):
            return error("invalid_arguments")
        key = f"external:{external_id}" if external_id else None
        return self._view("views.update", args, view_id=str(view_id) if view_id else None, key=key)

    def views_publish(self, args: dict[str, Any]) -> Reply:
        """views.publish (App Home of user_id)."""
        user_id = args.get("user_id")
        if not user_id:
            return error("invalid_arguments")
        return self._view("views.publish", args, view_id=None, key=f"home:{user_id}")

    # files -------------------------------------------------------------------

    def files_get_upload_url_external(self, args: dict[str, Any]) -> Reply:
        """files.getUploadURLExternal: announce a file and hand out an upload URL on this server."""
        filename, length = args.get("filename"), _int(args.get("length"), -1)
        if not filename or length < 0:
            return error("invalid_arguments")
        file_id = slack_id("F")
        self.store.new_upload(
            Upload(
                file_id=file_id,
                filename=str(filename),
                length=length,
                alt_txt=args.get("alt_txt"),
                snippet_type=args.get("snippet_type"),
            )
        )
        return {"ok": True, "upload_url": f"{self._base_url()}/upload/{file_id}", "file_id": file_id}

    def files_complete_upload_external(self, args: dict[str, Any]) -> Reply:
        """files.completeUploadExternal: share uploaded files; a channel gets a file message."""
        items = maybe_json(args.get("files"))
        if not isinstance(items, list) or not items:
            return error("invalid_arguments")
        uploads: list[tuple[Upload, str]] = []
        for item in items:
            upload = self.store.upload(str(item.get("id"))) if isinstance(item, dict) else None
            if upload is None or upload.data is None:
                return error("file_not_found")
            uploads.append((upload, str(item.get("title") or upload.filename)))
        channels = [c for c in str(args.get("channels") or "").split(",") if c]
        channel = str(args.get("channel_id") or "") or (channels[0] if channels else "")
        thread_ts = str(args["thread_ts"]) if args.get("thread_ts") else None
        comment = args.get("initial_comment")
        files = [self._file_object(upload, title) for upload, title in uploads]
        message_ts = None
        if channel:
            message = SlackMessage(
                channel=channel,
                ts="",
                text=str(comment or ""),
                thread_ts=thread_ts,
                files=files,
                source="files.completeUploadExternal",
            )
            message_ts = self.store.post(message).ts
        for upload, title in uploads:
            self.store.share(
                FileShare(
                    file_id=upload.file_id,
                    filename=upload.filename,
                    title=title,
                    data=upload.data or b"",
                    channel=channel or None,
                    channels=channels or ([channel] if channel else []),
                    thread_ts=thread_ts,
                    initial_comment=comment,
                    message_ts=message_ts,
                )
            )
        return {"ok": True, "files": [{"id": f["id"], "title": f["title"]} for f in files]}

    # people ------------------------------------------------------------------

    def usergroups_users_list(self, args: dict[str, Any]) -> Reply:
        """usergroups.users.list from `SlackDirectory.usergroups`."""
        group = str(args.get("usergroup") or "")
        members = self.directory.usergroups.get(group)
        if members is None:
            return error("no_such_subteam")
        return {"ok": True, "users": list(members)}

    def conversations_members(self, args: dict[str, Any]) -> Reply:
        """conversations.members from `SlackDirectory.channel_members`, paged by cursor."""
        channel = str(args.get("channel") or "")
        members = self.directory.channel_members.get(channel)
        if members is None:
            return error("channel_not_found")
        page, next_cursor = self._page(list(members), args)
        return {"ok": True, "members": page, "response_metadata": {"next_cursor": next_cursor}}

    def users_info(self, args: dict[str, Any]) -> Reply:
        """users.info from `SlackDirectory.users`; unknown ids get a generic profile."""
        user_id = str(args.get("user") or "")
        if not user_id:
            return error("user_not_found")
        return {"ok": True, "user": self._user_object(user_id)}

    # helpers -----------------------------------------------------------------

    def _message_content(self, args: dict[str, Any]) -> dict[str, Any]:
        text = args.get("text")
        if text is not None and not isinstance(text, str):
            text = str(text)
        if text is not None and len(text) > MAX_TEXT:
            return {"error": "msg_too_long"}
        blocks = maybe_json(args.get("blocks"))
        if blocks is not None and (
            not isinstance(blocks, list)
            or len(blocks) > MAX_BLOCKS
            or not all(isinstance(b, dict) and b.get("type") for b in blocks)
        ):
            return {"error": "invalid_blocks"}
        attachments = maybe_json(args.get("attachments"))
        if attachments is not None and not isinstance(attachments, list):
            return {"error": "invalid_attachments"}
        metadata = maybe_json(args.get("metadata"))
        if metadata is not None and not (isinstance(metadata, dict) and metadata.get("event_type")):
            return {"error": "invalid_metadata_format"}
        return {"text": text or "", "blocks": blocks, "attachments": attachments, "metadata": metadata}

    @staticmethod
    def _in_window(ts: str, args: dict[str, Any]) -> bool:
        inclusive = as_bool(args.get("inclusive"))
        key = ts_key(ts)
        if args.get("oldest"):
            oldest = ts_key(args["oldest"])
            if key < oldest or (key == oldest and not inclusive):
                return False
        if args.get("latest"):
            latest = ts_key(args["latest"])
            if key > latest or (key == latest and not inclusive):
                return False
        return True

    @staticmethod
    def _page(items: list[Any], args: dict[str, Any]) -> tuple[list[Any], str]:
        limit = min(max(_int(args.get("limit"), 100), 1), 999)
        start = _int(args.get("cursor"), 0) if args.get("cursor") else 0
        end = start + limit
        return items[start:end], (str(end) if end < len(items) else "")

    def _view(self, method: str, args: dict[str, Any], view_id: str | None, key: str | None) -> Reply:
        view = maybe_json(args.get("view"))
        if not isinstance(view, dict) or not view.get("type"):
            return error("invalid_arguments")
        new_id = self.store.record_view(method, view, args, view_id, key)
        return {
            "ok": True,
            "view": {
                **view,
                "id": new_id,
                "team_id": TEAM_ID,
                "app_id": APP_ID,
                "bot_id": BOT_ID,
                "hash": f"{int(time.time())}.{secrets.token_hex(4)}",
                "state": {"values": {}},
            },
        }

    @staticmethod
    def _file_object(upload: Upload, title: str) -> dict[str, Any]:
        data = upload.data or b""
        mimetype = mimetypes.guess_type(upload.filename)[0] or "application/octet-stream"
        return {
            "id": upload.file_id,
            "created": int(time.time()),
            "name": upload.filename,
            "title": title,
            "mimetype": mimetype,
            "filetype": upload.filename.rsplit(".", 1)[-1].lower() if "." in upload.filename else "binary",
            "size": len(data),
            "user": BOT_USER_ID,
        }

    def _user_object(self, user_id: str) -> dict[str, Any]:
        configured = dict(self.directory.users.get(user_id, {}))
        name = str(configured.get("name") or user_id.lower())
        real_name = str(configured.get("real_name") or name)
        profile = {"real_name": real_name, "display_name": real_name, **configured.pop("profile", {})}
        return {
            "id": user_id,
            "team_id": TEAM_ID,
            "name": name,
            "real_name": real_name,
            "deleted": False,
            "is_bot": False,
            "is_admin": False,
            "tz": "Asia/Tokyo",
            "tz_offset": 32400,
            **configured,
            "profile": profile,
        }
