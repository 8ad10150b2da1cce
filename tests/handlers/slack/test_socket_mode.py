"""Socket Mode: the same listeners answer commands and buttons delivered over the fake Slack's WebSocket."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from sandbox.slack_client import SignedSlack
from tests.conftest import TRIAGE
from tests.slack_desk import REVIEWER, STRANGER, Desk


def _command(user: str, text: str) -> dict[str, str]:
    return dict(parse_qsl(SignedSlack.command_body(user=user, channel=TRIAGE, text=text).decode()))


async def test_commands_and_buttons_over_socket_mode(desk: Desk) -> None:
    number = await desk.open_case()
    hub = desk.fake_slack.socket_mode
    handler = AsyncSocketModeHandler(desk.app.app.state.slack_app, desk.fake_slack.app_token)
    await handler.connect_async()
    try:
        await desk.fake_slack.wait_for(lambda: hub.connected)
        ack = await hub.adeliver("slash_commands", _command(REVIEWER, f"show {number}"))
        assert number in ack["payload"]["text"]
        refused = await hub.adeliver("slash_commands", _command(STRANGER, f"show {number}"))
        assert "審査担当者のみ" in refused["payload"]["text"]
        click = SignedSlack.block_action_payload(
            user=REVIEWER, channel=TRIAGE, action_id="case_claim", value=number
        )
        await hub.adeliver("interactive", click)
        case = await desk.case(number)
        assert case.status == "in_review" and case.assignee == REVIEWER
    finally:
        await handler.close_async()


async def test_socket_mode_needs_the_app_token(desk: Desk) -> None:
    client = AsyncWebClient(base_url=desk.fake_slack.api_url)
    with pytest.raises(SlackApiError, match="invalid_auth"):
        await client.apps_connections_open(app_token="xapp-1-wrong")
    opened = await client.apps_connections_open(app_token=desk.fake_slack.app_token)
    assert opened["url"].startswith("ws://")
