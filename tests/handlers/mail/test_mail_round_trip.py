"""A complaint by mail answered by mail: the stored mail opens its case, the acknowledgement goes out by
SMTP as an automatic reply in its thread, and the complainant's reply to it joins the case, unanswered
within the interval."""

from __future__ import annotations

from bot.mail_ids import case_of_desk_message_id
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from sandbox.fake_smtp import FakeSmtp
from storage.db import Database
from tests.bot.intake.mail_samples import japanese_client_mail
from tests.bot.intake.test_mail_intake import deliver, only_case
from tests.conftest import launch_app

FIRST = "<20261130100000.1234@mail.example.jp>"


async def test_a_mailed_complaint_is_acknowledged_by_smtp_and_a_reply_joins_its_case(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, fake_smtp: FakeSmtp
) -> None:
    async with launch_app(
        database,
        fake_slack,
        fake_line,
        mail_smtp_host="127.0.0.1",
        mail_smtp_port=fake_smtp.port,
        mail_smtp_security="none",
        mail_from="desk@desk.localhost",
    ) as app:
        await deliver(app, japanese_client_mail(message_id=FIRST))
        case = await only_case(app)
        (ack,) = fake_smtp.mails_to("hanako@example.jp")
        assert ack.header("Auto-Submitted") == "auto-replied"
        assert ack.header("In-Reply-To") == FIRST and FIRST in (ack.header("References") or "")
        assert case.number in ack.text
        desk_id = ack.header("Message-ID") or ""
        assert case_of_desk_message_id(app.services.cipher, desk_id, domain="desk.localhost") == case.id

        reply = japanese_client_mail(
            message_id="<20261130110000.5678@mail.example.jp>",
            body="追加です。担当者の名札の名前も覚えています。",
            subject="Re: 受付のお知らせ",
            attachment=None,
            in_reply_to=desk_id,
            references=f"{FIRST} {desk_id}",
        )
        await deliver(app, reply, uid=2)
        assert (await only_case(app)).id == case.id  # joined, no second case
        assert len(fake_smtp.mails_to("hanako@example.jp")) == 1  # no second answer within the interval
