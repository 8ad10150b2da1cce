"""A local stand-in for the LINE Messaging API (api.line.me and api-data.line.me on one server)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from sandbox.fake_base import FakeServer
from sandbox.faults import Injection
from sandbox.http_bodies import media_type, parse_json_object
from sandbox.ids import NumericIds, hex_token
from sandbox.line_messages import body_error, message_errors
from sandbox.line_richmenus import RichMenus
from sandbox.line_store import Content, Delivery, LineStore, Via

AUTH_MISSING = "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'"
AUTH_FAILED = "Authentication failed. Confirm that the access token in the authorization header is valid."
FAULT_MESSAGES = {
    429: "The API rate limit has been exceeded. Try again later.",
    500: "Internal server error",
    503: "Service unavailable",
}


@dataclass(frozen=True)
class LineCall:
    """One authenticated API request handed to a route handler."""

    request: Request
    body: bytes
    json: dict[str, Any]
    token: str
    request_id: str


Handler = Callable[[LineCall], Response]


def _json(status: int, content: Any) -> Response:
    return JSONResponse(content, status_code=status)


class FakeLine(FakeServer):
    """Fake LINE channel; use `Configuration(host=fake.base_url, access_token=...)` for every API class."""

    def __init__(
        self,
        tokens: set[str] | None = None,
        latency: float = 0.0,
        *,
        reply_token_ttl: float = 60.0,
        bot_user_id: str = "U" + "5a" * 16,
        bot_display_name: str = "カスハラ相談窓口",
        basic_id: str = "@000sandbox",
    ) -> None:
        self.tokens = tokens
        self.reply_token_ttl = reply_token_ttl
        self.bot_user_id = bot_user_id
        self.bot_display_name = bot_display_name
        self.basic_id = basic_id
        self.profiles: dict[str, str | dict[str, Any]] = {}
        self.rich_menus = RichMenus()
        self._store = LineStore()
        self._message_ids = NumericIds()
        super().__init__(latency)

    # control -----------------------------------------------------------------

    def issue_reply_token(self, user_id: str, ttl: float | None = None) -> str:
        """Create a reply token for a chat (user, group or room id) as if a webhook event carried it."""
        return self._store.issue_reply_token(user_id, self.reply_token_ttl if ttl is None else ttl)

    def register_content(
        self, message_id: str, data: bytes, content_type: str = "application/octet-stream"
    ) -> None:
        """Serve `data` from GET /v2/bot/message/{message_id}/content."""
        self._store.register_content(message_id, Content(data, content_type))

    def next_message_id(self) -> str:
        """A fresh numeric message id from the same sequence the fake uses for sent messages."""
        return self._message_ids.next()

    # inspection --------------------------------------------------------------

    def delivered(self) -> list[Delivery]:
        """Every accepted reply and push, in order."""
        return self._store.deliveries()

    def delivered_to(self, user_id: str) -> list[Delivery]:
        """Accepted replies and pushes to one chat."""
        return [d for d in self._store.deliveries() if d.to == user_id]

    def texts_to(self, user_id: str) -> list[str]:
        """Text of every text message delivered to one chat, in order."""
        return [text for d in self.delivered_to(user_id) for text in d.texts]

    def calls(self, name: str) -> list[dict[str, Any]]:
        """Parsed bodies (or query) of every request to one route, e.g. "push" or "reply"."""
        return [r.args for r in self.requests if r.method == name]

    def reset(self) -> None:
        """Drop deliveries, tokens, retry keys, content, rich menus, requests and faults."""
        super().reset()
        self._store.clear()
        self.rich_menus.clear()

    # HTTP plumbing -----------------------------------------------------------

    def _fault_body(self, injection: Injection) -> dict[str, Any]:
        status = injection.status or 500
        return {"message": FAULT_MESSAGES.get(status, f"Injected fault ({status})")}

    def _route(self, path: str, name: str, handler: Handler, methods: list[str]) -> Route:
        async def endpoint(request: Request) -> Response:
            request_id = str(uuid.uuid4())
            response = await self._handle(request, name, handler, request_id)
            response.headers["x-line-request-id"] = request_id
            return response

        return Route(path, endpoint, methods=methods, name=name)

    async def _handle(self, request: Request, name: str, handler: Handler, request_id: str) -> Response:
        body = await request.body()
        data = (
            parse_json_object(body)
            if media_type(request.headers.get("content-type")) == "application/json"
            else None
        )
        args = data if data is not None else dict(request.query_params)
        early = await self._intercept(request, name, args, body)
        if early is not None:
            return early
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        token = token.strip()
        if not header or scheme.lower() != "bearer" or not token:
            return _json(401, {"message": AUTH_MISSING})
        if self.tokens is not None and token not in self.tokens:
            return _json(401, {"message": AUTH_FAILED})
        return handler(LineCall(request, body, data or {}, token, request_id))

    def _routes(self) -> list[BaseRoute]:
        menus = self.rich_menus
        return [
            self._route("/v2/bot/message/reply", "reply", self._reply, ["POST"]),
            self._route("/v2/bot/message/push", "push", self._push, ["POST"]),
            self._route("/v2/bot/info", "bot_info", self._bot_info, ["GET"]),
            self._route("/v2/bot/profile/{userId}", "profile", self._profile, ["GET"]),
            self._route("/v2/bot/chat/loading/start", "loading", lambda c: _json(202, {}), ["POST"]),
            self._route("/v2/bot/message/{messageId}/content", "content", self._content, ["GET"]),
            self._route(
                "/v2/bot/message/{messageId}/content/transcoding", "transcoding", self._transcoding, ["GET"]
            ),
            self._route(
                "/v2/bot/richmenu", "richmenu.create", lambda c: _json(*menus.create(c.json)), ["POST"]
            ),
            self._route(
                "/v2/bot/richmenu/list", "richmenu.list", lambda c: _json(*menus.list_menus()), ["GET"]
            ),
            self._route(
                "/v2/bot/richmenu/alias",
                "richmenu.alias.create",
                lambda c: _json(*menus.create_alias(c.json)),
                ["POST"],
            ),
            self._route(
                "/v2/bot/richmenu/alias/list",
                "richmenu.alias.list",
                lambda c: _json(*menus.list_aliases()),
                ["GET"],
            ),
            self._route(
                "/v2/bot/richmenu/alias/{aliasId}", "richmenu.alias", self._alias, ["GET", "POST", "DELETE"]
            ),
            self._route("/v2/bot/richmenu/{richMenuId}", "richmenu", self._menu, ["GET", "DELETE"]),
            self._route(
                "/v2/bot/richmenu/{richMenuId}/content", "richmenu.image", self._menu_image, ["GET", "POST"]
            ),
            self._route(
                "/v2/bot/user/all/richmenu", "richmenu.default", self._default_menu, ["GET", "DELETE"]
            ),
            self._route(
                "/v2/bot/user/all/richmenu/{richMenuId}",
                "richmenu.set_default",
                lambda c: _json(*menus.set_default(c.request.path_params["richMenuId"])),
                ["POST"],
            ),
        ]

    # messaging ---------------------------------------------------------------

    def _reply(self, call: LineCall) -> Response:
        errors = message_errors(call.json.get("messages"))
        reply_token = call.json.get("replyToken")
        if not reply_token:
            errors.insert(0, {"message": "must be specified", "property": "replyToken"})
        if errors:
            return _json(400, body_error(errors))
        to = self._store.use_reply_token(str(reply_token))
        if to is None:
            return _json(400, {"message": "Invalid reply token"})
        delivery = self._delivery(call, to, "reply", retry_key=None, reply_token=str(reply_token))
        self._store.deliver(delivery)
        return _json(200, {"sentMessages": delivery.sent_messages})

    def _push(self, call: LineCall) -> Response:
        retry_key = call.request.headers.get("x-line-retry-key")
        if retry_key is not None and not _is_uuid(retry_key):
            return _json(400, {"message": "The value for the 'X-Line-Retry-Key' header is invalid"})
        errors = message_errors(call.json.get("messages"))
        if not call.json.get("to"):
            errors.insert(0, {"message": "must be specified", "property": "to"})
        if errors:
            return _json(400, body_error(errors))
        delivery = self._delivery(call, str(call.json["to"]), "push", retry_key=retry_key, reply_token=None)
        earlier = self._store.deliver(delivery)
        if earlier is not None:
            return self._conflict(earlier.request_id, earlier.sent_messages)
        return _json(200, {"sentMessages": delivery.sent_messages})

    def _conflict(self, accepted_request_id: str, sent_messages: list[dict[str, str]]) -> Response:
        response = _json(409, {"message": "The retry key is already accepted", "sentMessages": sent_messages})
        response.headers["x-line-accepted-request-id"] = accepted_request_id
        return response

    def _delivery(
        self, call: LineCall, to: str, via: Via, *, retry_key: str | None, reply_token: str | None
    ) -> Delivery:
        messages = list(call.json.get("messages") or [])
        sent = [{"id": self._message_ids.next(), "quoteToken": hex_token(40)} for _ in messages]
        return Delivery(
            to=to,
            via=via,
            messages=messages,
            token=call.token,
            retry_key=retry_key,
            time=time.time(),
            request_id=call.request_id,
            sent_messages=sent,
            reply_token=reply_token,
            notification_disabled=bool(call.json.get("notificationDisabled", False)),
        )

    # bot and users -----------------------------------------------------------

    def _bot_info(self, call: LineCall) -> Response:
        return _json(
            200,
            {
                "userId": self.bot_user_id,
                "basicId": self.basic_id,
                "displayName": self.bot_display_name,
                "chatMode": "chat",
                "markAsReadMode": "manual",
            },
        )

    def _profile(self, call: LineCall) -> Response:
        user_id = call.request.path_params["userId"]
        profile = self.profiles.get(user_id)
        if profile is None:
            return _json(404, {"message": "Not found"})
        fields = {"displayName": profile} if isinstance(profile, str) else dict(profile)
        return _json(200, {"userId": user_id, "language": "ja", **fields})

    # content -----------------------------------------------------------------

    def _content(self, call: LineCall) -> Response:
        content = self._store.content(call.request.path_params["messageId"])
        if content is None:
            return _json(404, {"message": "Not found"})
        return Response(content.data, media_type=content.content_type)

    def _transcoding(self, call: LineCall) -> Response:
        if self._store.content(call.request.path_params["messageId"]) is None:
            return _json(404, {"message": "Not found"})
        return _json(200, {"status": "succeeded"})

    # rich menus --------------------------------------------------------------

    def _menu(self, call: LineCall) -> Response:
        menu_id = call.request.path_params["richMenuId"]
        if call.request.method == "DELETE":
            return _json(*self.rich_menus.delete(menu_id))
        return _json(*self.rich_menus.get(menu_id))

    def _menu_image(self, call: LineCall) -> Response:
        menu_id = call.request.path_params["richMenuId"]
        if call.request.method == "POST":
            content_type = media_type(call.request.headers.get("content-type"))
            return _json(*self.rich_menus.set_image(menu_id, call.body, content_type))
        image = self.rich_menus.image(menu_id)
        if image is None:
            return _json(404, {"message": "Not found"})
        return Response(image[0], media_type=image[1])

    def _default_menu(self, call: LineCall) -> Response:
        if call.request.method == "DELETE":
            return _json(*self.rich_menus.cancel_default())
        return _json(*self.rich_menus.get_default())

    def _alias(self, call: LineCall) -> Response:
        alias_id = call.request.path_params["aliasId"]
        if call.request.method == "DELETE":
            return _json(*self.rich_menus.delete_alias(alias_id))
        if call.request.method == "POST":
            return _json(*self.rich_menus.update_alias(alias_id, call.json))
        return _json(*self.rich_menus.get_alias(alias_id))


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return len(value.strip()) == 36
