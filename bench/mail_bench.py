"""`python -m bench.mail_bench`: a 1,000-message mailbox read by the desk, against a plain IMAP fetch of the
same mailbox in the same run (the baseline: what the server and the protocol cost alone).

A private dovecot (sandbox/dovecot.py; Debian's dovecot-imapd) holds the mails, varied Japanese mails as
clients send them (ISO-2022-JP, UTF-8 quoted-printable, HTML-only, one in five with a photo). The baseline
is stdlib imaplib: UID SEARCH UNSEEN and UID FETCH BODY.PEEK[] of all of them. The desk is the service in
this process (SQLite, fake Slack at 50 ms): the IMAP poller fetches, stores each mail in the inbox and marks
it seen; timed until every mail is stored, and until every mail is a case.
"""

from __future__ import annotations

import argparse
import asyncio
import imaplib
import tempfile
import time
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import uvicorn
from pydantic import SecretStr
from sqlalchemy import func, select

from app.demo.story import free_port
from app.wiring import create_app
from bench.harness import LINE_TOKEN, SLACK_TOKEN, TENANTS, bench_settings, in_process_sandbox
from bot.tenants.sync import sync_tenant_yaml
from sandbox.dovecot import PASSWORD, USER, Dovecot, installed, private_dovecot
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from sandbox.fake_smtp import FakeSmtp
from storage.migrate import upgrade
from storage.models import Case, InboxEvent

JPEG = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 20_000 + b"\xff\xd9"
)
STORY = (
    "駅前店の受付で{n}分待たされ、説明もありませんでした。"
    "職員の方の言葉遣いもきつかったです。改善をお願いします。"
)


def sample_mail(n: int) -> bytes:
    """The n-th mail of the mailbox, in one of the shapes Japanese clients send."""
    message = EmailMessage()
    message["From"] = f"申立人{n} <complainant{n}@example.jp>"
    message["To"] = "desk+bench@desk.localhost"
    message["Subject"] = f"駅前店の対応について（{n}）"
    message["Message-ID"] = f"<bench-{n}@mail.example.jp>"
    message["Date"] = "Mon, 30 Nov 2026 10:00:00 +0900"
    body = STORY.format(n=n % 90 + 5)
    if n % 3 == 0:
        message.set_content(body, charset="iso-2022-jp", cte="7bit")
    elif n % 3 == 1:
        message.set_content(body, cte="quoted-printable")
    else:
        message.set_content(f"<html><body><p>{body}</p></body></html>", subtype="html")
    if n % 5 == 0:
        message.add_attachment(JPEG, maintype="image", subtype="jpeg", filename=f"photo{n}.jpg")
    return message.as_bytes(policy=SMTP)


def fill(server: Dovecot, count: int) -> None:
    imap = imaplib.IMAP4("127.0.0.1", server.port, timeout=30)
    imap.login(USER, PASSWORD)
    for n in range(count):
        imap.append("INBOX", "", None, sample_mail(n))
    imap.logout()


def plain_fetch(server: Dovecot) -> tuple[int, float]:
    """The baseline: every unseen mail fetched by stdlib imaplib (not marked seen)."""
    start = time.perf_counter()
    imap = imaplib.IMAP4("127.0.0.1", server.port, timeout=30)
    imap.login(USER, PASSWORD)
    imap.select("INBOX")
    _typ, data = imap.uid("SEARCH", "UNSEEN")
    uids = data[0].split()
    fetched = 0
    for i in range(0, len(uids), 100):
        _typ, parts = imap.uid("FETCH", b",".join(uids[i : i + 100]).decode(), "(BODY.PEEK[])")
        fetched += sum(1 for p in parts if isinstance(p, tuple))
    imap.logout()
    return fetched, time.perf_counter() - start


async def desk_reads(server: Dovecot, count: int, workdir: Path) -> tuple[float, float]:
    """Seconds until the desk has stored every mail in its inbox, and until every mail is a case."""
    slack, line = FakeSlack(token=SLACK_TOKEN, latency=0.05), FakeLine(tokens={LINE_TOKEN})
    smtp = FakeSmtp()  # the acknowledgements go out as in production
    for fake in (slack, line, smtp):
        fake.start()
    settings = bench_settings(f"sqlite+aiosqlite:///{workdir / 'mail.db'}", in_process_sandbox(slack, line))
    settings = settings.model_copy(
        update={
            "mail_imap_host": "127.0.0.1",
            "mail_imap_port": server.port,
            "mail_imap_security": "none",
            "mail_imap_user": USER,
            "mail_imap_password": SecretStr(PASSWORD),
            "mail_poll_seconds": 1.0,
            "blob_dir": str(workdir / "blobs"),
            "mail_smtp_host": "127.0.0.1",
            "mail_smtp_port": smtp.port,
            "mail_smtp_security": "none",
            "mail_from": "desk@desk.localhost",
        }
    )
    app = create_app(settings)
    services = app.state.services
    await upgrade(services.db)
    await sync_tenant_yaml(
        services.db, services.cipher, text=TENANTS, now=services.clock.now(), actor="bench"
    )
    server_task_config = uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning")
    web = uvicorn.Server(server_task_config)
    task = asyncio.create_task(web.serve())
    while not web.started:
        await asyncio.sleep(0.01)
    start = time.perf_counter()  # the poller starts with the worker, in the app's startup
    stored_at = cased_at = 0.0
    try:
        while not cased_at:
            if time.perf_counter() - start > 600:
                raise TimeoutError("the desk did not read the mailbox in 10 minutes")
            async with services.db.inbox_reader() as session:
                stored = await session.scalar(select(func.count()).select_from(InboxEvent))
            async with services.db.reader() as session:
                opened = await session.scalar(select(func.count()).select_from(Case))
            now = time.perf_counter() - start
            if stored == count and not stored_at:
                stored_at = now
            if opened == count:
                cased_at = now
            await asyncio.sleep(0.05)
    finally:
        web.should_exit = True
        await task
        for fake in (slack, line, smtp):
            fake.stop()
    return stored_at, cased_at


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mails", type=int, default=1000)
    args = parser.parse_args()
    if not installed():
        print("mail bench skipped: dovecot is not installed (scripts/ensure-mail-servers)")
        return
    with private_dovecot() as server, tempfile.TemporaryDirectory(prefix="mail-bench-") as tmp:
        await asyncio.to_thread(fill, server, args.mails)
        fetched, plain = await asyncio.to_thread(plain_fetch, server)
        stored, cased = await desk_reads(server, args.mails, Path(tmp))
    print(f"mail: a {args.mails}-message mailbox in a private dovecot (SQLite, fake Slack at 50 ms)")
    print(f"  plain imaplib fetch (baseline)     {fetched / plain:8.0f} mails/s")
    print(
        f"  desk: fetched, stored, marked seen {args.mails / stored:8.0f} mails/s"
        f"  (ratio {(args.mails / stored) / (fetched / plain):.2f})"
    )
    print(f"  desk: every mail a case            {args.mails / cased:8.0f} mails/s")


if __name__ == "__main__":
    asyncio.run(main())
