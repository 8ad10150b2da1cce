"""The web form through real HTTP, as a browser without JavaScript sends it: the page, a submission that
becomes a case in triage, the confirmation page, and every kind of bad input (nothing accepted lost)."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from datetime import timedelta
from html.parser import HTMLParser

import httpx
import pytest
from sqlalchemy import func, select

from bot.cases.items import decrypt_report_items
from handlers.web.rate_limit import SubmissionLimit
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from sandbox.form_visitor import FormVisitor, hidden_fields
from storage.db import Database
from storage.models import Case, Complainant, Evidence, InboxEvent
from tests.clock import TestClock
from tests.conftest import TRIAGE, RunningApp, launch_app

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 200 + b"\xff\xd9"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
STORY = "駅前店の受付で、職員の説明が足りず30分待たされました。改善をお願いします。"


@pytest.fixture
async def visitor(app: RunningApp) -> AsyncIterator[FormVisitor]:
    browser = FormVisitor(app.base_url)
    yield browser
    await browser.aclose()


async def _count(app: RunningApp, model: type) -> int:
    db = app.services.db
    async with db.inbox_reader() if model is InboxEvent else db.reader() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def _only_case(app: RunningApp) -> Case:
    async with app.services.db.reader() as session:
        (case,) = (await session.scalars(select(Case))).all()
        return case


class _Labels(HTMLParser):
    """Every form control's id, every label's `for`, and the controls without a label."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[str] = []
        self.labelled: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("input", "textarea", "select") and found.get("type") != "hidden":
            self.controls.append(str(found.get("id")))
        if tag == "label" and found.get("for"):
            self.labelled.add(str(found["for"]))


async def test_the_form_opens_with_the_policy_in_the_tenants_language(
    app: RunningApp, visitor: FormVisitor
) -> None:
    page = await visitor.open("sakura")
    assert page.status_code == 200
    assert '<html lang="ja">' in page.text
    assert "正当なご意見か、カスタマーハラスメントに当たるか" in page.text
    assert "警察に相談・通報" in page.text and "日時と診療科をお書きください。" in page.text
    assert "駅前店" in page.text and "確認の結果について" in page.text  # shops and the feedback question
    assert "kasuhara_form" in page.headers["set-cookie"] and "HttpOnly" in page.headers["set-cookie"]
    labels = _Labels()
    labels.feed(page.text)
    assert labels.controls and set(labels.controls) <= labels.labelled  # every control has its label
    english = await visitor.open("sakura", lang="en")
    assert (
        '<html lang="en">' in english.text and "legitimate complaint or customer harassment" in english.text
    )
    maple = await visitor.open("maple")
    assert '<html lang="en">' in maple.text and "Maple Hotel" in maple.text
    css = await visitor.client.get("/form-static/form.css")
    assert css.status_code == 200 and "text/css" in css.headers["content-type"]


async def test_a_submission_becomes_a_web_case_in_triage_with_its_items_and_evidence(
    app: RunningApp, visitor: FormVisitor
) -> None:
    receipt = await visitor.send(
        "sakura",
        {
            "what_happened": STORY,
            "wanted": "説明の改善",
            "anonymity": "named",
            "name": "山田花子",
            "email": "Hanako@Example.jp",
            "phone": "090-1234-5678",
            "shop": "駅前店",
            "staff": "受付の男性",
            "occurred": app.clock.now().astimezone().strftime("%Y-%m-%dT%H:%M"),
            "feedback": "yes",
            "consent": "yes",
        },
        files=[("photo.jpg", JPEG, "image/jpeg"), ("receipt.pdf", PDF, "application/pdf")],
    )
    assert receipt.status_code == 200, receipt.text
    await app.idle()
    case = await _only_case(app)
    assert case.channel == "web" and case.intake_complete is True
    assert f"<strong>{case.number}</strong>" in receipt.text and "受け付けました" in receipt.text
    assert "正当なご意見か" in receipt.text  # the policy again
    items = decrypt_report_items(app.services.cipher, case.intake_enc)
    assert items.name == "山田花子" and items.email == "Hanako@example.jp" and items.place == "駅前店"
    assert items.consent_to_disclose is True and items.feedback_wanted is True and items.anonymous is False
    async with app.services.db.reader() as session:
        evidence = (await session.scalars(select(Evidence).order_by(Evidence.id))).all()
    assert [(e.kind, e.status, e.content_type) for e in evidence] == [
        ("image", "stored", "image/jpeg"),
        ("file", "stored", "application/pdf"),
    ]
    (post,) = [m for m in app.fake_slack.messages(TRIAGE) if not m.is_reply]
    shown = json.dumps(post.blocks, ensure_ascii=False)
    assert "Web" in shown and case.number in shown and "駅前店" in shown
    shared = [f for f in app.fake_slack.files if f.thread_ts == post.ts]
    assert sorted(f.data for f in shared) == sorted([JPEG, PDF])
    assert not app.fake_line.delivered()  # nothing is sent to a web complainant


