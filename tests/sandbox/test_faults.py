"""Fault injection: the Faults plan itself, and how the SDK clients experience it through both fakes."""

from __future__ import annotations

import asyncio
import time
import uuid

import aiohttp
import pytest
from linebot.v3.messaging import AsyncMessagingApi, PushMessageRequest, TextMessage
from linebot.v3.messaging.exceptions import ApiException
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from sandbox.faults import Faults

from .conftest import SLACK_TOKEN


def test_fault_plan_is_consumed_in_order() -> None:
    faults = Faults()
    faults.fail(status=503, times=2)
    faults.hang(0.5)
    faults.rate_limit(retry_after=3)
    faults.latency(0.1)
    assert faults.pending == 4
    taken = [faults.take() for _ in range(5)]
    assert [t.status for t in taken] == [503, 503, None, 429, None]
    assert [t.delay for t in taken] == pytest.approx([0.1, 0.1, 0.6, 0.1, 0.1])
    assert taken[3].retry_after_header == {"Retry-After": "3"}
    assert taken[0].retry_after_header == {}
    faults.fail(times=5)
    faults.clear()
    assert faults.pending == 0 and faults.take().delay == 0


async def test_slack_server_error_then_recovery(slack: AsyncWebClient, fake_slack: FakeSlack) -> None:
    fake_slack.faults.fail(status=500, times=1)
    with pytest.raises(SlackApiError) as failed:
        await slack.chat_postMessage(channel="C1", text="x")
    assert failed.value.response.status_code == 500
    assert failed.value.response["error"] == "fatal_error"
    assert fake_slack.messages() == []
    await slack.chat_postMessage(channel="C1", text="x")
    assert [r.fault for r in fake_slack.requests] == [500, None]
    assert len(fake_slack.messages()) == 1


async def test_slack_rate_limit_reaches_client_with_retry_after(
    slack: AsyncWebClient, fake_slack: FakeSlack
) -> None:
    fake_slack.faults.rate_limit(retry_after=7, times=1)
    with pytest.raises(SlackApiError) as limited:
        await slack.chat_postMessage(channel="C1", text="x")
    response = limited.value.response
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "7"
    assert response.data == {"ok": False, "error": "ratelimited"}


async def test_slack_rate_limit_retry_handler_succeeds(fake_slack: FakeSlack) -> None:
    client = AsyncWebClient(
        token=SLACK_TOKEN, base_url=fake_slack.api_url, retry_handlers=[AsyncRateLimitErrorRetryHandler()]
    )
    fake_slack.faults.rate_limit(retry_after=0, times=1)
    assert (await client.chat_postMessage(channel="C1", text="x"))["ok"]
    assert [r.fault for r in fake_slack.requests] == [429, None]


async def test_latency_delays_every_response(fake_slack: FakeSlack, slack: AsyncWebClient) -> None:
    fake_slack.faults.latency(0.15)
    started = time.monotonic()
    await slack.auth_test()
    await slack.auth_test()
    assert time.monotonic() - started >= 0.3


def _impatient(fake: FakeSlack) -> AsyncWebClient:
    return AsyncWebClient(
        token=SLACK_TOKEN,
        base_url=fake.api_url,
        timeout=0.3,  # type: ignore[arg-type]  # slack_sdk annotates an int; aiohttp takes any number
        retry_handlers=[],
    )


async def test_hang_times_out_the_client_and_drops_the_request(fake_slack: FakeSlack) -> None:
    fake_slack.faults.fail(status=503)
    fake_slack.faults.hang(5)
    client = _impatient(fake_slack)
    with pytest.raises(SlackApiError):
        await client.chat_postMessage(channel="C1", text="first try")
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        await client.chat_postMessage(channel="C1", text="second try")
    assert time.monotonic() - started < 2
    await fake_slack.wait_for(lambda: fake_slack.requests[-1].dropped, timeout=2)
    assert (await client.chat_postMessage(channel="C1", text="third try"))["ok"]
    assert [m.text for m in fake_slack.messages("C1")] == ["third try"]
    assert [(r.fault, r.dropped) for r in fake_slack.requests] == [(503, False), (None, True), (None, False)]


async def test_hang_with_lost_response_still_carries_the_request_out(fake_slack: FakeSlack) -> None:
    fake_slack.faults.hang(5, lost_response=True)
    with pytest.raises(TimeoutError):
        await _impatient(fake_slack).chat_postMessage(channel="C1", text="done, reply lost")
    found = await fake_slack.wait_for(lambda: fake_slack.messages("C1"), timeout=2)
    assert found[0].text == "done, reply lost"


async def test_stop_cuts_a_hang_short_and_answers(fake_slack: FakeSlack, slack: AsyncWebClient) -> None:
    fake_slack.faults.hang(30)
    pending = asyncio.ensure_future(slack.auth_test())
    await fake_slack.wait_for(lambda: fake_slack.requests, timeout=2)
    started = time.monotonic()
    fake_slack.stop()
    assert time.monotonic() - started < 1
    assert (await pending)["ok"]


async def test_slack_unreachable_while_stopped(fake_slack: FakeSlack, slack: AsyncWebClient) -> None:
    await slack.chat_postMessage(channel="C1", text="before")
    fake_slack.stop()
    with pytest.raises(aiohttp.ClientConnectionError):
        await slack.chat_postMessage(channel="C1", text="during")
    fake_slack.start()
    await slack.chat_postMessage(channel="C1", text="after")
    assert [m.text for m in fake_slack.messages("C1")] == ["before", "after"]


async def test_line_error_injection(fake_line: FakeLine, line_api: AsyncMessagingApi) -> None:
    fake_line.faults.fail(status=503)
    request = PushMessageRequest(to="U1", messages=[TextMessage(text="x")])
    with pytest.raises(ApiException) as failed:
        await line_api.push_message(request)
    assert failed.value.status == 503
    assert fake_line.delivered() == []
    fake_line.faults.rate_limit(retry_after=2)
    with pytest.raises(ApiException) as limited:
        await line_api.push_message(request)
    assert limited.value.status == 429 and limited.value.headers["Retry-After"] == "2"


async def test_line_push_timeout_then_retry_with_same_key_is_not_delivered_twice(
    fake_line: FakeLine, line_api: AsyncMessagingApi
) -> None:
    request = PushMessageRequest(to="U1", messages=[TextMessage(text="ご連絡ありがとうございます")])
    key = str(uuid.uuid4())
    fake_line.faults.hang(5, lost_response=True)
    with pytest.raises(TimeoutError):
        await line_api.push_message(request, x_line_retry_key=key, _request_timeout=0.3)
    await fake_line.wait_for(fake_line.delivered, timeout=2)
    with pytest.raises(ApiException) as repeated:
        await line_api.push_message(request, x_line_retry_key=key)
    assert repeated.value.status == 409
    assert repeated.value.headers["x-line-accepted-request-id"] == fake_line.delivered()[0].request_id
    assert fake_line.texts_to("U1") == ["ご連絡ありがとうございます"]
