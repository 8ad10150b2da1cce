"""The tenants' own mailboxes (`mail:` in the tenants file), passwords decrypted, for the IMAP poller."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.crypto import PiiCipher
from storage.db import Database
from storage.repos import tenants as tenant_repo


@dataclass(frozen=True)
class TenantMailbox:
    """An account on the desk's IMAP server whose every mail is this tenant's."""

    tenant_id: int
    tenant_name: str
    imap_user: str
    imap_password: str = field(repr=False)


async def tenant_mailboxes(db: Database, cipher: PiiCipher) -> list[TenantMailbox]:
    """Every active tenant's mailbox (a deactivated tenant's is not read)."""
    async with db.reader() as session:
        rows = await tenant_repo.with_mailbox(session)
    return [
        TenantMailbox(
            tenant_id=t.id,
            tenant_name=t.name,
            imap_user=t.mail_imap_user,
            imap_password=cipher.decrypt(t.mail_imap_password_enc),
        )
        for t in rows
        if t.mail_imap_user and t.mail_imap_password_enc
    ]
