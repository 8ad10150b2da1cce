"""Poll a predicate until it yields something truthy, from sync or async code."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

POLL_INTERVAL = 0.01


def wait_until(predicate: Callable[[], T], timeout: float = 5.0, interval: float = POLL_INTERVAL) -> T:
    """Block until `predicate()` is truthy and return its value; raise TimeoutError after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TimeoutError(f"condition not met within {timeout} s")
        time.sleep(interval)


async def wait_for(
    predicate: Callable[[], T],
    timeout: float = 5.0,
    interval: float = POLL_INTERVAL,
) -> T:
    """Await until `predicate()` is truthy and return its value; raise TimeoutError after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TimeoutError(f"condition not met within {timeout} s")
        await asyncio.sleep(interval)
