"""Engines and the transactions on them: `transaction()` writes, `reader()` only reads.

SQLite gets WAL and a busy timeout; a writing transaction takes the write lock up front (BEGIN IMMEDIATE),
a reading one never takes it, so reads (a tenant look-up, /healthz, a reviewer's query) never wait for the
worker's writes. On PostgreSQL a reading transaction is READ ONLY.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from storage.audit_chain import KEY_INFO, ChainedSession
from storage.sealed import SEALER, Sealer


def is_sqlite(url: str) -> bool:
    """True for a SQLite URL."""
    return make_url(url).get_backend_name() == "sqlite"


def inbox_url_for(url: str) -> str | None:
    """SQLite keeps the inbox in a file of its own beside the main one (None for other databases)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    main = Path(parsed.database)
    return str(parsed.set(database=str(main.with_name(main.stem + ".inbox" + (main.suffix or ".db")))))


def open_database(
    url: str, *, search_path: str | None = None, audit_key: bytes | None = None, sealer: Sealer | None = None
) -> Database:
    """The service's database: on SQLite, a main file and an inbox file, so that intake never waits
    for the worker's write lock; on PostgreSQL, one database for both. `audit_key` chains the audit log;
    `sealer` encrypts the sealed columns that repositories write themselves (see storage.sealed)."""
    inbox_url = inbox_url_for(url)
    engine = create_engine(url, search_path=search_path)
    inbox_engine = create_engine(inbox_url) if inbox_url else None
    return Database(engine, inbox_engine=inbox_engine, audit_key=audit_key, sealer=sealer)


def create_engine(url: str, *, search_path: str | None = None) -> AsyncEngine:
    """An async engine for SQLite or PostgreSQL (optionally pinned to a schema, for tests)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30})
        _configure_sqlite(engine)
        return engine
    connect_args: dict[str, Any] = {}
    if search_path:
        connect_args["server_settings"] = {"search_path": search_path}
    return create_async_engine(
        url, pool_size=10, max_overflow=10, pool_pre_ping=True, connect_args=connect_args
    )


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event decide how transactions start (see below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A writer takes the write lock up front: a deferred transaction that later writes can fail with
        # "database is locked" without waiting for the busy timeout. A reader reads a WAL snapshot.
        writes = conn.get_execution_options().get(WRITES, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


# The execution option that marks a writing transaction (see `Database.transaction`).
WRITES = "kasuhara_writes"


def dialect_of(session: AsyncSession) -> str:
    """The session's database dialect name (`sqlite` or `postgresql`)."""
    return session.get_bind().dialect.name


class Database:
    """The engines and the transactions on them, each named for what it may do: `transaction()` /
    `inbox_transaction()` write (one unit of work each), `reader()` / `inbox_reader()` read, `snapshot()`
    reads one moment throughout.
    Every session chains the audit entries it flushes, under `audit_key` (see storage.audit_chain)."""

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        inbox_engine: AsyncEngine | None = None,
        audit_key: bytes | None = None,
        sealer: Sealer | None = None,
    ) -> None:
        self.engine = engine
        self.inbox_engine = inbox_engine or engine
        self.dialect = engine.dialect.name
        # Copied into each new session's `info`: the chain key its audit entries are hashed with, and the
        # sealer (once known).
        self._info: dict[str, Any] = {}
        self.use_audit_key(audit_key)
        if sealer is not None:
            self.seal_with(sealer)

        def maker(bound: AsyncEngine) -> async_sessionmaker[AsyncSession]:
            return async_sessionmaker(
                bound, expire_on_commit=False, sync_session_class=ChainedSession, info=self._info
            )

        self._writers = maker(engine.execution_options(**{WRITES: True}))
        self._inbox_writers = maker(self.inbox_engine.execution_options(**{WRITES: True}))
        read_only = {"postgresql_readonly": True} if self.dialect == "postgresql" else {}
        self._readers = maker(engine.execution_options(**read_only))
        # SQLite's reading transaction already reads one WAL snapshot throughout.
        repeatable = {"isolation_level": "REPEATABLE READ"} if self.dialect == "postgresql" else {}
        self._snapshots = maker(engine.execution_options(**read_only, **repeatable))
        self._inbox_readers = maker(self.inbox_engine.execution_options(**read_only))

    @property
    def audit_key(self) -> bytes | None:
        """The key the audit log's hash chains are computed with (None: entries cannot be written)."""
        key = self._info.get(KEY_INFO)
        return key if isinstance(key, bytes) else None

    def use_audit_key(self, key: bytes | None) -> None:
        """Chain the audit entries of sessions opened from now on under `key`."""
        self._info[KEY_INFO] = key

    @property
    def sealer(self) -> Sealer | None:
        """What seals the sealed columns (None: opened without the key)."""
        sealer: Sealer | None = self._info.get(SEALER)
        return sealer

    def seal_with(self, sealer: Sealer) -> None:
        """Seal with `sealer` in every session opened from now on."""
        self._info[SEALER] = sealer

    @property
    def engines(self) -> list[AsyncEngine]:
        """Every distinct engine (one, or two on SQLite)."""
        return [self.engine] if self.inbox_engine is self.engine else [self.engine, self.inbox_engine]

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A writing transaction: committed on success, rolled back on error."""
        async with self._writers() as session, session.begin():
            yield session

    @asynccontextmanager
    async def inbox_transaction(self) -> AsyncIterator[AsyncSession]:
        """A writing transaction on the inbox (its own file on SQLite)."""
        async with self._inbox_writers() as session, session.begin():
            yield session

    @asynccontextmanager
    async def reader(self) -> AsyncIterator[AsyncSession]:
        """A reading transaction: never takes SQLite's write lock, READ ONLY on PostgreSQL."""
        async with self._readers() as session, session.begin():
            yield session

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[AsyncSession]:
        """A reading transaction that sees one moment throughout (REPEATABLE READ on PostgreSQL)."""
        async with self._snapshots() as session, session.begin():
            yield session

    @asynccontextmanager
    async def inbox_reader(self) -> AsyncIterator[AsyncSession]:
        """A reading transaction on the inbox."""
        async with self._inbox_readers() as session, session.begin():
            yield session

    async def ping(self) -> None:
        """Raise if the database does not answer."""
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        """Close every pooled connection."""
        for engine in self.engines:
            await engine.dispose()
