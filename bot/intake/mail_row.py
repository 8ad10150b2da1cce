"""The inbox row of one fetched mail, as the IMAP poller stores it and the worker reads it."""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime
from typing import Any

import orjson

from bot.crypto import PiiCipher
from bot.intake.mail_parse import mail_identity
from storage.repos import inbox

MAIL = "mail"  # the inbox source, its event type and the case channel


def contact_hash_of(cipher: PiiCipher, address: str) -> str:
    """The keyed hash a complainant is known by from their e-mail address (the web form's key too)."""
    return cipher.lookup_hash("contact:email:" + address.lower())


def mail_inbox_row(
    cipher: PiiCipher, *, tenant_id: int, raw: bytes, mailbox: str, uid: int, now: datetime
) -> dict[str, Any]:
    """The row for `raw` (RFC 822 bytes) fetched from `mailbox` under `uid`: one per Message-ID (the raw
    bytes' digest when it has none), in order per sender."""
    message_id, address = mail_identity(raw)
    digest = hashlib.sha256(message_id.encode("utf-8") if message_id else raw).hexdigest()
    who = contact_hash_of(cipher, address) if address else cipher.lookup_hash(f"mail:raw:{digest}")
    payload = {
        "raw_b64": base64.b64encode(raw).decode("ascii"),
        "mailbox": mailbox,
        "uid": uid,
        "fetched_at": now.isoformat(),
    }
    return {
        "source": MAIL,
        "event_id": f"{tenant_id}:mail:{digest[:40]}",
        "tenant_id": tenant_id,
        "partition_key": f"mail:{tenant_id}:{who[:32]}",
        "event_type": MAIL,
        "payload_enc": cipher.encrypt_bytes(orjson.dumps(payload)),
        "status": inbox.PENDING,
        "attempts": 0,
        "last_error": None,
        "received_at": now,
    }
