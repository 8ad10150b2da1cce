"""TLS for the desk's mail, against servers with a throwaway certificate: the IMAP poller reads over
implicit TLS and over STARTTLS when MAIL_TLS_CA_FILE trusts the server's CA, and refuses an untrusted
certificate with a clear log line, reading nothing and trying again; the SMTP sender delivers over both, and
an untrusted certificate is a failure tried again, nothing sent."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sandbox.dovecot import Dovecot
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from sandbox.fake_smtp import FakeSmtp
from sandbox.tls import ServerTls, make_server_tls
from storage.db import Database
from storage.repos import outbox
from tests.bot.intake.mail_samples import japanese_client_mail
from tests.clock import TestClock
from tests.conftest import launch_app
from tests.handlers.mail.test_imap_poller import SAKURA, cases, eventually, poller_app, wait_cases
from tests.handlers.mail.test_smtp_sender import TO, _enqueue

RETRY = {"mail_retry_seconds": 0.2, "mail_retry_max_seconds": 0.4}
NOT_TRUSTED = "imap server certificate not trusted for mailbox shared"


@pytest.fixture
def other_ca(tmp_path: Path) -> Path:
    """A CA that signed nothing these servers serve."""
    return make_server_tls(tmp_path / "other", label="other").ca_file


@pytest.mark.parametrize("security", ["ssl", "starttls"])
async def test_the_poller_reads_over_tls_with_the_servers_ca_trusted(
    database: Database,
    fake_slack: FakeSlack,
    fake_line: FakeLine,
    clock: TestClock,
    dovecot_tls: Dovecot,
    security: str,
) -> None:
    assert dovecot_tls.tls is not None and dovecot_tls.tls_port is not None
    port = dovecot_tls.tls_port if security == "ssl" else dovecot_tls.port
    async with poller_app(
        database,
        fake_slack,
        fake_line,
        clock,
        dovecot_tls,
        mail_imap_security=security,
        mail_imap_port=port,
        mail_tls_ca_file=str(dovecot_tls.tls.ca_file),
    ) as app:
        dovecot_tls.append(japanese_client_mail(extra_headers=SAKURA))
        await wait_cases(app, 1)
        assert dovecot_tls.uids("SEEN") == [1]
    assert "TLS" in dovecot_tls.log()  # dovecot logged the session as TLS-secured


async def test_an_untrusted_imap_certificate_is_refused_and_tried_again(
    database: Database,
    fake_slack: FakeSlack,
    fake_line: FakeLine,
    clock: TestClock,
    dovecot_tls: Dovecot,
    other_ca: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.ERROR, logger="handlers.mail.imap_poller")
    async with poller_app(
        database,
        fake_slack,
        fake_line,
        clock,
        dovecot_tls,
        mail_imap_security="ssl",
        mail_imap_port=dovecot_tls.tls_port,
        mail_tls_ca_file=str(other_ca),
        **RETRY,
    ) as app:
        dovecot_tls.append(japanese_client_mail(extra_headers=SAKURA))

        def refusals() -> list[str]:
            return [r.getMessage() for r in caplog.records if NOT_TRUSTED in r.getMessage()]

        await eventually(lambda: len(refusals()) >= 3)  # tried again, not crashed
        found = refusals()
        assert "certificate verify failed" in found[0] or "unable to get local issuer" in found[0]
        # The one login is the delivery's own: no password went over the untrusted connection.
        assert dovecot_tls.log().count("Login: user=") == 1
        assert await cases(app) == 0 and dovecot_tls.uids("UNSEEN") == [1]


@pytest.fixture
def smtp_tls(tmp_path: Path) -> ServerTls:
    return make_server_tls(tmp_path / "smtp", label="smtp")


@pytest.fixture(params=["ssl", "starttls"])
def tls_smtp(request: pytest.FixtureRequest, smtp_tls: ServerTls) -> Iterator[FakeSmtp]:
    """The SMTP sink with a throwaway certificate, implicit TLS or STARTTLS (required)."""
    with FakeSmtp(tls=smtp_tls, implicit_tls=request.param == "ssl") as fake:
        yield fake


def smtp_settings(sink: FakeSmtp, ca_file: Path) -> dict[str, Any]:
    return {
        "mail_smtp_host": "127.0.0.1",
        "mail_smtp_port": sink.port,
        "mail_smtp_security": "ssl" if sink.implicit_tls else "starttls",
        "mail_from": "desk@desk.localhost",
        "mail_tls_ca_file": str(ca_file),
    }


async def test_the_sender_delivers_over_tls_with_the_servers_ca_trusted(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, tls_smtp: FakeSmtp, smtp_tls: ServerTls
) -> None:
    async with launch_app(
        database, fake_slack, fake_line, **smtp_settings(tls_smtp, smtp_tls.ca_file)
    ) as app:
        await _enqueue(app, "mail-tls-1")
        await app.idle()
        (mail,) = tls_smtp.mails_to(TO)
        assert mail.header("Message-ID") == "<mail-tls-1@desk.localhost>"


async def test_an_untrusted_smtp_certificate_is_a_failure_tried_again(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, tls_smtp: FakeSmtp, other_ca: Path
) -> None:
    settings = smtp_settings(tls_smtp, other_ca)
    async with launch_app(database, fake_slack, fake_line, outbox_max_attempts=2, **settings) as app:
        await _enqueue(app, "mail-tls-2")
        await app.idle()
        async with app.services.db.reader() as session:
            row = await outbox.by_key(session, key="mail-tls-2")
        # Tried a second time (a final refusal stops at the first), then out of attempts.
        assert row is not None and row.attempts == 2 and row.status == "dead"
        assert "certificate not trusted" in (row.last_error or "")
        assert not tls_smtp.mails
