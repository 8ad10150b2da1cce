"""Validation of the message objects in LINE reply/push bodies, with LINE-style error details."""

from __future__ import annotations

from typing import Any

MAX_MESSAGES = 5
MAX_TEXT = 5000
MESSAGE_TYPES = {
    "text",
    "textV2",
    "sticker",
    "image",
    "video",
    "audio",
    "location",
    "imagemap",
    "template",
    "flex",
}
REQUIRED = {
    "text": ("text",),
    "textV2": ("text",),
    "sticker": ("packageId", "stickerId"),
    "image": ("originalContentUrl", "previewImageUrl"),
    "video": ("originalContentUrl", "previewImageUrl"),
    "audio": ("originalContentUrl", "duration"),
    "location": ("title", "address", "latitude", "longitude"),
    "imagemap": ("baseUrl", "altText", "baseSize", "actions"),
    "template": ("altText", "template"),
    "flex": ("altText", "contents"),
}


def message_errors(messages: Any) -> list[dict[str, str]]:
    """Problems with a `messages` array as LINE reports them (`message` + `property`); empty if valid."""
    if not isinstance(messages, list):
        return [{"message": "must be specified", "property": "messages"}]
    if not 1 <= len(messages) <= MAX_MESSAGES:
        return [{"message": f"size must be between 1 and {MAX_MESSAGES}", "property": "messages"}]
    details: list[dict[str, str]] = []
    for index, message in enumerate(messages):
        where = f"messages[{index}]"
        kind = message.get("type") if isinstance(message, dict) else None
        if kind not in MESSAGE_TYPES:
            details.append({"message": "invalid message type", "property": f"{where}.type"})
            continue
        assert isinstance(message, dict)
        for name in REQUIRED[kind]:
            if message.get(name) in (None, ""):
                details.append({"message": "must be specified", "property": f"{where}.{name}"})
        text = message.get("text")
        if kind in ("text", "textV2") and isinstance(text, str) and len(text) > MAX_TEXT:
            details.append(
                {"message": f"length must be between 0 and {MAX_TEXT}", "property": f"{where}.text"}
            )
    return details


def body_error(details: list[dict[str, str]]) -> dict[str, Any]:
    """LINE's 400 body for request-body validation errors."""
    return {"message": f"The request body has {len(details)} error(s)", "details": details}
