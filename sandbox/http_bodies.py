"""Decode request bodies the way Slack and LINE accept them: JSON, form-encoded and multipart."""

from __future__ import annotations

import json
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesParser
from typing import Any
from urllib.parse import parse_qsl


@dataclass(frozen=True)
class Part:
    """One part of a multipart/form-data body."""

    name: str
    data: bytes
    filename: str | None
    content_type: str


def media_type(content_type: str | None) -> str:
    """The bare, lowercased media type of a Content-Type header (`application/json`)."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def parse_form(body: bytes) -> dict[str, str]:
    """Decode an `application/x-www-form-urlencoded` body (last value wins)."""
    return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))


def parse_json_object(body: bytes) -> dict[str, Any] | None:
    """Decode a JSON object body; None when it is empty, invalid or not an object."""
    if not body.strip():
        return None
    try:
        value = json.loads(body)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def parse_multipart(body: bytes, content_type: str) -> list[Part]:
    """Split a `multipart/form-data` body into its parts."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser().parsebytes(head + body)
    if not message.is_multipart():
        return []
    parts: list[Part] = []
    for sub in message.get_payload():
        if not isinstance(sub, Message):
            continue
        payload = sub.get_payload(decode=True)
        parts.append(
            Part(
                name=sub.get_param("name", header="content-disposition") or "",  # type: ignore[arg-type]
                data=payload if isinstance(payload, bytes) else b"",
                filename=sub.get_filename(),
                content_type=sub.get_content_type(),
            )
        )
    return parts


def decode_body_args(body: bytes, content_type: str | None) -> dict[str, Any]:
    """Arguments carried in a request body, whatever its encoding (files become bytes)."""
    kind = media_type(content_type)
    if kind == "application/json":
        return parse_json_object(body) or {}
    if kind == "multipart/form-data":
        args: dict[str, Any] = {}
        for part in parse_multipart(body, content_type or ""):
            args[part.name] = part.data if part.filename is not None else part.data.decode("utf-8", "replace")
        return args
    if kind in ("application/x-www-form-urlencoded", ""):
        return parse_form(body)
    return {}


def maybe_json(value: Any) -> Any:
    """Decode a JSON string that arrived form-encoded (`blocks`, `metadata`, `view`); else return as is."""
    if isinstance(value, str) and value.strip()[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def as_bool(value: Any) -> bool:
    """Slack-style truthiness for arguments that may arrive as bools, "true"/"false" or "1"/"0"."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)
