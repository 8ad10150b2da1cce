"""The audit log's hash chains: one per tenant, and the desk's for entries without a tenant.

Each entry stores its place in its chain (`seq`), the hash of the entry before it (`prev_hash`, zeros for
the first) and its own hash (`entry_hash`): HMAC-SHA256, under a key derived from PII_HASH_KEY, of the
canonical JSON of what `storage.repos.audit.record` was given (at in UTC ISO form, actor, action, tenant_id,
case_id, and the digest of before and after) with seq and prev_hash. Someone who can write to the database
but lacks the key cannot recompute the chain after editing, deleting or reordering an entry.

The chain covers before and after through their digest (`values_digest`, an HMAC of their plaintext under
the same key, stored with the entry) rather than the values themselves: the retention purge can then drop
the values, which may quote the complainant, and leave every link intact. `storage.audit_verify` checks
the values still held against their digest, and accepts values gone only where the chain itself records
their purge later on.

The chain is computed when the entries are flushed (a `before_flush` listener), so `record()` stays a plain
synchronous `session.add`. Appending locks the chain's row in `audit_chain_head` (SELECT ... FOR UPDATE on
PostgreSQL; SQLite has a single writer) until the transaction ends, so two transactions never fork a chain.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime
from typing import Any, NamedTuple

import orjson
from sqlalchemy import Connection, event, select, update
from sqlalchemy import inspect as orm_inspect
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, UOWTransaction

from storage.models import AuditChainHead, AuditEntry
from storage.sealed import SEALER, Sealer, open_json

GENESIS = "0" * 64
DESK_CHAIN = "desk"
# Where a session finds the chain key (see storage.db.Database.use_audit_key).
KEY_INFO = "audit_chain_key"
_FIELDS_INFO = "audit_chain_fields"
_HEAD = AuditChainHead
_JSON_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS


class Link(NamedTuple):
    """An entry's place in its chain."""

    seq: int
    prev_hash: str
    entry_hash: str


class AuditChainError(RuntimeError):
    """An audit entry that cannot be chained (no key configured)."""


def chain_name(tenant_id: int | None) -> str:
    """The chain an entry of this tenant belongs to (`desk` for none)."""
    return DESK_CHAIN if tenant_id is None else f"tenant:{tenant_id}"


def tenant_of_chain(chain: str) -> int | None:
    """The tenant id a chain name stands for (None for the desk's chain)."""
    return None if chain == DESK_CHAIN else int(chain.removeprefix("tenant:"))


def _utc_iso(at: datetime) -> str:
    aware = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat(timespec="microseconds")


