"""Facts taken from free text: phone numbers, e-mail addresses, a shop of the tenant's list, a time."""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from bot.dialogue.when import FutureDateError, When, parse_when

# A run of digits that looks meant as a phone number (8+ characters with separators; a space only before a
# digit). The same matches as `\+?\(?\d(?:[<C>]| (?=\d)){6,}\d`, <C> the digits and separators, written so
# that a run of them is taken in one step of the repeat, not one per character (the regex engine keeps a
# frame for each: a million digits took 140 ms); the lookahead asks for a digit after the six characters.
_PHONE_CHARS = r"\d\-‐‑–ー()"
_PHONE_CANDIDATE = re.compile(
    rf"\+?\(?\d(?=(?:[{_PHONE_CHARS}]| (?=\d)){{6}}[\-‐‑–ー()]* ?\d)(?:[{_PHONE_CHARS}]+| (?=\d))*\d"
)
_BRANCH_SUFFIXES = ("支店", "店舗", "店", "営業所", "branch", "store", "shop")
# The characters of an e-mail candidate: before its first @ (the local part) and after it (the domain; a
# further @ is taken in, so that taro@@example.com is reported whole).
_LOCAL_CHARS = frozenset(string.ascii_letters + string.digits + "._%+-")
_DOMAIN_CHARS = frozenset(string.ascii_letters + string.digits + ".-@_")


@dataclass
class Contact:
    """Validated contact details found in a text, and candidates that did not validate."""

    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    bad_phones: list[str] = field(default_factory=list)
    bad_emails: list[str] = field(default_factory=list)


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def find_contact(text: str) -> Contact:
    """Phone numbers (Japanese numbering by default, validated) and e-mail addresses (syntax checked)."""
    plain = _plain(text)
    found = Contact()
    spans = _email_spans(plain)
    for candidate in _email_candidates(plain, spans):
        try:
            found.emails.append(validate_email(candidate, check_deliverability=False).normalized)
        except EmailNotValidError:
            found.bad_emails.append(candidate)
    for candidate in _PHONE_CANDIDATE.findall(_blank(plain, spans)):
        phone = _phone(candidate)
        if phone is None and " " in candidate:
            # Numbers written side by side: each on its own.
            parts = [p for p in candidate.split(" ") if len(re.sub(r"\D", "", p)) >= 8]
            for part in parts:
                _add_phone(found, part, _phone(part))
            continue
        _add_phone(found, candidate, phone)
    return found


def _add_phone(found: Contact, candidate: str, phone: str | None) -> None:
    digits = re.sub(r"\D", "", candidate)
    if len(digits) < 8 or _looks_like_date(candidate):
        return
    if phone is None:
        found.bad_phones.append(candidate.strip())
    else:
        found.phones.append(phone)


def _phone(candidate: str) -> str | None:
    """A valid phone number (Japanese numbering unless it starts with +), formatted; else None."""
    try:
        number = phonenumbers.parse(candidate.replace("ー", "-"), "JP")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    national = phonenumbers.region_code_for_number(number) == "JP"
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL if national else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def _email_spans(plain: str) -> list[tuple[int, int]]:
    """[start, end) of every ASCII run with an @ in it (so that a malformed address is reported, not ignored).

    Found from each @ outwards: local-part characters before it (not reaching back into the previous
    candidate), domain characters after it. The same runs as `[A-Za-z0-9._%+\\-]*@[A-Za-z0-9.\\-@_]*` with
    findall, whose scan from every start of a long run without an @ costs quadratic time.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    while (at := plain.find("@", pos)) >= 0:
        start = at
        while start > pos and plain[start - 1] in _LOCAL_CHARS:
            start -= 1
        end = at + 1
        while end < len(plain) and plain[end] in _DOMAIN_CHARS:
            end += 1
        spans.append((start, end))
        pos = end
    return spans


def _email_candidates(plain: str, spans: list[tuple[int, int]]) -> list[str]:
    return [plain[a:b].strip(".") for a, b in spans]


def _blank(plain: str, spans: list[tuple[int, int]]) -> str:
    """`plain` with each e-mail candidate replaced by a space (its digits are not a phone number)."""
    pieces: list[str] = []
    pos = 0
    for a, b in spans:
        pieces += [plain[pos:a], " "]
        pos = b
    pieces.append(plain[pos:])
    return "".join(pieces)


def _looks_like_date(candidate: str) -> bool:
    return re.fullmatch(r"\s*20\d\d[-/.]\d{1,2}[-/.]\d{1,2}\s*", candidate) is not None


def _key(text: str) -> str:
    return re.sub(r"\s+", "", _plain(text).lower())


def _stem(name: str) -> str:
    key = _key(name)
    for suffix in _BRANCH_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            return key[: -len(suffix)]
    return key


def find_shop(text: str, shops: list[str]) -> str | None:
    """The tenant's shop named in the text (by its name, or its name without 店/支店/branch)."""
    key = _key(text)
    best: str | None = None
    for shop in shops:
        stem = _stem(shop)
        named = _key(shop) in key or (stem and stem in key)
        if named and (best is None or len(_key(shop)) > len(_key(best))):
            best = shop
    return best


def find_when(text: str, *, now: datetime) -> When | None:
    """A time in the text, or None (also when it lies in the future: the first message is not refused)."""
    try:
        return parse_when(text, now=now)
    except FutureDateError:
        return None
