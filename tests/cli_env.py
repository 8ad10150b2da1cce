"""Pointing the command line at a test's database, the way a deployment's environment would."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bot.crypto import audit_chain_key
from storage.db import Database


async def point_cli_at(
    database: Database, monkeypatch: pytest.MonkeyPatch, *, keys: str, hash_key: str
) -> None:
    """`kasuhara` reaches `database` (its own PostgreSQL schema too) with these PII keys; entries written
    through `database` chain under the same key as the command's."""
    monkeypatch.setenv("DATABASE_URL", database.engine.url.render_as_string(hide_password=False))
    if database.engine.dialect.name == "postgresql":
        async with database.engine.connect() as conn:
            schema = (await conn.execute(text("SELECT current_schema()"))).scalar_one()
        monkeypatch.setenv("DATABASE_SCHEMA", schema)
    monkeypatch.setenv("PII_ENCRYPTION_KEYS", keys)
    monkeypatch.setenv("PII_HASH_KEY", hash_key)
    database.use_audit_key(audit_chain_key(hash_key))
