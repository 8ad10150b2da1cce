"""Reviewers' messages to a mail complainant go out by mail (a person's message, not an automatic reply),
and a reply to one joins its case; a complainant who left only a voicemail cannot be written to, and the
reviewer is told so."""

from __future__ import annotations

from typing import Any

from bot.mail_ids import case_of_desk_message_id
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from sandbox.fake_smtp import FakeSmtp
from storage.db import Database
from tests.bot.intake.mail_samples import japanese_client_mail
from tests.bot.intake.test_mail_intake import deliver, only_case
from tests.conftest import TRIAGE
from tests.slack_desk import open_desk

SMTP: dict[str, Any] = {
    "mail_smtp_security": "none",
    "mail_smtp_host": "127.0.0.1",
    "mail_from": "desk@desk.localhost",
}
QUESTION = "何時ごろのことでしたか？"


async def test_a_reviewers_question_reaches_a_mail_complainant_by_mail(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, fake_smtp: FakeSmtp
) -> None:
    async with open_desk(database, fake_slack, fake_line, mail_smtp_port=fake_smtp.port, **SMTP) as desk:
        await deliver(desk.app, japanese_client_mail())
        number = (await only_case(desk.app)).number
        await desk.allow_feedback("sakura")
        await desk.click("case_request_info", number)
        view = desk.last_view("info_modal")
        values = {
            "question": {"question": {"type": "plain_text_input", "value": QUESTION}},
            "confirm": {"confirm": {"selected_options": [{"value": "yes"}]}},
        }
        assert (await desk.submit(view, values)).status_code == 200
        await desk.app.idle()
        ack, question = fake_smtp.mails_to("hanako@example.jp")
        assert ack.header("Auto-Submitted") == "auto-replied"
        assert question.header("Auto-Submitted") is None  # a person's message
        assert QUESTION in question.text and number in question.subject
        desk_id = question.header("Message-ID") or ""
        case = await desk.case(number)
        assert case_of_desk_message_id(desk.app.services.cipher, desk_id, domain="desk.localhost") == case.id
        answer = japanese_client_mail(
            message_id="<answer-1@mail.example.jp>",
            body="夜7時ごろです。",
            subject="Re: ご連絡",
            attachment=None,
            in_reply_to=desk_id,
        )
        await deliver(desk.app, answer, uid=2)
        assert (await only_case(desk.app)).id == case.id
        thread = desk.fake_slack.thread(TRIAGE, desk.triage_post(number).ts)
        assert any("夜7時ごろです" in str(m.blocks) for m in thread)


async def test_a_voicemail_complainant_cannot_be_written_to_and_the_reviewer_is_told(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    async with open_desk(database, fake_slack, fake_line) as desk:
        number = await desk.open_case()
        await desk.allow_feedback("sakura")
        async with desk.app.services.db.transaction() as session:
            case = await session.get(type(await desk.case(number)), (await desk.case(number)).id)
            assert case is not None
            case.channel = "phone"  # as a voicemail's case: no address to write to
        assert "連絡できません" in await desk.click("case_request_info", number)
