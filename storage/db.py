"""Engine and the one session scope. SQLite gets WAL, a busy timeout and immediate write transactions."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


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


def open_database(url: str, *, search_path: str | None = None) -> Database:
    """The service's database: on SQLite, a main file and an inbox file, so that intake never waits
    for the worker's write lock; on PostgreSQL, one database for both."""
    inbox_url = inbox_url_for(url)
    engine = create_engine(url, search_path=search_path)
    return Database(engine, inbox_engine=create_engine(inbox_url) if inbox_url else None)


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
        # Take the write lock up front: a deferred transaction that later writes can fail with
        # "database is locked" without waiting for the busy timeout.
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def dialect_of(session: AsyncSession) -> str:
    """The session's database dialect name (`sqlite` or `postgresql`)."""
    return session.get_bind().dialect.name


class Database:
    """The engines and session factories; `session()` / `inbox_session()` are the unit-of-work scopes."""

    def __init__(self, engine: AsyncEngine, *, inbox_engine: AsyncEngine | None = None) -> None:
        self.engine = engine
        self.inbox_engine = inbox_engine or engine
        self.sessions = async_sessionmaker(engine, expire_on_commit=False)
        self.inbox_sessions = async_sessionmaker(self.inbox_engine, expire_on_commit=False)
        self.dialect = engine.dialect.name

    @property
    def engines(self) -> list[AsyncEngine]:
        """Every distinct engine (one, or two on SQLite)."""
        return [self.engine] if self.inbox_engine is self.engine else [self.engine, self.inbox_engine]

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session in one transaction: committed on success, rolled back on error."""
        async with self.sessions() as session, session.begin():
            yield session

    @asynccontextmanager
    async def inbox_session(self) -> AsyncIterator[AsyncSession]:
        """A transaction on the inbox (its own file on SQLite)."""
        async with self.inbox_sessions() as session, session.begin():
            yield session

    async def ping(self) -> None:
        """Raise if the database does not answer."""
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        """Close every pooled connection."""
        for engine in self.engines:
            await engine.dispose()
