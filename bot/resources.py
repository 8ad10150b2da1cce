"""What the settings open: the database (with the audit log's chain key) and the PII cipher."""

from __future__ import annotations

from bot.config import Settings
from bot.crypto import PiiCipher, audit_chain_key
from storage.db import Database, open_database


def audit_key_of(settings: Settings) -> bytes | None:
    """The audit chain key of these settings (None without PII_HASH_KEY: no entry can then be written)."""
    hash_key = settings.pii_hash_key.get_secret_value()
    return audit_chain_key(hash_key) if hash_key else None


def open_service_database(settings: Settings) -> Database:
    """The database of `settings`, its audit entries chained under the key of PII_HASH_KEY."""
    return open_database(
        settings.database_url, search_path=settings.database_schema, audit_key=audit_key_of(settings)
    )


def pii_cipher(settings: Settings) -> PiiCipher:
    """The cipher of PII_ENCRYPTION_KEYS and PII_HASH_KEY (ConfigError when they are missing)."""
    return PiiCipher(
        keys=settings.pii_encryption_keys.get_secret_value(),
        hash_key=settings.pii_hash_key.get_secret_value(),
    )
