"""The kinds of mail the desk receives, end to end through real servers on loopback: each mail APPENDed into
a private dovecot as the desk's MTA would deliver it, read by the app's IMAP poller, answered through an SMTP
sink (aiosmtpd); asserted on what the desk sees in (fake) Slack and what the complainant receives.

One dovecot for the module, emptied before each test; SQLite only (the intake's storage is covered on
PostgreSQL by tests/bot/intake)."""

from __future__ import annotations

import asyncio
import base64
import itertools
import urllib.parse
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import timedelta
from email.header import Header
from email.utils import format_datetime, parseaddr, parsedate_to_datetime

import pytest
from pydantic import SecretStr
from sqlalchemy import func, select

from bot.tenants.sync import sync_tenant_yaml
from sandbox import polling
from sandbox.dovecot import PASSWORD, USER, Dovecot, installed, private_dovecot
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from sandbox.fake_smtp import FakeSmtp, ReceivedMail
from storage.db import Database
from storage.models import Case, Evidence, InboxEvent
from tests.bot.intake.mail_samples import (
    JPEG,
    STORY,
    bounce_of,
    built_mail,
    japanese_client_mail,
    simple_mail,
)
from tests.bot.intake.test_mail_intake import all_of, thread_of, triage_posts
from tests.clock import TEST_NOW, TestClock
from tests.conftest import TENANTS_YAML, RunningApp, launch_app

pytestmark = pytest.mark.parametrize("database", ["sqlite"], indirect=True)

HANAKO = "hanako@example.jp"
FIRST = "<20261130100000.1234@mail.example.jp>"
SAKURA_DESK = "desk+sakura@desk.example.jp"
MAPLE_DESK = "desk+maple@desk.example.jp"
# The clients as a one-mailbox desk configures them: each one's desk address is its plus-address, so what
# answers the desk's mails (replies, bounces, automatic answers) comes back routed to that client.
TENANTS = TENANTS_YAML.replace(
    "    language: ja\n", f"    language: ja\n    contact: {{email: {SAKURA_DESK}}}\n"
).replace("    language: en\n", f"    language: en\n    contact: {{email: {MAPLE_DESK}}}\n")
PHOTO = "店内の写真.jpg"


@pytest.fixture(scope="module")
def shared_dovecot() -> Iterator[Dovecot]:
    if not installed():
        pytest.skip("dovecot is not installed (scripts/ensure-mail-servers installs dovecot-imapd)")
    with private_dovecot() as server:
        yield server


@pytest.fixture
def mailbox(shared_dovecot: Dovecot) -> Dovecot:
    """The module's dovecot with an empty INBOX."""
    shared_dovecot.empty()
    return shared_dovecot


@dataclass
class MailDesk:
    """The running app reading `dovecot` and sending through `smtp`."""

    app: RunningApp
    dovecot: Dovecot
    smtp: FakeSmtp
    delivered: int = 0

    async def receive(self, raw: bytes, *, to: str = SAKURA_DESK, within: float = 20.0) -> None:
        """`raw` delivered to `to` (with the Delivered-To an MTA prepends), then waited for: fetched,
        flagged seen, processed, every effect done."""
        await asyncio.to_thread(self.dovecot.append, f"Delivered-To: {to}\r\n".encode("ascii") + raw)
        self.delivered += 1
        await polling.wait_for(self._all_seen, within, interval=0.1)
        await self.app.idle(within=within)

    def _all_seen(self) -> bool:
        return len(self.dovecot.uids("SEEN")) == self.delivered

    async def cases(self) -> list[Case]:
        return await all_of(self.app, Case)

    def thread(self) -> str:
        (post,) = triage_posts(self.app)
        return thread_of(self.app, post)


