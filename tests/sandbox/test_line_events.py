"""LineComplainant: webhook bodies that line-bot-sdk parses and whose signatures it accepts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from linebot.v3 import SignatureValidator, WebhookParser
from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.messaging import AsyncMessagingApi, AsyncMessagingApiBlob, ReplyMessageRequest, TextMessage
from linebot.v3.webhooks import (
    FileMessageContent,
    FollowEvent,
    ImageMessageContent,
    MessageEvent,
    PostbackEvent,
    TextMessageContent,
    UnsendEvent,
)
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from sandbox.fake_line import FakeLine
from sandbox.line_events import LineComplainant, sign_body
from sandbox.server import ServerThread

SECRET = "0123456789abcdef0123456789abcdef"
USER = "U" + "1" * 32


class Receiver:
    """A minimal webhook endpoint that verifies signatures like the bot will."""

    def __init__(self) -> None:
        self.parser = WebhookParser(SECRET)
        self.bodies: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.server = ServerThread(Starlette(routes=[Route("/callback", self.callback, methods=["POST"])]))

    async def callback(self, request: Request) -> JSONResponse:
        body = await request.body()
        try:
            self.parser.parse(body.decode("utf-8"), request.headers.get("x-line-signature", ""))
        except InvalidSignatureError:
            return JSONResponse({"error": "bad signature"}, status_code=400)
        self.bodies.append(json.loads(body))
        self.headers.append(dict(request.headers))
        return JSONResponse({})


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    hook = Receiver()
    with hook.server:
        yield hook


@pytest.fixture
def complainant(receiver: Receiver, fake_line: FakeLine) -> LineComplainant:
    return LineComplainant(f"{receiver.server.base_url}/callback", SECRET, USER, fake_line)


def test_signature_matches_line_bot_sdk(complainant: LineComplainant) -> None:
    body = complainant.build_body([complainant.text("店員の態度が悪い")])
    assert "店員の態度が悪い".encode() in body  # UTF-8, not \\u escapes
    assert SignatureValidator(SECRET).validate(body.decode("utf-8"), complainant.sign(body))
    assert sign_body(SECRET, body) == complainant.sign(body)
    assert not SignatureValidator(SECRET).validate(body.decode("utf-8"), sign_body("other-secret", body))


def test_every_builder_parses_as_its_sdk_event(complainant: LineComplainant) -> None:
    c = complainant
    events = [
        c.text("こんにちは"),
        c.sticker(),
        c.image(),
        c.video(),
        c.audio(),
        c.file("録音.m4a", 1234),
        c.location("店舗", "大阪市北区", 34.7, 135.5),
        c.follow(),
        c.unfollow(),
        c.postback("action=consent", {"datetime": "2026-01-01T10:00"}),
        c.unsend("123"),
        c.edited("123", "訂正"),
        c.join(),
        c.leave(),
        c.member_joined("U2"),
        c.member_left(),
        c.beacon(),
        c.account_link(),
        c.video_play_complete(),
        c.activated(),
        c.deactivated(),
        c.bot_suspended(),
        c.bot_resumed(),
        c.module_attached(),
        c.module_detached("U" + "9" * 32),
        c.membership(),
        c.delivery_completed("data"),
    ]
    body = c.build_body(events)
    parsed = WebhookParser(SECRET).parse(body.decode("utf-8"), c.sign(body))
    sdk_types = [type(e).__name__ for e in parsed]
    assert len(parsed) == len(events)
    assert "UnknownEvent" not in sdk_types and "Event" not in sdk_types, sdk_types
    text, _, image, *_ = parsed
    assert isinstance(text, MessageEvent) and isinstance(text.message, TextMessageContent)
    assert text.message.quote_token and text.reply_token and text.source.user_id == USER
    assert isinstance(image, MessageEvent) and isinstance(image.message, ImageMessageContent)
    assert isinstance(parsed[5].message, FileMessageContent)
    assert isinstance(parsed[7], FollowEvent) and isinstance(parsed[9], PostbackEvent)
    assert isinstance(parsed[10], UnsendEvent)
    for event in events:
        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{26}", event["webhookEventId"])
        assert event["mode"] == "active" and event["deliveryContext"] == {"isRedelivery": False}
    assert json.loads(body)["destination"] == c.destination


def test_send_delivers_signed_webhook(receiver: Receiver, complainant: LineComplainant) -> None:
    event = complainant.text("責任者を出せ")
    response = complainant.send(event)
    assert response.status_code == 200
    (body,) = receiver.bodies
    assert body["events"][0]["message"]["text"] == "責任者を出せ"
    assert receiver.headers[0]["user-agent"].startswith("LineBotWebhook/")
    assert complainant.send(complainant.text("x"), signature="forged").status_code == 400


def test_redeliver_keeps_the_event_id(receiver: Receiver, complainant: LineComplainant) -> None:
    event = complainant.text("二回届く")
    complainant.send(event)
    complainant.redeliver(event)
    first, second = (b["events"][0] for b in receiver.bodies)
    assert first["webhookEventId"] == second["webhookEventId"]
    assert first["deliveryContext"] == {"isRedelivery": False}
    assert second["deliveryContext"] == {"isRedelivery": True}
    assert event["deliveryContext"] == {"isRedelivery": False}  # the original is not mutated


async def test_reply_token_from_webhook_works_against_fake_line(
    receiver: Receiver,
    complainant: LineComplainant,
    fake_line: FakeLine,
    line_api: AsyncMessagingApi,
    line_blob: AsyncMessagingApiBlob,
) -> None:
    response = await complainant.asend(complainant.text("返事して"), complainant.image(b"\xff\xd8photo"))
    assert response.status_code == 200
    text_event, image_event = receiver.bodies[0]["events"]
    await line_api.reply_message(
        ReplyMessageRequest(replyToken=text_event["replyToken"], messages=[TextMessage(text="承りました")])
    )
    assert fake_line.texts_to(USER) == ["承りました"]
    assert await line_blob.get_message_content(image_event["message"]["id"]) == b"\xff\xd8photo"


def test_group_events_reply_to_the_group(fake_line: FakeLine) -> None:
    complainant = LineComplainant("http://127.0.0.1:9/unused", SECRET, USER, fake_line)
    joined = complainant.join()
    assert joined["source"] == {"type": "group", "groupId": complainant.group_id, "userId": USER}
    assert "replyToken" in joined and "replyToken" not in complainant.leave()
