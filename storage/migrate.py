"""Alembic migrations, run programmatically on an async engine (no alembic.ini needed)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import Database

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(connection: Connection | None = None, *, audit_key: bytes | None = None) -> Config:
    """An Alembic config pointing at our scripts, optionally bound to an open connection (and given the
    audit chain key, with which migration 0009 chains the entries already stored)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
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


async def _upgrade_engine(engine: AsyncEngine, revision: str, audit_key: bytes | None) -> None:
    def _run(connection: Connection) -> None:
        command.upgrade(alembic_config(connection, audit_key=audit_key), revision)

    async with engine.begin() as conn:
        await conn.run_sync(_run)


async def upgrade(db: Database, revision: str = "head") -> None:
    """Apply migrations up to `revision` (on SQLite the inbox file gets the same schema)."""
    for engine in db.engines:
        await _upgrade_engine(engine, revision, db.audit_key)


async def upgrade_if_empty(db: Database) -> bool:
    """Migrate an empty database; refuse to run on one that is behind (returns True if it migrated)."""
    migrated = False
    for engine in db.engines:
        current = await current_revision(engine)
        if current is None:
            await _upgrade_engine(engine, "head", db.audit_key)
            migrated = True
        elif current != head_revision():
            raise RuntimeError(f"database is at revision {current}; run `kasuhara db upgrade` first")
    return migrated
