"""Fixtures of the report and calendar-job tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from storage.db import Database
from tests.clock import TestClock
from tests.handlers.slack_desk import Desk
from tests.reports.scheduled_desk import open_scheduled_desk


@pytest.fixture
async def desk(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, clock: TestClock
) -> AsyncIterator[Desk]:
    """The review desk on the test's clock, its scheduler ticked by the test (test_calendar_jobs builds a
    desk of its own)."""
    async with open_scheduled_desk(database, fake_slack, fake_line, clock) as desk:
        yield desk
