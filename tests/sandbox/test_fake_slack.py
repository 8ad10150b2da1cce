"""FakeSlack driven by slack_sdk's AsyncWebClient exactly as the bot will use it."""

from __future__ import annotations

import json

import httpx
import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.metadata import Metadata
from slack_sdk.web.async_client import AsyncWebClient

from sandbox.fake_slack import FakeSlack
from sandbox.slack_methods import ts_key

from .conftest import SLACK_TOKEN

CASE_META = {"event_type": "kasuhara_case", "event_payload": {"case_id": "K-0001", "tenant": "acme"}}


async def test_auth_test(slack: AsyncWebClient) -> None:
    response = await slack.auth_test()
    assert (response["team_id"], response["user_id"], response["bot_id"]) == ("T0SANDBOX", "U0BOT", "B0BOT")


async def test_post_message_is_stored_with_increasing_ts(
    slack: AsyncWebClient, fake_slack: FakeSlack
) -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*新規案件*"}}]
    first = await slack.chat_postMessage(
        channel="C0TRIAGE", text="新規案件", blocks=blocks, metadata=CASE_META
    )
    second = await slack.chat_postMessage(channel="C0TRIAGE", text="二件目", unfurl_links=False)
    assert first["ok"] and first["channel"] == "C0TRIAGE"
    assert first["message"]["text"] == "新規案件"
    assert ts_key(second["ts"]) > ts_key(first["ts"])
    stored = fake_slack.messages("C0TRIAGE")
    assert [m.text for m in stored] == ["新規案件", "二件目"]
    assert stored[0].blocks == blocks
    assert stored[0].metadata == CASE_META
    assert stored[1].args["unfurl_links"] is False
    assert fake_slack.messages("C0OTHER") == []


async def test_metadata_object_and_form_encoded_bodies(slack: AsyncWebClient, fake_slack: FakeSlack) -> None:
    await slack.chat_postMessage(channel="C1", text="obj", metadata=Metadata("kasuhara_case", {"n": 1}))
    form = {
        "channel": "C1",
        "text": "form",
        "blocks": json.dumps([{"type": "divider"}]),
        "metadata": json.dumps(CASE_META),
    }
    response = await slack.api_call("chat.postMessage", data=form)
    assert response["ok"]
    first, second = fake_slack.messages("C1")
    assert first.metadata == {"event_type": "kasuhara_case", "event_payload": {"n": 1}}
    assert second.blocks == [{"type": "divider"}]
    assert second.metadata == CASE_META


# slack_sdk warns of a post without `text`: this test sends one on purpose, to see the fake refuse it.
@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
async def test_post_message_errors(slack: AsyncWebClient) -> None:
    with pytest.raises(SlackApiError) as empty_channel:
        await slack.chat_postMessage(channel="", text="x")
    assert empty_channel.value.response["error"] == "channel_not_found"
    with pytest.raises(SlackApiError) as no_text:
        await slack.chat_postMessage(channel="C1")
    assert no_text.value.response["error"] == "no_text"


async def test_update_keeps_edit_history(slack: AsyncWebClient, fake_slack: FakeSlack) -> None:
    posted = await slack.chat_postMessage(channel="C1", text="受付中")
    updated = await slack.chat_update(
        channel="C1", ts=posted["ts"], text="対応済み", blocks=[{"type": "divider"}]
    )
    assert updated["ts"] == posted["ts"] and updated["text"] == "対応済み"
    message = fake_slack.message("C1", posted["ts"])
    assert message is not None
    assert (message.text, message.blocks) == ("対応済み", [{"type": "divider"}])
    assert [e["text"] for e in message.edits] == ["受付中"]
    with pytest.raises(SlackApiError) as unknown:
        await slack.chat_update(channel="C1", ts="1.000001", text="x")
    assert unknown.value.response["error"] == "message_not_found"


