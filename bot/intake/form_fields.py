"""The web form's fields read into the report items, with an error per field the complainant must fix.

Pure: the handler hands over the submitted text fields as strings; nothing here knows HTTP. Every error
is a key of the form's catalog (bot.intake.form_texts) with its values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from bot.calendar import TOKYO
from bot.cases.items import ReportItems
from bot.valid_text import valid_text

WHAT_MAX = 8000
WANTED_MAX = 2000
SHORT_MAX = 100
SHOP_MAX = 60
OTHER_SHOP = "__other__"
# The fields, in the order of the page (the error summary follows it).
FIELDS = (
    "anonymity",
    "name",
    "phone",
    "email",
    "shop",
    "shop_other",
    "staff",
    "occurred",
    "what_happened",
    "wanted",
    "feedback",
    "consent",
    "attachments",
)
HONEYPOT = "website"


@dataclass(frozen=True)
class FieldError:
    """What is wrong with one field: a catalog key and its values."""

    key: str
    values: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class FormReading:
    """The submitted fields as typed (cleaned of what no database takes), and either the report items or
    the errors by field."""

    typed: dict[str, str]
    items: ReportItems | None
    errors: dict[str, FieldError]


def clean(value: str) -> str:
    """Text any encoder and database take: lone surrogates replaced, NULs dropped, line ends unified."""
    text: str = valid_text(value)
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")


def read_form(
    fields: Mapping[str, str], *, shops: list[str], feedback_allowed: bool, now: datetime
) -> FormReading:
    """The report items of a submission, or what must be fixed first."""
    typed = {name: clean(fields.get(name, "")) for name in FIELDS if name != "attachments"}
    errors: dict[str, FieldError] = {}

    def text_of(name: str, limit: int, *, required: bool = False) -> str | None:
        value = typed[name].strip()
        if not value:
            if required:
                errors[name] = FieldError("error.required")
            return None
        if len(value) > limit:
            errors[name] = FieldError("error.too_long", {"max": limit, "length": len(value)})
            return None
        return value

    anonymity = typed["anonymity"]
    if anonymity not in ("anonymous", "named"):
        errors["anonymity"] = FieldError("error.choose")
    name = text_of("name", SHORT_MAX)
    if anonymity == "anonymous" and name:
        errors["name"] = FieldError("error.name_anonymous")
    phone = _phone(text_of("phone", 30), errors)
    email = _email(text_of("email", 254), errors)
    place = _place(typed, shops, text_of("shop_other", SHOP_MAX), errors)
    staff = text_of("staff", SHORT_MAX)
    occurred = _occurred(typed["occurred"].strip(), now, errors)
    what = text_of("what_happened", WHAT_MAX, required=True)
    wanted = text_of("wanted", WANTED_MAX)
    feedback: bool | None = None
    if feedback_allowed and typed["feedback"] in ("yes", "no"):
        feedback = typed["feedback"] == "yes"
        if feedback and not email and "email" not in errors:
            errors["email"] = FieldError("error.feedback_email")
    if errors:
        return FormReading(typed=typed, items=None, errors=errors)
    items = ReportItems(
        anonymous=anonymity == "anonymous",
        name=name,
        phone=phone,
        email=email,
        place=place,
        staff=staff,
        occurred_at=occurred,
        what_happened=what,
        wanted=wanted,
        feedback_wanted=feedback,
        consent_to_disclose=typed["consent"] == "yes" if (name or phone or email) else None,
    )
    return FormReading(typed=typed, items=items, errors={})


def _phone(value: str | None, errors: dict[str, FieldError]) -> str | None:
    if value is None:
        return None
    try:
        number = phonenumbers.parse(value, "JP")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        errors["phone"] = FieldError("error.phone")
        return None
    national = number.country_code == 81
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL if national else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def _email(value: str | None, errors: dict[str, FieldError]) -> str | None:
    if value is None:
        return None
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        errors["email"] = FieldError("error.email")
        return None


def _place(
    typed: dict[str, str], shops: list[str], other: str | None, errors: dict[str, FieldError]
) -> str | None:
    """A shop from the tenant's list, or the complainant's own words for it."""
    chosen = typed["shop"].strip()
    if chosen and chosen != OTHER_SHOP:
        if chosen not in shops:
            errors["shop"] = FieldError("error.shop")
            return None
        return chosen
    if chosen == OTHER_SHOP and not other and "shop_other" not in errors:
        errors["shop_other"] = FieldError("error.shop")
    return other


def _occurred(value: str, now: datetime, errors: dict[str, FieldError]) -> datetime | None:
    """A browser's datetime-local value (Japan time), not later than now."""
    if not value:
        return None
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        errors["occurred"] = FieldError("error.occurred")
        return None
    if at.tzinfo is None:
        at = at.replace(tzinfo=TOKYO)
    if at > now + timedelta(minutes=10):
        errors["occurred"] = FieldError("error.occurred_future")
        return None
    if at.year < 2000:
        errors["occurred"] = FieldError("error.occurred")
        return None
    return at
