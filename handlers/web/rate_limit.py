"""How many submissions an address and a tenant may make: moving windows kept in this process's memory,
on the injected clock (limits such as "5/minute;30/hour" are read by the `limits` package).

The windows are counted here rather than in `limits`' memory storage, whose expiry timer is a thread of its
own and whose time is the wall clock's; these follow the service's clock and need no thread.
"""

from __future__ import annotations

import math
import time
from collections import deque

from cachetools import TTLCache
from limits import RateLimitItem, parse_many

from bot.clock import Clock

MAX_KEYS = 100_000  # addresses remembered at most (the oldest forgotten first)


class SubmissionLimit:
    """Limits per address (within a tenant) and per tenant."""

    def __init__(self, *, per_address: str, per_tenant: str, clock: Clock) -> None:
        self._clock = clock
        self._per_address = parse_many(per_address)
        self._per_tenant = parse_many(per_tenant)
        longest = max(item.get_expiry() for item in [*self._per_address, *self._per_tenant])
        # Memory only: an address unseen for the longest window is dropped (its hits could not count).
        self._hits: TTLCache[tuple[str, ...], deque[float]] = TTLCache(
            maxsize=MAX_KEYS, ttl=longest, timer=time.monotonic
        )

    def retry_after(self, *, tenant: str, address: str) -> int | None:
        """Count one submission and return None, or the seconds to wait when a limit is reached (then
        nothing is counted)."""
        now = self._clock.now().timestamp()
        checks: list[tuple[RateLimitItem, tuple[str, ...]]] = [
            *((item, (str(item), tenant, address)) for item in self._per_address),
            *((item, (str(item), tenant)) for item in self._per_tenant),
        ]
        for item, key in checks:
            window = self._window(key, now, item.get_expiry())
            if len(window) >= item.amount:
                return max(1, math.ceil(window[0] + item.get_expiry() - now))
        for _item, key in checks:
            self._hits[key].append(now)
        return None

    def _window(self, key: tuple[str, ...], now: float, seconds: int) -> deque[float]:
        """The times of the key's submissions within the last `seconds`."""
        window = self._hits.get(key)
        if window is None:
            window = self._hits[key] = deque()
        while window and window[0] <= now - seconds:
            window.popleft()
        return window
