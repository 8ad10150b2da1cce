"""Pure builders of the review modals (verdict, request for more information, feedback, closing) and their
parsers."""

from __future__ import annotations

import json
from typing import Any

from bot.cases.lifecycle import NOTE_LIMIT, REVIEWER_REASONS
from bot.review.forms import BEHAVIOUR_TYPES, LABELS, CaseRef, VerdictForm
from bot.review.texts import review_text
from bot.texts import DESK

VERDICT_CALLBACK = "verdict_modal"
INFO_CALLBACK = "info_modal"
FEEDBACK_CALLBACK = "feedback_send_modal"
CLOSE_CALLBACK = "close_modal"
YES, NO = "yes", "no"


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def _option(value: str, text: str) -> dict[str, Any]:
    return {"text": _plain(text[:75]), "value": value}


def _input(block_id: str, label: str, element: dict[str, Any], *, optional: bool = False) -> dict[str, Any]:
    return {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label),
        "element": {"action_id": block_id, **element},
        "optional": optional,
    }


def _text_input(block_id: str, label: str, *, max_length: int, multiline: bool = True) -> dict[str, Any]:
    return _input(
        block_id, label, {"type": "plain_text_input", "multiline": multiline, "max_length": max_length}
    )


def _yes_no(block_id: str, label: str) -> dict[str, Any]:
    options = [_option(YES, review_text("modal.yes")), _option(NO, review_text("modal.no"))]
    return _input(block_id, label, {"type": "radio_buttons", "options": options})


def metadata(number: str, channel: str) -> str:
    """The modal's private metadata: which case, and where to answer."""
    return json.dumps({"number": number, "channel": channel})


def read_metadata(view: dict[str, Any]) -> tuple[str, str]:
    """(case number, channel) from a submitted view."""
    try:
        data = json.loads(view.get("private_metadata") or "{}")
    except (ValueError, RecursionError):  # not JSON, or nested past what json.loads can read
        data = None
    if not isinstance(data, dict):
        return "", ""  # not a modal of ours: the case lookup refuses it
    return str(data.get("number") or ""), str(data.get("channel") or "")


def _modal(
    ref: CaseRef, *, channel: str, callback_id: str, texts: str, blocks: list[dict[str, Any]]
) -> dict[str, Any]:
    """A review modal about one case: title, submit and cancel, a line naming the case (texts under
    `texts`), then `blocks`."""
    return {
        "type": "modal",
        "callback_id": callback_id,
        "private_metadata": metadata(ref.number, channel),
        "title": _plain(review_text(f"{texts}.title")),
        "submit": _plain(review_text(f"{texts}.submit")),
        "close": _plain(review_text("modal.cancel")),
        "blocks": [
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": review_text(f"{texts}.case", number=ref.number, tenant=ref.tenant_name),
                },
            },
            *blocks,
        ],
    }


def build_verdict_modal(ref: CaseRef, *, channel: str) -> dict[str, Any]:
    """The verdict modal, prefilled with the suggested label and behaviour types."""
    labels = [_option(label, DESK[f"label.{label}"]) for label in LABELS]
    types = [_option(t, DESK[f"type.{t}"]) for t in BEHAVIOUR_TYPES]
    label_element: dict[str, Any] = {"type": "static_select", "options": labels}
    if ref.label in LABELS:
        label_element["initial_option"] = next(o for o in labels if o["value"] == ref.label)
    types_element: dict[str, Any] = {"type": "multi_static_select", "options": types}
    if ref.types:
        types_element["initial_options"] = [o for o in types if o["value"] in ref.types]
    return _modal(
        ref,
        channel=channel,
        callback_id=VERDICT_CALLBACK,
        texts="modal.verdict",
        blocks=[
            _input("label", review_text("modal.label"), label_element),
            _input("types", review_text("modal.types"), types_element, optional=True),
            _text_input("opinion", review_text("modal.opinion"), max_length=3000),
            _text_input("advice", review_text("modal.advice"), max_length=3000),
            _text_input("recommendation", review_text("modal.recommendation"), max_length=1000),
            _yes_no("feedback", review_text("modal.feedback")),
            _yes_no("police", review_text("modal.police")),
            {
                **_text_input(
                    "police_reference", review_text("modal.police_reference"), max_length=120, multiline=False
                ),
                "optional": True,
            },
        ],
    )


def _value(values: dict[str, Any], block_id: str) -> dict[str, Any]:
    return (values.get(block_id) or {}).get(block_id) or {}


