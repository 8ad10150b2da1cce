"""Audit chains over the digest of each entry's values, so that the retention purge can drop the values

Each entry gets `values_digest` (an HMAC of its plaintext before and after, see storage.audit_chain), and
every chain is computed again, in id order, over the digests instead of the values. An entry chained by
revision 0009 (over its values) is checked first, link by link: an upgrade never re-chains an entry that
had been changed, deleted or reordered behind the app's back, it stops and names it. Needs PII_HASH_KEY and
PII_ENCRYPTION_KEYS when entries exist (handed in by storage.migrate).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from typing import Any

import orjson
import sqlalchemy as sa
from alembic import context, op

from storage.audit_chain import (
    GENESIS,
    Link,
    append_to_chains,
    chain_name,
    link_fields,
    plain_fields,
    values_digest,
)
from storage.sealed import SEALER, Sealer

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

BATCH = 1000
_LOG = sa.table(
    "audit_log",
    sa.column("id", sa.Integer()),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("actor", sa.String()),
    sa.column("action", sa.String()),
    sa.column("tenant_id", sa.Integer()),
    sa.column("case_id", sa.Integer()),
    sa.column("before_enc", sa.LargeBinary()),
    sa.column("after_enc", sa.LargeBinary()),
    sa.column("values_digest", sa.String()),
    sa.column("seq", sa.Integer()),
    sa.column("prev_hash", sa.String()),
    sa.column("entry_hash", sa.String()),
)
_HEAD = sa.table(
    "audit_chain_head",
    sa.column("chain", sa.String()),
    sa.column("seq", sa.Integer()),
    sa.column("last_hash", sa.String()),
)


def _keys(conn: sa.Connection) -> tuple[bytes, Sealer] | None:
    """The chain key and the service's sealer, or None when no entry is stored (nothing to chain)."""
    if conn.execute(sa.select(sa.func.count()).select_from(_LOG)).scalar_one() == 0:
        return None
    key = context.config.attributes.get("audit_key")
    if not key:
        raise RuntimeError("set PII_HASH_KEY: this upgrade chains the audit entries already stored")
    sealer: Sealer | None = context.config.attributes.get(SEALER)
    if sealer is None:
        raise RuntimeError(
            "migration 0010 chains the stored audit entries over their sealed values:"
            " run `kasuhara db upgrade` with PII_ENCRYPTION_KEYS set"
        )
    return key, sealer


def _rows(conn: sa.Connection) -> Iterator[list[Any]]:
    """Every entry (its columns as of 0009), in id order, a batch at a time."""
    columns = [column for column in _LOG.c if column.name != "values_digest"]
    last_id = 0
    while rows := conn.execute(
        sa.select(*columns).where(_LOG.c.id > last_id).order_by(_LOG.c.id).limit(BATCH)
    ).all():
        yield list(rows)
        last_id = rows[-1].id


def _hash_0009(key: bytes, fields: dict[str, Any], *, seq: int, prev_hash: str) -> str:
    """An entry's hash as revision 0009 computed it: over its values themselves."""
    canonical = orjson.dumps(
        {**fields, "seq": seq, "prev_hash": prev_hash}, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS
    )
    return hmac.new(key, canonical, hashlib.sha256).hexdigest()


def _check_0009_chains(conn: sa.Connection, key: bytes, sealer: Sealer) -> None:
    """Every entry already chained (by 0009) holds in its chain, and every chain ends at its head."""
    last: dict[str, tuple[int, str]] = {}
    for rows in _rows(conn):
        for row in rows:
            if row.seq is None:
                continue  # stored before any chain
            chain = chain_name(row.tenant_id)
            seq, prev = last.get(chain, (0, GENESIS))
            expected = _hash_0009(key, plain_fields(row, sealer), seq=row.seq, prev_hash=row.prev_hash)
            holds = hmac.compare_digest(expected, row.entry_hash)
            if row.seq != seq + 1 or row.prev_hash != prev or not holds:
                raise RuntimeError(
                    f"audit entry {row.id} does not hold in its chain ({chain}, seq {row.seq}): it was"
                    " changed, or the entry before it deleted, after it was written. Run `kasuhara audit"
                    " verify` on the previous version and settle it before this upgrade."
                )
            last[chain] = (row.seq, row.entry_hash)
    for chain, seq, last_hash in conn.execute(sa.select(_HEAD.c.chain, _HEAD.c.seq, _HEAD.c.last_hash)):
        if last.get(chain, (0, GENESIS)) != (seq, last_hash):
            raise RuntimeError(
                f"the audit chain {chain} does not end at its head (entries deleted at its end?): run"
                " `kasuhara audit verify` on the previous version and settle it before this upgrade."
            )


