"""Reading a request body with a hard size cap."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request


class BodyTooLarge(Exception):
    """The body exceeds the cap."""


async def read_body_capped(request: Request, limit: int) -> bytes:
    """The raw body, or BodyTooLarge as soon as it passes `limit` bytes (declared or streamed)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def nesting_exceeds(value: Any, limit: int) -> bool:
    """Whether parsed JSON nests containers deeper than `limit` levels (`{}` is one level), checked level by
    level so that the input, not Python's stack, sets the depth."""
    level: list[Any] = [value] if isinstance(value, dict | list) else []
    depth = 0
    while level:
        depth += 1
        if depth > limit:
            return True
        level = [
            child
            for item in level
            for child in (item.values() if isinstance(item, dict) else item)
            if isinstance(child, dict | list)
        ]
    return False
