"""Fixtures of the domain tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from storage.db import Database
from tests.clock import TestClock
from tests.scheduled_desk import open_scheduled_desk
from tests.slack_desk import Desk


@pytest.fixture
async def desk(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, clock: TestClock
) -> AsyncIterator[Desk]:
    """The review desk on the test's clock, its scheduler ticked by the test (scheduling/test_jobs builds a
    desk of its own)."""
    async with open_scheduled_desk(database, fake_slack, fake_line, clock) as desk:
        yield desk
