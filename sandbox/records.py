"""Recorded requests of a fake, and dict-style read access for the sandbox's record dataclasses."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


class FieldAccess:
    """Mixin for dataclasses: read fields by key too (`post["text"]`, `post.get("thread_ts")`)."""

    def __getitem__(self, key: str) -> Any:
        if key in self.keys():
            return getattr(self, key)
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        """The field's value, or `default` when there is no such field."""
        return getattr(self, key) if key in self.keys() else default

    def keys(self) -> list[str]:
        """Field names."""
        return [f.name for f in dataclasses.fields(self)]  # type: ignore[arg-type]

    def __contains__(self, key: object) -> bool:
        return key in self.keys()

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def to_dict(self) -> dict[str, Any]:
        """A deep copy as a plain dict."""
        return dataclasses.asdict(self)  # type: ignore[call-overload]


@dataclass
class RecordedRequest(FieldAccess):
    """One API request as a fake saw it: method, parsed arguments, headers, arrival time, injected fault."""

    method: str
    args: dict[str, Any]
    headers: dict[str, str]
    time: float
    http_method: str
    path: str
    body: bytes = b""
    query: dict[str, str] = field(default_factory=dict)
    fault: int | None = None
    delay: float = 0.0
    dropped: bool = False


class RequestLog:
    """Append-only, thread-safe list of `RecordedRequest`s."""

    def __init__(self) -> None:
        self._items: list[RecordedRequest] = []
        self._lock = threading.Lock()

    def append(self, item: RecordedRequest) -> None:
        """Record one request."""
        with self._lock:
            self._items.append(item)

    def snapshot(self) -> list[RecordedRequest]:
        """Everything recorded so far (a new list; `dropped` may still flip on a request being held)."""
        with self._lock:
            return list(self._items)

    def clear(self) -> None:
        """Forget every recorded request."""
        with self._lock:
            self._items.clear()
