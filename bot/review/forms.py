"""What reviewers submit and who they are: the verdict form and its checks, refusals, the acting user."""

from __future__ import annotations

from dataclasses import dataclass

from bot.cases.lifecycle import NOTE_LIMIT, REVIEWER_REASONS
from bot.review.texts import review_text
from bot.texts import DESK

LABELS = ("legitimate", "harassment", "threat", "out_of_scope")
BEHAVIOUR_TYPES = tuple(key.removeprefix("type.") for key in DESK if key.startswith("type."))
DECIDED = ("decided", "reported")
TEXT_LIMITS = {"opinion": (10, 3000), "advice": (10, 3000), "recommendation": (2, 1000)}
QUESTION_LIMITS = (5, 1000)
FEEDBACK_LIMITS = (10, 1000)


class ReviewError(Exception):
    """A refusal with a message for the person who asked."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FormInvalid(Exception):
    """Field errors of a submitted form, by field (block) id."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(", ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Actor:
    """Who acts, and which tenants' cases they may touch (None: every tenant, the desk's reviewers)."""

    user_id: str
    is_admin: bool = False
    tenant_ids: tuple[int, ...] | None = None
    tenant_names: str = ""

    @property
    def audit_name(self) -> str:
        return f"slack:{self.user_id}"


@dataclass(frozen=True)
class VerdictForm:
    """What the verdict modal submitted (None where a choice was not made)."""

    label: str | None
    types: tuple[str, ...]
    opinion: str
    advice: str
    recommendation: str
    feedback: bool | None
    police: bool | None
    police_reference: str


@dataclass(frozen=True)
class CaseRef:
    """A case as a modal needs it: number, tenant and the prefill of the verdict."""

    number: str
    tenant_name: str
    label: str | None
    types: tuple[str, ...]


def validate_verdict(form: VerdictForm, *, feedback_allowed: bool) -> dict[str, str]:
    """Field errors of a verdict form (empty when valid)."""
    errors: dict[str, str] = {}
    if form.label not in LABELS:
        errors["label"] = review_text("invalid.label")
    if any(t not in BEHAVIOUR_TYPES for t in form.types):
        errors["types"] = review_text("invalid.types")
    for name, (low, high) in TEXT_LIMITS.items():
        value = getattr(form, name).strip()
        if not value:
            errors[name] = review_text("invalid.required")
        elif len(value) < low:
            errors[name] = review_text("invalid.too_short", min=low)
        elif len(value) > high:
            errors[name] = review_text("invalid.too_long", max=high)
    if form.feedback is None:
        errors["feedback"] = review_text("invalid.choice")
    elif form.feedback and not feedback_allowed:
        errors["feedback"] = review_text("invalid.feedback_not_allowed")
    reference = form.police_reference.strip()
    if form.police is None:
        errors["police"] = review_text("invalid.choice")
    elif form.police and not reference:
        errors["police_reference"] = review_text("invalid.police_reference")
    elif not form.police and reference:
        errors["police_reference"] = review_text("invalid.reference_without_report")
    if len(reference) > 120:
        errors["police_reference"] = review_text("invalid.too_long", max=120)
    return errors


def check_message(field: str, body: str, limits: tuple[int, int], *, confirmed: bool) -> None:
    """Refuse a message for the complainant that is too short, too long or not confirmed (FormInvalid)."""
    errors: dict[str, str] = {}
    low, high = limits
    if len(body) < low:
        errors[field] = review_text("invalid.too_short", min=low)
    elif len(body) > high:
        errors[field] = review_text("invalid.too_long", max=high)
    if not confirmed:
        errors["confirm"] = review_text("invalid.confirm")
    if errors:
        raise FormInvalid(errors)


def validate_close(reason: str, note: str) -> dict[str, str]:
    """Field errors of a close (empty when valid): a reviewer's reason, a text for "other", not too long."""
    errors: dict[str, str] = {}
    if reason not in REVIEWER_REASONS:
        errors["reason"] = review_text("invalid.close_reason")
    if reason == "other" and not note.strip():
        errors["note"] = review_text("invalid.close_note")
    elif len(note.strip()) > NOTE_LIMIT:
        errors["note"] = review_text("invalid.too_long", max=NOTE_LIMIT)
    return errors
