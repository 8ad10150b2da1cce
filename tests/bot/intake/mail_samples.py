"""Sample mails as the desk receives them: built with the standard library, or written byte by byte for
the broken ones."""

from __future__ import annotations

import base64
from email.header import Header
from email.message import EmailMessage
from email.utils import format_datetime

from tests.clock import TEST_NOW

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 200 + b"\xff\xd9"
STORY = "駅前店の受付で、職員の説明が足りず30分待たされました。改善をお願いします。"


def japanese_client_mail(
    *,
    sender: str = "hanako@example.jp",
    message_id: str = "<20261130100000.1234@mail.example.jp>",
    body: str = STORY,
    subject: str = "駅前店の対応について",
    attachment: bytes | None = JPEG,
    in_reply_to: str | None = None,
    references: str | None = None,
    extra_headers: dict[str, str] | None = None,
) -> bytes:
    """A mail as a common Japanese client writes it: ISO-2022-JP in 7 bits, encoded-word headers, a photo
    attached in base64."""
    jis_name = Header("山田 花子", "iso-2022-jp").encode()
    headers = [
        f"From: {jis_name} <{sender}>",
        "To: desk@desk.localhost",
        f"Subject: {Header(subject, 'iso-2022-jp').encode()}",
        f"Date: {format_datetime(TEST_NOW)}",
        f"Message-ID: {message_id}",
        "MIME-Version: 1.0",
        "X-Mailer: Becky! ver. 2.81",
    ]
    if in_reply_to:
        headers.append(f"In-Reply-To: {in_reply_to}")
    if references:
        headers.append(f"References: {references}")
    headers += [f"{name}: {value}" for name, value in (extra_headers or {}).items()]
    text = (
        b"Content-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
        + body.replace("\n", "\r\n").encode("iso2022_jp")
        + b"\r\n"
    )
    if attachment is None:
        return ("\r\n".join(headers) + "\r\n").encode("ascii") + text
    photo_name = Header("店内の写真.jpg", "iso-2022-jp").encode()
    parts = (
        b"--BOUNDARY_001\r\n"
        + text
        + b"--BOUNDARY_001\r\n"
        + f'Content-Type: image/jpeg; name="{photo_name}"\r\n'.encode("ascii")
        + b"Content-Transfer-Encoding: base64\r\n"
        + f'Content-Disposition: attachment; filename="{photo_name}"\r\n\r\n'.encode("ascii")
        + base64.encodebytes(attachment).replace(b"\n", b"\r\n")
        + b"--BOUNDARY_001--\r\n"
    )
    head = "\r\n".join(headers) + '\r\nContent-Type: multipart/mixed; boundary="BOUNDARY_001"\r\n\r\n'
    return head.encode("ascii") + parts


def simple_mail(
    body: str | bytes,
    *,
    sender: str = "taro@example.com",
    subject: str = "ご意見",
    message_id: str = "<simple-1@example.com>",
    charset: str | None = "utf-8",
    cte: str = "8bit",
    subtype: str = "plain",
    extra_headers: dict[str, str] | None = None,
) -> bytes:
    """A one-part mail whose body bytes and declarations are given as they are (right or wrong)."""
    data = body if isinstance(body, bytes) else body.encode("utf-8")
    if cte == "base64":
        data = base64.encodebytes(data)
    content_type = f"text/{subtype}" + (f"; charset={charset}" if charset else "")
    headers = {
        "From": sender,
        "To": "desk@desk.localhost",
        "Subject": str(Header(subject, "utf-8").encode()),
        "Date": format_datetime(TEST_NOW),
        "Message-ID": message_id,
        "MIME-Version": "1.0",
        "Content-Type": content_type,
        "Content-Transfer-Encoding": cte,
        **(extra_headers or {}),
    }
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    return head.encode("ascii") + b"\r\n" + data


def built_mail(**fields: object) -> EmailMessage:
    """An EmailMessage with the usual headers (the caller adds the content)."""
    message = EmailMessage()
    message["From"] = str(fields.get("sender", "jiro@example.net"))
    message["To"] = "desk@desk.localhost"
    message["Subject"] = str(fields.get("subject", "ご意見"))
    message["Date"] = format_datetime(TEST_NOW)
    message["Message-ID"] = str(fields.get("message_id", "<built-1@example.net>"))
    return message


def bounce_of(desk_message_id: str, *, message_id: str = "<bounce-1@mx.example.jp>") -> bytes:
    """A delivery status report (RFC 3464) about a mail of the desk's, with its headers returned."""
    return (
        "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.jp>\r\n"
        "To: desk@desk.localhost\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        f"Message-ID: {message_id}\r\n"
        "Return-Path: <>\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="RPT"\r\n\r\n'
        "--RPT\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
        "This is the mail system. Your message could not be delivered.\r\n"
        "--RPT\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.jp\r\n\r\n"
        "Final-Recipient: rfc822; hanako@example.jp\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
        "--RPT\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        "From: desk@desk.localhost\r\nTo: hanako@example.jp\r\n"
        f"Message-ID: {desk_message_id}\r\nSubject: Re: x\r\n\r\n"
        "--RPT--\r\n"
    ).encode("ascii")


def auto_reply_to(desk_message_id: str, *, sender: str = "hanako@example.jp") -> bytes:
    """An out-of-office answer to a mail of the desk's (RFC 3834)."""
    return simple_mail(
        "ただいま不在にしております。12月7日以降に確認いたします。",
        sender=sender,
        subject="自動応答: Re: 駅前店の対応について",
        message_id="<ooo-1@mail.example.jp>",
        extra_headers={"Auto-Submitted": "auto-replied", "In-Reply-To": desk_message_id},
    )
