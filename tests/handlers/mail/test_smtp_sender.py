"""The mail sender through the dispatcher into the SMTP sink on loopback: headers, faults, dead letters."""

from __future__ import annotations

from email.header import decode_header, make_header

from bot.outbox.enqueue import enqueue_complainant_message
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from sandbox.fake_smtp import FakeSmtp
from storage.db import Database
from storage.models import Tenant
from storage.repos import cases, outbox
from tests.conftest import RunningApp, launch_app

TO = "hanako@example.jp"


async def _enqueue(app: RunningApp, key: str, *, auto_reply: bool = False) -> None:
    services = app.services
    async with services.db.transaction() as session:
        tenant = (await session.execute(Tenant.__table__.select().where(Tenant.slug == "sakura"))).one()
        complainant = await cases.add_contact_complainant(
            session, tenant_id=tenant.id, contact_hash=None, now=app.clock.now()
        )
        await enqueue_complainant_message(
            session,
            services.cipher,
            key=key,
            now=app.clock.now(),
            tenant_id=tenant.id,
            complainant_id=complainant.id,
            channel="mail",
            to=TO,
            texts=["受付番号 KH-2026-000001 について、確認させてください。", "二通目の文"],
            reply_token=None,
            event_time=None,
            mail={
                "subject": "受付番号 KH-2026-000001 について",
                "message_id": f"<{key}@desk.localhost>",
                "in_reply_to": "<first@example.jp>",
                "references": ["<first@example.jp>"],
                "auto_reply": auto_reply,
            },
        )
    services.outbox_wake.set()


async def test_a_mail_goes_out_with_its_headers_and_after_a_4xx_once(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, fake_smtp: FakeSmtp
) -> None:
    fake_smtp.faults.fail(451, times=2)
    async with launch_app(
        database,
        fake_slack,
        fake_line,
        mail_smtp_host="127.0.0.1",
        mail_smtp_port=fake_smtp.port,
        mail_smtp_security="none",
        mail_from="desk@desk.localhost",
    ) as app:
        await _enqueue(app, "mail-test-1", auto_reply=True)
        await app.idle()
        (mail,) = fake_smtp.mails_to(TO)
        assert mail.header("Message-ID") == "<mail-test-1@desk.localhost>"
        assert mail.header("In-Reply-To") == "<first@example.jp>"
        assert mail.header("Auto-Submitted") == "auto-replied"
        assert mail.header("X-Auto-Response-Suppress") == "All"
        assert str(make_header(decode_header(mail.message["Subject"]))) == "受付番号 KH-2026-000001 について"
        assert "確認させてください" in mail.text and "二通目の文" in mail.text
        assert mail.message.get_content_charset() == "utf-8"
        async with app.services.db.reader() as session:
            row = await outbox.by_key(session, key="mail-test-1")
        assert row is not None and row.status == "done" and row.attempts == 3


async def test_a_refused_recipient_is_dead_lettered_without_its_address(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, fake_smtp: FakeSmtp
) -> None:
    fake_smtp.refuse(TO)
    async with launch_app(
        database,
        fake_slack,
        fake_line,
        mail_smtp_host="127.0.0.1",
        mail_smtp_port=fake_smtp.port,
        mail_smtp_security="none",
        mail_from="desk@desk.localhost",
    ) as app:
        await _enqueue(app, "mail-test-2")
        await app.idle()
        async with app.services.db.reader() as session:
            row = await outbox.by_key(session, key="mail-test-2")
        assert row is not None and row.status == "dead" and row.attempts == 1
        assert "550 5.1.1" in (row.last_error or "") and TO not in (row.last_error or "")
        assert not fake_smtp.mails
