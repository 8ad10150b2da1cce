"""Identifier generators shaped like the ones Slack and LINE hand out."""

from __future__ import annotations

import itertools
import secrets
import string
import threading
import time

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_SLACK_ALPHABET = string.ascii_uppercase + string.digits


def ulid(now_ms: int | None = None) -> str:
    """Return a 26-character ULID (48-bit millisecond time + 80 random bits, Crockford base32)."""
    millis = int(time.time() * 1000) if now_ms is None else now_ms
    value = (millis << 80) | secrets.randbits(80)
    chars = []
    for _ in range(26):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def hex_token(length: int = 32) -> str:
    """Return a random lowercase hex string of the given length."""
    return secrets.token_hex((length + 1) // 2)[:length]


def slack_id(prefix: str, length: int = 10) -> str:
    """Return a Slack-looking id such as `F0A1B2C3D4E` (prefix + uppercase alphanumerics)."""
    return prefix + "".join(secrets.choice(_SLACK_ALPHABET) for _ in range(length))


class NumericIds:
    """Thread-safe generator of increasing 18-digit numeric string ids (LINE message ids)."""

    def __init__(self, start: int | None = None) -> None:
        first = start if start is not None else 500_000_000_000_000_000 + secrets.randbelow(10**12)
        self._counter = itertools.count(first)
        self._lock = threading.Lock()

    def next(self) -> str:
        """Return the next id."""
        with self._lock:
            return str(next(self._counter))


class SlackTimestamps:
    """Thread-safe generator of unique, strictly increasing Slack `ts` strings like `1764300000.000100`."""

    def __init__(self) -> None:
        self._last_us = 0
        self._lock = threading.Lock()

    def next(self) -> str:
        """Return the next ts (wall clock in microseconds, bumped when two calls share a microsecond)."""
        with self._lock:
            now_us = int(time.time() * 1_000_000)
            self._last_us = max(now_us, self._last_us + 1)
            seconds, micros = divmod(self._last_us, 1_000_000)
        return f"{seconds}.{micros:06d}"
