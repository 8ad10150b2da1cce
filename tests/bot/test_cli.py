"""The command line: serve refuses bad secrets; tenants sync is all or nothing; keys rotate."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.crypto import PiiCipher, generate_key
from storage.db import open_database
from storage.models import Tenant
from tests.clock import TestClock


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    values = {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}",
        "SLACK_BOT_TOKEN": "xoxb-12345-real-looking",
        "SLACK_SIGNING_SECRET": "0123456789abcdef0123456789abcdef",
        "SLACK_TRIAGE_CHANNEL": "C0TRIAGE01",
        "PII_ENCRYPTION_KEYS": generate_key(),
        "PII_HASH_KEY": "f" * 64,
        "SAKURA_SECRET": "sakura-secret",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("SLACK_BOT_TOKEN", "", "SLACK_BOT_TOKEN is not set"),
        ("SLACK_SIGNING_SECRET", "changeme", "SLACK_SIGNING_SECRET still holds a placeholder"),
        ("PII_ENCRYPTION_KEYS", "", "PII_ENCRYPTION_KEYS is not set"),
        ("PII_HASH_KEY", "your-hash-key", "PII_HASH_KEY still holds a placeholder"),
        ("PII_ENCRYPTION_KEYS", "not-a-fernet-key", "PII_ENCRYPTION_KEYS must be Fernet keys"),
    ],
)
def test_serve_refuses_missing_or_placeholder_secret(
    env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    value: str,
    message: str,
) -> None:
    monkeypatch.setenv(name, value)
    assert main(["serve"], clock=TestClock()) == 2
    assert message in capsys.readouterr().err


TENANTS = """tenants:
  - slug: sakura
    name: さくら総合クリニック
    line: {channel_id: "1", channel_secret: "${SAKURA_SECRET}", access_token: tok-1}
  - slug: maple
    name: Maple Hotel
    language: en
"""


def _tenants(env: dict[str, str]) -> list[Tenant]:
    async def load() -> list[Tenant]:
        db = open_database(env["DATABASE_URL"])
        async with db.sessions() as session:
            rows = list(await session.scalars(select(Tenant).order_by(Tenant.slug)))
        await db.dispose()
        return rows

    return asyncio.run(load())


def test_tenants_sync_and_list(
    env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "tenants.yml"
    file.write_text(TENANTS, encoding="utf-8")
    assert main(["tenants", "sync", str(file)], clock=TestClock()) == 0
    assert "created: sakura, maple" in capsys.readouterr().out
    assert main(["tenants", "list"], clock=TestClock()) == 0
    listing = capsys.readouterr().out
    assert "sakura" in listing and "Maple Hotel" in listing and "/line/webhook/sakura" in listing
    stored = {t.slug: t for t in _tenants(env)}
    cipher = PiiCipher(keys=env["PII_ENCRYPTION_KEYS"], hash_key=env["PII_HASH_KEY"])
    assert stored["sakura"].line_channel_secret_enc
    assert cipher.decrypt(stored["sakura"].line_channel_secret_enc) == "sakura-secret"

    # Second run: unchanged; removing a tenant deactivates it.
    assert main(["tenants", "sync", str(file)], clock=TestClock()) == 0
    assert "unchanged: sakura, maple" in capsys.readouterr().out
    file.write_text(TENANTS.split("  - slug: maple")[0], encoding="utf-8")
    assert main(["tenants", "sync", str(file)], clock=TestClock()) == 0
    assert "deactivated: maple" in capsys.readouterr().out


def test_bad_tenants_file_applies_nothing(
    env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"], clock=TestClock()) == 0
    file = tmp_path / "tenants.yml"
    file.write_text(TENANTS + "  - slug: broken\n    name: X\n    language: de\n", encoding="utf-8")
    assert main(["tenants", "sync", str(file)], clock=TestClock()) == 2
    err = capsys.readouterr().err
    assert "tenants.2.language (line 10)" in err
    assert _tenants(env) == []


def test_key_rotation_reencrypts_under_the_new_key(
    env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "tenants.yml"
    file.write_text(TENANTS, encoding="utf-8")
    assert main(["tenants", "sync", str(file)], clock=TestClock()) == 0
    old_key, new_key = env["PII_ENCRYPTION_KEYS"], generate_key()
    monkeypatch.setenv("PII_ENCRYPTION_KEYS", f"{new_key},{old_key}")
    assert main(["keys", "rotate"], clock=TestClock()) == 0
    only_new = PiiCipher(keys=new_key, hash_key=env["PII_HASH_KEY"])
    sakura = next(t for t in _tenants(env) if t.slug == "sakura")
    assert (
        sakura.line_channel_secret_enc and only_new.decrypt(sakura.line_channel_secret_enc) == "sakura-secret"
    )


def test_db_upgrade(env: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade"], clock=TestClock()) == 0
    assert "newest schema" in capsys.readouterr().out
