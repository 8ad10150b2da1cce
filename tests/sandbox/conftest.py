"""Fixtures: a running FakeSlack and FakeLine per test, and SDK clients pointed at them."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from linebot.v3.messaging import AsyncApiClient, AsyncMessagingApi, AsyncMessagingApiBlob, Configuration
from slack_sdk.web.async_client import AsyncWebClient

from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack

SLACK_TOKEN = "xoxb-sandbox-token"
LINE_TOKEN = "line-channel-token-a"
OTHER_LINE_TOKEN = "line-channel-token-b"


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    with FakeSlack(SLACK_TOKEN) as fake:
        yield fake


@pytest.fixture
def slack(fake_slack: FakeSlack) -> AsyncWebClient:
    return AsyncWebClient(token=SLACK_TOKEN, base_url=fake_slack.api_url, retry_handlers=[])


@pytest.fixture
def fake_line() -> Iterator[FakeLine]:
    with FakeLine({LINE_TOKEN, OTHER_LINE_TOKEN}) as fake:
        yield fake


@pytest.fixture
async def line_client(fake_line: FakeLine) -> AsyncIterator[AsyncApiClient]:
    async with AsyncApiClient(Configuration(host=fake_line.base_url, access_token=LINE_TOKEN)) as client:
        yield client


@pytest.fixture
def line_api(line_client: AsyncApiClient) -> AsyncMessagingApi:
    return AsyncMessagingApi(line_client)


@pytest.fixture
def line_blob(line_client: AsyncApiClient) -> AsyncMessagingApiBlob:
    return AsyncMessagingApiBlob(line_client)
