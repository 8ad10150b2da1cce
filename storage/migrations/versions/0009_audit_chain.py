"""Audit log hash chains: each entry's seq, prev_hash and entry_hash; one head row per chain

The entries already stored are chained by migration 0010, which chains them over the digest of their
values. (This revision chained them over the values themselves, at first; 0010 checks such chains before
it chains them again.)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


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
