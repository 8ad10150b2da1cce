"""The command line: serve refuses bad secrets; tenants sync is all or nothing; keys rotate."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import select

from app.cli import main
from bot.cases.texts import VerdictTexts, assessment_of, seal_verdict_texts, store_assessment, verdict_texts
from bot.classifier.offline import not_classified
from bot.crypto import PiiCipher, generate_key
from bot.privacy.key_rotation import ENCRYPTED_COLUMNS
from storage.db import open_database
from storage.models import AuditEntry, Base, Case, Tenant, Verdict
from tests.clock import TEST_NOW, TestClock

T = TypeVar("T")


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
    return sorted(_rows(env, Tenant), key=lambda t: t.slug)


def _rows(env: dict[str, str], model: type[T]) -> list[T]:
    async def load() -> list[T]:
        db = open_database(env["DATABASE_URL"])
        async with db.reader() as session:
            rows = list(await session.scalars(select(model)))
        await db.dispose()
        return rows

    return asyncio.run(load())


def _decided_case(env: dict[str, str], cipher: PiiCipher) -> None:
    """A case with an assessment and a verdict, as the service stores them."""

    async def add() -> None:
        db = open_database(env["DATABASE_URL"])
        async with db.transaction() as session:
            (tenant,) = await session.scalars(select(Tenant).where(Tenant.slug == "sakura"))
            case = Case(
                number="KH-2026-000001", tenant_id=tenant.id, channel="line", status="decided",
                received_at=TEST_NOW, last_message_at=TEST_NOW, sla_due=TEST_NOW.date(), flags={},
                created_at=TEST_NOW, updated_at=TEST_NOW,
            )  # fmt: skip
            store_assessment(cipher, case, not_classified("ja", why="test"))
            session.add(case)
            await session.flush()
            session.add(
                Verdict(
                    case_id=case.id, version=1, label="harassment", behaviour_types=[],
                    texts_enc=seal_verdict_texts(cipher, VerdictTexts("見解", "助言", "推奨")),
                    feedback_to_complainant=False, police_report=False, decided_by="U1", decided_at=TEST_NOW,
                )
            )  # fmt: skip
        await db.dispose()

    asyncio.run(add())


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
    mailbox = "    mail: {imap_user: sakura-desk, imap_password: imap-secret}\n"
    file.write_text(TENANTS.replace("    line:", mailbox + "    line:", 1), encoding="utf-8")
    assert main(["tenants", "sync", str(file)], clock=TestClock()) == 0
    old_key, new_key = env["PII_ENCRYPTION_KEYS"], generate_key()
    _decided_case(env, PiiCipher(keys=old_key, hash_key=env["PII_HASH_KEY"]))
    monkeypatch.setenv("PII_ENCRYPTION_KEYS", f"{new_key},{old_key}")
    assert main(["keys", "rotate"], clock=TestClock()) == 0
    only_new = PiiCipher(keys=new_key, hash_key=env["PII_HASH_KEY"])
    sakura = next(t for t in _tenants(env) if t.slug == "sakura")
    assert (
        sakura.line_channel_secret_enc and only_new.decrypt(sakura.line_channel_secret_enc) == "sakura-secret"
    )
    # The sealed texts too: the assessment, the verdict's words, the audit log's before and after.
    (case,) = _rows(env, Case)
    assert (assessment_of(only_new, case) or {})["engine"] == "offline-4 (test)"
    (verdict,) = _rows(env, Verdict)
    assert verdict_texts(only_new, verdict).opinion == "見解"
    entries = _rows(env, AuditEntry)
    assert entries and all(only_new.decrypt_bytes(e.after_enc) for e in entries if e.after_enc)
    assert sakura.mail_imap_password_enc and only_new.decrypt(sakura.mail_imap_password_enc) == "imap-secret"


def test_every_sealed_column_is_rotated() -> None:
    sealed = {
        (table.name, column.name)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if column.name.endswith("_enc")
    }
    rotated = {(m.__tablename__, c) for m, columns in ENCRYPTED_COLUMNS.items() for c in columns}
    assert sealed == rotated
    assert ("tenant", "mail_imap_password_enc") in rotated and ("classifier_model", "artefact_enc") in rotated


def test_db_upgrade(env: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade"], clock=TestClock()) == 0
    assert "newest schema" in capsys.readouterr().out
