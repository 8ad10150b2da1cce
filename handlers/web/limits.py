"""Reading a request body with a hard size cap."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from handlers.capped_read import read_capped


class BodyTooLarge(Exception):
    """The body exceeds the cap."""


async def read_body_capped(request: Request, limit: int) -> bytes:
    """The raw body, or BodyTooLarge as soon as it passes `limit` bytes (declared or streamed)."""
    declared = request.headers.get("content-length", "")
    body = await read_capped(
        request.stream(),
        declared=int(declared) if declared.isdigit() else None,
        content_type=None,
        max_bytes=limit,
    )
    if body.data is None:
        raise BodyTooLarge
    return body.data


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
