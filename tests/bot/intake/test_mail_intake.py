"""Stored mails through the real inbox worker: a case in triage, the whole mail and its files kept, the
acknowledgement queued for the mail sender, replies joining their case, machines' mail opening nothing."""

from __future__ import annotations

import json
from datetime import timedelta
from email import policy
from typing import Any

import pytest
from sqlalchemy import select

from bot.inbox.writer import InboxWriter
from bot.intake.mail_message import MAIL_BODY, mail_source_id
from bot.intake.mail_row import contact_hash_of, mail_inbox_row
from bot.mail_ids import case_of_desk_message_id
from bot.outbox.effects import COMPLAINANT_MESSAGE
from sandbox.fake_slack import SlackMessage
from storage.models import AuditEntry, Case, Complainant, Evidence, Message, OutboxEffect
from storage.repos import audit
from tests.bot.intake.mail_samples import (
    JPEG,
    STORY,
    auto_reply_to,
    bounce_of,
    built_mail,
    japanese_client_mail,
    simple_mail,
)
from tests.case_rows import tenant_by_slug
from tests.conftest import TRIAGE, RunningApp

JAPANESE = "店長の態度がひどく、謝罪もありませんでした。"


async def deliver(app: RunningApp, raw: bytes, *, slug: str = "sakura", uid: int = 1) -> None:
    """Store the mail in the inbox as the IMAP poller does, and wait for the worker and the outbox."""
    tenant = await tenant_by_slug(app.services.db, slug)
    row = mail_inbox_row(
        app.services.cipher, tenant_id=tenant.id, raw=raw, mailbox="desk", uid=uid, now=app.clock.now()
    )
    writer = InboxWriter(app.services.db)
    try:
        await writer.store([row])
    finally:
        await writer.close()
    await app.idle()


async def all_of(app: RunningApp, model: type) -> list[Any]:
    async with app.services.db.reader() as session:
        return list(await session.scalars(select(model).order_by(model.id)))  # type: ignore[attr-defined]


async def acks(app: RunningApp) -> list[dict[str, Any]]:
    """The payloads of the messages queued for complainants."""
    effects = await all_of(app, OutboxEffect)
    cipher = app.services.cipher
    return [json.loads(cipher.decrypt(e.payload_enc)) for e in effects if e.kind == COMPLAINANT_MESSAGE]


async def audited(app: RunningApp, action: str) -> list[dict[str, Any]]:
    async with app.services.db.reader() as session:
        entries = await session.scalars(select(AuditEntry).where(AuditEntry.action == action))
        return [audit.opened(session, e).after or {} for e in entries]


def triage_posts(app: RunningApp) -> list[SlackMessage]:
    """The cases' triage posts (not their thread replies, not the desk's alerts)."""
    return [
        p
        for p in app.fake_slack.all_posts()
        if p["channel"] == TRIAGE and not p.get("thread_ts") and "新しい案件" in str(p.get("blocks"))
    ]


def thread_of(app: RunningApp, post: SlackMessage) -> str:
    return str([m.get("blocks") for m in app.fake_slack.thread(TRIAGE, post["ts"])[1:]])


async def only_case(app: RunningApp) -> Case:
    (case,) = await all_of(app, Case)
    return case