@pytest.fixture
async def desk(
    database: Database,
    fake_slack: FakeSlack,
    fake_line: FakeLine,
    fake_smtp: FakeSmtp,
    clock: TestClock,
    mailbox: Dovecot,
) -> AsyncIterator[MailDesk]:
    async with launch_app(
        database,
        fake_slack,
        fake_line,
        clock=clock,
        mail_imap_host="127.0.0.1",
        mail_imap_port=mailbox.port,
        mail_imap_security="none",
        mail_imap_user=USER,
        mail_imap_password=SecretStr(PASSWORD),
        mail_poll_seconds=0.5,
        mail_smtp_host="127.0.0.1",
        mail_smtp_port=fake_smtp.port,
        mail_smtp_security="none",
        mail_from="desk@desk.localhost",
    ) as app:
        await sync_tenant_yaml(database, app.services.cipher, text=TENANTS, now=clock.now(), actor="test")
        app.services.tenants.forget()
        yield MailDesk(app=app, dovecot=mailbox, smtp=fake_smtp)


def _jis(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("iso2022_jp")


def _jis_headers(mailer: str) -> bytes:
    return (
        f"From: {Header('山田 花子', 'iso-2022-jp').encode()} <{HANAKO}>\r\n"
        f"To: {SAKURA_DESK}\r\n"
        f"Subject: {Header('駅前店の対応について', 'iso-2022-jp').encode()}\r\n"
        f"Date: {format_datetime(TEST_NOW)}\r\n"
        f"Message-ID: {FIRST}\r\n"
        f"MIME-Version: 1.0\r\n{mailer}\r\n"
    ).encode("ascii")


def thunderbird_mail() -> bytes:
    """As Thunderbird writes it with a Japanese send charset: format=flowed ISO-2022-JP, the file's name
    in RFC 2231 form."""
    quoted = urllib.parse.quote(PHOTO)
    return (
        _jis_headers("User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) Thunderbird/115.6.0")
        + b'Content-Type: multipart/mixed; boundary="------------tb0123456789"\r\n\r\n'
        + b"This is a multi-part message in MIME format.\r\n"
        + b"--------------tb0123456789\r\n"
        + b"Content-Type: text/plain; charset=ISO-2022-JP; format=flowed; delsp=yes\r\n"
        + b"Content-Transfer-Encoding: 7bit\r\n\r\n"
        + _jis(STORY)
        + b"\r\n\r\n--------------tb0123456789\r\n"
        + f"Content-Type: image/jpeg; name*=UTF-8''{quoted}\r\n".encode("ascii")
        + f"Content-Disposition: attachment; filename*=UTF-8''{quoted}\r\n".encode("ascii")
        + b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(JPEG).replace(b"\n", b"\r\n")
        + b"\r\n--------------tb0123456789--\r\n"
    )


def outlook_mail() -> bytes:
    """As Outlook writes it for Japanese: plain and HTML alternatives in ISO-2022-JP, the file's name as
    an encoded word in quotes."""
    name = Header(PHOTO, "iso-2022-jp").encode()
    html = f"<html><body><p>{STORY}</p></body></html>"
    return (
        _jis_headers("X-Mailer: Microsoft Outlook 16.0")
        + b'Content-Type: multipart/mixed; boundary="----=_NextPart_000_0001"\r\n\r\n'
        + b"------=_NextPart_000_0001\r\n"
        + b'Content-Type: multipart/alternative; boundary="----=_NextPart_001_0002"\r\n\r\n'
        + b"------=_NextPart_001_0002\r\n"
        + b'Content-Type: text/plain; charset="iso-2022-jp"\r\nContent-Transfer-Encoding: 7bit\r\n\r\n'
        + _jis(STORY)
        + b"\r\n\r\n------=_NextPart_001_0002\r\n"
        + b'Content-Type: text/html; charset="iso-2022-jp"\r\nContent-Transfer-Encoding: 7bit\r\n\r\n'
        + _jis(html)
        + b"\r\n\r\n------=_NextPart_001_0002--\r\n\r\n"
        + b"------=_NextPart_000_0001\r\n"
        + f'Content-Type: image/jpeg; name="{name}"\r\n'.encode("ascii")
        + f'Content-Disposition: attachment; filename="{name}"\r\n'.encode("ascii")
        + b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(JPEG).replace(b"\n", b"\r\n")
        + b"\r\n------=_NextPart_000_0001--\r\n"
    )


def desk_address(ack: ReceivedMail) -> str:
    """Where the complainant's client sends a reply to the desk's mail: its From."""
    return parseaddr(ack.header("From") or "")[1]


def answer_to(ack: ReceivedMail, *, body: str, message_id: str) -> bytes:
    """The complainant's reply to a mail of the desk's, as their Japanese client threads it."""
    desk_id = ack.header("Message-ID") or ""
    return japanese_client_mail(
        message_id=message_id,
        body=body,
        subject=ack.subject,
        attachment=None,
        in_reply_to=desk_id,
        references=f"{ack.header('References') or ''} {desk_id}".strip(),
    )


@pytest.mark.parametrize(
    "raw",
    [japanese_client_mail(message_id=FIRST), thunderbird_mail(), outlook_mail()],
    ids=["becky", "thunderbird", "outlook"],
)
async def test_a_japanese_clients_mail_opens_one_case_with_its_photo_and_one_acknowledgement(
    desk: MailDesk, raw: bytes
) -> None:
    await desk.receive(raw)
    (case,) = await desk.cases()
    (post,) = triage_posts(desk.app)
    rendered = str(post["blocks"])
    assert "駅前店の対応について" in rendered and "職員の説明が足りず30分待たされました" in rendered
    (photo,) = desk.app.fake_slack.files
    assert photo.data == JPEG and photo.thread_ts == post["ts"] and photo.filename.endswith(PHOTO)

    (ack,) = desk.smtp.mails
    assert ack.rcpt_tos == (HANAKO,)
    assert ack.header("Auto-Submitted") == "auto-replied"
    assert ack.header("In-Reply-To") == FIRST and (ack.header("References") or "").split() == [FIRST]
    assert ack.subject == "Re: 駅前店の対応について"
    assert case.number in ack.text and "お約束しておりません" in ack.text  # the tenant's language: Japanese
    assert desk_address(ack) == SAKURA_DESK == ack.mail_from  # what answers it comes back to this client


async def test_an_html_only_mail_is_read_as_its_text(desk: MailDesk) -> None:
    html = (
        "<html><head><style>p { color: red }</style></head><body>"
        "<p>The receptionist <b>shouted</b> at me.</p><p>Please train your staff.</p>"
        "<script>track()</script></body></html>"
    )
    message = built_mail(sender="guest@example.com", subject="Complaint", message_id="<html-1@example.com>")
    message.set_content(html, subtype="html")
    await desk.receive(message.as_bytes(), to=MAPLE_DESK)
    (case,) = await desk.cases()
    (post,) = triage_posts(desk.app)
    rendered = str(post["blocks"])
    assert "The receptionist shouted at me." in rendered and "Please train your staff." in rendered
    for markup in ("<p>", "<b>", "</", "&lt;", "color: red", "track()"):
        assert markup not in rendered
    assert "HTMLだけ" in desk.thread()
    (ack,) = desk.smtp.mails_to("guest@example.com")
    assert case.number in ack.text and "police" in ack.text  # the tenant's language: English


async def test_a_reply_to_the_acknowledgement_joins_its_case_unanswered_within_the_interval(
    desk: MailDesk, clock: TestClock
) -> None:
    await desk.receive(japanese_client_mail(message_id=FIRST, attachment=None))
    (case,) = await desk.cases()
    (ack,) = desk.smtp.mails_to(HANAKO)
    clock.advance(timedelta(minutes=20))
    reply = answer_to(
        ack, body="追加です。担当者の名札の名前も覚えています。", message_id="<reply-1@mail.example.jp>"
    )
    await desk.receive(reply, to=desk_address(ack))
    assert [c.id for c in await desk.cases()] == [case.id]
    assert len(triage_posts(desk.app)) == 1
    assert "担当者の名札の名前も覚えています" in desk.thread()
    assert len(desk.smtp.mails) == 1


async def test_a_client_without_an_address_of_its_own_gets_its_answers_back_by_plus_address(
    desk: MailDesk, clock: TestClock
) -> None:
    await sync_tenant_yaml(  # no `contact.email`: the desk writes from MAIL_FROM, plus-addressed
        desk.app.services.db, desk.app.services.cipher, text=TENANTS_YAML, now=clock.now(), actor="test"
    )
    desk.app.services.tenants.forget()
    await desk.receive(japanese_client_mail(message_id=FIRST, attachment=None))
    (case,) = await desk.cases()
    (ack,) = desk.smtp.mails_to(HANAKO)
    assert desk_address(ack) == "desk+sakura@desk.localhost" == ack.mail_from
    clock.advance(timedelta(minutes=20))
    reply = answer_to(
        ack, body="追加です。名札の名前も覚えています。", message_id="<reply-2@mail.example.jp>"
    )
    await desk.receive(reply, to=desk_address(ack))
    assert [c.id for c in await desk.cases()] == [case.id]
    assert "名札の名前も覚えています" in desk.thread()


async def test_a_bounce_of_the_acknowledgement_opens_no_case_and_gets_no_answer(
    desk: MailDesk, clock: TestClock
) -> None:
    await desk.receive(japanese_client_mail(message_id=FIRST, attachment=None))
    (ack,) = desk.smtp.mails_to(HANAKO)
    clock.advance(timedelta(hours=2))  # past the interval: only what the mail is withholds an answer
    await desk.receive(bounce_of(ack.header("Message-ID") or ""), to=ack.mail_from)  # to the envelope sender
    assert len(await desk.cases()) == 1 and len(triage_posts(desk.app)) == 1
    assert len(desk.smtp.mails) == 1  # nothing to the complainant, nothing to MAILER-DAEMON
    assert "受付確認メールが届きませんでした" in desk.thread()


async def test_an_autoresponders_answers_to_the_acknowledgement_get_no_answer(
    desk: MailDesk, clock: TestClock
) -> None:
    await desk.receive(japanese_client_mail(message_id=FIRST, attachment=None))
    (ack,) = desk.smtp.mails_to(HANAKO)
    signals = [
        {"Auto-Submitted": "auto-replied"},
        {"X-Autoreply": "yes"},
        {"Auto-Submitted": "auto-replied", "X-Autoreply": "yes"},
    ]
    for n, headers in enumerate(signals):
        clock.advance(timedelta(hours=2))  # past the interval each time: only the headers stop an answer
        out_of_office = simple_mail(
            "ただいま不在にしております。12月7日以降に確認いたします。",
            sender=HANAKO,
            subject=f"自動応答: {ack.subject}",
            message_id=f"<ooo-{n}@mail.example.jp>",
            extra_headers={**headers, "In-Reply-To": ack.header("Message-ID") or ""},
        )
        await desk.receive(out_of_office, to=desk_address(ack))
    assert len(await desk.cases()) == 1
    assert len(desk.smtp.mails) == 1
    assert desk.thread().count("自動応答が返ってきました") == len(signals)  # the desk is told, each time


async def test_an_autoresponder_without_its_headers_is_answered_at_most_once_an_interval(
    desk: MailDesk, clock: TestClock
) -> None:
    """A machine that answers without saying it is one (here twice in every interval, to the desk's latest
    mail) cannot be told from the complainant: its answers join the case as the complainant's follow-ups
    (they name the desk's mail), and the desk answers at most once per interval: the loop turns at that
    pace, not the machine's, and opens nothing."""
    await desk.receive(japanese_client_mail(message_id=FIRST, attachment=None))
    (case,) = await desk.cases()
    interval = timedelta(seconds=desk.app.services.settings.mail_ack_interval_seconds)
    answers = 0
    while clock.now() - TEST_NOW < 2 * interval:  # two intervals of it answering twice in each
        clock.advance(interval / 2)
        latest = desk.smtp.mails_to(HANAKO)[-1]
        answers += 1
        careless = answer_to(
            latest, body="メールを受け付けました。", message_id=f"<loop-{answers}@example.jp>"
        )
        await desk.receive(careless, to=desk_address(latest))
    assert [c.id for c in await desk.cases()] == [case.id]
    acks = desk.smtp.mails_to(HANAKO)
    assert len(acks) == 3  # at 0, after one interval, after two: not one per machine answer (4)
    sent = [parsedate_to_datetime(a.header("Date") or "") for a in acks]
    assert all(later - earlier >= interval for earlier, later in itertools.pairwise(sent))
    assert answers == 4 and desk.thread().count("メールを受け付けました") == answers


async def test_an_autoresponder_that_threads_nothing_stops_after_one_turn(
    desk: MailDesk, clock: TestClock
) -> None:
    """Its answer names no mail of the desk's, so it is a new complaint from the same sender (a second
    case); the sender was answered a moment ago, so it gets no answer, and the loop has nothing to turn on."""
    await desk.receive(japanese_client_mail(message_id=FIRST, attachment=None))
    answered: set[str] = set()
    for turn in range(3):  # it answers each mail of the desk's once, as such machines do
        clock.advance(timedelta(minutes=1))
        unanswered = [m for m in desk.smtp.mails_to(HANAKO) if m.header("Message-ID") not in answered]
        for mail in unanswered:
            answered.add(mail.header("Message-ID") or "")
            careless = simple_mail(
                "メールを受け付けました。",
                sender=HANAKO,
                subject=mail.subject,
                message_id=f"<bare-{turn}@example.jp>",
            )
            await desk.receive(careless, to=desk_address(mail))
    assert len(await desk.cases()) == 2 and len(triage_posts(desk.app)) == 2
    assert len(desk.smtp.mails) == 1


async def inbox_rows(app: RunningApp) -> int:
    async with app.services.db.inbox_reader() as session:
        return int(await session.scalar(select(func.count()).select_from(InboxEvent)) or 0)


def mail_with_a_file_of(size: int) -> bytes:
    """A complaint with a photo and a file of `size` bytes (written out directly: the email package takes
    seconds to build a mail this size)."""
    parts = [
        ("text/plain; charset=utf-8", "inline", STORY.encode("utf-8")),
        ('image/jpeg; name="photo.jpg"', 'attachment; filename="photo.jpg"', JPEG),
        ('application/octet-stream; name="video.bin"', 'attachment; filename="video.bin"', b"\x00" * size),
    ]
    body = b"".join(
        f"--BIG\r\nContent-Type: {kind}\r\nContent-Disposition: {disposition}\r\n".encode("ascii")
        + b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(data).replace(b"\n", b"\r\n")
        for kind, disposition, data in parts
    )
    head = (
        f"From: {HANAKO}\r\nTo: {SAKURA_DESK}\r\nSubject: {Header('動画を送ります', 'utf-8').encode()}\r\n"
        f"Date: {format_datetime(TEST_NOW)}\r\nMessage-ID: <big-1@mail.example.jp>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="BIG"\r\n\r\n'
    )
    return head.encode("ascii") + body + b"--BIG--\r\n"


async def test_an_attachment_over_the_limit_is_noted_and_the_rest_kept(desk: MailDesk) -> None:
    raw = mail_with_a_file_of(desk.app.services.settings.media_max_bytes + 1)
    seen_before_stored: list[list[int]] = []

    async def watch_flags() -> None:
        while True:  # a mail flagged seen is in the inbox already
            seen = await asyncio.to_thread(desk.dovecot.uids, "SEEN")
            if seen and await inbox_rows(desk.app) < len(seen):
                seen_before_stored.append(seen)
            await asyncio.sleep(0.2)

    watcher = asyncio.create_task(watch_flags())
    try:
        await desk.receive(raw, within=60.0)
    finally:
        watcher.cancel()
    assert seen_before_stored == []
    assert len(await desk.cases()) == 1
    (post,) = triage_posts(desk.app)
    assert "職員の説明が足りず30分待たされました" in str(post["blocks"])
    thread = desk.thread()
    assert "申立人のファイルは上限（20 MB）を超えるため保存していません" in thread
    assert "元のメール全体は上限（20 MB）を超えるため保存していません" in thread
    assert [f.data for f in desk.app.fake_slack.files] == [JPEG]
    evidence = {e.content_type: e.status for e in await all_of(desk.app, Evidence)}
    assert evidence == {
        "message/rfc822": "too_large",
        "image/jpeg": "stored",
        "application/octet-stream": "too_large",
    }
    assert len(desk.smtp.mails_to(HANAKO)) == 1
    assert await inbox_rows(desk.app) == 1 and len(desk.dovecot.uids("SEEN")) == 1  # the whole mail kept
