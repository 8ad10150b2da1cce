"""The outbox dispatcher against the fake Slack: retries, Retry-After, timeouts, dead letters, concurrency."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from app.wiring import Services, build_services, close_services
from bot.config import Settings
from bot.outbox.desk import enqueue_admin_alert, enqueue_desk_notice
from bot.outbox.dispatcher import OutboxDispatcher
from bot.outbox.effects import CASE_THREAD, DESK_POST, REPORT_CHANNEL, TRIAGE_CHANNEL, place
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from storage.db import Database
from storage.repos import outbox
from tests.conftest import TRIAGE, make_settings

ServicesFor = Callable[..., Services]


@pytest.fixture
async def services_for(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> AsyncIterator[ServicesFor]:
    """Builds the services on the test's database against the fakes (from `settings`, else from setting
    overrides), and closes their HTTP sessions after the test."""
    built: list[Services] = []

    def build(settings: Settings | None = None, **overrides: Any) -> Services:
        settings = settings or make_settings(
            "sqlite+aiosqlite:///unused.db", fake_slack, fake_line, **overrides
        )
        built.append(build_services(settings, db=database))
        return built[-1]

    yield build
    for services in built:
        await close_services(services)


async def _enqueue(
    services: Any, keys: list[str], *, channel: str = TRIAGE, ordering: str | None = None
) -> None:
    async with services.db.transaction() as session:
        for key in keys:
            await enqueue_desk_notice(
                session,
                services.cipher,
                key=key,
                now=services.clock.now(),
                to=place(REPORT_CHANNEL, channel),
                text=key,
                ordering_key=ordering or f"k:{key}",
            )


async def _drain(dispatcher: OutboxDispatcher, services: Any, timeout: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        await dispatcher.dispatch_once()
        async with services.db.reader() as session:
            if await outbox.oldest_unfinished_created_at(session) is None:
                return
        await asyncio.sleep(0.02)
    raise TimeoutError


def _posted_keys(slack: FakeSlack) -> list[str]:
    return [p["text"] for p in slack.all_posts()]


async def _status(services: Any, key: str) -> Any:
    async with services.db.reader() as session:
        return await outbox.by_key(session, key=key)


async def test_retries_5xx_and_timeouts_then_delivers_once(
    fake_slack: FakeSlack, services_for: ServicesFor
) -> None:
    services = services_for(http_timeout_seconds=1.0)
    await _enqueue(services, ["a"])
    fake_slack.faults.fail(status=503, times=2)
    fake_slack.faults.hang(3.0, times=1)
    await _drain(services.dispatcher, services)
    assert _posted_keys(fake_slack) == ["a"]
    row = await _status(services, "a")
    assert row.status == "done" and row.attempts == 4 and row.result["ts"]


async def test_honours_retry_after_on_429(fake_slack: FakeSlack, services_for: ServicesFor) -> None:
    services = services_for()
    await _enqueue(services, ["b"])
    fake_slack.faults.rate_limit(retry_after=1, times=1)
    await services.dispatcher.dispatch_once()
    row = await _status(services, "b")
    assert row.status == "pending"
    wait = (row.next_attempt_at - services.clock.now()).total_seconds()
    assert 0.8 < wait <= 1.0  # Retry-After wins over the 0.05 s backoff
    await _drain(services.dispatcher, services)
    assert _posted_keys(fake_slack) == ["b"]


async def test_dead_letters_after_max_attempts_and_alerts(
    fake_slack: FakeSlack, services_for: ServicesFor
) -> None:
    services = services_for(outbox_max_attempts=3)
    await _enqueue(services, ["doomed"])
    fake_slack.faults.fail(status=500, times=3)
    await _drain(services.dispatcher, services)
    row = await _status(services, "doomed")
    assert row.status == "dead" and row.attempts == 3 and "500" in row.last_error
    (alert,) = fake_slack.all_posts()
    assert alert["channel"] == TRIAGE and "送信できなかった" in alert["text"]


async def test_permanent_error_dead_letters_at_once(fake_slack: FakeSlack, services_for: ServicesFor) -> None:
    services = services_for()
    await _enqueue(services, ["nowhere"], channel="")
    await _drain(services.dispatcher, services)
    row = await _status(services, "nowhere")
    assert row.status == "dead" and row.attempts == 1
    assert len(fake_slack.all_posts()) == 1  # the alert


async def test_slack_down_for_a_while_everything_delivered_once(
    fake_slack: FakeSlack, services_for: ServicesFor
) -> None:
    services = services_for(outbox_backoff_max_seconds=0.3)
    fake_slack.stop()
    keys = [f"m{i}" for i in range(20)]
    await _enqueue(services, keys[:10], ordering="thread")
    await _enqueue(services, keys[10:])
    for _ in range(5):
        await services.dispatcher.dispatch_once()
        await asyncio.sleep(0.2)
    assert not fake_slack.all_posts()
    fake_slack.start()
    await _drain(services.dispatcher, services)
    posted = _posted_keys(fake_slack)
    assert sorted(posted) == sorted(keys) and len(posted) == len(set(posted))
    thread = [k for k in posted if k in keys[:10]]
    assert thread == keys[:10]  # one ordering key keeps its order


def test_default_backoff_outlasts_a_ten_minute_outage() -> None:
    settings = Settings(_env_file=None)
    # backoff() reads the settings only: no database, cipher or clock behind this dispatcher.
    dispatcher = OutboxDispatcher(db=None, cipher=None, senders={}, settings=settings, clock=None)  # type: ignore[arg-type]
    total = sum(
        settings.outbox_backoff_base_seconds * 0.8 * min(2 ** (n - 1), 300)
        for n in range(1, settings.outbox_max_attempts)
    )
    assert total > 600
    assert dispatcher.backoff(1, retry_after=30) >= 30


async def test_two_dispatchers_never_send_the_same_row_twice(
    fake_slack: FakeSlack, fake_line: FakeLine, services_for: ServicesFor
) -> None:
    fake_slack.faults.latency(0.01)
    settings = make_settings("sqlite+aiosqlite:///unused.db", fake_slack, fake_line)
    first = services_for(settings)
    second = services_for(settings)
    assert first.dispatcher.owner != second.dispatcher.owner
    keys = [f"row{i}" for i in range(120)]
    await _enqueue(first, keys[:60])
    await _enqueue(first, keys[60:], ordering="one-thread")

    await asyncio.gather(_drain(first.dispatcher, first), _drain(second.dispatcher, second))
    posted = _posted_keys(fake_slack)
    assert len(posted) == len(keys) and set(posted) == set(keys)
    assert [k for k in posted if k in keys[60:]] == keys[60:]
    owners = set()
    async with first.db.reader() as session:
        for key in keys:
            row = await outbox.by_key(session, key=key)
            assert row is not None and row.status == "done" and row.attempts == 1
            assert row.result is not None
            owners.add(json.dumps(row.result.get("channel")))
    assert owners == {json.dumps(TRIAGE)}


async def test_in_doubt_post_is_found_by_metadata_not_posted_again(
    fake_slack: FakeSlack, services_for: ServicesFor
) -> None:
    services = services_for(outbox_lease_seconds=0.2)
    await _enqueue(services, ["maybe"])
    # A dispatcher claims and posts, then "dies" before recording the result.
    async with services.db.transaction() as session:
        claimed = await outbox.claim_due(
            session, now=services.clock.now(), owner="ghost", lease_seconds=0.2, limit=5
        )
        effect = await services.dispatcher._effect(session, claimed[0][0], False)
    await services.senders[DESK_POST].send(effect)
    await asyncio.sleep(0.3)
    await _drain(services.dispatcher, services)
    assert _posted_keys(fake_slack) == ["maybe"]
    row = await _status(services, "maybe")
    assert row.status == "done" and row.result.get("recovered") is True


async def test_a_reply_in_another_ordering_key_waits_for_its_parent(
    fake_slack: FakeSlack, services_for: ServicesFor
) -> None:
    services = services_for()
    await _enqueue(services, ["parent"])
    async with services.db.transaction() as session:
        await enqueue_desk_notice(
            session,
            services.cipher,
            key="reply",
            now=services.clock.now(),
            to=place(CASE_THREAD),
            text="reply",
            ordering_key="k:replies",
            parent_key="parent",
        )
    fake_slack.faults.fail(status=503, times=1)
    await services.dispatcher.dispatch_once()  # the parent fails once; its reply is not even tried
    assert (await _status(services, "reply")).attempts == 0
    await _drain(services.dispatcher, services)
    parent = await _status(services, "parent")
    assert [m["text"] for m in fake_slack.thread(TRIAGE, parent.result["ts"])] == ["parent", "reply"]


async def test_an_alert_given_up_is_not_alerted_about_again(
    fake_slack: FakeSlack, services_for: ServicesFor
) -> None:
    services = services_for(outbox_max_attempts=1)
    async with services.db.transaction() as session:
        await enqueue_admin_alert(
            session, services.cipher, services.settings, key="alert:x", now=services.clock.now(), text="注意"
        )
        await enqueue_desk_notice(
            session,
            services.cipher,
            key="note",
            now=services.clock.now(),
            to=place(TRIAGE_CHANNEL),
            text="note",
            ordering_key="k:note",
        )
    fake_slack.faults.fail(status=500, times=2)  # both, on their one attempt
    await _drain(services.dispatcher, services)
    assert (await _status(services, "alert:x")).status == "dead"
    assert (await _status(services, "note")).status == "dead"
    (alert,) = fake_slack.all_posts()  # about the note only
    assert "desk.post" in alert["text"] and "注意" not in alert["text"]
