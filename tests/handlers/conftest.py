"""Fixtures of the handler tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from storage.db import Database
from tests.slack_desk import Desk, open_desk


@pytest.fixture
async def desk(database: Database, fake_slack: FakeSlack, fake_line: FakeLine) -> AsyncIterator[Desk]:
    """The running app with reviewers, an admin and a client manager, and a signed Slack client."""
    async with open_desk(database, fake_slack, fake_line) as desk:
        yield desk
