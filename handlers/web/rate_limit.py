"""How many submissions an address and a tenant may make (moving windows, in this process's memory)."""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, parse_many, storage, strategies


class SubmissionLimit:
    """Limits such as "5/minute;30/hour" per address (within a tenant) and per tenant."""

    def __init__(self, *, per_address: str, per_tenant: str) -> None:
        self._limiter = strategies.MovingWindowRateLimiter(storage.MemoryStorage())
        self._per_address = parse_many(per_address)
        self._per_tenant = parse_many(per_tenant)

    def retry_after(self, *, tenant: str, address: str) -> int | None:
        """Count one submission and return None, or the seconds to wait when a limit is reached (then
        nothing is counted)."""
        checks: list[tuple[RateLimitItem, tuple[str, ...]]] = [
            *((item, ("form", tenant, address)) for item in self._per_address),
            *((item, ("form", tenant)) for item in self._per_tenant),
        ]
        for item, keys in checks:
            if not self._limiter.test(item, *keys):
                reset = self._limiter.get_window_stats(item, *keys).reset_time
                return max(1, math.ceil(reset - time.time()))
        for item, keys in checks:
            self._limiter.hit(item, *keys)
        return None
