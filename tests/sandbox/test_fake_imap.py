"""The fake IMAP server with the desk's real poller: each mail appended is fetched once and flagged seen,
and one appended while the poller waits in IDLE comes in by the server's push."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from sandbox.fake_imap import FakeImap
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from storage.db import Database
from tests.bot.intake.mail_samples import japanese_client_mail, simple_mail
from tests.clock import TestClock
from tests.conftest import launch_app
from tests.handlers.mail.test_imap_poller import SAKURA, wait_cases

# What a client sent, as pymap logs it at DEBUG: `<connection id> -->| <line>`; a body fetched.
BODY_FETCH = re.compile(r"UID FETCH (\S+) \(BODY\.PEEK\[\]\)")


@pytest.fixture
def fake_imap() -> Iterator[FakeImap]:
    with FakeImap() as fake:
        yield fake


async def test_each_mail_is_fetched_once_and_flagged_seen(
    database: Database,
    fake_slack: FakeSlack,
    fake_line: FakeLine,
    clock: TestClock,
    fake_imap: FakeImap,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="pymap.imap")
    first = fake_imap.append(japanese_client_mail(extra_headers=SAKURA))
    async with launch_app(
        database,
        fake_slack,
        fake_line,
        clock=clock,
        mail_imap_host=fake_imap.host,
        mail_imap_port=fake_imap.port,
        mail_imap_security="none",
        mail_imap_user=fake_imap.user,
        mail_imap_password=SecretStr(fake_imap.password),
        mail_poll_seconds=60,  # the second mail can only come in through IDLE
    ) as app:
        await wait_cases(app, 1)
        assert fake_imap.flags() == {first: {"\\Seen"}}
        second = fake_imap.append(simple_mail("二通目です。窓口の対応に困っています。", extra_headers=SAKURA))
        await wait_cases(app, 2, within=10.0)
    assert fake_imap.flags() == {first: {"\\Seen"}, second: {"\\Seen"}}
    sent = [r.getMessage() for r in caplog.records if "-->|" in r.getMessage()]
    assert [m.group(1) for line in sent if (m := BODY_FETCH.search(line))] == [str(first), str(second)]
    assert sum(" LOGIN " in line for line in sent) == 1  # the IDLE push did not break the connection
