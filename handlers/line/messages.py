"""The messages of a `complainant.message` effect (bot.outbox.effects) as LINE message objects: a text, its
choices as quick reply buttons (a postback each, or the date-time picker)."""

from __future__ import annotations

from typing import Any

from linebot.v3.messaging import Message, TextMessage

from bot.outbox.effects import PREVIOUS_VERSION, SendError

TEXT_LIMIT = 5000  # LINE's limit of a text message
QUICK_REPLY_LIMIT = 13  # LINE shows at most 13 quick reply buttons
LABEL_LIMIT = 20  # with labels of at most 20 characters


def line_message(message: dict[str, Any]) -> Message:
    """One message to the complainant as LINE takes it (one a previous version rendered: as it is)."""
    if PREVIOUS_VERSION in message:
        return _parsed(message[PREVIOUS_VERSION])
    text = str(message["text"])[:TEXT_LIMIT]
    choices = message.get("choices") or []
    if not choices:
        return TextMessage(text=text)
    items = [_quick_reply_item(choice) for choice in choices[:QUICK_REPLY_LIMIT]]
    return _parsed({"type": "text", "text": text, "quickReply": {"items": items}})


def _quick_reply_item(choice: dict[str, Any]) -> dict[str, Any]:
    label = str(choice["label"])
    if choice.get("pick") == "datetime":
        action = {
            "type": "datetimepicker",
            "label": label[:LABEL_LIMIT],
            "data": choice["data"],
            "mode": "datetime",
            "max": choice["latest"],
        }
    else:
        # The complainant's chat shows the whole label as what they said.
        action = {
            "type": "postback",
            "label": label[:LABEL_LIMIT],
            "data": choice["data"],
            "displayText": label,
        }
    return {"type": "action", "action": action}


def _parsed(message: dict[str, Any]) -> Message:
    if set(message) == {"type", "text"}:
        return TextMessage(text=message["text"])
    try:
        parsed = Message.from_dict(message)
    except ValueError:
        parsed = None
    if parsed is None:
        raise SendError(f"not a LINE message: {message.get('type')}", permanent=True)
    return parsed
