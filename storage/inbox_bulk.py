"""The webhook's hot path: inserting inbox rows in bulk with one driver call per batch.

Through the ORM a one-row SQLite transaction costs about 5 ms of thread hand-offs (aiosqlite runs each
cursor call on its own thread); here a whole batch is one call. The statement is built from the
model's columns, so the schema still lives in one place.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.models import InboxEvent

COLUMNS = [c.name for c in InboxEvent.__table__.columns if c.name != "id"]
CONFLICT = "ON CONFLICT (source, event_id) DO NOTHING"


def _sqlite_value(value: Any) -> Any:
    # The format SQLAlchemy's SQLite DateTime type writes and parses (naive UTC).
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    return value


class SqliteInboxInserter:
    """One connection on one thread; each batch is BEGIN IMMEDIATE, executemany, COMMIT."""

    SQL = f"INSERT INTO inbox ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)}) {CONFLICT}"

    def __init__(self, path: str) -> None:
        self._path = path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inbox-writer")
        self._connection: sqlite3.Connection | None = None

    def _write(self, rows: Sequence[dict[str, Any]]) -> None:
        if self._connection is None:
            self._connection = sqlite3.connect(self._path, timeout=30, isolation_level=None)
            self._connection.execute("PRAGMA journal_mode=WAL")
            self._connection.execute("PRAGMA synchronous=NORMAL")
        connection = self._connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.executemany(self.SQL, [[_sqlite_value(row.get(c)) for c in COLUMNS] for row in rows])
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    async def insert(self, rows: Sequence[dict[str, Any]]) -> None:
        """Commit the rows (duplicates skipped)."""
        await asyncio.get_running_loop().run_in_executor(self._executor, self._write, rows)

    async def close(self) -> None:
        """Close the connection and its thread."""
        connection = self._connection
        if connection is not None:
            await asyncio.get_running_loop().run_in_executor(self._executor, connection.close)
            self._connection = None
        self._executor.shutdown(wait=False)


class PostgresInboxInserter:
    """asyncpg's executemany on a pooled connection, in one transaction."""

    SQL = (
        f"INSERT INTO inbox ({', '.join(COLUMNS)}) "
        f"VALUES ({', '.join(f'${i}' for i in range(1, len(COLUMNS) + 1))}) {CONFLICT}"
    )

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def insert(self, rows: Sequence[dict[str, Any]]) -> None:
        """Commit the rows (duplicates skipped)."""
        async with self._engine.connect() as conn:
            raw = await conn.get_raw_connection()
            driver: Any = raw.driver_connection
            async with driver.transaction():
                await driver.executemany(self.SQL, [[row.get(c) for c in COLUMNS] for row in rows])

    async def close(self) -> None:
        """Nothing of its own to close (the engine's pool is the database's)."""


def inserter_for(engine: AsyncEngine) -> SqliteInboxInserter | PostgresInboxInserter:
    """The bulk inserter for the inbox's engine."""
    url = make_url(str(engine.url))
    if url.get_backend_name() == "sqlite":
        return SqliteInboxInserter(url.database or ":memory:")
    return PostgresInboxInserter(engine)
