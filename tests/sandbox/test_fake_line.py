"""FakeLine driven by line-bot-sdk v3's AsyncMessagingApi / AsyncMessagingApiBlob."""

from __future__ import annotations

import asyncio
import json
import uuid

import httpx
import pytest
from linebot.v3.messaging import (
    AsyncApiClient,
    AsyncMessagingApi,
    AsyncMessagingApiBlob,
    Configuration,
    CreateRichMenuAliasRequest,
    MessageAction,
    PushMessageRequest,
    ReplyMessageRequest,
    RichMenuArea,
    RichMenuBounds,
    RichMenuRequest,
    RichMenuSize,
    TextMessage,
)
from linebot.v3.messaging.exceptions import ApiException

from sandbox.fake_line import FakeLine

from .conftest import LINE_TOKEN, OTHER_LINE_TOKEN


def _texts(*texts: str) -> list[TextMessage]:
    return [TextMessage(text=t, quickReply=None, quoteToken=None) for t in texts]


def _error(exc: ApiException) -> dict[str, object]:
    return json.loads(str(exc.body))


async def test_reply_with_valid_token_is_delivered(fake_line: FakeLine, line_api: AsyncMessagingApi) -> None:
    token = fake_line.issue_reply_token("U_complainant")
    response = await line_api.reply_message(
        ReplyMessageRequest(replyToken=token, messages=_texts("受付しました"))
    )
    assert len(response.sent_messages) == 1 and response.sent_messages[0].id.isdigit()
    (delivery,) = fake_line.delivered()
    assert (delivery.to, delivery.via, delivery.token, delivery.reply_token) == (
        "U_complainant",
        "reply",
        LINE_TOKEN,
        token,
    )
    assert delivery.texts == ["受付しました"]
    assert delivery["via"] == "reply" and delivery["messages"][0]["text"] == "受付しました"
    assert delivery.sent_messages[0]["id"] == response.sent_messages[0].id


async def test_reply_token_is_single_use(fake_line: FakeLine, line_api: AsyncMessagingApi) -> None:
    token = fake_line.issue_reply_token("U1")
    await line_api.reply_message(ReplyMessageRequest(replyToken=token, messages=_texts("一回目")))
    with pytest.raises(ApiException) as used:
        await line_api.reply_message(ReplyMessageRequest(replyToken=token, messages=_texts("二回目")))
    assert used.value.status == 400 and _error(used.value) == {"message": "Invalid reply token"}
    with pytest.raises(ApiException) as unknown:
        await line_api.reply_message(ReplyMessageRequest(replyToken="f" * 32, messages=_texts("x")))
    assert unknown.value.status == 400
    assert fake_line.texts_to("U1") == ["一回目"]


async def test_expired_reply_token(fake_line: FakeLine, line_api: AsyncMessagingApi) -> None:
    fake_line.reply_token_ttl = 0.05
    token = fake_line.issue_reply_token("U1")
    fresh = fake_line.issue_reply_token("U1", ttl=60)
    await asyncio.sleep(0.1)
    with pytest.raises(ApiException) as expired:
        await line_api.reply_message(ReplyMessageRequest(replyToken=token, messages=_texts("遅すぎ")))
    assert _error(expired.value)["message"] == "Invalid reply token"
    await line_api.reply_message(ReplyMessageRequest(replyToken=fresh, messages=_texts("間に合った")))
    assert fake_line.texts_to("U1") == ["間に合った"]


def test_reply_body_validation_leaves_the_token_usable(fake_line: FakeLine) -> None:
    # line-bot-sdk already refuses >5 messages client side, so speak raw HTTP here
    token = fake_line.issue_reply_token("U1")
    text = {"type": "text", "text": "x"}
    headers = {"Authorization": f"Bearer {LINE_TOKEN}"}
    with httpx.Client(base_url=fake_line.base_url, headers=headers, trust_env=False) as raw:

        def reply(messages: list[dict[str, str]]) -> httpx.Response:
            return raw.post("/v2/bot/message/reply", json={"replyToken": token, "messages": messages})

        for bad in ([], [text] * 6, [{"type": "text"}], [{"type": "hologram"}]):
            rejected = reply(bad)
            assert rejected.status_code == 400 and rejected.json()["details"], bad
        assert reply([text] * 6).json()["details"] == [
            {"message": "size must be between 1 and 5", "property": "messages"}
        ]
        assert reply([text]).status_code == 200
    assert fake_line.texts_to("U1") == ["x"]


