"""The IMAP poller against a private dovecot: mails become cases once and are flagged seen only after;
unroutable mails set aside with one alert; a server gone and back loses nothing; a refused login is
alerted once and retried with backoff."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from pydantic import SecretStr
from sqlalchemy import func, select

from sandbox import polling
from sandbox.dovecot import PASSWORD, USER, Dovecot
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from storage.db import Database
from storage.models import Case
from tests.bot.intake.mail_samples import japanese_client_mail, simple_mail
from tests.bot.intake.test_mail_intake import triage_posts
from tests.clock import TestClock
from tests.conftest import TRIAGE, RunningApp, launch_app

T = TypeVar("T")
SAKURA = {"Delivered-To": "desk+sakura@desk.localhost"}


@asynccontextmanager
async def poller_app(
    database: Database,
    fake_slack: FakeSlack,
    fake_line: FakeLine,
    clock: TestClock,
    dovecot: Dovecot,
    **overrides: Any,
) -> AsyncIterator[RunningApp]:
    settings: dict[str, Any] = {
        "mail_imap_host": "127.0.0.1",
        "mail_imap_port": dovecot.port,
        "mail_imap_security": "none",
        "mail_imap_user": USER,
        "mail_imap_password": SecretStr(PASSWORD),
        "mail_poll_seconds": 0.5,
    }
    settings.update(overrides)
    async with launch_app(database, fake_slack, fake_line, clock=clock, **settings) as app:
        yield app


async def eventually(predicate: Callable[[], T], within: float = 20.0) -> T:
    """`predicate()` once truthy; fails after `within` seconds."""
    return await polling.wait_for(predicate, within)


async def cases(app: RunningApp) -> int:
    async with app.services.db.reader() as session:
        return int(await session.scalar(select(func.count()).select_from(Case)) or 0)


async def wait_cases(app: RunningApp, count: int, within: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while await cases(app) < count or len(triage_posts(app)) < count:
        assert loop.time() < deadline, f"fewer than {count} cases after {within} s"
        await asyncio.sleep(0.1)
    await app.idle()


def alerts(fake_slack: FakeSlack, needle: str) -> list[Any]:
    return [m for m in fake_slack.messages(TRIAGE) if needle in str(m.get("text"))]


async def test_a_mail_arriving_during_idle_becomes_a_case_and_is_flagged_seen(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, clock: TestClock, dovecot: Dovecot
) -> None:
    # A long poll interval: the second mail can only come in through the server's IDLE push.
    async with poller_app(database, fake_slack, fake_line, clock, dovecot, mail_poll_seconds=60) as app:
        dovecot.append(japanese_client_mail(extra_headers=SAKURA))
        await wait_cases(app, 1)
        assert dovecot.uids("SEEN") == [1]
        dovecot.append(simple_mail("二通目です。窓口の対応に困っています。", extra_headers=SAKURA))
        await wait_cases(app, 2, within=10.0)
        assert dovecot.uids("UNSEEN") == [] and dovecot.uids("SEEN") == [1, 2]
        assert "駅前店の対応について" in str(triage_posts(app)[0]["blocks"])


async def test_the_same_message_id_twice_is_one_case(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, clock: TestClock, dovecot: Dovecot
) -> None:
    mail = japanese_client_mail(extra_headers=SAKURA)
    async with poller_app(database, fake_slack, fake_line, clock, dovecot) as app:
        dovecot.append(mail)
        dovecot.append(mail)
        await eventually(lambda: dovecot.uids("SEEN") == [1, 2])
        await wait_cases(app, 1)
        dovecot.append(mail)
        await eventually(lambda: dovecot.uids("SEEN") == [1, 2, 3])
        await app.idle()
        assert await cases(app) == 1 and len(triage_posts(app)) == 1


async def test_a_mail_for_no_tenant_is_moved_aside_unseen_with_one_alert(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, clock: TestClock, dovecot: Dovecot
) -> None:
    stray = simple_mail(
        "どこの窓口宛てか分かりません。", extra_headers={"Delivered-To": "desk+nosuch@desk.localhost"}
    )
    async with poller_app(database, fake_slack, fake_line, clock, dovecot) as app:
        dovecot.append(stray)
        dovecot.append(simple_mail("宛先なし", message_id="<plain-2@example.com>"))  # no +slug at all
        await eventually(lambda: len(alerts(fake_slack, "kasuhara-unrouted")) == 2)
        assert dovecot.uids("ALL") == []
        assert dovecot.uids("UNSEEN", folder="kasuhara-unrouted") == [1, 2]
        assert "kasuhara-unrouted" in dovecot.folders()
        dovecot.append(
            simple_mail("後から来た正しい宛先のメール", message_id="<ok@example.com>", extra_headers=SAKURA)
        )
        await wait_cases(app, 1)
        assert len(alerts(fake_slack, "kasuhara-unrouted")) == 2  # one per mail, not one per round
        for alert in alerts(fake_slack, "kasuhara-unrouted"):
            assert "nosuch" not in str(alert) and "taro@example.com" not in str(alert)


async def test_a_server_gone_and_back_loses_nothing_and_doubles_nothing(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, clock: TestClock, dovecot: Dovecot
) -> None:
    async with poller_app(database, fake_slack, fake_line, clock, dovecot) as app:
        dovecot.append(japanese_client_mail(extra_headers=SAKURA))
        await wait_cases(app, 1)
        dovecot.stop()
        await asyncio.sleep(1.5)  # the poller loses its connection and fails to reconnect meanwhile
        dovecot.start()
        dovecot.append(
            simple_mail("サーバーが戻った後のメール", message_id="<after@example.com>", extra_headers=SAKURA)
        )
        await wait_cases(app, 2, within=30.0)
        await eventually(lambda: dovecot.uids("SEEN") == [1, 2])
        await asyncio.sleep(1.0)  # a few more rounds: nothing comes in twice
        await app.idle()
        assert await cases(app) == 2 and len(triage_posts(app)) == 2


async def test_a_refused_login_is_alerted_once_and_retried_with_backoff(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, clock: TestClock, dovecot: Dovecot
) -> None:
    async with poller_app(
        database, fake_slack, fake_line, clock, dovecot, mail_imap_password=SecretStr("wrong")
    ) as app:
        dovecot.append(japanese_client_mail(extra_headers=SAKURA))
        (alert,) = await eventually(lambda: alerts(fake_slack, "ログインできません"))
        await asyncio.sleep(4.0)
        assert len(alerts(fake_slack, "ログインできません")) == 1
        assert "wrong" not in str(alert) and USER not in str(alert)
        attempts = dovecot.log().count("auth failed")
        assert 1 <= attempts <= 4, attempts  # 1 s, 2 s, 4 s apart: backoff, not a loop
        assert await cases(app) == 0 and dovecot.uids("UNSEEN") == [1]
