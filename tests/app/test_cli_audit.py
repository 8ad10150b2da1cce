"""`kasuhara audit verify` names the first broken link of each chain; `tenants sync` and `keys rotate` are
audited. Through the CLI, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.cli import main
from bot.crypto import PiiCipher, generate_key
from storage.db import Database
from storage.models import AuditEntry
from storage.sealed import open_json
from tests.cli_env import point_cli_at
from tests.clock import TestClock

TENANTS = """tenants:
  - slug: sakura
    name: さくら総合クリニック
    line: {channel_id: "1", channel_secret: sakura-secret, access_token: tok-1}
  - slug: maple
    name: Maple Hotel
    language: en
"""
HASH_KEY = "e" * 64
PII_KEYS = generate_key()


@pytest.fixture
async def synced(database: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The CLI pointed at the test's database, with both tenants synced through it; the tenants file."""
    await point_cli_at(database, monkeypatch, keys=PII_KEYS, hash_key=HASH_KEY)
    file = tmp_path / "tenants.yml"
    file.write_text(TENANTS, encoding="utf-8")
    assert await cli(["tenants", "sync", str(file)]) == 0
    return file


async def cli(argv: list[str]) -> int:
    return await asyncio.to_thread(main, argv, clock=TestClock())


async def entries(database: Database) -> list[AuditEntry]:
    async with database.reader() as session:
        return list(await session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


async def sql(database: Database, statement: str) -> None:
    async with database.engine.begin() as conn:
        await conn.execute(text(statement))


async def test_verify_counts_intact_chains(
    synced: Path, database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await cli(["tenants", "sync", str(synced)]) == 0  # unchanged: one more desk entry
    capsys.readouterr()
    assert await cli(["audit", "verify"]) == 0
    last = {e.tenant_id: e.entry_hash[:16] for e in await entries(database)}
    assert capsys.readouterr().out.splitlines() == [
        f"desk (entries of no tenant): intact, 2 entries, last hash {last[None]}",
        f"tenant sakura (id 1): intact, 1 entries, last hash {last[1]}",
        f"tenant maple (id 2): intact, 1 entries, last hash {last[2]}",
        "audit log intact: 3 chains, 4 entries",
    ]
    assert await cli(["audit", "verify", "--tenant", "maple"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"tenant maple (id 2): intact, 1 entries, last hash {last[2]}",
        "audit log intact: 1 chains, 1 entries",
    ]


async def test_verify_names_the_entry_edited_behind_the_apps_back(
    synced: Path, database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    created = next(e for e in await entries(database) if e.action == "tenant.created" and e.tenant_id == 1)
    await sql(database, f"UPDATE audit_log SET actor = 'slack:U0SOMEONE' WHERE id = {created.id}")
    capsys.readouterr()
    assert await cli(["audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert (
        f"tenant sakura (id 1): BROKEN at entry {created.id} (seq 1): hash mismatch: the entry was changed"
        in out
    )
    assert "tenant maple (id 2): intact" in out and "NOT intact: 1 of 3 chains broken" in out
    assert await cli(["audit", "verify", "--tenant", "maple"]) == 0


async def test_verify_reports_a_deleted_entry_as_a_gap(
    synced: Path, database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(2):
        assert await cli(["tenants", "sync", str(synced)]) == 0
    desk = [e for e in await entries(database) if e.tenant_id is None]
    assert [e.seq for e in desk] == [1, 2, 3]
    await sql(database, f"DELETE FROM audit_log WHERE id = {desk[1].id}")
    capsys.readouterr()
    assert await cli(["audit", "verify"]) == 1
    assert (
        f"desk (entries of no tenant): BROKEN at entry {desk[2].id} (seq 3): missing predecessor: "
        "entry seq 2 of this chain deleted" in capsys.readouterr().out
    )


async def test_verify_refuses_an_unknown_tenant_and_a_missing_key(
    synced: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert await cli(["audit", "verify", "--tenant", "nosuch"]) == 2
    assert "no tenant with slug 'nosuch'" in capsys.readouterr().err
    assert await cli(["audit", "2026-1", "--tenant", "maple"]) == 2
    assert "--tenant goes with `kasuhara audit verify`" in capsys.readouterr().err
    keys = await asyncio.to_thread(lambda: __import__("os").environ["PII_ENCRYPTION_KEYS"])
    monkeypatch.delenv("PII_ENCRYPTION_KEYS")
    assert await cli(["audit", "verify"]) == 2
    assert "PII_ENCRYPTION_KEYS is not set" in capsys.readouterr().err
    monkeypatch.setenv("PII_ENCRYPTION_KEYS", keys)
    monkeypatch.delenv("PII_HASH_KEY")
    assert await cli(["audit", "verify"]) == 2
    assert "PII_HASH_KEY is not set" in capsys.readouterr().err


async def test_tenants_sync_and_keys_rotate_are_audited(
    synced: Path, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_key = await asyncio.to_thread(lambda: __import__("os").environ["PII_ENCRYPTION_KEYS"])
    keys = f"{generate_key()},{old_key}"
    monkeypatch.setenv("PII_ENCRYPTION_KEYS", keys)
    assert await cli(["keys", "rotate"]) == 0
    cipher = PiiCipher(keys=keys, hash_key=HASH_KEY)  # the entries are sealed (the newest under the new key)
    desk = [
        (e.actor, e.action, e.after_enc and open_json(cipher, e.after_enc))
        for e in await entries(database)
        if e.tenant_id is None
    ]
    assert desk == [
        (
            "cli",
            "tenants.synced",
            {"created": ["sakura", "maple"], "updated": [], "unchanged": [], "deactivated": []},
        ),
        # sakura's two LINE secrets and the sealed values of the three entries before.
        ("cli", "keys.rotated", {"values": 5, "blobs": 0}),
    ]
