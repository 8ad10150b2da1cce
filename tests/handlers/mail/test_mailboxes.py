"""A mailbox per tenant next to the shared plus-addressed one, each read by its own poller in the worker:
a tenant's mailbox decides the tenant of its mails; one refused mailbox is alerted by its name and never
stops the others; a password fixed on the server is taken on the next try, without a restart; a
deactivated tenant's mailbox is no longer read; the shared mailbox is never read a second time as a
tenant's."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from bot.tenants.sync import sync_tenant_yaml
from sandbox.dovecot import PASSWORD, USER, Dovecot
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from storage.db import Database
from storage.models import Case, Tenant
from tests.bot.intake.mail_samples import japanese_client_mail, simple_mail
from tests.clock import TestClock
from tests.conftest import TENANTS_YAML, RunningApp
from tests.handlers.mail.test_imap_poller import SAKURA, alerts, eventually, poller_app, wait_cases

SAKURA_BOX, MAPLE_BOX, KAEDE_BOX = "sakura-desk", "maple-desk", "kaede-desk"
RETRY = {"mail_retry_seconds": 0.2, "mail_retry_max_seconds": 0.8}
KAEDE = """  - slug: kaede
    name: かえで商事
    mail: {imap_user: kaede-desk, imap_password: kaede-secret}
"""


def with_mailboxes(**boxes: tuple[str, str]) -> str:
    """TENANTS_YAML with `mail:` for the tenants named (slug=(account, password))."""
    text = TENANTS_YAML
    for slug, (user, password) in boxes.items():
        anchor = f"  - slug: {slug}\n"
        head, tail = text.split(anchor)
        name_line, rest = tail.split("\n", 1)
        block = f"    mail: {{imap_user: {user}, imap_password: {password}}}\n"
        text = head + anchor + name_line + "\n" + block + rest
    return text


async def load_tenants(app: RunningApp, text: str) -> None:
    services = app.services
    await sync_tenant_yaml(services.db, services.cipher, text=text, now=app.clock.now(), actor="test")
    services.tenants.forget()


async def case_tenants(app: RunningApp) -> list[str]:
    """The slug of each case's tenant, in case order."""
    async with app.services.db.reader() as session:
        rows = await session.execute(
            select(Tenant.slug).join(Case, Case.tenant_id == Tenant.id).order_by(Case.id)
        )
        return [str(slug) for slug in rows.scalars()]


def polled(app: RunningApp) -> list[str]:
    pollers: Any = app.app.state.background.mail_pollers
    return list(pollers.labels)


async def test_a_tenants_mailbox_decides_and_a_refused_one_stops_no_other(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, clock: TestClock, dovecot: Dovecot
) -> None:
    dovecot.set_password(SAKURA_BOX, "sakura-imap")
    dovecot.set_password(MAPLE_BOX, "the-server-has-another")
    async with poller_app(database, fake_slack, fake_line, clock, dovecot, **RETRY) as app:
        await load_tenants(
            app, with_mailboxes(sakura=(SAKURA_BOX, "sakura-imap"), maple=(MAPLE_BOX, "maple-old"))
        )
        await eventually(lambda: polled(app) == ["Maple Hotel", "shared", "さくら総合クリニック"])
        (alert,) = await eventually(lambda: alerts(fake_slack, "ログインできません"))
        assert "Maple Hotel" in str(alert) and "maple-old" not in str(alert) and MAPLE_BOX not in str(alert)

        dovecot.append(
            simple_mail("プラス宛先のないメールです。", message_id="<own-1@example.com>"), user=SAKURA_BOX
        )
        await wait_cases(app, 1)
        # In sakura's own mailbox, a plus-address naming maple is ignored: the mailbox decides.
        to_maple = {"Delivered-To": "desk+maple@desk.localhost"}
        dovecot.append(
            simple_mail("別の窓口の宛先", message_id="<own-2@example.com>", extra_headers=to_maple),
            user=SAKURA_BOX,
        )
        await wait_cases(app, 2)
        dovecot.append(simple_mail("共有の宛先", message_id="<shared-1@example.com>", extra_headers=to_maple))
        await wait_cases(app, 3)
        assert await case_tenants(app) == ["sakura", "sakura", "maple"]
        assert dovecot.uids("SEEN", user=SAKURA_BOX) == [1, 2] and dovecot.uids("SEEN") == [1]
        assert len(alerts(fake_slack, "ログインできません")) == 1  # once per mailbox and JST day


async def test_a_password_fixed_on_the_server_is_taken_on_the_next_try(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, clock: TestClock, dovecot: Dovecot
) -> None:
    dovecot.set_password(USER, "the-old-one")  # the app has PASSWORD: refused
    async with poller_app(database, fake_slack, fake_line, clock, dovecot, **RETRY) as app:
        (alert,) = await eventually(lambda: alerts(fake_slack, "ログインできません"))
        assert "shared" in str(alert) and PASSWORD not in str(alert)
        dovecot.append(japanese_client_mail(extra_headers=SAKURA), user=USER)
        dovecot.append(simple_mail("二通目", message_id="<waiting-2@example.com>", extra_headers=SAKURA))
        await eventually(lambda: dovecot.log().count("auth failed") >= 2)  # retried, still refused
        assert dovecot.uids("UNSEEN") == [1, 2]

        dovecot.set_password(USER, PASSWORD)  # the operator fixes the server's side
        await wait_cases(app, 2)
        assert dovecot.uids("SEEN") == [1, 2]
        assert len(alerts(fake_slack, "ログインできません")) == 1


async def test_a_deactivated_tenants_mailbox_is_no_longer_read(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, clock: TestClock, dovecot: Dovecot
) -> None:
    dovecot.set_password(KAEDE_BOX, "kaede-secret")
    dovecot.set_password(SAKURA_BOX, "sakura-imap")
    async with poller_app(
        database, fake_slack, fake_line, clock, dovecot, mail_imap_user="", mail_imap_password=SecretStr("")
    ) as app:
        sakura = with_mailboxes(sakura=(SAKURA_BOX, "sakura-imap"))
        await load_tenants(app, sakura + KAEDE)
        await eventually(lambda: polled(app) == ["かえで商事", "さくら総合クリニック"])
        dovecot.append(
            simple_mail("かえでへの最初のメール", message_id="<kaede-1@example.com>"), user=KAEDE_BOX
        )
        await wait_cases(app, 1)

        await load_tenants(app, sakura)  # kaede left the file: deactivated
        await eventually(lambda: polled(app) == ["さくら総合クリニック"])
        dovecot.append(simple_mail("解約後のメール", message_id="<kaede-2@example.com>"), user=KAEDE_BOX)
        dovecot.append(simple_mail("さくらへのメール", message_id="<sakura-1@example.com>"), user=SAKURA_BOX)
        await wait_cases(app, 2)
        assert await case_tenants(app) == ["kaede", "sakura"]
        assert dovecot.uids("UNSEEN", user=KAEDE_BOX) == [2]  # left as it came, for the operator


async def test_a_tenant_naming_the_shared_mailbox_as_its_own_is_not_read_twice(
    database: Database,
    fake_slack: FakeSlack,
    fake_line: FakeLine,
    clock: TestClock,
    dovecot: Dovecot,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.ERROR, logger="handlers.mail.mailboxes")
    async with poller_app(database, fake_slack, fake_line, clock, dovecot) as app:
        await load_tenants(app, with_mailboxes(sakura=(USER, PASSWORD)))
        await eventually(lambda: "names the shared mailbox" in caplog.text)
        assert polled(app) == ["shared"] and "さくら総合クリニック" in caplog.text
        assert PASSWORD not in caplog.text
