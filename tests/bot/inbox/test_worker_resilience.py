"""The inbox worker under poison, faults and backlogs: order per complainant, batches, nothing blocks."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from app.cli import main
from bot.inbox.worker import InboxWorker
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from storage.db import Database
from storage.models import AuditEntry, InboxEvent, InboxReceipt, OutboxEffect
from storage.repos import inbox
from tests.clock import TestClock
from tests.conftest import TRIAGE, RunningApp, launch_app


@pytest.fixture
async def web_only(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, clock: TestClock
) -> AsyncIterator[RunningApp]:
    """The webhook with no worker of its own: the tests run the worker by hand."""
    async with launch_app(database, fake_slack, fake_line, clock=clock, role="web") as app:
        yield app


class FaultyWorker(InboxWorker):
    """Fails chosen events: with a database error (retried), or with a bug (set aside)."""

    def __init__(self, *args: Any, transient: set[int], poison: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.transient, self.poison = transient, poison

    async def _apply(self, claimed: inbox.ClaimedEvent, now: datetime) -> None:
        if claimed.id in self.transient:
            self.transient.discard(claimed.id)
            raise OperationalError("UPDATE", {}, Exception("database is locked"))
        if claimed.id in self.poison:
            raise ValueError("a bug")
        await super()._apply(claimed, now)


def _worker(app: RunningApp, cls: type[InboxWorker] = InboxWorker, **kwargs: Any) -> InboxWorker:
    services = app.services
    return cls(
        db=services.db,
        cipher=services.cipher,
        settings=services.settings,
        clock=app.clock,
        blobs=services.blobs,
        **kwargs,
    )


async def _rows(app: RunningApp) -> list[InboxEvent]:
    async with app.services.db.inbox_reader() as session:
        return list(await session.scalars(select(InboxEvent).order_by(InboxEvent.id)))


async def _receipts(app: RunningApp) -> list[int]:
    async with app.services.db.reader() as session:
        return list(await session.scalars(select(InboxReceipt.inbox_id).order_by(InboxReceipt.processed_at)))


async def _send(app: RunningApp, user: str, count: int) -> None:
    chat = app.complainant("sakura", user)
    for start in range(0, count, 50):
        events = [chat.text(f"メッセージ{i}") for i in range(start, min(count, start + 50))]
        assert (await chat.asend(*events)).status_code == 200


async def test_one_complainants_backlog_is_taken_in_batches_in_order(web_only: RunningApp) -> None:
    await _send(web_only, "U_GROUP_CHAT", 120)
    await _send(web_only, "U_OTHER", 3)
    worker = _worker(web_only, per_partition=50)
    assert await worker.process_once()
    rows = await _rows(web_only)
    done = [r.id for r in rows if r.status == inbox.DONE]
    # 50 of the busy chat's and all 3 of the other's, in one round; the rest wait their turn.
    assert len(done) == 53 and [r.status for r in rows[50:120]] == [inbox.PENDING] * 70
    while await worker.process_once():
        pass
    assert {r.status for r in await _rows(web_only)} == {inbox.DONE}
    busy = [r.id for r in rows[:120]]
    order = [i for i in await _receipts(web_only) if i in busy]
    assert order == busy  # processed in the order received


async def test_a_database_error_holds_only_that_complainants_later_events(web_only: RunningApp) -> None:
    await _send(web_only, "U_ALICE", 5)
    await _send(web_only, "U_BOB", 2)
    rows = await _rows(web_only)
    alice = [r.id for r in rows[:5]]
    worker = _worker(web_only, FaultyWorker, transient={alice[2]}, poison=set())
    await worker.process_once()
    status = {r.id: r.status for r in await _rows(web_only)}
    assert [status[i] for i in alice] == [inbox.DONE, inbox.DONE, inbox.PENDING, inbox.PENDING, inbox.PENDING]
    assert all(status[r.id] == inbox.DONE for r in rows[5:])  # Bob was not held up
    web_only.clock.advance(timedelta(seconds=5))  # past the retry's backoff
    while await worker.process_once():
        pass
    assert {r.status for r in await _rows(web_only)} == {inbox.DONE}
    assert [i for i in await _receipts(web_only) if i in alice] == alice


async def test_an_event_that_fails_for_good_is_set_aside_at_once(web_only: RunningApp) -> None:
    await _send(web_only, "U_ALICE", 3)
    rows = await _rows(web_only)
    worker = _worker(web_only, FaultyWorker, transient=set(), poison={rows[0].id})
    await worker.process_once()
    after = await _rows(web_only)
    assert [r.status for r in after] == [inbox.ASIDE, inbox.DONE, inbox.DONE]
    assert after[0].attempts == 0 and after[0].last_error == "error: ValueError"
    async with web_only.services.db.reader() as session:
        keys = list(await session.scalars(select(OutboxEffect.idempotency_key)))
    assert f"alert:inbox:{rows[0].id}" in keys


async def test_an_event_over_its_time_budget_is_set_aside_and_alerted(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, clock: TestClock
) -> None:
    async with launch_app(
        database, fake_slack, fake_line, clock=clock, inbox_event_budget_seconds=0.000001
    ) as app:
        chat = app.complainant("sakura", "U_SLOW")
        assert (await chat.asend(chat.text("受付で1時間待たされました。"))).status_code == 200
        await app.idle()
        (row,) = await _rows(app)
        assert row.status == inbox.ASIDE and row.last_error == "over its time budget"
        # The alert follows the set-aside in a transaction of its own: idle can be seen between the two.
        (alert,) = await fake_slack.wait_for(lambda: fake_slack.messages(TRIAGE))
        assert f"#{row.id}" in alert["text"] and "kasuhara inbox show" in alert["text"]


async def test_admins_list_show_and_retry_what_was_set_aside(
    web_only: RunningApp, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if web_only.services.db.dialect != "sqlite":
        pytest.skip("the command line is shown on the SQLite database")
    settings = web_only.services.settings
    monkeypatch.setenv("DATABASE_URL", str(web_only.services.db.engine.url))
    monkeypatch.setenv("PII_ENCRYPTION_KEYS", settings.pii_encryption_keys.get_secret_value())
    monkeypatch.setenv("PII_HASH_KEY", settings.pii_hash_key.get_secret_value())
    chat = web_only.complainant("sakura", "U_ALICE")
    broken = chat.text("山田です。電話は090-1234-5678")
    broken["message"] = {**broken["message"], "contentProvider": "not an object"}
    assert (await chat.asend(broken, chat.text("二通目"))).status_code == 200
    rows = await _rows(web_only)
    await _worker(web_only, FaultyWorker, transient=set(), poison={rows[1].id}).process_once()

    assert await asyncio.to_thread(main, ["inbox", "list"], clock=web_only.clock) == 0
    listing = capsys.readouterr().out
    assert "rejected: 1, aside: 1, failed: 0" in listing
    assert f"#{rows[0].id}" in listing and "malformed: message.contentProvider" in listing
    assert await asyncio.to_thread(main, ["inbox", "show", str(rows[0].id)], clock=web_only.clock) == 0
    shown = capsys.readouterr().out
    assert '"text": "<string of' in shown and "山田" not in shown and "090" not in shown
    assert (
        await asyncio.to_thread(
            main, ["inbox", "retry", str(rows[0].id), "--by", "admin"], clock=web_only.clock
        )
        == 2
    )
    assert "nothing to retry" in capsys.readouterr().err
    assert (
        await asyncio.to_thread(
            main, ["inbox", "retry", str(rows[1].id), "--by", "admin"], clock=web_only.clock
        )
        == 0
    )
    assert (await _rows(web_only))[1].status == inbox.PENDING
    async with web_only.services.db.reader() as session:
        actors = list(
            await session.scalars(select(AuditEntry.actor).where(AuditEntry.action == "inbox.requeued"))
        )
    assert actors == ["cli:admin"]
