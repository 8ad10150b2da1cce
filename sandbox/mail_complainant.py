"""A complainant's mail as a common Japanese mail client writes it: ISO-2022-JP in 7 bits, encoded-word
headers, a photo attached in base64."""

from __future__ import annotations

import io
from datetime import datetime
from email import policy
from email.header import Header
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, make_msgid

from PIL import Image, ImageDraw

JIS = "iso-2022-jp"


def small_photo() -> bytes:
    """A small JPEG (a counter and a queue of people, drawn), as a phone would attach a photo."""
    image = Image.new("RGB", (160, 120), (214, 205, 190))
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 70, 150, 110), fill=(120, 90, 60))  # the counter
    for x in range(20, 140, 24):
        draw.ellipse((x, 30, x + 14, 44), fill=(60, 60, 70))  # heads in the queue
        draw.rectangle((x, 44, x + 14, 70), fill=(70, 80, 110))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=70)
    return out.getvalue()


def japanese_client_mail(
    *,
    sender_name: str,
    sender: str,
    to: str,
    subject: str,
    body: str,
    photo: bytes,
    photo_name: str,
    date: datetime,
    message_id: str | None = None,
) -> bytes:
    """The raw mail (CRLF line ends), with the photo attached under `photo_name`."""
    message = MIMEMultipart()
    message["From"] = formataddr((sender_name, sender), charset=JIS)
    message["To"] = to
    message["Subject"] = Header(subject, JIS, header_name="Subject").encode()
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id or make_msgid(domain=sender.rpartition("@")[2])
    message["X-Mailer"] = "Becky! ver. 2.81"
    message.attach(MIMEText(body, "plain", JIS))
    photo_part = MIMEImage(photo, "jpeg", name=Header(photo_name, JIS).encode())
    photo_part.add_header("Content-Disposition", "attachment", filename=Header(photo_name, JIS).encode())
    message.attach(photo_part)
    return message.as_bytes(policy=policy.compat32.clone(linesep="\r\n"))
