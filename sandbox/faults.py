"""Fault injection (latency, errors, rate limits, hangs) shared by the fake APIs."""

from __future__ import annotations

import asyncio
import contextlib
import enum
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from starlette.requests import Request

_INTERRUPT_POLL = 0.02


class Wake(enum.Enum):
    """Why a fault delay ended."""

    ELAPSED = "elapsed"
    DISCONNECTED = "disconnected"
    INTERRUPTED = "interrupted"


@dataclass(frozen=True)
class Injection:
    """What the fault plan decided for one request: a delay, then maybe an error status."""

    delay: float = 0.0
    status: int | None = None
    retry_after: float | None = None
    body: dict[str, Any] | None = None
    lost_response: bool = False

    @property
    def retry_after_header(self) -> dict[str, str]:
        """The `Retry-After` header to send, if any (whole seconds when integral)."""
        if self.retry_after is None:
            return {}
        value = float(self.retry_after)
        return {"Retry-After": str(int(value)) if value.is_integer() else str(value)}


@dataclass
class _Planned:
    remaining: int
    injection: Injection


class Faults:
    """Thread-safe fault plan: a FIFO of planned faults, one consumed per API request, plus latency."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._latency = 0.0
        self._plan: deque[_Planned] = deque()

    def latency(self, seconds: float) -> None:
        """Delay every response by `seconds` (0 turns it off)."""
        with self._lock:
            self._latency = max(0.0, float(seconds))

    def fail(self, status: int = 500, times: int = 1, body: dict[str, Any] | None = None) -> None:
        """Answer the next `times` requests with `status` and a JSON error body (`body` or the default)."""
        self._add(times, Injection(status=status, body=body))

    def rate_limit(self, retry_after: float = 1, times: int = 1) -> None:
        """Answer the next `times` requests with 429 and `Retry-After: retry_after`."""
        self._add(times, Injection(status=429, retry_after=retry_after))

    def hang(self, seconds: float, times: int = 1, *, lost_response: bool = False) -> None:
        """Stall the next `times` requests for `seconds` before handling them normally.

        A client that gives up meanwhile gets nothing and, by default, the request is dropped unhandled;
        with `lost_response=True` it is still carried out (the "done, but the reply got lost" case).
        """
        self._add(times, Injection(delay=float(seconds), lost_response=lost_response))

    def clear(self) -> None:
        """Remove every planned fault and the latency."""
        with self._lock:
            self._latency = 0.0
            self._plan.clear()

    @property
    def pending(self) -> int:
        """How many planned faults are still to be consumed."""
        with self._lock:
            return sum(p.remaining for p in self._plan)

    def take(self) -> Injection:
        """Consume the fault for one incoming API request (latency is added to any delay)."""
        with self._lock:
            if not self._plan:
                return Injection(delay=self._latency)
            planned = self._plan[0]
            planned.remaining -= 1
            if planned.remaining <= 0:
                self._plan.popleft()
            return replace(planned.injection, delay=planned.injection.delay + self._latency)

    def _add(self, times: int, injection: Injection) -> None:
        if times > 0:
            with self._lock:
                self._plan.append(_Planned(times, injection))


async def sleep_unless_disconnected(
    request: Request, seconds: float, interrupted: Callable[[], bool] = lambda: False
) -> Wake:
    """Sleep up to `seconds`, ending early if the client disconnects or `interrupted()` turns true.

    The request body must already have been read, so that the next receive() reports the disconnect.
    """
    if seconds <= 0:
        return Wake.ELAPSED
    sleeper = asyncio.ensure_future(_sleep_until(seconds, interrupted))
    listener = asyncio.ensure_future(_wait_disconnect(request))
    try:
        await asyncio.wait({sleeper, listener}, return_when=asyncio.FIRST_COMPLETED)
        if listener.done() and not listener.cancelled():
            return Wake.DISCONNECTED
        return sleeper.result()
    finally:
        for task in (sleeper, listener):
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task


async def _sleep_until(seconds: float, interrupted: Callable[[], bool]) -> Wake:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while (remaining := deadline - loop.time()) > 0:
        if interrupted():
            return Wake.INTERRUPTED
        await asyncio.sleep(min(remaining, _INTERRUPT_POLL))
    return Wake.ELAPSED


async def _wait_disconnect(request: Request) -> None:
    while (await request.receive())["type"] != "http.disconnect":
        pass