async def test_sending_the_same_page_twice_makes_one_case(app: RunningApp, visitor: FormVisitor) -> None:
    page = await visitor.open("sakura")
    first = await visitor.send("sakura", {"what_happened": STORY}, page=page)
    again = await visitor.send(
        "sakura", {"what_happened": STORY}, page=page
    )  # the back button, a second click
    await app.idle()
    case = await _only_case(app)
    assert case.number in first.text and case.number in again.text
    assert await _count(app, InboxEvent) == 1
    assert len([m for m in app.fake_slack.messages(TRIAGE) if not m.is_reply]) == 1


async def test_the_same_email_is_the_same_complainant(app: RunningApp, visitor: FormVisitor) -> None:
    for address in ("repeat@example.jp", "REPEAT@example.jp"):
        await visitor.send("sakura", {"what_happened": STORY, "email": address})
    await app.idle()
    assert await _count(app, Case) == 2 and await _count(app, Complainant) == 1


async def test_a_threat_alerts_at_once_and_the_page_shows_the_fixed_notice(
    app: RunningApp, visitor: FormVisitor
) -> None:
    receipt = await visitor.send(
        "sakura", {"what_happened": "お前を殺してやる。明日、店に火をつけに行くからな。"}
    )
    await app.idle()
    case = await _only_case(app)
    assert case.flags.get("out_of_intake") and case.suggested_label == "threat"
    assert "脅迫や危害を示す内容" in receipt.text and "受け付けできません" in receipt.text
    assert "受け付けました" not in receipt.text
    alerts = [m for m in app.fake_slack.all_posts() if "脅迫" in m.text or "threat" in m.text.lower()]
    assert alerts


async def test_missing_or_wrong_csrf_token_is_403_and_nothing_is_stored(
    app: RunningApp, visitor: FormVisitor
) -> None:
    wrong = await visitor.send("sakura", {"what_happened": STORY}, csrf="0" * 64)
    assert wrong.status_code == 403 and "Cookie" in wrong.text and 'href="/form/sakura?lang=ja"' in wrong.text
    page = await visitor.open("sakura")
    async with httpx.AsyncClient(base_url=app.base_url) as cookieless:  # the token without its cookie
        response = await cookieless.post(
            "/form/sakura",
            data={**hidden_fields(page.text), "what_happened": STORY, "anonymity": "anonymous"},
        )
    assert response.status_code == 403
    assert await _count(app, InboxEvent) == 0


async def test_a_filled_honeypot_is_refused_and_nothing_is_stored(
    app: RunningApp, visitor: FormVisitor
) -> None:
    response = await visitor.send("sakura", {"what_happened": STORY}, website="http://spam.example")
    assert response.status_code == 400
    assert await _count(app, InboxEvent) == 0


async def test_a_flood_from_one_address_gets_429_with_retry_after(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, clock: TestClock
) -> None:
    async with launch_app(
        database, fake_slack, fake_line, clock=clock, form_rate_per_address="3/minute"
    ) as app:
        browser = FormVisitor(app.base_url)
        statuses = [
            (await browser.send("sakura", {"what_happened": f"{STORY} {i}"})).status_code for i in range(5)
        ]
        limited = await browser.send("sakura", {"what_happened": STORY}, follow=False)
        await browser.aclose()
        assert statuses == [200, 200, 200, 429, 429] and limited.status_code == 429
        assert 1 <= int(limited.headers["retry-after"]) <= 60 and "しばらくお待ちください" in limited.text
        await app.idle()
        assert await _count(app, InboxEvent) == 3 and await _count(app, Case) == 3


async def test_unknown_tenant_and_shared_account_are_404(app: RunningApp, visitor: FormVisitor) -> None:
    for slug in ("nobody", "BAD SLUG", "x" * 300):
        response = await visitor.client.get(f"/form/{slug}")
        assert response.status_code == 404 and "ページが見つかりません" in response.text
    posted = await visitor.client.post("/form/nobody", data={"what_happened": STORY})
    assert posted.status_code == 404


async def test_a_disabled_form_points_to_the_other_ways_in(app: RunningApp, visitor: FormVisitor) -> None:
    page = await visitor.open("closed-shop")
    assert page.status_code == 200 and "休止" in page.text
    assert "0120-000-000" in page.text and "desk@example.jp" in page.text and "<form" not in page.text


