"""The dialogue's messages to the complainant: questions with choices (buttons whose data comes back when
pressed) and the date-time picker, as bot.outbox.effects describes them; the channel's sender draws them."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlencode

from bot.calendar import TOKYO
from bot.cases.items import ReportItems
from bot.dialogue.machine import Step
from bot.dialogue.texts import dialogue_text

MAX_CHOICES = 13  # what a LINE message shows: a list of shops keeps room for the skip button
POSTBACK_PREFIX = "kh"


def postback_data(**values: object) -> str:
    """The data of a postback button, e.g. `kh=answer&s=feedback&v=yes&c=12`."""
    return urlencode({POSTBACK_PREFIX: "1", **{k: str(v) for k, v in values.items()}})


def parse_postback(data: str) -> dict[str, str] | None:
    """The values of one of our postbacks, or None for anything else."""
    parsed = {k: v[0] for k, v in parse_qs(data or "", keep_blank_values=True).items()}
    return parsed if parsed.get(POSTBACK_PREFIX) == "1" else None


def _choice(label: str, data: str) -> dict[str, Any]:
    return {"label": label, "data": data}


def _text(body: str, choices: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {"text": body}
    if choices:
        message["choices"] = choices
    return message


def text_message(body: str) -> dict[str, Any]:
    """A plain text message."""
    return _text(body)


def question_message(
    step: Step,
    *,
    language: str,
    tenant: str,
    case_id: int,
    items: ReportItems,
    shops: list[str],
    now: datetime,
) -> dict[str, Any]:
    """The question of a step, with its buttons (each question can be skipped)."""

    def button(key: str, value: str) -> dict[str, Any]:
        return _choice(
            dialogue_text(language, key), postback_data(a="answer", s=step.value, v=value, c=case_id)
        )

    skip = button("button.skip", "skip")
    if step == Step.CONFIRM:
        body = dialogue_text(language, "ask.confirm", summary=summary(items, language=language))
        return _text(
            body,
            [
                button("button.submit", "submit"),
                button("button.restart", "restart"),
                button("button.cancel", "cancel"),
            ],
        )
    if step == Step.ANONYMITY:
        choices = [button("button.named", "named"), button("button.anonymous", "anonymous"), skip]
    elif step in (Step.FEEDBACK, Step.CONSENT):
        choices = [button("button.yes", "yes"), button("button.no", "no"), skip]
    elif step == Step.PLACE and shops:
        picks = [
            _choice(shop, postback_data(a="answer", s=step.value, v="shop", i=i, c=case_id))
            for i, shop in enumerate(shops[: MAX_CHOICES - 1])
        ]
        return _text(dialogue_text(language, "ask.place_list", tenant=tenant), [*picks, skip])
    elif step == Step.WHEN:
        latest = now.astimezone(TOKYO).strftime("%Y-%m-%dT%H:%M")
        picker = {
            "label": dialogue_text(language, "button.pick_datetime"),
            "data": postback_data(a="answer", s=step.value, v="picked", c=case_id),
            "pick": "datetime",
            "latest": latest,
        }
        choices = [picker, skip]
    else:
        choices = [skip]
    return _text(dialogue_text(language, f"ask.{step.value}", tenant=tenant), choices)


def summary(items: ReportItems, *, language: str) -> str:
    """The review text shown before submitting (the complainant's own data, shown back to them)."""

    def label(key: str) -> str:
        return dialogue_text(language, f"label.{key}")

    none = label("none")

    def yes_no(value: bool | None) -> str:
        return none if value is None else label("yes" if value else "no")

    if items.anonymous is None:
        who = none
    else:
        who = label("anonymous") if items.anonymous else f"{label('named')}: {items.name or none}"
    contact = " / ".join(x for x in (items.phone, items.email) if x) or none
    lines = [
        f"・{label('name')}: {who}",
        f"・{label('contact')}: {contact}",
        f"・{label('place')}: {items.place or none}",
        f"・{label('staff')}: {items.staff or none}",
        f"・{label('when')}: {format_when(items) or none}",
        f"・{label('what')}: {_short(items.what_happened) or none}",
        f"・{label('wanted')}: {_short(items.wanted) or none}",
        f"・{label('feedback')}: {yes_no(items.feedback_wanted)}",
    ]
    if items.name or items.phone or items.email:
        lines.append(f"・{label('consent')}: {yes_no(items.consent_to_disclose)}")
    return "\n".join(lines)


def format_when(items: ReportItems) -> str | None:
    """When it happened as understood (JST), with the complainant's words when they gave any."""
    understood = None
    if items.occurred_at is not None:
        local = items.occurred_at.astimezone(TOKYO)
        understood = (
            f"{local:%Y-%m-%d %H:%M}" if (local.hour, local.minute) != (0, 0) else f"{local:%Y-%m-%d}"
        )
    if understood and items.occurred_text:
        return f"{understood}（{_short(items.occurred_text, 60)}）"
    return understood or items.occurred_text


def _short(text: str | None, limit: int = 200) -> str | None:
    if text is None:
        return None
    return text if len(text) <= limit else text[:limit] + "…"


def welcome_message(body: str, *, language: str) -> dict[str, Any]:
    """The welcome (policy) with a button to switch language: English from Japanese, 日本語 from English."""
    switch = (
        _choice("English", postback_data(a="lang", v="en"))
        if language != "en"
        else _choice("日本語", postback_data(a="lang", v="ja"))
    )
    return _text(body, [switch])
