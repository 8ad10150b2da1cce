"""Sealed JSON columns (`*_enc`): a value serialised and encrypted with the service's key, opened only by
the accessors of the column (never by hand).

The key stays in the domain (`bot.crypto.PiiCipher`); storage only needs something that seals and opens
bytes. A database opened with one carries it on every session (`session.info`), for repositories such as
the audit log whose callers do not hand it over.
"""

from __future__ import annotations

from typing import Any, Protocol

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

SEALER = "kasuhara_sealer"


class Sealer(Protocol):
    """Encrypts and decrypts bytes (the service's PiiCipher)."""

    def encrypt_bytes(self, plaintext: bytes) -> bytes:
        """Ciphertext of bytes."""
        ...

    def decrypt_bytes(self, token: bytes) -> bytes:
        """The bytes sealed in a ciphertext."""
        ...


def seal_json(sealer: Sealer, value: Any) -> bytes:
    """`value` as JSON, encrypted."""
    return sealer.encrypt_bytes(orjson.dumps(value))


def open_json(sealer: Sealer, token: bytes) -> Any:
    """The value sealed by `seal_json`."""
    return orjson.loads(sealer.decrypt_bytes(token))


def session_sealer(session: AsyncSession) -> Sealer:
    """The sealer of the database the session belongs to; an error names the missing key."""
    sealer: Sealer | None = session.info.get(SEALER)
    if sealer is None:
        raise RuntimeError("the database was opened without the encryption key (PII_ENCRYPTION_KEYS)")
    return sealer
