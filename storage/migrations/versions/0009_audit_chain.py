"""Audit log hash chains: each entry's seq, prev_hash and entry_hash; one head row per chain

The entries already stored are chained here, in id order, under the key of PII_HASH_KEY (handed in by
storage.migrate), over their plaintext before and after (opened from the sealed columns of migration 0008
with the service's key, also handed in), so that after the upgrade every entry is on its chain and
`kasuhara audit verify` has no unchained state to accept.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context, op

from storage.audit_chain import append_to_chains, stored_fields
from storage.sealed import SEALER, Sealer

revision = "0009"
down_revision = "0008"
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
    sa.column("seq", sa.Integer()),
    sa.column("prev_hash", sa.String()),
    sa.column("entry_hash", sa.String()),
)


def _chain_existing_entries() -> None:
    conn = op.get_bind()
    if conn.execute(sa.select(sa.func.count()).select_from(_LOG)).scalar_one() == 0:
        return
    key = context.config.attributes.get("audit_key")
    if not key:
        raise RuntimeError("set PII_HASH_KEY: this upgrade chains the audit entries already stored")
    sealer: Sealer | None = context.config.attributes.get(SEALER)
    if sealer is None:
        raise RuntimeError(
            "migration 0009 chains the stored audit entries over their sealed values:"
            " run `kasuhara db upgrade` with PII_ENCRYPTION_KEYS set"
        )
    last_id = 0
    while rows := conn.execute(
        sa.select(_LOG).where(_LOG.c.id > last_id).order_by(_LOG.c.id).limit(BATCH)
    ).all():
        links = append_to_chains(conn, key, [stored_fields(row, sealer) for row in rows])
        conn.execute(
            sa.update(_LOG)
            .where(_LOG.c.id == sa.bindparam("row_id"))
            .values(seq=sa.bindparam("s"), prev_hash=sa.bindparam("p"), entry_hash=sa.bindparam("h")),
            [
                {"row_id": r.id, "s": k.seq, "p": k.prev_hash, "h": k.entry_hash}
                for r, k in zip(rows, links, strict=True)
            ],
        )
        last_id = rows[-1].id


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("entry_hash", sa.String(length=64), nullable=True))
    op.create_table(
        "audit_chain_head",
        sa.Column("chain", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("chain"),
    )
    _chain_existing_entries()
    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("entry_hash", existing_type=sa.String(length=64), nullable=False)
    # An expression index: SQLite's batch mode does not carry it through a table rebuild, so a later
    # batch_alter_table on audit_log must create it again.
    op.create_index(
        "uq_audit_chain_seq", "audit_log", [sa.text("coalesce(tenant_id, 0)"), "seq"], unique=True
    )


def downgrade() -> None:
    op.drop_index("uq_audit_chain_seq", table_name="audit_log")
    op.drop_table("audit_chain_head")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("entry_hash")
        batch.drop_column("prev_hash")
        batch.drop_column("seq")