async def test_japanese_client_mail_opens_a_case_acknowledged_by_mail(running_app: RunningApp) -> None:
    app = running_app
    body = f"{STORY}\n\n-- \n山田 花子\n090-1234-5678"
    await deliver(app, japanese_client_mail(body=body))

    case = await only_case(app)
    assert case.channel == "mail"
    (post,) = triage_posts(app)
    rendered = str(post["blocks"])
    for needle in (case.number, "メール", "駅前店の対応について", "30分待たされました"):
        assert needle in rendered
    assert "090-1234-5678" not in rendered  # the signature is not the complaint
    thread = thread_of(app, post)
    assert "元のメール全体" in thread and "hanako@example.jp" not in thread
    (shared,) = app.fake_slack.files
    assert shared.data == JPEG

    cipher = app.services.cipher
    (complainant,) = await all_of(app, Complainant)
    assert complainant.contact_hash == contact_hash_of(cipher, "Hanako@Example.jp")
    assert (
        complainant.contact_enc is not None and cipher.decrypt(complainant.contact_enc) == "hanako@example.jp"
    )
    messages = await all_of(app, Message)
    text, whole = messages[0], messages[1]
    assert text.kind == "text" and text.source_message_id == mail_source_id(
        cipher, "<20261130100000.1234@mail.example.jp>"
    )
    assert text.body_enc is not None and "090-1234-5678" not in cipher.decrypt(text.body_enc)
    assert whole.kind == MAIL_BODY and whole.body_enc is not None
    assert "090-1234-5678" in cipher.decrypt(whole.body_enc)  # the whole body is kept on the case
    evidence = await all_of(app, Evidence)
    assert [(e.content_type, e.status) for e in evidence] == [
        ("message/rfc822", "stored"),
        ("image/jpeg", "stored"),
    ]
    assert b"ISO-2022-JP" in await app.services.blobs.get(evidence[0].blob_key)

    (ack,) = await acks(app)
    assert ack["channel"] == "mail" and ack["to"] == "hanako@example.jp"
    (message,) = ack["messages"]
    assert case.number in message["text"] and "警察" in message["text"]
    assert "お約束しておりません" in message["text"]
    mail = ack["mail"]
    assert mail["subject"] == "Re: 駅前店の対応について" and mail["auto_reply"] is True
    assert mail["in_reply_to"] == "<20261130100000.1234@mail.example.jp>"
    assert mail["references"] == ["<20261130100000.1234@mail.example.jp>"]
    desk_id = mail["message_id"]
    assert case_of_desk_message_id(cipher, desk_id, domain=app.services.settings.mail_domain) == case.id
    out = [m for m in messages if m.direction == "out"]
    assert (
        len(out) == 1 and out[0].body_enc is not None and cipher.decrypt(out[0].body_enc) == message["text"]
    )


async def test_web_form_and_mail_from_one_address_are_one_complainant(running_app: RunningApp) -> None:
    app = running_app
    tenant = await tenant_by_slug(app.services.db, "sakura")
    cipher = app.services.cipher
    async with app.services.db.transaction() as session:
        session.add(
            Complainant(
                tenant_id=tenant.id,
                contact_hash=cipher.lookup_hash("contact:email:hanako@example.jp"),
                following=False,
                created_at=app.clock.now(),
            )
        )
    await deliver(app, japanese_client_mail(sender="HANAKO@example.jp", attachment=None))
    (complainant,) = await all_of(app, Complainant)
    case = await only_case(app)
    assert case.complainant_id == complainant.id


@pytest.mark.parametrize(
    ("raw", "note"),
    [
        (simple_mail(JAPANESE.encode("cp932"), charset="Shift_JIS"), None),
        (simple_mail(("①" + JAPANESE).encode("cp932"), charset="shift_jis"), None),
        (simple_mail(JAPANESE.encode("euc_jp"), charset="EUC-JP"), None),
        (simple_mail(JAPANESE.encode("utf-8"), charset="utf-8", cte="base64"), None),
        (simple_mail(JAPANESE.encode("cp932"), charset="iso-8859-1"), "文字コード"),
        (simple_mail(JAPANESE.encode("euc_jp"), charset="utf-8"), "文字コード"),
        (simple_mail(JAPANESE.encode("cp932"), charset=None), "文字コード"),
    ],
    ids=["shift_jis", "cp932", "euc_jp", "utf8_base64", "wrong_latin1", "wrong_utf8", "missing"],
)
async def test_charsets_are_read_whatever_the_mail_declares(
    running_app: RunningApp, raw: bytes, note: str | None
) -> None:
    await deliver(running_app, raw)
    (post,) = triage_posts(running_app)
    assert JAPANESE in str(post["blocks"])
    thread = thread_of(running_app, post)
    assert (note in thread) if note else ("文字コード" not in thread)


async def test_utf8_quoted_printable(running_app: RunningApp) -> None:
    message = built_mail()
    message.set_content(JAPANESE + "\n" + "あ" * 100, charset="utf-8", cte="quoted-printable")
    raw = message.as_bytes(policy=policy.SMTP)
    assert b"=E5=BA=97" in raw
    await deliver(running_app, raw)
    (post,) = triage_posts(running_app)
    assert JAPANESE in str(post["blocks"])


async def test_html_only_mail_becomes_text(running_app: RunningApp) -> None:
    html = f"<html><body><p>{JAPANESE}</p><p><b>改善</b>を求めます</p><script>x()</script></body></html>"
    await deliver(running_app, simple_mail(html, subtype="html"))
    (post,) = triage_posts(running_app)
    rendered = str(post["blocks"])
    assert JAPANESE in rendered and "改善を求めます" in rendered and "<p>" not in rendered
    assert "HTMLだけ" in thread_of(running_app, post)


