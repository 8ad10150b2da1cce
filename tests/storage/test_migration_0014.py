"""Migration 0014: tenants written before it keep everything and have no mailbox of their own; a tenants
file with `mail:` then stores the account and the password encrypted; a downgrade drops both columns and
keeps the tenants. On SQLite and PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import select

from bot.crypto import PiiCipher, generate_key
from bot.tenants.mailboxes import tenant_mailboxes
from bot.tenants.sync import sync_tenant_yaml
from storage.db import Database, open_database
from storage.migrate import current_revision, downgrade, upgrade
from storage.models import Tenant
from tests.clock import TestClock
from tests.conftest import TENANTS_YAML, TEST_AUDIT_KEY
from tests.storage.old_rows import add_tenants_as_of
from tests.storage.test_audit_chain_migration import empty_url  # noqa: F401 (a fixture)

CIPHER = PiiCipher(keys=generate_key(), hash_key="migration 0014 hash key")
PASSWORD = "sakura-imap-password-0014"
WITH_MAILBOX = TENANTS_YAML.replace(
    "    contract: {start: 2026-04-01, end: 2027-03-31}\n",
    "    contract: {start: 2026-04-01, end: 2027-03-31}\n"
    f"    mail: {{imap_user: sakura-desk, imap_password: {PASSWORD}}}\n",
)


async def _tenant_columns(db: Database) -> set[str]:
    async with db.engine.connect() as conn:
        return await conn.run_sync(lambda c: {col["name"] for col in sa.inspect(c).get_columns("tenant")})


async def test_tenants_before_0014_gain_a_mailbox_and_keep_it_out_on_a_downgrade(
    empty_url: tuple[str, str | None],  # noqa: F811
) -> None:
    url, schema = empty_url
    clock = TestClock()
    db = open_database(url, search_path=schema, audit_key=TEST_AUDIT_KEY, sealer=CIPHER)
    try:
        await upgrade(db, "0013")
        async with db.transaction() as session:
            await add_tenants_as_of(session, CIPHER, text=TENANTS_YAML, now=clock.now())
        await upgrade(db)
        assert await current_revision(db.engine) == "0014"
        async with db.reader() as session:
            old = {t.slug: t for t in await session.scalars(select(Tenant))}
        assert set(old) == {"sakura", "maple"} and old["sakura"].name == "さくら総合クリニック"
        assert all(t.mail_imap_user is None and t.mail_imap_password_enc is None for t in old.values())
        assert await tenant_mailboxes(db, CIPHER) == []

        await sync_tenant_yaml(db, CIPHER, text=WITH_MAILBOX, now=clock.now(), actor="test")
        async with db.reader() as session:
            sakura = await session.scalar(select(Tenant).where(Tenant.slug == "sakura"))
        assert sakura is not None and sakura.mail_imap_user == "sakura-desk"
        assert sakura.mail_imap_password_enc and PASSWORD.encode() not in sakura.mail_imap_password_enc
        (box,) = await tenant_mailboxes(db, CIPHER)
        assert (box.tenant_id, box.imap_user, box.imap_password) == (sakura.id, "sakura-desk", PASSWORD)
        assert PASSWORD not in repr(box)
        again = await sync_tenant_yaml(db, CIPHER, text=WITH_MAILBOX, now=clock.now(), actor="test")
        assert again.unchanged == ["sakura", "maple"]
        fixed = WITH_MAILBOX.replace(PASSWORD, "corrected-password")
        changed = await sync_tenant_yaml(db, CIPHER, text=fixed, now=clock.now(), actor="test")
        assert changed.updated == ["sakura"]  # a new password alone is a change (compared decrypted)
        (box,) = await tenant_mailboxes(db, CIPHER)
        assert box.imap_password == "corrected-password"

        await downgrade(db, "0013")
        columns = await _tenant_columns(db)
        assert "mail_imap_user" not in columns and "mail_imap_password_enc" not in columns
        async with db.engine.connect() as conn:
            slugs = set((await conn.execute(sa.text("SELECT slug FROM tenant"))).scalars())
        assert slugs == {"sakura", "maple"}
    finally:
        await db.dispose()
