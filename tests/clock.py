"""The tests' clock: a fixed starting time that runs on at the machine's pace, and can be moved.

Tests never read the wall clock: the app, the worker, the scheduler, the CLI and the sandbox's signed
requests all take their "now" from one of these, so a test means the same on any day it runs.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

# Monday 2026-11-30, 10:00 in Tokyo: a business day in the middle of the test tenants' contracts.
TEST_NOW = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)


class TestClock:
    """Starts at `start` and advances with the monotonic clock; `advance` and `set` move it."""

    __test__ = False  # not a test class for pytest

    def __init__(self, start: datetime = TEST_NOW) -> None:
        self._start = start
        self._started = time.monotonic()

    def now(self) -> datetime:
        """The current test time, timezone-aware UTC."""
        return self._start + timedelta(seconds=time.monotonic() - self._started)

    def set(self, at: datetime) -> None:
        """Jump to `at` (and run on from there)."""
        self._start = at
        self._started = time.monotonic()

    def advance(self, delta: timedelta) -> None:
        """Move forward by `delta`."""
        self.set(self.now() + delta)
