"""Audit log: who did what, when, before and after (before and after sealed: they may hold personal data;
chained per tenant over their plaintext's digest, see storage.audit_chain)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from storage import audit_chain
from storage.models import AuditEntry
from storage.sealed import Sealer, open_json, seal_json, session_sealer


@dataclass(frozen=True)
class Entry:
    """An audit entry as its readers see it, before and after opened."""

    id: int
    at: datetime
    actor: str
    action: str
    tenant_id: int | None
    case_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def _seal(sealer: Sealer, value: dict[str, Any] | None) -> bytes | None:
    return None if value is None else seal_json(sealer, value)


def _open(sealer: Sealer, token: bytes | None) -> dict[str, Any] | None:
    return None if token is None else open_json(sealer, token)


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
    """Add an audit entry to the current transaction (before and after sealed); it joins its chain, over
    the plaintext values, when flushed."""
    sealer = session_sealer(session)
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
        before_enc=_seal(sealer, fields["before"]),
        after_enc=_seal(sealer, fields["after"]),
    )
    audit_chain.remember(entry, fields)
    session.add(entry)
    return entry


def opened(session: AsyncSession, entry: AuditEntry) -> Entry:
    """The entry with its before and after decrypted."""
    sealer = session_sealer(session)
    return Entry(
        id=entry.id,
        at=entry.at,
        actor=entry.actor,
        action=entry.action,
        tenant_id=entry.tenant_id,
        case_id=entry.case_id,
        before=_open(sealer, entry.before_enc),
        after=_open(sealer, entry.after_enc),
    )


# The action of the entry that records a case's personal data purged. Only an entry of this action, later
# in the chain, accounts for the case's earlier entries holding no values (see storage.audit_verify).
VALUES_PURGED = "case.personal_data_purged"


async def drop_values(session: AsyncSession, case_id: int) -> int:
    """Drop the before and after of the case's entries (they may quote the complainant); their links and
    digests stay, so the chain holds. The counts of earlier purges stay too (they quote no one). Record the
    `VALUES_PURGED` entry in the same transaction. Returns how many entries held values."""
    await session.flush()  # the case's pending entries are stored (and chained) first
    held = AuditEntry.before_enc.is_not(None) | AuditEntry.after_enc.is_not(None)
    result = await session.execute(
        update(AuditEntry)
        .where(AuditEntry.case_id == case_id, AuditEntry.action != VALUES_PURGED, held)
        .values(before_enc=None, after_enc=None)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)
