"""What the settings open: the database, with the audit log's chain key and the service's sealer."""

from __future__ import annotations

from bot.config import Settings
from bot.crypto import PiiCipher, audit_chain_key, cipher_from
from storage.db import Database, open_database


def audit_key_of(settings: Settings) -> bytes | None:
    """The audit chain key of these settings (None without PII_HASH_KEY: no entry can then be written)."""
    hash_key = settings.pii_hash_key.get_secret_value()
    return audit_chain_key(hash_key) if hash_key else None


def sealer_of(settings: Settings) -> PiiCipher | None:
    """The service's cipher, which seals the sealed columns (None without the keys: the sealed columns can
    then be neither written nor read; malformed keys are a ConfigError)."""
    if not (settings.pii_encryption_keys.get_secret_value() and settings.pii_hash_key.get_secret_value()):
        return None
    return cipher_from(settings)


def open_service_database(settings: Settings) -> Database:
    """The database of `settings`: its audit entries chained under the key of PII_HASH_KEY, its sealed
    columns sealed with the service's cipher (PII_ENCRYPTION_KEYS)."""
    return open_database(
        settings.database_url,
        search_path=settings.database_schema,
        audit_key=audit_key_of(settings),
        sealer=sealer_of(settings),
    )
