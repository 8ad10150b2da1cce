"""Reads of personal data, audited as changes are: who read what, of which case, when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from storage.db import Database
from storage.repos import audit


async def audit_read(
    db: Database,
    *,
    at: datetime,
    actor: str,
    action: str,
    tenant_id: int | None = None,
    case_id: int | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Record a read in a writing transaction of its own (the read itself may have been read-only)."""
    async with db.transaction() as session:
        audit.record(
            session, at=at, actor=actor, action=action, tenant_id=tenant_id, case_id=case_id, after=after
        )
