"""Audit log: who did what, when, before and after (chained per tenant, see storage.audit_chain)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from storage import audit_chain
from storage.models import AuditEntry


def record(
    session: AsyncSession,
    *,
    at: datetime,
    actor: str,
    action: str,
    tenant_id: int | None = None,
    case_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add an audit entry to the current transaction; it joins its chain when flushed."""
    fields = audit_chain.entry_fields(
        at=at, actor=actor, action=action, tenant_id=tenant_id, case_id=case_id, before=before, after=after
    )
    # The entry stores the values as they were hashed: a caller changing its dicts later changes neither.
    entry = AuditEntry(
        at=at,
        actor=actor,
        action=action,
        tenant_id=tenant_id,
        case_id=case_id,
        before=fields["before"],
        after=fields["after"],
    )
    audit_chain.remember(entry, fields)
    session.add(entry)
    return entry
