"""Walking the audit log's hash chains (see storage.audit_chain) and naming the first broken link of each."""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.audit_chain import (
    GENESIS,
    AuditChainError,
    chain_name,
    entry_hash,
    opened_values,
    stored_link_fields,
    tenant_of_chain,
    values_digest,
)
from storage.models import AuditChainHead, AuditEntry
from storage.repos.audit import VALUES_PURGED
from storage.sealed import SEALER, Sealer

BATCH = 1000


@dataclass(frozen=True)
class ChainBreak:
    """The first link of a chain that does not hold: the entry (None when it is gone) and why."""

    entry_id: int | None
    seq: int | None
    problem: str


@dataclass
class ChainCheck:
    """One chain walked: how many entries it has and its first broken link, if any."""

    chain: str
    entries: int = 0
    broken: ChainBreak | None = None
    gap_at: int | None = None  # the first seq missing where the chain broke (deleted, or stored later)
    _seq: int = field(default=0, init=False, repr=False)
    _hash: str = field(default=GENESIS, init=False, repr=False)

    @property
    def tenant_id(self) -> int | None:
        """The chain's tenant (None for the desk's chain)."""
        return tenant_of_chain(self.chain)

    @property
    def last_hash(self) -> str:
        """The hash of the last entry that verified: noted elsewhere, it shows a chain cut back later."""
        return self._hash

    def take(self, key: bytes, row: Any, sealer: Sealer | None, purged_at: dict[int, int]) -> None:
        """Check the chain's next entry (in id order) against the one before it, and its values against
        their digest (opened with `sealer`). `purged_at` maps a case to the seq of the last entry of this
        chain recording its values purged: an earlier entry of the case may hold none."""
        self.entries += 1
        if self.broken is not None:
            return
        expected = entry_hash(key, stored_link_fields(row), seq=row.seq, prev_hash=row.prev_hash)
        if not hmac.compare_digest(expected, row.entry_hash):
            problem = (
                "hash mismatch: the entry was changed after it was written (or PII_HASH_KEY is not its key)"
            )
        elif row.seq <= self._seq:
            problem = f"reordered: seq {row.seq} comes after seq {self._seq} in id order"
        elif row.seq > self._seq + 1:
            self.gap_at = self._seq + 1
            problem = f"missing predecessor: {_span(self._seq + 1, row.seq - 1)} of this chain deleted"
        elif row.prev_hash != self._hash:
            problem = "broken link: its previous hash is not the hash of the entry before it"
        elif (values_problem := _values_problem(key, row, sealer, purged_at)) is not None:
            problem = values_problem
        else:
            self._seq, self._hash = row.seq, row.entry_hash
            return
        self.broken = ChainBreak(entry_id=row.id, seq=row.seq, problem=problem)

    def end(self, head: tuple[int, str] | None) -> None:
        """Check that the chain ends where its head says (a deleted last entry leaves no other trace)."""
        if self.broken is not None:
            return
        if head is None:
            self.broken = ChainBreak(None, None, "the chain's head row is missing")
        elif head[0] > self._seq:
            self.broken = ChainBreak(
                None, head[0], f"missing at the end: {_span(self._seq + 1, head[0])} deleted"
            )
        elif head != (self._seq, self._hash):
            self.broken = ChainBreak(None, head[0], "the chain's head row does not match its last entry")


_NO_VALUES_PROBLEM = (
    "values removed: its before and after are gone, and no later entry of this chain records the case's"
    f" personal data purged ({VALUES_PURGED})"
)


def _values_problem(key: bytes, row: Any, sealer: Sealer | None, purged_at: dict[int, int]) -> str | None:
    """Why the entry's values do not match the digest its link covers (None when they do)."""
    if row.before_enc is None and row.after_enc is None:
        if hmac.compare_digest(values_digest(key, None, None), row.values_digest):
            return None  # it never had any
        purged = row.case_id is not None and row.seq < purged_at.get(row.case_id, 0)
        return None if purged else _NO_VALUES_PROBLEM
    try:
        before, after = opened_values(row, sealer)
    except AuditChainError:
        raise
    except Exception:  # a sealed value that does not open was changed (or is under another key)
        return (
            "unreadable: its sealed values do not open (changed after it was written, or"
            " PII_ENCRYPTION_KEYS lacks its key)"
        )
    if not hmac.compare_digest(values_digest(key, before, after), row.values_digest):
        return "values changed: its before or after is not what was written"
    return None


async def _purges(session: AsyncSession, only: str | None) -> dict[str, dict[int, int]]:
    """For each chain, each purged case and the seq of the last entry recording its purge."""
    query = (
        select(AuditEntry.tenant_id, AuditEntry.case_id, func.max(AuditEntry.seq))
        .where(AuditEntry.action == VALUES_PURGED, AuditEntry.case_id.is_not(None))
        .group_by(AuditEntry.tenant_id, AuditEntry.case_id)
    )
    purges: dict[str, dict[int, int]] = {}
    for tenant_id, case_id, seq in await session.execute(query):
        chain = chain_name(tenant_id)
        if case_id is not None and (only is None or chain == only):
            purges.setdefault(chain, {})[case_id] = seq
    return purges


async def _tell_reordered_from_deleted(session: AsyncSession, check: ChainCheck, broken: ChainBreak) -> None:
    """A seq missing where the chain broke may be further on (rows renumbered) rather than deleted."""
    tenant_id = check.tenant_id
    owner = AuditEntry.tenant_id.is_(None) if tenant_id is None else AuditEntry.tenant_id == tenant_id
    found = await session.scalar(select(AuditEntry.id).where(owner, AuditEntry.seq == check.gap_at))
    if found is not None:
        problem = f"reordered: seq {check.gap_at} should come before it, but is stored later (entry {found})"
        check.broken = replace(broken, problem=problem)


def _span(first: int, last: int) -> str:
    return f"entry seq {first}" if first == last else f"entries seq {first}..{last}"


async def verify_chains(
    session: AsyncSession, *, key: bytes, tenant_id: int | None = None, sealer: Sealer | None = None
) -> list[ChainCheck]:
    """Walk every chain (or only the tenant's) in id order; the desk's chain first. Run it in
    `Database.snapshot()`, so that the entries and the heads are read as of one moment. The sealed values
    are opened with `sealer` (by default the database's)."""
    sealer = sealer if sealer is not None else session.info.get(SEALER)
    only = None if tenant_id is None else chain_name(tenant_id)
    heads = {
        row.chain: (row.seq, row.last_hash)
        for row in await session.execute(
            select(AuditChainHead.chain, AuditChainHead.seq, AuditChainHead.last_hash)
        )
        if only is None or row.chain == only
    }
    checks = {chain: ChainCheck(chain) for chain in heads}
    purges = await _purges(session, only)
    scope = [] if tenant_id is None else [AuditEntry.tenant_id == tenant_id]
    last_id = 0
    while True:
        query = select(AuditEntry).where(AuditEntry.id > last_id, *scope).order_by(AuditEntry.id).limit(BATCH)
        rows = list(await session.scalars(query))
        for row in rows:
            chain = chain_name(row.tenant_id)
            checks.setdefault(chain, ChainCheck(chain)).take(key, row, sealer, purges.get(chain, {}))
        if len(rows) < BATCH:
            break
        last_id = rows[-1].id
        session.expunge_all()
    for chain, check in checks.items():
        check.end(heads.get(chain))
        if check.gap_at is not None and check.broken is not None:
            await _tell_reordered_from_deleted(session, check, check.broken)
    return sorted(checks.values(), key=lambda c: (c.tenant_id is not None, c.tenant_id or 0))
