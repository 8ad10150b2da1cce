"""Migrations 0009 and 0010 chain the audit entries stored before them, in id order, under PII_HASH_KEY's
key, over the digest of their plaintext values (opened from the sealed columns of 0008 with the service's
key); 0010 checks a chain 0009 made (over the values themselves) before it chains it again."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import LargeBinary, column, table, text

from bot.crypto import PiiCipher, generate_key
from storage.audit_verify import verify_chains
from storage.db import Database, create_engine, open_database
from storage.migrate import current_revision, downgrade, head_revision, upgrade
from storage.models import UTCDateTime
from storage.sealed import seal_json
from tests.clock import TEST_NOW
from tests.conftest import TEST_AUDIT_KEY
from tests.storage.test_audit_chain import add_case, add_tenants, append, purge_values

BEFORE_CHAINS = "0008"
CIPHER = PiiCipher(keys=generate_key(), hash_key="h")


@pytest.fixture(params=["sqlite", "postgresql"])
async def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[tuple[str, str | None]]:
    """A database URL (and schema) with nothing in it yet."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'old.db'}", None
        return
    from tests.conftest import _postgres_url

    url = _postgres_url()
    if not url:
        pytest.skip("TEST_DATABASE_URL not set (PostgreSQL runs are skipped)")
    schema = f"m_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    async with admin.begin() as conn:
        await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield url, schema
    finally:
        async with admin.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


async def _old_database(
    url: str, schema: str | None, *, audit_key: bytes | None, sealer: PiiCipher | None = CIPHER
) -> Database:
    """A database at the revision before the chains, with entries written the way that version did."""
    db = open_database(url, search_path=schema, audit_key=audit_key, sealer=sealer)
    await upgrade(db, BEFORE_CHAINS)
    async with db.engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO tenant (slug, name, language, report_channels, extra_closed_days,"
                " feedback_allowed, active, created_at, updated_at, line_shared) VALUES ('sakura', 'さくら',"
                " 'ja', '[]', '[]', false, true, '2026-11-30 01:00:00+00', '2026-11-30 01:00:00+00', false)"
            )
        )
        # Written the way that version wrote them (its columns, sealed JSON, SQLAlchemy's UTC type).
        old_log = table(
            "audit_log", column("at", UTCDateTime()), column("actor"), column("action"), column("tenant_id"),
            column("before_enc", LargeBinary()), column("after_enc", LargeBinary()),
        )  # fmt: skip
        await conn.execute(
            old_log.insert(),
            [
                {"at": TEST_NOW + timedelta(seconds=i, microseconds=123456), "actor": "slack:U0REVIEWER1",
                 "action": "case.claimed", "tenant_id": tenant, "before_enc": None,
                 "after_enc": seal_json(CIPHER, {"n": i, "名": "様"})}
                for i, tenant in enumerate([1, None, 1, 1, None])
            ],
        )  # fmt: skip
    return db


async def test_the_upgrade_chains_existing_entries_and_new_ones_follow(
    empty_url: tuple[str, str | None],
) -> None:
    url, schema = empty_url
    db = await _old_database(url, schema, audit_key=TEST_AUDIT_KEY)
    try:
        await upgrade(db)
        assert await current_revision(db.engine) == head_revision()
        await append(db, 1, 2)  # the app goes on writing on top of the chained entries
        async with db.snapshot() as session:
            checks = await verify_chains(session, key=TEST_AUDIT_KEY)
        assert [(c.chain, c.entries, c.broken) for c in checks] == [("desk", 2, None), ("tenant:1", 5, None)]
    finally:
        await db.dispose()


async def test_the_upgrade_needs_the_key_when_entries_exist(empty_url: tuple[str, str | None]) -> None:
    url, schema = empty_url
    db = await _old_database(url, schema, audit_key=None)
    try:
        with pytest.raises(RuntimeError, match="PII_HASH_KEY"):
            await upgrade(db)
        assert await current_revision(db.engine) == BEFORE_CHAINS  # nothing half done
    finally:
        await db.dispose()


async def test_the_upgrade_needs_the_encryption_key_when_entries_exist(
    empty_url: tuple[str, str | None],
) -> None:
    url, schema = empty_url
    db = await _old_database(url, schema, audit_key=TEST_AUDIT_KEY, sealer=None)
    try:
        with pytest.raises(RuntimeError, match="PII_ENCRYPTION_KEYS"):
            await upgrade(db)
        assert await current_revision(db.engine) == BEFORE_CHAINS  # nothing half done
    finally:
        await db.dispose()


async def _chained_by_0009(url: str, schema: str | None) -> Database:
    """A database whose entries were written at head (one case's values purged), then taken back to 0009:
    its chains as 0009 made them, over the values themselves."""
    db = open_database(url, search_path=schema, audit_key=TEST_AUDIT_KEY, sealer=CIPHER)
    await upgrade(db)
    (sakura,) = await add_tenants(db, "sakura")
    case = await add_case(db, sakura)
    await append(db, sakura, 3, case_id=case)
    await append(db, None, 2)
    await purge_values(db, sakura, case)
    await append(db, sakura, 1)
    await downgrade(db, "0009")
    return db


async def test_a_chain_0009_made_is_checked_then_chained_over_digests(
    empty_url: tuple[str, str | None],
) -> None:
    url, schema = empty_url
    db = await _chained_by_0009(url, schema)
    try:
        await upgrade(db)
        await append(db, None, 1)
        async with db.snapshot() as session:
            checks = await verify_chains(session, key=TEST_AUDIT_KEY)
        assert [(c.chain, c.entries, c.broken) for c in checks] == [("desk", 3, None), ("tenant:1", 5, None)]
    finally:
        await db.dispose()


@pytest.mark.parametrize(
    ("change", "names"),
    [
        ("UPDATE audit_log SET actor = 'slack:U0INTRUDER' WHERE id = 2", "audit entry 2 does not hold"),
        ("DELETE FROM audit_log WHERE id = 2", "audit entry 3 does not hold"),
        ("DELETE FROM audit_log WHERE id = 5", "the audit chain desk does not end at its head"),
    ],
)
async def test_a_chain_0009_made_that_was_changed_stops_the_upgrade(
    empty_url: tuple[str, str | None], change: str, names: str
) -> None:
    url, schema = empty_url
    db = await _chained_by_0009(url, schema)
    try:
        async with db.engine.begin() as conn:
            await conn.execute(text(change))
        with pytest.raises(RuntimeError, match=names):
            await upgrade(db)
        assert await current_revision(db.engine) == "0009"  # nothing chained again over the change
    finally:
        await db.dispose()
