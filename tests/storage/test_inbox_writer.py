"""The inbox's group-commit writer: durable before it returns, never stuck behind another writer."""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

import pytest
from sqlalchemy import func, select, text

from bot.inbox.writer import InboxWriter
from storage.db import Database
from storage.inbox_bulk import PostgresInboxInserter
from storage.models import InboxEvent
from tests.clock import TEST_NOW


def _row(event_id: str) -> dict[str, Any]:
    return {
        "source": "line",
        "event_id": event_id,
        "tenant_id": 1,
        "partition_key": "line:1:abc",
        "event_type": "message",
        "payload_enc": b"sealed",
        "status": "pending",
        "attempts": 0,
        "received_at": TEST_NOW,
    }


async def _count(db: Database) -> int:
    async with db.inbox_transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(InboxEvent)) or 0)


async def test_rows_are_stored_once_even_when_sent_twice(database: Database) -> None:
    writer = InboxWriter(database)
    try:
        await asyncio.gather(*(writer.store([_row(f"e{i}")]) for i in range(20)))
        await writer.store([_row("e3"), _row("e20"), _row("e20")])  # again, and twice in one batch
    finally:
        await writer.close()
    assert await _count(database) == 21


async def test_sqlite_waits_for_another_writer_without_blocking_the_loop(tmp_path: Any) -> None:
    from storage.db import open_database
    from storage.migrate import upgrade

    db = open_database(f"sqlite+aiosqlite:///{tmp_path / 'w.db'}")
    await upgrade(db)
    writer = InboxWriter(db)
    other = sqlite3.connect(tmp_path / "w.inbox.db", isolation_level=None)
    try:
        await writer.store([_row("before")])  # on the loop: the lock is free
        other.execute("BEGIN IMMEDIATE")  # someone else holds the write lock
        store = asyncio.create_task(writer.store([_row("during")]))
        ticks = 0
        for _ in range(20):
            await asyncio.sleep(0.01)
            ticks += 1
        assert ticks == 20 and not store.done()  # the loop ran; the batch waits on the writer's thread
        other.execute("COMMIT")
        await asyncio.wait_for(store, 10)
        assert await _count(db) == 2
    finally:
        other.close()
        await writer.close()
        await db.dispose()


async def test_postgres_reconnects_when_the_held_connection_is_lost(database: Database) -> None:
    if database.dialect != "postgresql":
        pytest.skip("only the PostgreSQL writer holds a connection between batches")
    writer = InboxWriter(database)
    try:
        await writer.store([_row("first")])
        inserter = writer._inserter
        assert isinstance(inserter, PostgresInboxInserter)
        held = inserter._held  # the connection the writer keeps between batches
        assert held is not None
        driver = (await held.get_raw_connection()).driver_connection
        assert driver is not None
        pid = driver.get_server_pid()
        async with database.engine.begin() as conn:
            await conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        await writer.store([_row("second")])
    finally:
        await writer.close()
    assert await _count(database) == 2
