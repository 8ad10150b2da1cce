"""Alembic migrations, run programmatically on an async engine (no alembic.ini needed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import Database
from storage.sealed import SEALER, Sealer

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Set by a migration that moved personal data out of tables (their names): they are compacted afterwards.
COMPACT = "kasuhara_compact"


def alembic_config(
    connection: Connection | None = None, sealer: Sealer | None = None, *, audit_key: bytes | None = None
) -> Config:
    """An Alembic config pointing at our scripts, optionally bound to an open connection and carrying the
    service's key (migrations that encrypt existing data find it as `config.attributes[SEALER]`) and the
    audit chain key (with which migration 0009 chains the entries already stored)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    if sealer is not None:
        cfg.attributes[SEALER] = sealer
    cfg.attributes["audit_key"] = audit_key
    return cfg


def _current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """The newest revision in the scripts."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


async def current_revision(engine: AsyncEngine) -> str | None:
    """The revision the database is at (None when empty)."""
    async with engine.connect() as conn:
        return await conn.run_sync(_current_revision)


async def _migrate(
    engine: AsyncEngine,
    step: Callable[[Config, str], None],
    revision: str,
    sealer: Sealer | None = None,
    audit_key: bytes | None = None,
) -> None:
    """Run an Alembic command in one transaction, then compact what its migrations asked for."""
    cfg = alembic_config(sealer=sealer, audit_key=audit_key)

    def _run(connection: Connection) -> None:
        cfg.attributes["connection"] = connection
        step(cfg, revision)

    async with engine.begin() as conn:
        await conn.run_sync(_run)
    await _compact(engine, cfg.attributes.get(COMPACT) or set())


async def _compact(engine: AsyncEngine, tables: set[str]) -> None:
    """Rewrite the tables a migration moved personal data out of, so that no old copy of it stays in the
    database's files (free pages on SQLite, dead rows and dropped columns on PostgreSQL)."""
    if not tables:
        return
    async with engine.connect() as conn:
        driver = (await conn.get_raw_connection()).driver_connection
        assert driver is not None
        # Outside any transaction, as both need.
        if engine.dialect.name == "sqlite":
            await driver.execute("VACUUM")
        else:
            for table in sorted(tables):
                await driver.execute(f'VACUUM FULL "{table}"')


async def upgrade(db: Database, revision: str = "head") -> None:
    """Apply migrations up to `revision` (on SQLite the inbox file gets the same schema)."""
    for engine in db.engines:
        await _migrate(engine, command.upgrade, revision, db.sealer, db.audit_key)


async def downgrade(db: Database, revision: str) -> None:
    """Revert migrations down to `revision` (for tests of a migration and for rolling back a release)."""
    for engine in db.engines:
        await _migrate(engine, command.downgrade, revision, db.sealer, db.audit_key)


async def upgrade_if_empty(db: Database) -> bool:
    """Migrate an empty database; refuse to run on one that is behind (returns True if it migrated)."""
    migrated = False
    for engine in db.engines:
        current = await current_revision(engine)
        if current is None:
            await _migrate(engine, command.upgrade, "head", db.sealer, db.audit_key)
            migrated = True
        elif current != head_revision():
            raise RuntimeError(f"database is at revision {current}; run `kasuhara db upgrade` first")
    return migrated
