"""Migration 0008: the texts an older version kept in clear (assessment, verdict texts, audit values) move
into sealed columns, on SQLite and PostgreSQL, and back on a downgrade; without the key it refuses."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import inspect, select, text

from bot.cases.texts import assessment_of, verdict_texts
from bot.crypto import PiiCipher, generate_key
from storage.audit_verify import verify_chains
from storage.db import Database, create_engine, open_database
from storage.migrate import downgrade, upgrade
from storage.models import AuditEntry, Case, Verdict
from storage.repos import reviews
from tests.clock import TEST_NOW
from tests.conftest import TEST_AUDIT_KEY

NAME, PHONE = "鷺沼綾乃", "090-1234-5678"
ASSESSMENT = {
    "label": "harassment",
    "types": ["verbal_abuse", "excessive_demand"],
    "demand_valid": {"ok": False, "reason": "土下座の要求"},
    "means_acceptable": {"ok": False, "reason": "暴言"},
    "confidence": 0.72,
    "evidence": [f"{NAME}だ、土下座しろ"],
    "summary": f"{NAME}です。{PHONE}に電話しろ。土下座しろ。",
    "engine": "offline-4",
}
TEXTS = {
    "opinion": f"申出人（{NAME}）は「土下座しろ」と繰り返した。",
    "advice": "複数名で対応してください。",
    "recommendation": "警告文",
    "police_reference": "警視庁 第123号",
}
BEFORE, AFTER = {"status": "new"}, {"status": "decided", "note": f"{NAME} {PHONE}"}

TENANT = sa.table(
    "tenant",
    *(sa.column(c) for c in ("id", "slug", "name", "language", "feedback_allowed", "active")),
    *(sa.column(c) for c in ("created_at", "updated_at", "line_shared")),
    sa.column("report_channels", sa.JSON),
    sa.column("extra_closed_days", sa.JSON),
)
CASE = sa.table(
    "case",
    *(sa.column(c) for c in ("id", "number", "tenant_id", "channel", "status", "sla_due")),
    *(sa.column(c) for c in ("received_at", "last_message_at", "created_at", "updated_at")),
    *(sa.column(c) for c in ("suggested_label",)),
    sa.column("flags", sa.JSON),
    sa.column("assessment", sa.JSON),
)
VERDICT = sa.table(
    "verdict",
    *(sa.column(c) for c in ("case_id", "version", "label", "decided_by", "decided_at")),
    *(sa.column(c) for c in ("feedback_to_complainant", "police_report", *TEXTS)),
    sa.column("behaviour_types", sa.JSON),
)
AUDIT = sa.table(
    "audit_log",
    *(sa.column(c) for c in ("at", "actor", "action", "tenant_id", "case_id")),
    sa.column("before", sa.JSON),
    sa.column("after", sa.JSON),
)


@pytest.fixture(params=["sqlite", "postgresql"])
async def old_database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """An empty database at revision 0007 (before 0008), in a file or a schema of its own."""
    if request.param == "sqlite":
        db = open_database(f"sqlite+aiosqlite:///{tmp_path / 'old.db'}")
        await upgrade(db, "0007")
        yield db
        await db.dispose()
        return
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("TEST_DATABASE_URL not set (PostgreSQL runs are skipped)")
    schema = f"m_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    async with admin.begin() as conn:
        await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    db = open_database(url, search_path=schema)
    try:
        await upgrade(db, "0007")
        yield db
    finally:
        await db.dispose()
        async with admin.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


async def _fill(db: Database) -> None:
    """A case, its verdict and an audit entry as version 0006 stored them: in clear."""
    now: dict[str, Any] = {"created_at": TEST_NOW, "updated_at": TEST_NOW}
    async with db.transaction() as session:
        await session.execute(
            sa.insert(TENANT).values(
                id=1, slug="sakura", name="さくら", language="ja", feedback_allowed=False, active=True,
                line_shared=False, report_channels=[], extra_closed_days=[], **now,
            )
        )  # fmt: skip
        await session.execute(
            sa.insert(CASE).values(
                id=1, number="KH-2026-000001", tenant_id=1, channel="line", status="decided",
                sla_due=date(2026, 12, 2), received_at=TEST_NOW, last_message_at=TEST_NOW,
                suggested_label="harassment", flags={}, assessment=ASSESSMENT, **now,
            )
        )  # fmt: skip
        await session.execute(
            sa.insert(CASE).values(
                id=2, number="KH-2026-000002", tenant_id=1, channel="line", status="new",
                sla_due=date(2026, 12, 2), received_at=TEST_NOW, last_message_at=TEST_NOW, flags={}, **now,
            )
        )  # fmt: skip
        await session.execute(
            sa.insert(VERDICT).values(
                case_id=1, version=1, label="harassment", behaviour_types=["verbal_abuse"],
                feedback_to_complainant=False, police_report=True, decided_by="U_REVIEWER",
                decided_at=TEST_NOW, **TEXTS,
            )
        )  # fmt: skip
        await session.execute(
            sa.insert(AUDIT).values(
                at=TEST_NOW, actor="slack:U_REVIEWER", action="verdict.recorded", tenant_id=1, case_id=1,
                before=BEFORE, after=AFTER,
            )
        )  # fmt: skip


async def _columns(db: Database, table: str) -> set[str]:
    async with db.engine.connect() as conn:
        found = await conn.run_sync(lambda sync: inspect(sync).get_columns(table))
    return {column["name"] for column in found}


async def test_plain_texts_move_into_sealed_columns_and_back(old_database: Database) -> None:
    db = old_database
    await _fill(db)
    cipher = PiiCipher(keys=generate_key(), hash_key="h")
    db.seal_with(cipher)
    db.use_audit_key(
        TEST_AUDIT_KEY
    )  # 0009 then chains the entry over its plaintext, opened from 0008's columns
    await upgrade(db)

    assert "assessment" not in await _columns(db, "case")
    assert not set(TEXTS) & await _columns(db, "verdict")
    assert not {"before", "after"} & await _columns(db, "audit_log")
    async with db.reader() as session:
        case, empty = list(await session.scalars(select(Case).order_by(Case.id)))
        (verdict,) = await session.scalars(select(Verdict))
        assert assessment_of(cipher, case) == ASSESSMENT and assessment_of(cipher, empty) is None
        assert (case.suggested_label, case.assessment_types, case.assessment_engine) == (
            "harassment",
            ["verbal_abuse", "excessive_demand"],
            "offline-4",
        )
        assert case.assessment_confidence == pytest.approx(0.72)
        assert verdict_texts(cipher, verdict).__dict__ == TEXTS
        (entry,) = await reviews.audit_trail(session, case_id=1)
        assert (entry.before, entry.after) == (BEFORE, AFTER)
        sealed = [
            case.assessment_enc,
            verdict.texts_enc,
            *(await session.execute(select(AuditEntry.after_enc))).scalars(),
        ]
        assert all(token and NAME.encode() not in token for token in sealed)
    async with db.snapshot() as session:
        checks = await verify_chains(session, key=TEST_AUDIT_KEY)
        assert [(c.entries, c.broken) for c in checks] == [(1, None)]

    await downgrade(db, "0007")
    assert "assessment" in await _columns(db, "case") and set(TEXTS) <= await _columns(db, "verdict")
    async with db.reader() as session:
        assessments = (await session.execute(select(CASE.c.assessment).order_by(CASE.c.id))).scalars().all()
        assert list(assessments) == [ASSESSMENT, None]
        row = (await session.execute(select(*(VERDICT.c[name] for name in TEXTS)))).one()
        assert dict(zip(TEXTS, row, strict=True)) == TEXTS
        assert (await session.execute(select(AUDIT.c.before, AUDIT.c.after))).one() == (BEFORE, AFTER)


async def test_without_the_key_a_database_with_texts_is_not_migrated(old_database: Database) -> None:
    await _fill(old_database)
    with pytest.raises(RuntimeError, match="PII_ENCRYPTION_KEYS"):
        await upgrade(old_database)
    assert "assessment" in await _columns(old_database, "case")  # nothing half-done


async def test_an_empty_database_needs_no_key(old_database: Database) -> None:
    await upgrade(old_database)
    assert "assessment_enc" in await _columns(old_database, "case")


async def test_sqlite_keeps_no_plain_text_on_disk_after_the_move(tmp_path: Path) -> None:
    db = open_database(f"sqlite+aiosqlite:///{tmp_path / 'old.db'}")
    await upgrade(db, "0007")
    await _fill(db)
    # Enough rows that rewriting them frees pages (whose old contents only a VACUUM removes).
    entry = {"at": TEST_NOW, "actor": "a", "action": "x", "tenant_id": 1, "case_id": 1, "before": None}
    async with db.transaction() as session:
        await session.execute(sa.insert(AUDIT), [{**entry, "after": {"n": NAME * 20}}] * 1000)
    db.seal_with(PiiCipher(keys=generate_key(), hash_key="h"))
    db.use_audit_key(TEST_AUDIT_KEY)
    await upgrade(db)
    await db.dispose()
    for file in tmp_path.iterdir():
        raw = file.read_bytes()
        for value in (NAME, PHONE, TEXTS["opinion"]):
            for form in (value, value.encode("unicode_escape").decode()):
                assert form.encode() not in raw, (file.name, value)
