"""Migration 0007 (the case lifecycle) on a database holding cases, on SQLite and PostgreSQL: withdrawn cases
are closed when they were withdrawn; the downgrade puts closed cases back where their workflow stood."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import text

from storage.db import Database, create_engine, open_database
from storage.migrate import alembic_config, current_revision, upgrade
from tests.clock import TEST_NOW

STAMP = sa.DateTime(timezone=True)
TENANT = sa.table(
    "tenant",
    *(sa.column(n, sa.String) for n in ("slug", "name", "language")),
    *(sa.column(n, sa.JSON) for n in ("report_channels", "extra_closed_days")),
    *(sa.column(n, sa.Boolean) for n in ("feedback_allowed", "active")),
    *(sa.column(n, STAMP) for n in ("created_at", "updated_at")),
    sa.column("id", sa.Integer),
)
CASE = sa.table(
    "case",
    *(sa.column(n, sa.String) for n in ("number", "channel", "status")),
    *(sa.column(n, sa.Integer) for n in ("id", "tenant_id")),
    *(sa.column(n, STAMP) for n in ("received_at", "last_message_at", "created_at", "updated_at")),
    *(sa.column(n, STAMP) for n in ("decided_at", "reported_at", "closed_at")),
    sa.column("sla_due", sa.Date),
    sa.column("flags", sa.JSON),
)


@pytest.fixture(params=["sqlite", "postgresql"])
async def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """A database with no tables: a SQLite file, or a new schema on the PostgreSQL test server."""
    if request.param == "sqlite":
        db = open_database(f"sqlite+aiosqlite:///{tmp_path / 'm.db'}")
        yield db
        await db.dispose()
        return
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("TEST_DATABASE_URL not set (PostgreSQL runs are skipped)")
    schema = f"m_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    try:
        async with admin.begin() as conn:
            await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OSError:
        await admin.dispose()
        pytest.skip("no PostgreSQL server answers at TEST_DATABASE_URL")
    db = open_database(url, search_path=schema)
    try:
        yield db
    finally:
        await db.dispose()
        async with admin.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


def _case(case_id: int, status: str, updated_at: datetime, **extra: datetime) -> dict[str, object]:
    stamps = dict.fromkeys(("decided_at", "reported_at", "closed_at"))
    return {
        **stamps,
        "id": case_id,
        "number": f"KH-2026-{case_id:06d}",
        "tenant_id": 1,
        "channel": "line",
        "status": status,
        "received_at": TEST_NOW,
        "last_message_at": TEST_NOW,
        "sla_due": date(2026, 12, 3),
        "flags": {},
        "created_at": TEST_NOW,
        "updated_at": updated_at,
        **extra,
    }


async def _rows(db: Database) -> dict[int, tuple[str, datetime | None]]:
    async with db.engine.connect() as conn:
        rows = await conn.execute(sa.select(CASE.c.id, CASE.c.status, CASE.c.closed_at))
        return {row.id: (row.status, row.closed_at) for row in rows}


async def test_0007_closes_withdrawn_cases_then_downgrades(empty_database: Database) -> None:
    db = empty_database
    await upgrade(db, "0006")
    withdrawn_at = TEST_NOW + timedelta(hours=2)
    async with db.engine.begin() as conn:
        await conn.execute(
            sa.insert(TENANT).values(
                id=1,
                slug="sakura",
                name="さくら",
                language="ja",
                report_channels=[],
                extra_closed_days=[],
                feedback_allowed=False,
                active=True,
                created_at=TEST_NOW,
                updated_at=TEST_NOW,
            )
        )
        await conn.execute(
            sa.insert(CASE),
            [_case(1, "withdrawn", withdrawn_at), _case(2, "new", withdrawn_at)],
        )
    await upgrade(db, "0007")
    assert await current_revision(db.engine) == "0007"
    async with db.engine.connect() as conn:
        result = await conn.execute(text('SELECT id, close_reason FROM "case"'))
        reasons: dict[int, str | None] = {row.id: row.close_reason for row in result}
    assert reasons == {1: "withdrawn", 2: None}
    status, closed_at = (await _rows(db))[1]
    assert status == "withdrawn" and closed_at is not None
    assert closed_at.replace(tzinfo=closed_at.tzinfo or UTC) == withdrawn_at
    assert (await _rows(db))[2] == ("new", None)

    # Cases closed under 0007, then the downgrade: the older code knows no status "closed".
    async with db.engine.begin() as conn:
        await conn.execute(
            sa.insert(CASE),
            [
                _case(3, "closed", TEST_NOW, reported_at=TEST_NOW, decided_at=TEST_NOW, closed_at=TEST_NOW),
                _case(4, "closed", TEST_NOW, decided_at=TEST_NOW, closed_at=TEST_NOW),
                _case(5, "closed", TEST_NOW, closed_at=TEST_NOW),
            ],
        )

    def _down(connection: sa.Connection) -> None:
        command.downgrade(alembic_config(connection), "0006")

    async with db.engine.begin() as conn:
        await conn.run_sync(_down)
    statuses = {case_id: status for case_id, (status, _) in (await _rows(db)).items()}
    assert statuses == {1: "withdrawn", 2: "new", 3: "reported", 4: "decided", 5: "in_review"}
    async with db.engine.connect() as conn:
        columns = await conn.run_sync(lambda c: [col["name"] for col in sa.inspect(c).get_columns("case")])
    assert "close_reason" not in columns
