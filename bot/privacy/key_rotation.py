"""Re-encrypting everything stored encrypted under the newest key of PII_ENCRYPTION_KEYS."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.crypto import PiiCipher
from storage.db import Database
from storage.models import Base, InboxEvent

SEALED_SUFFIX = "_enc"  # every column sealed with PII_ENCRYPTION_KEYS is named so


def _sealed_columns() -> dict[Any, tuple[str, ...]]:
    """Each mapped model with its sealed columns, read from the models: a column added later is rotated too
    (the tenants' IMAP passwords and the desk's models were once missed by a hand-kept list)."""
    found = {}
    for mapper in Base.registry.mappers:
        columns = tuple(c.key for c in mapper.columns if c.key.endswith(SEALED_SUFFIX))
        if columns:
            found[mapper.class_] = columns
    return found


ENCRYPTED_COLUMNS: dict[Any, tuple[str, ...]] = _sealed_columns()


async def rotate_all(db: Database, cipher: PiiCipher, *, batch_size: int = 500) -> int:
    """Re-seal every value not yet under the newest key, one batch per transaction; returns how many."""
    rewritten = 0
    for model, columns in ENCRYPTED_COLUMNS.items():
        scope = db.inbox_transaction if model is InboxEvent else db.transaction
        last_id = 0
        while True:
            async with scope() as session:
                rows = list(
                    await session.scalars(
                        select(model).where(model.id > last_id).order_by(model.id).limit(batch_size)
                    )
                )
                for row in rows:
                    for column in columns:
                        value = getattr(row, column)
                        if value is not None and cipher.needs_rotation(value):
                            setattr(row, column, cipher.rotate(value))
                            rewritten += 1
            if len(rows) < batch_size:
                break
            last_id = rows[-1].id
    return rewritten