async def test_push_with_retry_key_conflicts_on_repeat(
    fake_line: FakeLine, line_api: AsyncMessagingApi
) -> None:
    key = str(uuid.uuid4())
    request = PushMessageRequest(to="U1", messages=_texts("審査結果のお知らせ"))
    first = await line_api.push_message_with_http_info(request, x_line_retry_key=key)
    assert first.status_code == 200
    with pytest.raises(ApiException) as repeated:
        await line_api.push_message(request, x_line_retry_key=key)
    assert repeated.value.status == 409
    assert _error(repeated.value)["message"] == "The retry key is already accepted"
    assert repeated.value.headers["x-line-accepted-request-id"] == first.headers["x-line-request-id"]
    (delivery,) = fake_line.delivered_to("U1")
    assert (delivery.via, delivery.retry_key) == ("push", key)
    await line_api.push_message(request)  # no key: delivered again
    assert len(fake_line.delivered_to("U1")) == 2


async def test_push_with_malformed_retry_key(fake_line: FakeLine, line_api: AsyncMessagingApi) -> None:
    with pytest.raises(ApiException) as rejected:
        await line_api.push_message(
            PushMessageRequest(to="U1", messages=_texts("x")), x_line_retry_key="not-a-uuid"
        )
    assert rejected.value.status == 400 and fake_line.delivered() == []


async def test_authentication(fake_line: FakeLine) -> None:
    async with AsyncApiClient(Configuration(host=fake_line.base_url, access_token="wrong")) as client:
        with pytest.raises(ApiException) as denied:
            await AsyncMessagingApi(client).get_bot_info()
    assert denied.value.status == 401 and "Authentication failed" in str(denied.value.body)
    async with AsyncApiClient(
        Configuration(host=fake_line.base_url, access_token=OTHER_LINE_TOKEN)
    ) as client:
        await AsyncMessagingApi(client).push_message(PushMessageRequest(to="U2", messages=_texts("other")))
    assert fake_line.delivered()[0].token == OTHER_LINE_TOKEN
    async with httpx.AsyncClient(trust_env=False) as raw:
        assert (await raw.get(f"{fake_line.base_url}/v2/bot/info")).status_code == 401


async def test_any_token_accepted_without_a_token_set() -> None:
    with FakeLine() as fake:
        async with AsyncApiClient(Configuration(host=fake.base_url, access_token="anything")) as client:
            info = await AsyncMessagingApi(client).get_bot_info()
    assert info.user_id == fake.bot_user_id


async def test_bot_info_profile_and_content(
    fake_line: FakeLine, line_api: AsyncMessagingApi, line_blob: AsyncMessagingApiBlob
) -> None:
    info = await line_api.get_bot_info()
    assert (info.display_name, info.chat_mode) == (fake_line.bot_display_name, "chat")
    fake_line.profiles["U1"] = "山田 太郎"
    profile = await line_api.get_profile("U1")
    assert (profile.display_name, profile.user_id) == ("山田 太郎", "U1")
    with pytest.raises(ApiException) as missing:
        await line_api.get_profile("U404")
    assert missing.value.status == 404
    fake_line.register_content("1001", b"\xff\xd8jpeg", "image/jpeg")
    assert await line_blob.get_message_content("1001") == b"\xff\xd8jpeg"
    with pytest.raises(ApiException) as no_content:
        await line_blob.get_message_content("1002")
    assert no_content.value.status == 404


async def test_rich_menu_lifecycle(
    fake_line: FakeLine, line_api: AsyncMessagingApi, line_blob: AsyncMessagingApiBlob
) -> None:
    area = RichMenuArea(
        bounds=RichMenuBounds(x=0, y=0, width=2500, height=843),
        action=MessageAction(label="相談する", text="相談する"),
    )
    menu = RichMenuRequest(
        size=RichMenuSize(width=2500, height=843),
        selected=True,
        name="main",
        chatBarText="メニュー",
        areas=[area],
    )
    menu_id = (await line_api.create_rich_menu(menu)).rich_menu_id
    with pytest.raises(ApiException):  # no image yet
        await line_api.set_default_rich_menu(menu_id)
    # the SDK sends no Content-Type for the image unless told to
    await line_blob.set_rich_menu_image(menu_id, body=b"\x89PNG...", _headers={"Content-Type": "image/png"})
    await line_api.set_default_rich_menu(menu_id)
    await line_api.create_rich_menu_alias(
        CreateRichMenuAliasRequest(richMenuAliasId="main", richMenuId=menu_id)
    )
    listed = await line_api.get_rich_menu_list()
    assert [m.rich_menu_id for m in listed.richmenus] == [menu_id]
    assert (await line_api.get_default_rich_menu_id()).rich_menu_id == menu_id
    assert fake_line.rich_menus.aliases() == {"main": menu_id}
    assert fake_line.rich_menus.image(menu_id) == (b"\x89PNG...", "image/png")
    await line_api.delete_rich_menu_alias("main")
    assert fake_line.rich_menus.aliases() == {}
