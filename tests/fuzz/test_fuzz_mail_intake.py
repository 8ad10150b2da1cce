"""Property: any bytes as a fetched mail (real mails mutated, broken headers and charsets, deep multiparts,
huge headers, random bytes), stored as the IMAP poller stores them; the worker takes each (a case, a note,
or a duplicate audited), never sets one aside, and goes on with the next."""

from __future__ import annotations

import pytest
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.inbox.writer import InboxWriter
from bot.intake.mail_row import mail_inbox_row
from storage.models import InboxEvent, Tenant
from tests.bot.intake.mail_samples import (
    STORY,
    auto_reply_to,
    bounce_of,
    japanese_client_mail,
    simple_mail,
)
from tests.conftest import RunningApp
from tests.fuzz.conftest import PROFILE, Invariants, random_bytes, run_examples, weird_text

pytestmark = pytest.mark.usefixtures("watch_uvicorn")

DESK_ID = "<case-1.0123456789abcdef@desk.localhost>"
SAMPLES = [
    japanese_client_mail(),
    japanese_client_mail(attachment=None, message_id="<two@mail.example.jp>", in_reply_to=DESK_ID),
    simple_mail(STORY),
    simple_mail(STORY.encode("shift_jis"), charset="utf-8", message_id="<sjis@example.com>"),
    simple_mail(STORY, charset="x-no-such-charset", cte="base64", message_id="<b64@example.com>"),
    simple_mail("<p>" + STORY + "</p>", subtype="html", charset=None, message_id="<html@example.com>"),
    bounce_of(DESK_ID),
    auto_reply_to(DESK_ID),
]
# Pieces a broken mail is made of.
HEADER_LINES = st.sampled_from(
    [
        b"From: \r\n",
        b"From: <>\r\n",
        b"From: a@b@c\r\n",
        b"From: =?x-unknown?B?5bGx55Sw?= <a@example.jp>\r\n",
        b"Subject: =?utf-8?B?####?=\r\n",
        b"Subject: =?iso-2022-jp?B?GyRCOzNFRBsoQg?=\r\n",
        b"Message-ID: <>\r\n",
        b"Message-ID: " + b"<" * 1000 + b"\r\n",
        b"In-Reply-To: " + DESK_ID.encode() + b"\r\n",
        b"References: " + b"<a@b> " * 2000 + b"\r\n",
        b"Date: Mon, 99 Foo 2026 25:61:61 +9999\r\n",
        b"Content-Type: multipart/mixed\r\n",
        b'Content-Type: multipart/mixed; boundary=""\r\n',
        b'Content-Type: text/plain; charset="\xff\xfe"\r\n',
        b"Content-Transfer-Encoding: quoted-printable\r\n",
        b"Content-Transfer-Encoding: x-uuencode\r\n",
        b"Content-Disposition: attachment; filename*=utf-8''%FF%FE.jpg\r\n",
        b"Auto-Submitted: auto-replied\r\n",
        b"No colon here\r\n",
        b" continued line without a header\r\n",
        b"X-Huge: " + b"a" * 200_000 + b"\r\n",
        b"Subject: " + "あ".encode() * 30_000 + b"\r\n",
        b"\xff\xfe: \x00\r\n",
    ]
)


@st.composite
def mutated_bytes(draw: st.DrawFn, raw: bytes) -> bytes:
    """`raw` with a few spans replaced, removed, duplicated or header lines put in; maybe truncated."""
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(raw)))
        end = min(len(raw), at + draw(st.integers(0, 64)))
        kind = draw(st.sampled_from(["replace", "delete", "repeat", "header", "truncate"]))
        if kind == "replace":
            raw = raw[:at] + draw(st.binary(max_size=16)) + raw[end:]
        elif kind == "delete":
            raw = raw[:at] + raw[end:]
        elif kind == "repeat":
            raw = raw[:end] + raw[at:end] * draw(st.integers(1, 50)) + raw[end:]
        elif kind == "header":
            raw = draw(HEADER_LINES) + raw
        else:
            raw = raw[:at]
    return raw


def deep_multipart(depth: int, *, closed: bool) -> bytes:
    """`depth` multiparts each inside the last, with the story at the bottom (boundaries closed or not)."""
    head = b"From: deep@example.com\r\nMessage-ID: <deep-%d-%d@example.com>\r\n" % (depth, closed)
    opening = b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i) for i in range(depth)
    )
    leaf = b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + STORY.encode() + b"\r\n"
    closing = b"".join(b"--b%d--\r\n" % i for i in reversed(range(depth))) if closed else b""
    return head + b"MIME-Version: 1.0\r\n" + opening + leaf + closing


@st.composite
def header_soup(draw: st.DrawFn) -> bytes:
    """Header lines of the awkward kinds, then a body of any text."""
    lines = b"".join(draw(st.lists(HEADER_LINES, min_size=1, max_size=6)))
    body = draw(weird_text).encode("utf-8", "surrogatepass")
    return lines + b"\r\n" + body


# Nestings: 1,200 is past the interpreter's recursion limit, 5,000 past it even as Hypothesis raises it while
# it runs (seconds to parse that deep: in `make fuzz` only).
DEPTHS = [2, 50, 200] + ([1200, 5000] if PROFILE == "fuzz" else [])


class Mail(bytes):
    """A mail's bytes, shown short when Hypothesis reports one."""

    def __repr__(self) -> str:
        return f"Mail({len(self)} bytes: {bytes(self[:300])!r}...)"


mails = st.one_of(
    st.sampled_from(SAMPLES),
    st.sampled_from(SAMPLES).flatmap(mutated_bytes),
    st.sampled_from(SAMPLES).flatmap(mutated_bytes),
    header_soup(),
    st.builds(deep_multipart, st.sampled_from(DEPTHS), closed=st.booleans()),
    random_bytes,
).map(Mail)


async def test_mail_intake_takes_any_mail(running_app: RunningApp, caplog: pytest.LogCaptureFixture) -> None:
    app = running_app
    check = Invariants(app, caplog)
    async with app.services.db.reader() as session:
        tenant_id = (await session.scalars(select(Tenant.id).where(Tenant.slug == "sakura"))).one()
    stored: set[str] = set()
    uid = 0

    async def one(raw: bytes) -> None:
        nonlocal uid
        uid += 1
        row = mail_inbox_row(
            app.services.cipher, tenant_id=tenant_id, raw=raw, mailbox="desk", uid=uid, now=app.clock.now()
        )
        before = await check.snapshot()
        await writer.store([row])
        new = row["event_id"] not in stored
        stored.add(row["event_id"])
        after = await check.snapshot()
        assert after.inbox_rows - before.inbox_rows == int(new), "a mail not stored exactly once"
        async with app.services.db.inbox_reader() as session:
            count = await session.scalar(
                select(func.count()).select_from(InboxEvent).where(InboxEvent.event_id == row["event_id"])
            )
        assert count == 1
        await check.settle()
        async with app.services.db.inbox_reader() as session:
            status, error = (
                await session.execute(
                    select(InboxEvent.status, InboxEvent.last_error).where(
                        InboxEvent.event_id == row["event_id"]
                    )
                )
            ).one()
        assert status == "done", f"the worker left the mail {status}: {error}"
        check.assert_logs_clean(before)

    writer = InboxWriter(app.services.db)
    try:
        await run_examples("mail_intake", mails, one)
    finally:
        await writer.close()
    await check.assert_nothing_set_aside()
    await check.assert_worker_keeps_up()
