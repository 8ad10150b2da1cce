"""A local stand-in for the Slack Web API, served over real HTTP for slack_sdk clients."""

from __future__ import annotations

import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute

from sandbox.fake_base import FakeServer
from sandbox.faults import Injection
from sandbox.http_bodies import decode_body_args, media_type, parse_multipart
from sandbox.slack_methods import SlackDirectory, SlackMethods
from sandbox.slack_socket import SOCKET_PATH, SocketModeHub
from sandbox.slack_store import Ephemeral, FileShare, SlackMessage, SlackStore, ViewRecord

FAULT_ERRORS = {429: "ratelimited", 500: "fatal_error", 503: "service_unavailable"}


class FakeSlack(FakeServer):
    """Fake Slack workspace accepting one bot token; point `AsyncWebClient(base_url=fake.api_url)` at it."""

    def __init__(self, token: str, latency: float = 0.0, app_token: str | None = None) -> None:
        self.token = token
        # The app-level token Socket Mode connects with (`apps.connections.open`).
        self.app_token = app_token or "xapp-1-A0KASUHARA-" + secrets.token_hex(8)
        self.socket_mode = SocketModeHub()
        self._store = SlackStore()
        self._directory = SlackDirectory()
        self._methods = SlackMethods(self._store, self._directory, lambda: self.base_url)
        super().__init__(latency)

    @property
    def api_url(self) -> str:
        """Base URL for slack_sdk (`http://127.0.0.1:<port>/api/`, trailing slash like slack.com/api/)."""
        return f"{self.base_url}/api/"

    # configuration -----------------------------------------------------------

    @property
    def usergroups(self) -> dict[str, list[str]]:
        """User group id -> member user ids, for usergroups.users.list."""
        return self._directory.usergroups

    @usergroups.setter
    def usergroups(self, value: dict[str, list[str]]) -> None:
        self._directory.usergroups = value

    @property
    def users(self) -> dict[str, dict[str, Any]]:
        """User id -> fields merged into users.info's user object (`name`, `real_name`, `profile`...)."""
        return self._directory.users

    @users.setter
    def users(self, value: dict[str, dict[str, Any]]) -> None:
        self._directory.users = value

    @property
    def channel_members(self) -> dict[str, list[str]]:
        """Channel id -> member user ids, for conversations.members (unknown channels: channel_not_found)."""
        return self._directory.channel_members

    @channel_members.setter
    def channel_members(self, value: dict[str, list[str]]) -> None:
        self._directory.channel_members = value

    # inspection --------------------------------------------------------------

    def messages(self, channel: str | None = None) -> list[SlackMessage]:
        """Top-level messages (not thread replies), oldest first, optionally of one channel."""
        return self._store.top_level(channel)

    def message(self, channel: str, ts: str) -> SlackMessage | None:
        """One stored message by channel and ts."""
        return self._store.find(channel, ts)

    def thread(self, channel: str, ts: str) -> list[SlackMessage]:
        """The parent message followed by its replies, oldest first (like conversations.replies)."""
        return self._store.thread(channel, ts)

    def all_posts(self) -> list[SlackMessage]:
        """Every chat.postMessage (top level and replies) in posting order, as currently stored."""
        return self._store.posts("chat.postMessage")

    @property
    def files(self) -> list[FileShare]:
        """Files completed with files.completeUploadExternal, with their bytes."""
        return self._store.shares()

    @property
    def ephemerals(self) -> list[Ephemeral]:
        """Messages sent with chat.postEphemeral."""
        return self._store.ephemerals()

    @property
    def views(self) -> list[ViewRecord]:
        """views.open/update/push/publish calls in order."""
        return self._store.views()

    def calls(self, method: str) -> list[dict[str, Any]]:
        """Arguments of every received call of one API method (e.g. "chat.update")."""
        return [r.args for r in self.requests if r.method == method]

    def reset(self) -> None:
        """Drop messages, files, views, recorded requests and faults (users and groups stay)."""
        super().reset()
        self._store.clear()

    # HTTP --------------------------------------------------------------------

    def _routes(self) -> list[BaseRoute]:
        return [
            Route("/api/{method:str}", self._api, methods=["GET", "POST"]),
            Route("/upload/{file_id:str}", self._upload, methods=["POST", "PUT"]),
            WebSocketRoute(SOCKET_PATH, self.socket_mode.endpoint),
        ]

    def _fault_body(self, injection: Injection) -> dict[str, Any]:
        return {"ok": False, "error": FAULT_ERRORS.get(injection.status or 500, "internal_error")}

    async def _api(self, request: Request) -> Response:
        method = request.path_params["method"]
        body = await request.body()
        args: dict[str, Any] = dict(request.query_params)
        args.update(decode_body_args(body, request.headers.get("content-type")))
        early = await self._intercept(request, method, args, body)
        if early is not None:
            return early
        if method == "apps.connections.open":
            return JSONResponse(self._connections_open(request, args))
        if not self._methods.knows(method):
            return JSONResponse(self._methods.call(method, args))
        auth_error = self._auth_error(request, args)
        if auth_error:
            return JSONResponse({"ok": False, "error": auth_error})
        return JSONResponse(self._methods.call(method, args))

    def _connections_open(self, request: Request, args: dict[str, Any]) -> dict[str, Any]:
        """apps.connections.open: needs the app-level token; answers the WebSocket URL."""
        header = request.headers.get("authorization", "")
        token = header.partition(" ")[2] if header else str(args.get("token") or "")
        if token.strip() != self.app_token:
            return {"ok": False, "error": "invalid_auth"}
        return {"ok": True, "url": self.base_url.replace("http://", "ws://") + SOCKET_PATH}

    def _auth_error(self, request: Request, args: dict[str, Any]) -> str | None:
        header = request.headers.get("authorization", "")
        if header:
            scheme, _, token = header.partition(" ")
            if scheme.lower() != "bearer":
                return "invalid_auth"
        else:
            token = str(args.get("token") or "")
        if not token:
            return "not_authed"
        return None if token.strip() == self.token else "invalid_auth"

    async def _upload(self, request: Request) -> Response:
        file_id = request.path_params["file_id"]
        body = await request.body()
        content_type = request.headers.get("content-type")
        early = await self._intercept(request, "upload", {"file_id": file_id, "size": len(body)}, body)
        if early is not None:
            return early
        data = body
        if media_type(content_type) == "multipart/form-data":
            parts = parse_multipart(body, content_type or "")
            chosen = next((p for p in parts if p.filename is not None), None) or next(iter(parts), None)
            if chosen is not None:
                data, content_type = chosen.data, chosen.content_type
        if not self._store.receive_upload(file_id, data, content_type):
            return PlainTextResponse("file not found", status_code=404)
        return PlainTextResponse(f"OK - {len(data)}")
