"""A mailbox per tenant: the account on the desk's IMAP server whose every mail is the tenant's, and its
password (encrypted)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


# Plain ALTER TABLE, as in 0013: SQLite adds and drops these columns in place.
def upgrade() -> None:
    op.add_column("tenant", sa.Column("mail_imap_user", sa.String(length=254), nullable=True))
    op.add_column("tenant", sa.Column("mail_imap_password_enc", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    op.drop_column("tenant", "mail_imap_password_enc")
    op.drop_column("tenant", "mail_imap_user")