async def test_each_field_error_is_shown_beside_its_field_and_the_rest_is_kept(
    app: RunningApp, visitor: FormVisitor
) -> None:
    long = "あ" * 100_000
    response = await visitor.send(
        "sakura",
        {
            "what_happened": "",
            "wanted": long,
            "phone": "call me",
            "email": "not-an-address",
            "staff": "受付の<b>男性</b>",
            "shop": "存在しない店",
            "occurred": "2999-01-01T10:00",
        },
    )
    assert response.status_code == 400
    for field in ("what_happened", "wanted", "phone", "email", "shop", "occurred"):
        assert f'id="error-{field}"' in response.text, field
        assert f'href="#f-{field}"' in response.text, field  # the summary links to the field
    assert 'role="alert"' in response.text and 'aria-invalid="true"' in response.text
    assert "受付の&lt;b&gt;男性&lt;/b&gt;" in response.text and "call me" in response.text  # kept, escaped
    assert "100000文字" in response.text
    assert await _count(app, InboxEvent) == 0


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            [("photo.jpg", b"just text pretending to be a photo", "image/jpeg")],
            "画像、PDF、音声のいずれでもありません",
        ),
        ([("big.jpg", JPEG[:4] + b"\x00" * (2 * 1024 * 1024), "image/jpeg")], "大きすぎます"),
        ([(f"p{i}.jpg", JPEG, "image/jpeg") for i in range(4)], "添付は3個までです"),
    ],
)
async def test_wrong_attachments_are_a_field_error_and_the_text_is_kept(
    database: Database,
    fake_slack: FakeSlack,
    fake_line: FakeLine,
    clock: TestClock,
    files: list[tuple[str, bytes, str]],
    message: str,
) -> None:
    async with launch_app(
        database, fake_slack, fake_line, clock=clock, form_max_files=3, form_max_file_bytes=1024 * 1024
    ) as app:
        browser = FormVisitor(app.base_url)
        response = await browser.send("sakura", {"what_happened": STORY}, files=files)
        await browser.aclose()
        assert response.status_code == 400 and message in response.text
        assert 'id="error-attachments"' in response.text and STORY in response.text
        assert await _count(app, InboxEvent) == 0


async def test_an_oversize_body_is_413_and_nothing_is_stored(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, clock: TestClock
) -> None:
    async with launch_app(database, fake_slack, fake_line, clock=clock, form_max_body_bytes=64 * 1024) as app:
        browser = FormVisitor(app.base_url)
        response = await browser.send(
            "sakura", {"what_happened": STORY}, files=[("a.pdf", PDF + b" " * 100_000, "application/pdf")]
        )
        await browser.aclose()
        assert response.status_code == 413
        assert await _count(app, InboxEvent) == 0


async def test_markup_in_every_field_is_escaped_in_the_page_and_in_slack(
    app: RunningApp, visitor: FormVisitor
) -> None:
    script = "<script>alert(1)</script>&<@U123> *bold*"
    receipt = await visitor.send(
        "sakura", {"what_happened": script, "wanted": script, "staff": script, "shop_other": script}
    )
    assert receipt.status_code == 200 and "<script>" not in receipt.text
    await app.idle()
    (post,) = [m for m in app.fake_slack.messages(TRIAGE) if not m.is_reply]
    shown = json.dumps(post.blocks, ensure_ascii=False) + post.text
    assert "<script>" not in shown and "<@U123>" not in shown
    assert "&lt;script&gt;" in shown


async def test_broken_unicode_and_a_malformed_body_lose_nothing_accepted(
    app: RunningApp, visitor: FormVisitor
) -> None:
    page = await visitor.open("sakura")
    hidden = hidden_fields(page.text)
    boundary = "XyZ"
    parts = [(name, value.encode()) for name, value in hidden.items()] + [
        ("anonymity", b"anonymous"),
        ("what_happened", "壊れた文字: ".encode() + b"\xff\xfe\xed\xa0\x80 end"),
    ]
    body = (
        b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + value
            + b"\r\n"
            for name, value in parts
        )
        + f"--{boundary}--\r\n".encode()
    )
    response = await visitor.client.post(
        "/form/sakura", content=body, headers={"content-type": f"multipart/form-data; boundary={boundary}"}
    )
    assert response.status_code == 303, response.text
    await app.idle()
    case = await _only_case(app)
    assert "壊れた文字" in decrypt_report_items(app.services.cipher, case.intake_enc).what_happened  # type: ignore[operator]
    garbage = await visitor.client.post(
        "/form/sakura",
        content=b"--nope\r\n\xff",
        headers={"content-type": "multipart/form-data; boundary=nope"},
    )
    assert garbage.status_code in (400, 403) and await _count(app, InboxEvent) == 1


async def test_a_receipt_for_a_submission_never_stored_is_404(app: RunningApp, visitor: FormVisitor) -> None:
    response = await visitor.client.get("/form/sakura/received/" + "A" * 32)
    assert response.status_code == 404
    assert re.search(r"<h1[^>]*>ページが見つかりません", response.text)


def test_the_tenant_limit_holds_across_addresses_and_a_refusal_counts_nothing(clock: TestClock) -> None:
    limit = SubmissionLimit(per_address="2/minute", per_tenant="3/minute", clock=clock)
    assert limit.retry_after(tenant="a", address="1.1.1.1") is None
    assert limit.retry_after(tenant="a", address="1.1.1.1") is None
    wait = limit.retry_after(tenant="a", address="1.1.1.1")
    assert wait is not None and 1 <= wait <= 60  # this address is at its limit
    assert limit.retry_after(tenant="a", address="2.2.2.2") is None  # the third for the tenant
    assert limit.retry_after(tenant="a", address="3.3.3.3") is not None  # the tenant is at its limit
    assert limit.retry_after(tenant="b", address="1.1.1.1") is None  # another tenant is not
    clock.advance(timedelta(seconds=61))  # the window moves on
    assert limit.retry_after(tenant="a", address="1.1.1.1") is None
