"""Re-encrypting everything stored encrypted under the newest key of PII_ENCRYPTION_KEYS."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.crypto import PiiCipher
from storage.db import Database
from storage.models import (
    AuditEntry,
    Case,
    Complainant,
    Evidence,
    InboxEvent,
    Message,
    OutboxEffect,
    Tenant,
    Verdict,
)

ENCRYPTED_COLUMNS: dict[Any, tuple[str, ...]] = {
    Tenant: ("line_channel_secret_enc", "line_access_token_enc"),
    Complainant: ("line_user_id_enc", "contact_enc"),
    Message: ("body_enc",),
    InboxEvent: ("payload_enc",),
    OutboxEffect: ("payload_enc",),
    Case: ("intake_enc", "assessment_enc"),
    Verdict: ("texts_enc",),
    AuditEntry: ("before_enc", "after_enc"),
    Evidence: ("file_name_enc",),
}


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
