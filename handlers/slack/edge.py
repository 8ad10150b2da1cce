"""The door of /slack/events: size, signature and timestamp on the raw bytes, then a strict parse.

Nothing reads a request before it is known to come from Slack: bolt parses bodies before it checks
signatures and reads timestamps with `int()` (a garbled header reached the error handler, which then
acted for the sender), so the check happens here, against the injected clock, and bolt's own is off.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

import orjson
from pydantic import ValidationError

from handlers.slack.payloads import UnsupportedKind, validate_shape
from handlers.web.limits import nesting_exceeds

MAX_AGE_SECONDS = 5 * 60
# Seconds since the epoch in ASCII digits; the signature is `v0=` and 64 lowercase hex digits.
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")
# Slack's deepest payloads (rich text inside a message inside an action) stay far below this.
MAX_DEPTH = 64


class Refused(Exception):
    """A request that is not handled: the status and a short reason for the response."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def verify_signature(*, secret: str, body: bytes, headers: Mapping[str, str], now: float) -> None:
    """Raise Refused(401) unless the body carries Slack's signature, made less than 5 minutes ago."""
    timestamp = headers.get("x-slack-request-timestamp", "")
    signature = headers.get("x-slack-signature", "")
    if not _TIMESTAMP.fullmatch(timestamp) or not _SIGNATURE.fullmatch(signature):
        raise Refused(401, "invalid signature")
    if abs(now - int(timestamp)) > MAX_AGE_SECONDS:
        raise Refused(401, "stale request")
    base = b"v0:" + timestamp.encode("ascii") + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        raise Refused(401, "invalid signature")


def parse_body(body: bytes, content_type: str) -> dict[str, Any]:
    """A verified body as the dict bolt will see; Refused(400) when it is not what Slack sends."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "body is not UTF-8") from None
    if content_type.split(";")[0].strip().lower() == "application/json" or text.startswith("{"):
        parsed = _json_object(text)
    else:
        # Form fields are percent-decoded with broken UTF-8 replaced (U+FFFD), never lone surrogates.
        fields = dict(parse_qsl(text, keep_blank_values=True))
        parsed = _json_object(fields["payload"]) if "payload" in fields else fields
    try:
        validate_shape(parsed)
    except UnsupportedKind as kind:
        raise Refused(400, f"unsupported request type {kind}") from None
    except ValidationError as invalid:
        where = ".".join(str(part) for part in invalid.errors()[0]["loc"])
        raise Refused(400, f"malformed payload ({where})") from None
    return parsed


def _json_object(text: str) -> dict[str, Any]:
    try:
        # orjson refuses lone surrogates and nesting past 1,024 levels without recursing in Python.
        value = orjson.loads(text)
    except orjson.JSONDecodeError:
        raise Refused(400, "malformed JSON") from None
    if not isinstance(value, dict):
        raise Refused(400, "expected a JSON object")
    if nesting_exceeds(value, MAX_DEPTH):
        raise Refused(400, "payload nested too deeply")
    return value
