"""The ways in besides LINE (issue 15): the web form's switch and note, and what the flyer prints (the LINE
account's basic id, the desk's phone number and hours, its e-mail address); a complainant known by a keyed
hash of their e-mail address or phone number

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

COLUMNS = (
    ("line_basic_id", sa.String(length=32)),
    ("web_form_note", sa.Text()),
    ("desk_phone", sa.String(length=32)),
    ("desk_phone_hours", sa.String(length=100)),
    ("desk_email", sa.String(length=254)),
)


# Plain ALTER TABLE, not a batch: SQLite adds and drops these columns in place, where rebuilding the
# tenant table would trip the foreign keys of every case pointing at it.
def upgrade() -> None:
    op.add_column(
        "tenant", sa.Column("web_form_enabled", sa.Boolean(), nullable=False, server_default=sa.true())
    )
    for name, type_ in COLUMNS:
        op.add_column("tenant", sa.Column(name, type_, nullable=True))
    op.add_column("complainant", sa.Column("contact_hash", sa.String(length=64), nullable=True))
    op.create_index("ix_complainant_contact", "complainant", ["tenant_id", "contact_hash"])


def downgrade() -> None:
    op.drop_index("ix_complainant_contact", table_name="complainant")
    op.drop_column("complainant", "contact_hash")
    for name, _ in reversed(COLUMNS):
        op.drop_column("tenant", name)
    op.drop_column("tenant", "web_form_enabled")