async def test_a_reply_joins_its_case_and_a_forged_id_does_not(running_app: RunningApp) -> None:
    app = running_app
    first_id = "<first@mail.example.jp>"
    await deliver(app, japanese_client_mail(message_id=first_id, attachment=None))
    case = await only_case(app)
    (ack,) = await acks(app)
    desk_id = ack["mail"]["message_id"]

    app.clock.advance(timedelta(hours=2))
    reply = (
        "追加です: 会計でも20分待たされました。\n\n"
        "2026年11月30日(月) 10:00 窓口 <desk@desk.localhost>:\n> 受付番号"
    )
    await deliver(
        app,
        japanese_client_mail(
            message_id="<second@mail.example.jp>",
            subject="Re: 駅前店の対応について",
            body=reply,
            in_reply_to=desk_id,
            references=f"{first_id} {desk_id}",
            attachment=None,
        ),
        uid=2,
    )
    assert [c.id for c in await all_of(app, Case)] == [case.id]
    (post,) = triage_posts(app)
    thread = thread_of(app, post)
    assert "会計でも20分" in thread and "受付番号" not in thread.split("会計でも20分")[1][:40]
    second_ack = (await acks(app))[1]
    assert second_ack["mail"]["subject"] == "Re: 駅前店の対応について"
    assert second_ack["mail"]["references"] == [first_id, desk_id, "<second@mail.example.jp>"]

    # The sender's own earlier mail named (no desk id): the same case.
    await deliver(
        app,
        japanese_client_mail(
            message_id="<third@mail.example.jp>", body="三通目です。", in_reply_to=first_id, attachment=None
        ),
        uid=3,
    )
    assert len(await all_of(app, Case)) == 1

    forged = f"<c{case.id}.0123456789abcdef.0123456789abcdef0123@desk.localhost>"
    await deliver(
        app,
        japanese_client_mail(
            sender="mallory@example.com",
            message_id="<forged@example.com>",
            body="別人の案件に書き込もうとしています。",
            in_reply_to=forged,
            attachment=None,
        ),
        uid=4,
    )
    # Someone else naming the complainant's own Message-ID joins nothing either.
    await deliver(
        app,
        japanese_client_mail(
            sender="mallory@example.com",
            message_id="<forged-2@example.com>",
            body="これも別人です。",
            in_reply_to=first_id,
            attachment=None,
        ),
        uid=5,
    )
    cases = await all_of(app, Case)
    assert len(cases) == 3
    joined = [m for m in await all_of(app, Message) if m.case_id == case.id and m.direction == "in"]
    assert all("別人" not in app.services.cipher.decrypt(m.body_enc) for m in joined if m.body_enc)


async def test_a_desk_id_of_another_tenant_opens_a_new_case(running_app: RunningApp) -> None:
    app = running_app
    await deliver(app, japanese_client_mail(attachment=None))
    (ack,) = await acks(app)
    await deliver(
        app,
        simple_mail(
            "The front desk was rude.",
            sender="hanako@example.jp",
            message_id="<maple-1@example.jp>",
            extra_headers={"In-Reply-To": ack["mail"]["message_id"]},
        ),
        slug="maple",
    )
    cases = await all_of(app, Case)
    assert len(cases) == 2 and cases[0].tenant_id != cases[1].tenant_id
    english = (await acks(app))[1]
    assert "Reference: " in english["messages"][0]["text"] and "police" in english["messages"][0]["text"]


async def test_a_bounce_opens_no_case_and_notes_it_in_the_case(running_app: RunningApp) -> None:
    app = running_app
    await deliver(app, japanese_client_mail(attachment=None))
    (ack,) = await acks(app)
    await deliver(app, bounce_of(ack["mail"]["message_id"]), uid=2)
    case = await only_case(app)
    assert len(await acks(app)) == 1
    (post,) = triage_posts(app)
    assert "届きませんでした" in thread_of(app, post)
    (entry,) = await audited(app, "mail.bounce")
    assert "delivery-report" in entry["reasons"]
    assert not [e for e in await all_of(app, Evidence) if e.case_id != case.id]


async def test_an_auto_reply_to_the_acknowledgement_gets_no_answer(running_app: RunningApp) -> None:
    """The loop an out-of-office answer would start: the desk's ack, their auto-reply, no second ack."""
    app = running_app
    await deliver(app, japanese_client_mail(attachment=None))
    (ack,) = await acks(app)
    app.clock.advance(timedelta(hours=3))  # past the acknowledgement interval: only the signal stops it
    await deliver(app, auto_reply_to(ack["mail"]["message_id"]), uid=2)
    assert len(await all_of(app, Case)) == 1
    assert len(await acks(app)) == 1
    (post,) = triage_posts(app)
    assert "自動応答" in thread_of(app, post)
    assert len(await audited(app, "mail.auto_reply")) == 1


