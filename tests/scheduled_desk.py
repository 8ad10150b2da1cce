"""The review desk (reviewers, a client, signed Slack) whose scheduler ticks only when a test says so."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from storage.db import Database
from tests.clock import TestClock
from tests.slack_desk import Desk, open_desk


@asynccontextmanager
async def open_scheduled_desk(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, clock: TestClock, **overrides: Any
) -> AsyncIterator[Desk]:
    """The desk on `clock`, once the scheduler's catch-up tick at start has finished (no tick follows on
    its own while a test runs)."""
    async with open_desk(
        database, fake_slack, fake_line, clock=clock, **{"scheduler_tick_seconds": 3600, **overrides}
    ) as desk:
        async with asyncio.timeout(10):
            while desk.app.services.jobs.ticks_done == 0:
                await asyncio.sleep(0.01)
        yield desk


async def tick(desk: Desk) -> dict[str, int]:
    """One scheduler tick, and everything it queued sent."""
    ran = await desk.app.services.jobs.tick()
    await desk.app.idle()
    return dict(ran)
