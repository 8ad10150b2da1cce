"""A `complainant.message` effect drawn as an e-mail (RFC 5322, UTF-8, Japanese headers encoded)."""

from __future__ import annotations

from datetime import datetime
from email import policy
from email.errors import HeaderDefect, MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from bot.calendar import TOKYO

# RFC 3834: a mail the desk sends by itself (the threat notice), not one a reviewer wrote; the second
# header keeps Exchange's out-of-office replies from answering it.
AUTO_REPLY_HEADERS = {"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"}


class BadMail(ValueError):
    """The effect cannot be drawn as a mail (an address or a header that is not valid); says which part,
    never its value."""


def build_mail(payload: dict[str, Any], *, sender: Address, now: datetime) -> EmailMessage:
    """The mail of a `complainant.message` effect: its texts in one plain-text body."""
    mail: dict[str, Any] = payload.get("mail") or {}
    if not mail.get("message_id"):
        raise BadMail("the effect has no Message-ID")
    try:
        recipient = Address(addr_spec=str(payload["to"]))
    except (ValueError, IndexError, MessageError, HeaderDefect):
        raise BadMail("the complainant's address is not an e-mail address") from None
    message = EmailMessage(policy=policy.SMTP)
    try:
        message["From"] = sender
        message["To"] = recipient
        message["Subject"] = str(mail.get("subject") or "")
        message["Date"] = format_datetime(now.astimezone(TOKYO))
        message["Message-ID"] = str(mail["message_id"])
        if mail.get("in_reply_to"):
            message["In-Reply-To"] = str(mail["in_reply_to"])
        if mail.get("references"):
            message["References"] = " ".join(str(r) for r in mail["references"])
        if mail.get("auto_reply"):
            for name, value in AUTO_REPLY_HEADERS.items():
                message[name] = value
    except (ValueError, MessageError, HeaderDefect) as exc:
        raise BadMail(f"a header of the mail is not valid ({type(exc).__name__})") from None
    texts = [str(m["text"]) for m in payload.get("messages") or [] if m.get("text")]
    message.set_content("\n\n".join(texts) + "\n", charset="utf-8")
    return message