@pytest.mark.parametrize(
    ("headers", "sender", "reason"),
    [
        ({"List-Id": "<shoppers.lists.example.com>"}, "list@lists.example.com", "list"),
        ({"Precedence": "bulk"}, "news@example.com", "precedence"),
        ({}, "no-reply@shop.example.com", "machine-sender"),
        ({"Auto-Submitted": "auto-generated"}, "system@example.com", "auto-submitted"),
        ({"Return-Path": "<>"}, "someone@example.com", "null-return-path"),
        ({"X-Auto-Response-Suppress": "All"}, "outlook@example.com", "auto-response-suppress"),
    ],
    ids=["mailing_list", "bulk", "noreply", "auto_generated", "null_return_path", "suppress"],
)
async def test_mail_that_must_get_no_automatic_answer_opens_a_case_unanswered(
    running_app: RunningApp, headers: dict[str, str], sender: str, reason: str
) -> None:
    await deliver(running_app, simple_mail(JAPANESE, sender=sender, extra_headers=headers))
    case = await only_case(running_app)
    assert len(triage_posts(running_app)) == 1
    assert await acks(running_app) == []
    (entry,) = await audited(running_app, "mail.ack_withheld")
    assert reason in entry["reasons"]
    assert [m for m in await all_of(running_app, Message) if m.direction == "out"] == []
    assert case.channel == "mail"


async def test_one_acknowledgement_per_interval(running_app: RunningApp) -> None:
    app = running_app
    await deliver(app, simple_mail(JAPANESE, message_id="<a@example.com>"))
    app.clock.advance(timedelta(minutes=10))
    await deliver(app, simple_mail("別の件です。" + JAPANESE, message_id="<b@example.com>"), uid=2)
    assert len(await all_of(app, Case)) == 2
    assert len(await acks(app)) == 1
    (entry,) = await audited(app, "mail.ack_withheld")
    assert entry["reasons"] == ["interval"]
    app.clock.advance(timedelta(hours=1))
    await deliver(app, simple_mail("三つ目の件です。", message_id="<c@example.com>"), uid=3)
    assert len(await acks(app)) == 2


@pytest.mark.parametrize(
    "raw",
    [
        b"From: a@example.com\r\nSubject: broken\r\nMessage-ID: <nb@example.com>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed\r\n\r\n" + JAPANESE.encode("utf-8"),
        b"From: a@example.com\r\nSubject: broken\r\nMessage-ID: <tr@example.com>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="X"\r\n\r\n--X\r\n'
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + JAPANESE.encode("utf-8") + b"\r\n--X\r\n"
        b"Content-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n/9j/4AAQSk",
    ],
    ids=["no_boundary", "truncated"],
)
async def test_broken_mime_opens_the_case_with_what_there_is(running_app: RunningApp, raw: bytes) -> None:
    await deliver(running_app, raw)
    (post,) = triage_posts(running_app)
    assert JAPANESE in str(post["blocks"])
    assert "構造が壊れて" in thread_of(running_app, post)
    assert len(await acks(running_app)) == 1


async def test_a_mail_with_no_text_part(running_app: RunningApp) -> None:
    message = built_mail(subject="")
    message.set_content(JPEG, maintype="image", subtype="jpeg", disposition="attachment", filename="a.jpg")
    await deliver(running_app, message.as_bytes())
    case = await only_case(running_app)
    (post,) = triage_posts(running_app)
    assert "本文がありませんでした" in thread_of(running_app, post)
    assert [f.data for f in running_app.fake_slack.files] == [JPEG]
    (ack,) = await acks(running_app)
    assert ack["mail"]["subject"] == f"【受付番号 {case.number}】さくら総合クリニック ご意見の受付"


async def test_a_redelivered_mail_is_one_case(running_app: RunningApp) -> None:
    app = running_app
    raw = japanese_client_mail()
    await deliver(app, raw)
    await deliver(app, raw)  # the same row again (the poller restarted before it recorded the uid)
    await deliver(app, raw, uid=7)  # the same mail fetched again under another uid
    assert len(await all_of(app, Case)) == 1
    assert len(triage_posts(app)) == 1
    assert len(await acks(app)) == 1
