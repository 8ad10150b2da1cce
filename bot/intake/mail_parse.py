"""One stored mail (RFC 822 bytes) read into what intake needs; a broken mail gives what it holds and a
note, never an exception."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from email import errors, policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

from bot.intake.mail_text import decode_text, html_to_text, trim_for_classifier

# Notes on what could not be read as it should (the case opens anyway, the thread says so).
BROKEN_MIME = "broken_mime"
NO_TEXT = "no_text"
BAD_CHARSET = "bad_charset"
HTML_ONLY = "html_only"

# What kind of mail it is: one from a person, or one a machine sent back (opens no case).
PERSON = "person"
BOUNCE = "bounce"
AUTO_REPLY = "auto_reply"

_STRUCTURE_DEFECTS = (
    errors.NoBoundaryInMultipartDefect,
    errors.StartBoundaryNotFoundDefect,
    errors.CloseBoundaryNotFoundDefect,
    errors.MultipartInvariantViolationDefect,
    errors.InvalidBase64PaddingDefect,
    errors.InvalidBase64CharactersDefect,
    errors.InvalidBase64LengthDefect,
    errors.MissingHeaderBodySeparatorDefect,
)
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_MACHINE_SENDERS = re.compile(r"^(no-?reply|do-?not-?reply|mailer-daemon|postmaster)([+.\-_].*)?@", re.I)
_BOUNCE_SENDERS = re.compile(r"^(mailer-daemon|postmaster)([+.\-_].*)?@", re.I)


@dataclass(frozen=True)
class MailAttachment:
    """A part of the mail that is a file: its name, type and bytes."""

    name: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class ParsedMail:
    """What a mail says and what kind it is (its personal data left out of its repr, never logged)."""

    message_id: str | None
    in_reply_to: list[str]
    references: list[str]
    from_address: str | None = field(repr=False)
    from_name: str = field(repr=False)
    subject: str = field(repr=False)
    date: datetime | None
    body: str = field(repr=False)  # the text as written (quotes and signature included)
    text: str = field(repr=False)  # the complainant's own words, for the classifier
    attachments: list[MailAttachment] = field(repr=False)
    kind: str  # PERSON, BOUNCE or AUTO_REPLY
    no_answer: list[str]  # why no automatic answer may go to it (RFC 3834), empty when one may
    returned_ids: list[str]  # the Message-IDs of the mail a bounce brings back
    notes: list[str] = field(default_factory=list)

    def named_ids(self) -> list[str]:
        """The Message-IDs this mail answers or brings back, the latest first."""
        ids = [*self.in_reply_to, *reversed(self.references), *self.returned_ids]
        return list(dict.fromkeys(ids))


def parse_mail(raw: bytes) -> ParsedMail:
    """The mail's headers, texts, files and signals; never raises on bad input."""
    try:
        return _parse(raw, headers_only=False)
    except RecursionError:  # parts nested deeper than the email package can parse or walk
        return _parse(raw, headers_only=True)


def _parse(raw: bytes, *, headers_only: bool) -> ParsedMail:
    message = BytesParser(policy=policy.default).parsebytes(raw, headersonly=headers_only)
    reading = _Reading()
    if headers_only:
        reading.notes.add(BROKEN_MIME)
    try:
        reading.walk(message)
    except Exception:  # a part the email package cannot take apart: keep what was read so far
        reading.notes.add(BROKEN_MIME)
    body = _body(reading)
    if any(isinstance(d, _STRUCTURE_DEFECTS) for d in _all_defects(message)):
        reading.notes.add(BROKEN_MIME)
    address, name = _sender(message)
    no_answer = _no_answer_reasons(message, address, reading)
    kind = _kind(message, address, reading)
    return ParsedMail(
        message_id=_first_id(_header(message, "message-id")),
        in_reply_to=_ids(_header(message, "in-reply-to")),
        references=_ids(_header(message, "references")),
        from_address=address,
        from_name=name,
        subject=_header(message, "subject").strip(),
        date=_date(_header(message, "date")),
        body=body,
        text=trim_for_classifier(body) if body else "",
        attachments=reading.attachments,
        kind=kind,
        no_answer=no_answer,
        returned_ids=reading.returned_ids,
        notes=sorted(reading.notes),
    )


class _Reading:
    """The parts of a mail, walked once: texts, HTML texts, files, report parts."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.htmls: list[str] = []
        self.attachments: list[MailAttachment] = []
        self.returned_ids: list[str] = []
        self.delivery_status = False
        self.notes: set[str] = set()

    def walk(self, part: Message) -> None:
        content_type = part.get_content_type()
        if content_type == "message/delivery-status":
            self.delivery_status = True
            return
        if content_type in ("message/rfc822", "text/rfc822-headers"):
            self._returned(part)
        if part.get_content_maintype() == "multipart" and part.is_multipart():
            children = [c for c in part.get_payload() if isinstance(c, Message)]
            if part.get_content_subtype() == "alternative" and children:
                self.walk(_preferred(children))
                return
            for child in children:
                self.walk(child)
            return
        self._leaf(part)

    def _leaf(self, part: Message) -> None:
        if part.get_content_type() == "text/rfc822-headers":
            return  # a bounce's copy of the returned mail's headers (read by _returned)
        data = _payload_bytes(part)
        name = _file_name(part)
        content_type = part.get_content_type()
        inline_text = part.get_content_maintype() in ("text", "multipart") and not name
        if part.get_content_disposition() == "attachment" or not inline_text:
            self.attachments.append(MailAttachment(name=name, content_type=content_type, data=data))
            return
        text, wrong = decode_text(data, part.get_content_charset())
        if wrong:
            self.notes.add(BAD_CHARSET)
        if part.get_content_maintype() == "multipart":
            self.notes.add(BROKEN_MIME)  # a multipart without its parts: its raw text is what there is
        if part.get_content_subtype() == "html":
            self.htmls.append(text)
        elif text.strip():
            self.texts.append(text)

    def _returned(self, part: Message) -> None:
        """The Message-ID of the mail a bounce brings back (as a message or as its headers)."""
        inner = part.get_payload()
        if isinstance(inner, list) and inner and isinstance(inner[0], Message):
            found = _first_id(str(inner[0].get("message-id", "")))
        else:
            headers = BytesParser(policy=policy.default).parsebytes(_payload_bytes(part), headersonly=True)
            found = _first_id(str(headers.get("message-id", "")))
        if found:
            self.returned_ids.append(found)


def _preferred(children: list[Message]) -> Message:
    """Of an alternative's parts, the plain text if any, else the last (the richest, by RFC 2046)."""
    for child in children:
        if child.get_content_type() == "text/plain":
            return child
    return children[-1]


