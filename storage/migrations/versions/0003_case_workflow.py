"""The reviewer's side of a case: assignee, collected report items, verdicts

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case") as batch:
        batch.add_column(sa.Column("assignee", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("intake_enc", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("intake_complete", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("reported_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "verdict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=16), nullable=False),
        sa.Column("behaviour_types", sa.JSON(), nullable=False),
        sa.Column("opinion", sa.Text(), nullable=False),
        sa.Column("advice", sa.Text(), nullable=False),
        sa.Column("recommendation", sa.Text(), nullable=False),
        sa.Column("feedback_to_complainant", sa.Boolean(), nullable=False),
        sa.Column("police_report", sa.Boolean(), nullable=False),
        sa.Column("police_reference", sa.String(length=120), nullable=True),
        sa.Column("decided_by", sa.String(length=32), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "version"),
    )


def downgrade() -> None:
    op.drop_table("verdict")
    with op.batch_alter_table("case") as batch:
        for column in ("closed_at", "reported_at", "decided_at", "intake_complete", "intake_enc", "assignee"):
            batch.drop_column(column)