def _chain_again(conn: sa.Connection, key: bytes, sealer: Sealer, *, over_digests: bool) -> None:
    """Every chain computed again from its start, in id order (over the digests, or the values for 0009)."""
    conn.execute(sa.delete(_HEAD))
    for rows in _rows(conn):
        plain = [plain_fields(row, sealer) for row in rows]
        columns: dict[str, Any] = {
            "seq": sa.bindparam("s"),
            "prev_hash": sa.bindparam("p"),
            "entry_hash": sa.bindparam("h"),
        }
        if over_digests:
            digests = [values_digest(key, fields["before"], fields["after"]) for fields in plain]
            linked = [link_fields(f, d) for f, d in zip(plain, digests, strict=True)]
            links = append_to_chains(conn, key, linked)
            columns["values_digest"] = sa.bindparam("d")
        else:
            digests = [""] * len(rows)
            links = [Link(*link) for link in _append_0009(conn, key, plain)]
        conn.execute(
            sa.update(_LOG).where(_LOG.c.id == sa.bindparam("row_id")).values(**columns),
            [
                {"row_id": r.id, "d": d, "s": k[0], "p": k[1], "h": k[2]}
                for r, d, k in zip(rows, digests, links, strict=True)
            ],
        )


def _append_0009(
    conn: sa.Connection, key: bytes, entries: list[dict[str, Any]]
) -> list[tuple[int, str, str]]:
    """The entries appended to their chains as revision 0009 hashed them (for the downgrade)."""
    links = []
    for fields in entries:
        chain = chain_name(fields["tenant_id"])
        head = conn.execute(sa.select(_HEAD.c.seq, _HEAD.c.last_hash).where(_HEAD.c.chain == chain)).first()
        seq, prev = (0, GENESIS) if head is None else (head.seq, head.last_hash)
        link = (seq + 1, prev, _hash_0009(key, fields, seq=seq + 1, prev_hash=prev))
        if head is None:
            conn.execute(sa.insert(_HEAD).values(chain=chain, seq=link[0], last_hash=link[2]))
        else:
            moved = sa.update(_HEAD).where(_HEAD.c.chain == chain)
            conn.execute(moved.values(seq=link[0], last_hash=link[2]))
        links.append(link)
    return links


def _not_null(*names: str) -> None:
    with op.batch_alter_table("audit_log") as batch:
        for name in names:
            kind: sa.types.TypeEngine[Any] = sa.Integer() if name == "seq" else sa.String(length=64)
            batch.alter_column(name, existing_type=kind, nullable=False)


def _seq_index() -> None:
    # An expression index, which SQLite's batch mode does not carry through a table rebuild.
    op.create_index(
        "uq_audit_chain_seq", "audit_log", [sa.text("coalesce(tenant_id, 0)"), "seq"], unique=True
    )


def upgrade() -> None:
    conn = op.get_bind()
    keys = _keys(conn)
    if keys is not None:
        _check_0009_chains(conn, *keys)
    op.drop_index("uq_audit_chain_seq", table_name="audit_log")  # seqs are given again, row by row
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("values_digest", sa.String(length=64), nullable=True))
    if keys is not None:
        _chain_again(conn, *keys, over_digests=True)
    _not_null("values_digest", "seq", "prev_hash", "entry_hash")
    _seq_index()


def downgrade() -> None:
    conn = op.get_bind()
    keys = _keys(conn)
    op.drop_index("uq_audit_chain_seq", table_name="audit_log")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("values_digest")
    if keys is not None:
        _chain_again(conn, *keys, over_digests=False)
    _seq_index()