def _as_json(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """The value as it reads back from a JSON column (tuples as lists, keys as strings)."""
    return None if value is None else orjson.loads(orjson.dumps(value, option=_JSON_OPTIONS))


def values_digest(key: bytes, before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """HMAC-SHA256 (hex) of an entry's before and after (keyed: a short value cannot be guessed from it)."""
    canonical = orjson.dumps({"before": before, "after": after}, option=_JSON_OPTIONS)
    return hmac.new(key, b"audit-values\x00" + canonical, hashlib.sha256).hexdigest()


def entry_fields(
    *,
    at: datetime,
    actor: str,
    action: str,
    tenant_id: int | None,
    case_id: int | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> dict[str, Any]:
    """The plaintext fields of an entry, normalised as they are stored (the chain covers `link_fields`)."""
    return {
        "at": _utc_iso(at),
        "actor": actor,
        "action": action,
        "tenant_id": tenant_id,
        "case_id": case_id,
        "before": _as_json(before),
        "after": _as_json(after),
    }


def link_fields(fields: dict[str, Any], digest: str) -> dict[str, Any]:
    """What an entry's hash covers: its plaintext fields with before and after replaced by their digest."""
    linked = {name: value for name, value in fields.items() if name not in ("before", "after")}
    return {**linked, "values_digest": digest}


def entry_hash(key: bytes, fields: dict[str, Any], *, seq: int, prev_hash: str) -> str:
    """HMAC-SHA256 (hex) of the canonical JSON of the link fields with the entry's place in its chain."""
    canonical = orjson.dumps({**fields, "seq": seq, "prev_hash": prev_hash}, option=_JSON_OPTIONS)
    return hmac.new(key, canonical, hashlib.sha256).hexdigest()


def remember(entry: AuditEntry, fields: dict[str, Any]) -> None:
    """Keep the plaintext fields given to `record()` with the pending entry, for its hash at flush."""
    orm_inspect(entry).info[_FIELDS_INFO] = fields


def _opened(sealer: Sealer | None, token: bytes | None) -> dict[str, Any] | None:
    if token is None:
        return None
    if sealer is None:
        raise AuditChainError("sealed audit entries need the encryption key (PII_ENCRYPTION_KEYS)")
    value: dict[str, Any] = open_json(sealer, token)
    return value


def opened_values(entry: Any, sealer: Sealer | None) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """A stored entry's before and after, opened with `sealer` (None where absent or dropped)."""
    return _opened(sealer, entry.before_enc), _opened(sealer, entry.after_enc)


def _row_fields(entry: Any, before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, Any]:
    return entry_fields(
        at=entry.at,
        actor=entry.actor,
        action=entry.action,
        tenant_id=entry.tenant_id,
        case_id=entry.case_id,
        before=before,
        after=after,
    )


def plain_fields(entry: Any, sealer: Sealer | None) -> dict[str, Any]:
    """A stored entry's plaintext fields (a model or a row with its columns), its values opened."""
    return _row_fields(entry, *opened_values(entry, sealer))


def stored_link_fields(entry: Any) -> dict[str, Any]:
    """What a stored entry's hash covers (a model or a row with its columns)."""
    return link_fields(_row_fields(entry, None, None), entry.values_digest)


def _values_of(session: Session, entry: AuditEntry) -> dict[str, Any]:
    """The plaintext fields of a pending entry: as given to `record()`, or opened from its columns."""
    remembered = orm_inspect(entry).info.get(_FIELDS_INFO)
    if remembered is not None:
        return dict(remembered)
    return plain_fields(entry, session.info.get(SEALER))


def _lock_head(conn: Connection, chain: str) -> tuple[int, str]:
    """The chain's last seq and hash, its row locked until the transaction ends (created if new)."""
    query = select(_HEAD.seq, _HEAD.last_hash).where(_HEAD.chain == chain).with_for_update()
    row = conn.execute(query).first()
    if row is None:
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        conn.execute(
            dialect.insert(_HEAD)
            .values(chain=chain, seq=0, last_hash=GENESIS)
            .on_conflict_do_nothing(index_elements=["chain"])
        )
        row = conn.execute(query).one()
    return int(row.seq), str(row.last_hash)


def append_to_chains(conn: Connection, key: bytes, entries: list[dict[str, Any]]) -> list[Link]:
    """The place of each new entry (its link fields, in insertion order) in its chain; moves the chains'
    heads."""
    by_chain: dict[str, list[int]] = {}
    for index, fields in enumerate(entries):
        by_chain.setdefault(chain_name(fields["tenant_id"]), []).append(index)
    links: dict[int, Link] = {}
    for chain in sorted(by_chain):  # one lock order: two writers of the same chains never deadlock
        seq, last = _lock_head(conn, chain)
        for index in by_chain[chain]:
            seq += 1
            link = Link(
                seq=seq, prev_hash=last, entry_hash=entry_hash(key, entries[index], seq=seq, prev_hash=last)
            )
            links[index], last = link, link.entry_hash
        conn.execute(update(_HEAD).where(_HEAD.chain == chain).values(seq=seq, last_hash=last))
    return [links[index] for index in range(len(entries))]


class ChainedSession(Session):
    """A session whose new audit entries are chained when they are flushed."""


@event.listens_for(ChainedSession, "before_flush")
def _chain_new_entries(session: Session, _context: UOWTransaction, _instances: object) -> None:
    pending = [obj for obj in session.new if isinstance(obj, AuditEntry)]
    if not pending:
        return
    key = session.info.get(KEY_INFO)
    if not key:
        raise AuditChainError("audit entries need the chain key: open the database with PII_HASH_KEY set")
    pending.sort(key=lambda entry: orm_inspect(entry).insert_order or 0)  # the order the rows are inserted in
    linked = []
    for entry in pending:
        fields = _values_of(session, entry)
        entry.values_digest = values_digest(key, fields["before"], fields["after"])
        linked.append(link_fields(fields, entry.values_digest))
    links = append_to_chains(session.connection(), key, linked)
    for entry, link in zip(pending, links, strict=True):
        entry.seq, entry.prev_hash, entry.entry_hash = link