def _body(reading: _Reading) -> str:
    if reading.texts:
        return "\n\n".join(t.strip("\n") for t in reading.texts)
    htmls = [html_to_text(h) for h in reading.htmls]
    if any(htmls):
        reading.notes.add(HTML_ONLY)
        return "\n\n".join(h for h in htmls if h)
    reading.notes.add(NO_TEXT)
    return ""


def _payload_bytes(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if isinstance(data, bytes):
        return data
    inner = part.get_payload()
    if isinstance(inner, list) and inner and isinstance(inner[0], EmailMessage):
        try:
            return inner[0].as_bytes()  # an attached mail (message/rfc822), as it was
        except Exception:
            return b""
    raw = inner
    return raw.encode("utf-8", errors="surrogateescape") if isinstance(raw, str) else b""


def _file_name(part: Message) -> str:
    try:
        return str(part.get_filename() or "").strip()
    except Exception:
        return ""


def _all_defects(message: Message) -> list[errors.MessageDefect]:
    found: list[errors.MessageDefect] = []
    for part in message.walk():
        found.extend(getattr(part, "defects", []))
    return found


def _header(message: Message, name: str) -> str:
    """A header's decoded value; raw 8-bit bytes (a client that did not encode) read by detection."""
    try:
        value = message.get(name)
    except Exception:
        return ""
    if value is None:
        return ""
    text = str(value)
    if any("\udc80" <= c <= "\udcff" for c in text):
        data = text.encode("utf-8", errors="surrogateescape")
        text, _wrong = decode_text(data, None)
    return text


def _sender(message: Message) -> tuple[str | None, str]:
    """The From address (as written, lower-cased domain) and display name, if there is a usable one."""
    raw = _header(message, "from")
    for name, address in getaddresses([raw]):
        if "@" in address and " " not in address.strip():
            return address.strip(), name.strip()
    return None, ""


def _ids(value: str) -> list[str]:
    return _MESSAGE_ID.findall(value)


def _first_id(value: str) -> str | None:
    found = _MESSAGE_ID.findall(value)
    if found:
        return found[0]
    stripped = value.strip()
    return f"<{stripped}>" if stripped and " " not in stripped else None


def _date(value: str) -> datetime | None:
    try:
        return parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, IndexError):
        return None


def _no_answer_reasons(message: Message, address: str | None, reading: _Reading) -> list[str]:
    """Why an automatic answer must not go to this mail (RFC 3834 and the usual signs of a machine)."""
    reasons: list[str] = []
    auto = _header(message, "auto-submitted").strip().lower()
    if auto and not auto.startswith("no"):
        reasons.append("auto-submitted")
    if _header(message, "precedence").strip().lower() in ("bulk", "list", "junk", "auto_reply"):
        reasons.append("precedence")
    if _header(message, "list-id") or _header(message, "list-unsubscribe"):
        reasons.append("list")
    return_path = _header(message, "return-path")
    if return_path and return_path.strip().strip("<>").strip() == "":
        reasons.append("null-return-path")
    if _is_report(message, reading):
        reasons.append("delivery-report")
    if address is None:
        reasons.append("no-sender")
    elif _MACHINE_SENDERS.match(address):
        reasons.append("machine-sender")
    if _header(message, "x-auto-response-suppress") or _header(message, "x-autoreply"):
        reasons.append("auto-response-suppress")
    return reasons


def _is_report(message: Message, reading: _Reading) -> bool:
    return reading.delivery_status or message.get_content_type() == "multipart/report"


def _kind(message: Message, address: str | None, reading: _Reading) -> str:
    if _is_report(message, reading) or (address is not None and _BOUNCE_SENDERS.match(address)):
        return BOUNCE
    # An answer a machine wrote to a mail (RFC 3834 "auto-replied"); "auto-generated" mail is still read.
    replied = _header(message, "auto-submitted").strip().lower().startswith("auto-replied")
    if replied or _header(message, "x-autoreply") or _header(message, "x-autorespond"):
        return AUTO_REPLY
    if _header(message, "precedence").strip().lower() == "auto_reply":
        return AUTO_REPLY
    return PERSON


def mail_identity(raw: bytes) -> tuple[str | None, str | None]:
    """The mail's Message-ID and From address, read from its headers alone."""
    headers = BytesParser(policy=policy.default).parsebytes(raw, headersonly=True)
    return _first_id(_header(headers, "message-id")), _sender(headers)[0]