async def test_thread_replies(slack: AsyncWebClient, fake_slack: FakeSlack) -> None:
    parent = await slack.chat_postMessage(channel="C1", text="案件")
    await slack.chat_postMessage(channel="C1", text="返信1", thread_ts=parent["ts"])
    await slack.chat_postMessage(channel="C1", text="返信2", thread_ts=parent["ts"], reply_broadcast=True)
    replies = await slack.conversations_replies(channel="C1", ts=parent["ts"])
    assert [m["text"] for m in replies["messages"]] == ["案件", "返信1", "返信2"]
    assert replies["messages"][0]["reply_count"] == 2
    assert [m.text for m in fake_slack.thread("C1", parent["ts"])] == ["案件", "返信1", "返信2"]
    assert [m.text for m in fake_slack.messages("C1")] == ["案件"]
    assert [m.text for m in fake_slack.all_posts()] == ["案件", "返信1", "返信2"]
    with pytest.raises(SlackApiError) as missing:
        await slack.conversations_replies(channel="C1", ts="1.000001")
    assert missing.value.response["error"] == "thread_not_found"


async def test_history_newest_first_with_metadata_and_paging(slack: AsyncWebClient) -> None:
    first = await slack.chat_postMessage(channel="C1", text="one", metadata=CASE_META)
    await slack.chat_postMessage(channel="C1", text="reply", thread_ts=first["ts"])
    await slack.chat_postMessage(channel="C1", text="two")
    await slack.chat_postMessage(channel="C1", text="three")
    plain = await slack.conversations_history(channel="C1")
    assert [m["text"] for m in plain["messages"]] == ["three", "two", "one"]
    assert "metadata" not in plain["messages"][-1]
    with_meta = await slack.conversations_history(channel="C1", include_all_metadata=True)
    assert with_meta["messages"][-1]["metadata"] == CASE_META
    assert with_meta["messages"][-1]["reply_count"] == 1
    page = await slack.conversations_history(channel="C1", limit=2)
    assert [m["text"] for m in page["messages"]] == ["three", "two"] and page["has_more"]
    rest = await slack.conversations_history(channel="C1", cursor=page["response_metadata"]["next_cursor"])
    assert [m["text"] for m in rest["messages"]] == ["one"] and not rest["has_more"]
    newer = await slack.conversations_history(channel="C1", oldest=first["ts"])
    assert [m["text"] for m in newer["messages"]] == ["three", "two"]


async def test_files_upload_v2_end_to_end(slack: AsyncWebClient, fake_slack: FakeSlack) -> None:
    parent = await slack.chat_postMessage(channel="C1", text="案件")
    response = await slack.files_upload_v2(
        channel="C1",
        thread_ts=parent["ts"],
        content="録音の書き起こし".encode(),
        filename="transcript.txt",
        title="書き起こし",
        initial_comment="証拠を添付します",
    )
    assert response["file"]["title"] == "書き起こし"
    (share,) = fake_slack.files
    assert share.data == "録音の書き起こし".encode()
    assert (share.filename, share.channel, share.thread_ts) == ("transcript.txt", "C1", parent["ts"])
    assert share.initial_comment == "証拠を添付します"
    thread = fake_slack.thread("C1", parent["ts"])
    assert thread[-1].files and thread[-1].files[0]["id"] == share.file_id
    assert [m.text for m in fake_slack.all_posts()] == ["案件"]


def test_sync_client_and_multipart_upload(fake_slack: FakeSlack) -> None:
    client = WebClient(token=SLACK_TOKEN, base_url=fake_slack.api_url)
    announced = client.files_getUploadURLExternal(filename="a.bin", length=3)
    assert announced["upload_url"] == f"{fake_slack.base_url}/upload/{announced['file_id']}"
    posted = httpx.post(announced["upload_url"], files={"file": ("a.bin", b"abc")}, trust_env=False)
    assert posted.status_code == 200 and posted.text == "OK - 3"
    files = [{"id": announced["file_id"], "title": "A"}]
    client.files_completeUploadExternal(files=files, channel_id="C1")
    assert fake_slack.files[0].data == b"abc"
    client.chat_postMessage(channel="C1", text="sync")
    assert [m.text for m in fake_slack.messages("C1")] == ["", "sync"]
    assert httpx.post(f"{fake_slack.base_url}/upload/FNOPE", content=b"x", trust_env=False).status_code == 404


