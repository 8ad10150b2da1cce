"""Group commit for the inbox: concurrent webhook requests share one transaction.

Each request hands its rows over and waits for the commit, so nothing is acknowledged before it is
durable; under load many requests ride on one transaction instead of queueing for the write lock.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from typing import Any

from storage.db import Database
from storage.inbox_bulk import inserter_for


class InboxWriter:
    """Stores inbox rows in batches: whatever arrived while the previous transaction ran goes next."""

    def __init__(self, db: Database, *, max_batch_rows: int = 500) -> None:
        self._inserter = inserter_for(db.inbox_engine)
        self._max_rows = max_batch_rows
        self._queue: asyncio.Queue[tuple[Sequence[dict[str, Any]], asyncio.Future[None]]] | None = None
        self._task: asyncio.Task[None] | None = None

    async def store(self, rows: Sequence[dict[str, Any]]) -> None:
        """Return once the rows are committed (duplicates are skipped); raise if the commit failed."""
        if not rows:
            return
        if self._queue is None or self._task is None or self._task.done():
            self._queue = asyncio.Queue()
            self._task = asyncio.create_task(self._run(self._queue))
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        await self._queue.put((rows, done))
        await done

    async def _run(self, queue: asyncio.Queue[tuple[Sequence[dict[str, Any]], asyncio.Future[None]]]) -> None:
        while True:
            batch = [await queue.get()]
            size = len(batch[0][0])
            while not queue.empty() and size < self._max_rows:
                batch.append(queue.get_nowait())
                size += len(batch[-1][0])
            try:
                await self._inserter.insert([row for rows, _done in batch for row in rows])
            except Exception as exc:
                for _rows, done in batch:
                    if not done.done():
                        done.set_exception(exc)
                continue
            for _rows, done in batch:
                if not done.done():
                    done.set_result(None)

    async def close(self) -> None:
        """Stop the writer (after the server has stopped taking requests)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self._inserter.close()
