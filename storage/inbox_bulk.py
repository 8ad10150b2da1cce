"""The webhook's hot path: inserting inbox rows in bulk with one driver call per batch.

Through the ORM a one-row SQLite transaction costs about 5 ms of thread hand-offs (aiosqlite runs each
cursor call on its own thread); here a whole batch is one call. The statement is built from the
model's columns, so the schema still lives in one place.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from storage.models import InboxEvent

COLUMNS = [c.name for c in InboxEvent.__table__.columns if c.name != "id"]
CONFLICT = "ON CONFLICT (source, event_id) DO NOTHING"

log = logging.getLogger(__name__)


def _sqlite_value(value: Any) -> Any:
    # The format SQLAlchemy's SQLite DateTime type writes and parses (naive UTC).
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    return value


def _log_failure(future: asyncio.Future[None]) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.warning("inbox checkpoint failed: %s", future.exception())


class SqliteInboxInserter:
    """Each batch is BEGIN IMMEDIATE, executemany, COMMIT.

    A batch is written on the event loop when the file's write lock is free at once: it takes tens of
    microseconds, less than handing it to a thread (the hand-off cost a third of the webhook's CPU, see
    bench/). When another connection holds the lock, the batch goes to a thread that waits for it, so the
    loop never waits for someone else's transaction. WAL checkpoints, which sync the disk, run on that
    thread too.
    """

    SQL = f"INSERT INTO inbox ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)}) {CONFLICT}"
    CHECKPOINT_EVERY = 200  # batches

    def __init__(self, path: str) -> None:
        self._path = path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inbox-writer")
        self._on_loop: sqlite3.Connection | None = None
        self._on_thread: sqlite3.Connection | None = None
        self._batches_since_checkpoint = 0

    def _connect(self, *, lock_timeout: float) -> sqlite3.Connection:
        connection = sqlite3.connect(
            self._path, timeout=lock_timeout, isolation_level=None, check_same_thread=False
        )
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("PRAGMA wal_autocheckpoint=0")
        return connection

    def _write(self, connection: sqlite3.Connection, rows: Sequence[dict[str, Any]]) -> None:
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.executemany(self.SQL, [[_sqlite_value(row.get(c)) for c in COLUMNS] for row in rows])
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise

    def _write_waiting(self, rows: Sequence[dict[str, Any]]) -> None:
        if self._on_thread is None:
            self._on_thread = self._connect(lock_timeout=30)
        self._write(self._on_thread, rows)

    def _checkpoint(self) -> None:
        if self._on_thread is None:
            self._on_thread = self._connect(lock_timeout=30)
        self._on_thread.execute("PRAGMA wal_checkpoint(PASSIVE)")

    async def insert(self, rows: Sequence[dict[str, Any]]) -> None:
        """Commit the rows (duplicates skipped)."""
        loop = asyncio.get_running_loop()
        try:
            if self._on_loop is None:
                self._on_loop = self._connect(lock_timeout=0)
            self._write(self._on_loop, rows)
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            await loop.run_in_executor(self._executor, self._write_waiting, rows)
        self._batches_since_checkpoint += 1
        if self._batches_since_checkpoint >= self.CHECKPOINT_EVERY:
            self._batches_since_checkpoint = 0
            loop.run_in_executor(self._executor, self._checkpoint).add_done_callback(_log_failure)

    async def close(self) -> None:
        """Close the connections and the thread."""
        if self._on_loop is not None:
            self._on_loop.close()
            self._on_loop = None
        connection = self._on_thread
        if connection is not None:
            await asyncio.get_running_loop().run_in_executor(self._executor, connection.close)
            self._on_thread = None
        self._executor.shutdown(wait=False)


def _postgres_array_types() -> list[str]:
    dialect = postgresql.dialect()
    return [InboxEvent.__table__.columns[c].type.compile(dialect=dialect) + "[]" for c in COLUMNS]


class PostgresInboxInserter:
    """One INSERT ... SELECT FROM unnest(column arrays) per batch, on a connection held across batches.

    One statement per batch costs PostgreSQL about a third of a row-by-row executemany; holding the
    connection saves the pool's per-checkout ping and reset-on-return (two round trips per batch). A
    connection that failed is dropped and the next batch opens a new one.
    """

    SQL = (
        f"INSERT INTO inbox ({', '.join(COLUMNS)}) SELECT * FROM unnest("
        + ", ".join(f"${i}::{t}" for i, t in enumerate(_postgres_array_types(), start=1))
        + f") {CONFLICT}"
    )

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._held: AsyncConnection | None = None

    async def insert(self, rows: Sequence[dict[str, Any]]) -> None:
        """Commit the rows (duplicates skipped); once more on a new connection if the held one was lost."""
        values = [[row.get(c) for row in rows] for c in COLUMNS]  # one array per column
        try:
            await self._insert(values)
        except Exception:
            # E.g. the server restarted since the last batch (asyncpg reports that in several ways). The
            # failed connection is gone; inserting again is safe, as duplicates are skipped.
            await self._insert(values)

    async def _insert(self, values: list[list[Any]]) -> None:
        if self._held is None:
            self._held = await self._engine.connect()
        try:
            raw = await self._held.get_raw_connection()
            driver: Any = raw.driver_connection
            async with driver.transaction():
                await driver.execute(self.SQL, *values)
        except BaseException:
            await self._drop()
            raise

    async def _drop(self) -> None:
        held, self._held = self._held, None
        if held is not None:
            with contextlib.suppress(Exception):
                await held.invalidate()
                await held.close()

    async def close(self) -> None:
        """Give the held connection back."""
        held, self._held = self._held, None
        if held is not None:
            await held.close()


def inserter_for(engine: AsyncEngine) -> SqliteInboxInserter | PostgresInboxInserter:
    """The bulk inserter for the inbox's engine."""
    url = make_url(str(engine.url))
    if url.get_backend_name() == "sqlite":
        return SqliteInboxInserter(url.database or ":memory:")
    return PostgresInboxInserter(engine)