async def test_auth_failures(fake_slack: FakeSlack) -> None:
    wrong = AsyncWebClient(token="xoxb-wrong", base_url=fake_slack.api_url)
    with pytest.raises(SlackApiError) as invalid:
        await wrong.chat_postMessage(channel="C1", text="x")
    assert invalid.value.response.status_code == 200
    assert invalid.value.response["error"] == "invalid_auth"
    anonymous = AsyncWebClient(base_url=fake_slack.api_url)
    with pytest.raises(SlackApiError) as missing:
        await anonymous.auth_test()
    assert missing.value.response["error"] == "not_authed"
    assert fake_slack.messages() == []


async def test_unknown_method(slack: AsyncWebClient) -> None:
    with pytest.raises(SlackApiError) as unknown:
        await slack.api_call("chat.teleport", json={"channel": "C1"})
    assert unknown.value.response["error"] == "unknown_method"


async def test_ephemeral_views_and_people(slack: AsyncWebClient, fake_slack: FakeSlack) -> None:
    ephemeral = await slack.chat_postEphemeral(channel="C1", user="U0REVIEWER1", text="あなただけに")
    assert fake_slack.ephemerals[0].message_ts == ephemeral["message_ts"]
    assert fake_slack.messages("C1") == []

    modal = {"type": "modal", "title": {"type": "plain_text", "text": "判定"}, "blocks": []}
    opened = await slack.views_open(trigger_id="123.456", view=modal)
    updated = await slack.views_update(view_id=opened["view"]["id"], view=modal)
    assert updated["view"]["id"] == opened["view"]["id"]
    await slack.views_push(trigger_id="123.457", view=modal)
    home = {"type": "home", "blocks": []}
    first = await slack.views_publish(user_id="U0REVIEWER1", view=home)
    again = await slack.views_publish(user_id="U0REVIEWER1", view=home)
    assert first["view"]["id"] == again["view"]["id"]
    assert [v.method for v in fake_slack.views] == [
        "views.open",
        "views.update",
        "views.push",
        "views.publish",
        "views.publish",
    ]

    fake_slack.usergroups = {"S0REVIEW": ["U1", "U2"]}
    fake_slack.users = {"U1": {"real_name": "佐藤"}}
    members = await slack.usergroups_users_list(usergroup="S0REVIEW")
    assert members["users"] == ["U1", "U2"]
    with pytest.raises(SlackApiError):
        await slack.usergroups_users_list(usergroup="S0NOPE")
    user = await slack.users_info(user="U1")
    assert user["user"]["real_name"] == "佐藤" and user["user"]["tz"] == "Asia/Tokyo"


async def test_requests_are_recorded_and_wait_for_polls(slack: AsyncWebClient, fake_slack: FakeSlack) -> None:
    await slack.chat_postMessage(channel="C1", text="hello")
    (call,) = fake_slack.requests
    assert (call.method, call.args["text"], call.http_method) == ("chat.postMessage", "hello", "POST")
    assert call.headers["authorization"] == f"Bearer {SLACK_TOKEN}"
    assert fake_slack.calls("chat.postMessage") == [{"channel": "C1", "text": "hello"}]
    found = await fake_slack.wait_for(lambda: fake_slack.messages("C1"), timeout=1)
    assert found[0].text == "hello"
    with pytest.raises(TimeoutError):
        fake_slack.wait_until(lambda: fake_slack.messages("C9"), timeout=0.05)
    fake_slack.reset()
    assert fake_slack.requests == [] and fake_slack.messages() == []


async def test_records_read_like_dicts_too(slack: AsyncWebClient, fake_slack: FakeSlack) -> None:
    posted = await slack.chat_postMessage(channel="C1", text="案件", metadata=CASE_META)
    (post,) = fake_slack.all_posts()
    assert post["channel"] == post.channel == "C1"
    assert post["ts"] == posted["ts"] and post.get("thread_ts") is None and "blocks" in post
    assert post["metadata"]["event_payload"]["case_id"] == "K-0001"
    assert post.get("no_such_field", "dflt") == "dflt"
    with pytest.raises(KeyError):
        _ = post["no_such_field"]
    assert post.to_dict()["text"] == "案件"
    assert fake_slack.requests[0]["method"] == "chat.postMessage"
