"""The intake dialogue: one state row per complainant; a tenant's shops and flyer code; media evidence

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tenant") as batch:
        batch.add_column(sa.Column("shops", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("flyer_code", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("shared_line_account", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("line_shared", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "dialogue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("complainant_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("routed_tenant_id", sa.Integer(), nullable=True),
        sa.Column("step", sa.String(length=24), nullable=False),
        sa.Column("answered", sa.JSON(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_activity_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenant.id"]),
        sa.ForeignKeyConstraint(["complainant_id"], ["complainant.id"]),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.ForeignKeyConstraint(["routed_tenant_id"], ["tenant.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("complainant_id"),
    )
    op.create_index("ix_dialogue_idle", "dialogue", ["step", "last_activity_at"])
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("blob_key", sa.String(length=128), nullable=True),
        sa.Column("content_type", sa.String(length=128), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("file_name_enc", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenant.id"]),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.ForeignKeyConstraint(["message_id"], ["message.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("message_id"),
    )
    op.create_index("ix_evidence_case", "evidence", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_evidence_case", table_name="evidence")
    op.drop_table("evidence")
    op.drop_index("ix_dialogue_idle", table_name="dialogue")
    op.drop_table("dialogue")
    with op.batch_alter_table("tenant") as batch:
        for column in ("line_shared", "shared_line_account", "flyer_code", "shops"):
            batch.drop_column(column)
