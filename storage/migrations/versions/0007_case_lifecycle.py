"""A case has an end: the reason it was closed; withdrawn cases closed when they were withdrawn

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

case = sa.table(
    "case",
    sa.column("status", sa.String),
    sa.column("closed_at", sa.DateTime(timezone=True)),
    sa.column("close_reason", sa.String),
    sa.column("updated_at", sa.DateTime(timezone=True)),
    sa.column("decided_at", sa.DateTime(timezone=True)),
    sa.column("reported_at", sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    with op.batch_alter_table("case") as batch:
        batch.add_column(sa.Column("close_reason", sa.String(length=16), nullable=True))
    # A case withdrawn before this revision ended then (its last change), so retention counts from it.
    op.execute(
        case.update()
        .where(case.c.status == "withdrawn", case.c.closed_at.is_(None))
        .values(closed_at=case.c.updated_at, close_reason="withdrawn")
    )


def downgrade() -> None:
    # The older code knows no status "closed": a closed case goes back to where its workflow stood.
    closed = case.c.status == "closed"
    op.execute(case.update().where(closed, case.c.reported_at.is_not(None)).values(status="reported"))
    op.execute(case.update().where(closed, case.c.decided_at.is_not(None)).values(status="decided"))
    op.execute(case.update().where(closed).values(status="in_review"))
    with op.batch_alter_table("case") as batch:
        batch.drop_column("close_reason")