def _typed(values: dict[str, Any], block_id: str) -> str:
    """The text typed into an input, without NUL characters (no Slack client sends one; PostgreSQL cannot
    store one)."""
    return str(_value(values, block_id).get("value") or "").replace("\x00", "")


def _choice(values: dict[str, Any], block_id: str) -> bool | None:
    selected = (_value(values, block_id).get("selected_option") or {}).get("value")
    return {YES: True, NO: False}.get(str(selected)) if selected else None


def parse_verdict_form(view: dict[str, Any]) -> VerdictForm:
    """The verdict form from a view_submission's state (missing fields read as empty)."""
    values = (view.get("state") or {}).get("values") or {}
    label = (_value(values, "label").get("selected_option") or {}).get("value")
    types = tuple(str(o.get("value")) for o in _value(values, "types").get("selected_options") or [])
    return VerdictForm(
        label=str(label) if label else None,
        types=types,
        opinion=_typed(values, "opinion"),
        advice=_typed(values, "advice"),
        recommendation=_typed(values, "recommendation"),
        feedback=_choice(values, "feedback"),
        police=_choice(values, "police"),
        police_reference=_typed(values, "police_reference"),
    )


def build_info_modal(ref: CaseRef, *, channel: str) -> dict[str, Any]:
    """The modal composing a question to the complainant, with an explicit confirmation."""
    return _message_modal(
        ref, channel=channel, callback_id=INFO_CALLBACK, texts="modal.info", field="question"
    )


def parse_info_form(view: dict[str, Any]) -> tuple[str, bool]:
    """(question, confirmed) from a view_submission's state."""
    return _parse_message_form(view, "question")


def build_feedback_modal(ref: CaseRef, template: str, *, channel: str) -> dict[str, Any]:
    """The modal sending the client-approved feedback to the complainant: a prefilled message, a
    confirmation."""
    return _message_modal(
        ref,
        channel=channel,
        callback_id=FEEDBACK_CALLBACK,
        texts="modal.feedback_send",
        field="message",
        initial=template,
    )


def parse_feedback_form(view: dict[str, Any]) -> tuple[str, bool]:
    """(message, confirmed) from a view_submission's state."""
    return _parse_message_form(view, "message")


def _message_modal(
    ref: CaseRef, *, channel: str, callback_id: str, texts: str, field: str, initial: str | None = None
) -> dict[str, Any]:
    """A message to the complainant: who it goes to, the message, a confirmation (texts under `texts`)."""
    message = _text_input(field, review_text(f"{texts}.{field}"), max_length=1000)
    if initial is not None:
        message["element"]["initial_value"] = initial
    return _modal(
        ref,
        channel=channel,
        callback_id=callback_id,
        texts=texts,
        blocks=[
            message,
            {
                **_input(
                    "confirm",
                    review_text("modal.info.confirm"),
                    {
                        "type": "checkboxes",
                        "options": [_option(YES, review_text(f"{texts}.confirm_option"))],
                    },
                ),
                "optional": True,
            },
        ],
    )


def _parse_message_form(view: dict[str, Any], field: str) -> tuple[str, bool]:
    values = (view.get("state") or {}).get("values") or {}
    message = _typed(values, field)
    confirmed = any(o.get("value") == YES for o in _value(values, "confirm").get("selected_options") or [])
    return message, confirmed


def build_close_modal(ref: CaseRef, *, channel: str) -> dict[str, Any]:
    """The modal closing a case: the reason (out of scope, duplicate, police, other) and a free text."""
    reasons = {
        "type": "radio_buttons",
        "options": [_option(r, DESK[f"close_reason.{r}"]) for r in REVIEWER_REASONS],
    }
    return _modal(
        ref,
        channel=channel,
        callback_id=CLOSE_CALLBACK,
        texts="modal.close",
        blocks=[
            _input("reason", review_text("modal.close.reason"), reasons),
            {**_text_input("note", review_text("modal.close.note"), max_length=NOTE_LIMIT), "optional": True},
        ],
    )


def parse_close_form(view: dict[str, Any]) -> tuple[str, str]:
    """(reason, note) from a view_submission's state (empty where nothing was chosen or typed)."""
    values = (view.get("state") or {}).get("values") or {}
    reason = (_value(values, "reason").get("selected_option") or {}).get("value")
    return str(reason or ""), _typed(values, "note")
