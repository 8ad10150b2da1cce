"""Case reports to the client's channel through the real app and dispatcher, against FakeSlack."""

from __future__ import annotations

import asyncio
import io
from datetime import date, timedelta

import pypdf
import pypdfium2
import pytest
from sqlalchemy import select

from app.wiring import build_services, close_services
from bot.cases.items import ReportItems
from bot.cases.texts import VerdictTexts
from bot.config import Settings
from bot.outbox.effects import DESK_UPLOAD
from bot.reports.case_data import build_case_report
from bot.reports.case_pdf import render_case_report_pdf
from bot.reports.case_send import ReportError, send_case_report
from bot.sla_calendar import report_due
from bot.tenants.sync import sync_tenant_yaml
from handlers.slack.report_blocks import FEEDBACK_APPROVE, FEEDBACK_DECLINE
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from storage.db import Database
from storage.models import AuditEntry, Case, ClientReport, OutboxEffect, Tenant, Verdict
from tests.case_rows import add_case, add_verdict, reload_case
from tests.clock import TEST_NOW
from tests.conftest import TENANTS_YAML, TRIAGE, RunningApp, launch_app, make_settings

THREE_DAYS = Settings(_env_file=None, sla_business_days=3)

REPORTS = "C0REPORTS1"
# Three days before the test clock's start (a Friday, 10:30 in Tokyo) and due three business days later.
RECEIVED = TEST_NOW - timedelta(days=3) + timedelta(minutes=30)
DUE = report_due(None, THREE_DAYS, RECEIVED)
ITEMS = ReportItems(
    anonymous=False,
    name="山田花子",
    phone="090-1234-5678",
    email="hanako@example.jp",
    place="駅前店",
    staff="受付の佐藤さん",
    occurred_text="昨日の夜7時ごろ",
    what_happened="会計で30分待たされ、説明もなかった。",
    wanted="土下座と10万円の支払い",
    feedback_wanted=True,
    consent_to_disclose=False,
)


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def render_pages(data: bytes) -> list[bytes]:
    """Every page as PNG bytes (fails if PDFium cannot render the document)."""
    document = pypdfium2.PdfDocument(data)
    pngs = []
    for index in range(len(document)):
        image = document[index].render(scale=1.0).to_pil()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        pngs.append(buffer.getvalue())
    return pngs


async def _send(app: RunningApp, case_id: int, actor: str = "U_REVIEWER") -> None:
    services = app.services
    async with services.db.transaction() as session:
        case = await session.get(Case, case_id)
        assert case is not None
        await send_case_report(
            session,
            cipher=services.cipher,
            settings=services.settings,
            now=services.clock.now(),
            case=case,
            actor=actor,
        )
    services.outbox_wake.set()
    await app.idle()


async def test_report_reaches_the_channel_with_pdf_and_without_undisclosed_identity(
    running_app: RunningApp,
) -> None:
    services = running_app.services
    case = await add_case(
        services.db,
        services.cipher,
        slug="sakura",
        received_at=RECEIVED,
        sla_due=DUE,
        items=ITEMS,
    )
    await add_verdict(services.db, services.cipher, case.id)
    await _send(running_app, case.id)

    (post,) = running_app.fake_slack.messages(REPORTS)[:1]
    rendered = str(post["blocks"])
    for needle in (
        case.number,
        "駅前店",
        "受付の佐藤さん",
        "昨日の夜7時ごろ",
        "30分待たされ",
        "土下座",
        "カスタマーハラスメント",
        "暴言型",
        "過剰要求",
        "社会通念上相当",
        "複数名で対応",
    ):
        assert needle in rendered
    for secret in ("山田", "090-1234", "hanako@"):
        assert secret not in rendered
    # sakura does not allow feedback in the tenants file: no decision buttons
    assert FEEDBACK_APPROVE not in rendered

    (share,) = running_app.fake_slack.files
    assert share["channel"] == REPORTS and share["filename"] == f"{case.number}_v1.pdf"
    assert share["data"].startswith(b"%PDF")
    text = pdf_text(share["data"])
    for needle in (
        "案件報告書",
        case.number,
        "さくら総合クリニック 御中",
        "駅前店",
        "カスタマーハラスメント",
        "本人の同意がないため開示しません",
        "複数名で対応",
    ):
        assert needle in text
    assert "山田" not in text and "090-1234" not in text
    assert b"/FontFile2" in share["data"]  # the Japanese font is embedded
    assert all(png.startswith(b"\x89PNG") for png in render_pages(share["data"]))

    reloaded = await reload_case(services.db, case.id)
    assert reloaded.status == "reported" and reloaded.reported_at is not None
    assert reloaded.flags["sla"] == "met"
    async with services.db.reader() as session:
        (row,) = (await session.scalars(select(ClientReport))).all()
        assert (row.version, row.verdict_version, row.channels, row.sent_by) == (
            1,
            1,
            [REPORTS],
            "U_REVIEWER",
        )
        actions = [
            a.action for a in await session.scalars(select(AuditEntry).where(AuditEntry.case_id == case.id))
        ]
    assert "case.report_sent" in actions


async def test_corrected_report_is_a_new_version_marked_as_such(running_app: RunningApp) -> None:
    services = running_app.services
    items = ITEMS.model_copy(update={"consent_to_disclose": True})
    case = await add_case(
        services.db,
        services.cipher,
        slug="sakura",
        received_at=RECEIVED,
        sla_due=DUE,
        items=items,
    )
    await add_verdict(services.db, services.cipher, case.id)
    await _send(running_app, case.id)
    first_reported = (await reload_case(services.db, case.id)).reported_at
    await add_verdict(
        services.db, services.cipher, case.id, version=2, label="legitimate", behaviour_types=[]
    )
    await _send(running_app, case.id, actor="U_LEAD")

    posts = running_app.fake_slack.messages(REPORTS)
    reports = [p for p in posts if not p.get("files")]
    assert len(reports) == 2
    assert "訂正版 第2版" in str(reports[1]["blocks"]) and "訂正版" not in str(reports[0]["blocks"])
    assert "正当なクレーム" in str(reports[1]["blocks"])
    # consent given: identity and contact are shown
    assert "山田花子" in str(reports[0]["blocks"]) and "hanako@example.jp" in str(reports[0]["blocks"])
    files = running_app.fake_slack.files
    assert [f["filename"] for f in files] == [f"{case.number}_v1.pdf", f"{case.number}_v2.pdf"]
    assert "訂正版" in pdf_text(files[1]["data"]) and "山田花子" in pdf_text(files[1]["data"])
    reloaded = await reload_case(services.db, case.id)
    assert reloaded.reported_at == first_reported  # the promise is judged on the first report
    async with services.db.reader() as session:
        versions = [r.version for r in await session.scalars(select(ClientReport).order_by(ClientReport.id))]
    assert versions == [1, 2]


async def test_feedback_buttons_when_wished_and_allowed(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    async with launch_app(database, fake_slack, fake_line) as app:
        services = app.services
        await sync_tenant_yaml(
            database,
            services.cipher,
            text=TENANTS_YAML.replace(
                "    contract: {start: 2026-04-01, end: 2027-03-31}",
                "    contract: {start: 2026-04-01, end: 2027-03-31}\n    feedback_allowed: true",
            ),
            now=services.clock.now(),
            actor="test",
        )
        case = await add_case(
            database,
            services.cipher,
            slug="sakura",
            received_at=RECEIVED,
            sla_due=DUE,
            items=ITEMS,
        )
        await add_verdict(database, services.cipher, case.id)
        await _send(app, case.id)
        (post,) = [p for p in fake_slack.messages(REPORTS) if not p.get("files")]
        (actions,) = [b for b in post["blocks"] if b["type"] == "actions"]
        ids = {e["action_id"]: e["value"] for e in actions["elements"]}
        assert ids == {FEEDBACK_APPROVE: case.number, FEEDBACK_DECLINE: case.number}


async def test_late_first_report_is_recorded_as_missed(running_app: RunningApp) -> None:
    services = running_app.services
    case = await add_case(
        services.db,
        services.cipher,
        slug="sakura",
        received_at=RECEIVED,
        sla_due=date(2026, 11, 1),
        items=ITEMS,
    )
    await _send(running_app, case.id)
    assert (await reload_case(services.db, case.id)).flags["sla"] == "missed"
    (post,) = [p for p in running_app.fake_slack.messages(REPORTS) if not p.get("files")]
    assert "未判断" in str(post["blocks"])  # no verdict yet: said so, not invented


async def test_tenant_without_report_channel_alerts_admins_and_changes_nothing(
    running_app: RunningApp,
) -> None:
    services = running_app.services
    case = await add_case(
        services.db,
        services.cipher,
        slug="maple",
        received_at=RECEIVED,
        sla_due=DUE,
        items=ITEMS,
    )
    async with services.db.transaction() as session:
        loaded = await session.get(Case, case.id)
        assert loaded is not None
        with pytest.raises(ReportError, match="no report channel"):
            await send_case_report(
                session,
                cipher=services.cipher,
                settings=services.settings,
                now=services.clock.now(),
                case=loaded,
                actor="U_REVIEWER",
            )
    services.outbox_wake.set()
    await running_app.idle()
    (alert,) = running_app.fake_slack.messages(TRIAGE)
    assert "Maple Hotel" in alert["text"] and "報告チャンネル" in alert["text"]
    reloaded = await reload_case(services.db, case.id)
    assert reloaded.status == "new" and reloaded.reported_at is None


def test_english_tenant_gets_an_english_pdf() -> None:
    case = Case(number="KH-2026-000007", channel="line", received_at=RECEIVED, sla_due=DUE)
    tenant = Tenant(name="Maple Hotel", language="en")
    verdict = Verdict(version=1, label="legitimate", behaviour_types=[], decided_at=RECEIVED)
    texts = VerdictTexts(opinion="A fair complaint.", advice="Apologise.", recommendation="")
    report = build_case_report(case=case, tenant=tenant, items=ITEMS, verdict=verdict, texts=texts, version=1)
    data = render_case_report_pdf(report)
    text = pdf_text(data)
    for needle in (
        "Case report KH-2026-000007",
        "To Maple Hotel",
        "Legitimate complaint",
        "駅前店",
        "Not disclosed (no consent from the complainant)",
    ):
        assert needle in text
    assert len(render_pages(data)) >= 1


async def test_refused_upload_is_retried_then_text_only_with_alert(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    settings = make_settings("sqlite+aiosqlite:///unused.db", fake_slack, fake_line, outbox_max_attempts=3)
    services = build_services(settings, db=database)
    try:
        await sync_tenant_yaml(
            database, services.cipher, text=TENANTS_YAML, now=services.clock.now(), actor="t"
        )
        case = await add_case(
            database,
            services.cipher,
            slug="sakura",
            received_at=RECEIVED,
            sla_due=DUE,
            items=ITEMS,
        )
        async with database.transaction() as session:
            loaded = await session.get(Case, case.id)
            assert loaded is not None
            await send_case_report(
                session,
                cipher=services.cipher,
                settings=settings,
                now=services.clock.now(),
                case=loaded,
                actor="U_REVIEWER",
            )
        assert await services.dispatcher.dispatch_once() == 1  # the report message; the PDF waits its turn
        fake_slack.faults.fail(500, times=3)  # Slack refuses the upload three times
        for _ in range(200):
            await services.dispatcher.dispatch_once()
            async with database.reader() as session:
                pending = await session.scalar(
                    select(OutboxEffect).where(OutboxEffect.status.in_(("pending", "sending")))
                )
            if pending is None:
                break
            await asyncio.sleep(0.05)
        async with database.reader() as session:
            upload = await session.scalar(select(OutboxEffect).where(OutboxEffect.kind == DESK_UPLOAD))
        assert upload is not None and upload.status == "dead" and upload.attempts == 3
        assert fake_slack.files == []
        (report,) = fake_slack.messages(REPORTS)
        (note,) = fake_slack.thread(REPORTS, report["ts"])[1:]
        assert "PDFを添付できませんでした" in note["text"]
        (alert,) = fake_slack.messages(TRIAGE)
        assert case.number in alert["text"] and "fatal_error" in alert["text"]
    finally:
        await close_services(services)


async def test_without_collected_items_the_first_message_stands_for_the_complaint(
    running_app: RunningApp,
) -> None:
    services = running_app.services
    case = await add_case(services.db, services.cipher, slug="sakura", received_at=RECEIVED, sla_due=DUE)
    await _send(running_app, case.id)
    (post,) = [p for p in running_app.fake_slack.messages(REPORTS) if not p.get("files")]
    assert "店員の態度が悪かった" in str(post["blocks"])
    assert "店員の態度が悪かった" in pdf_text(running_app.fake_slack.files[0]["data"])


async def test_upload_whose_answer_was_lost_is_not_shared_twice(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    settings = make_settings(
        "sqlite+aiosqlite:///unused.db",
        fake_slack,
        fake_line,
        http_timeout_seconds=1.0,
        outbox_backoff_base_seconds=4.0,
        outbox_backoff_max_seconds=5.0,
    )
    services = build_services(settings, db=database)
    try:
        await sync_tenant_yaml(
            database, services.cipher, text=TENANTS_YAML, now=services.clock.now(), actor="t"
        )
        case = await add_case(
            database,
            services.cipher,
            slug="sakura",
            received_at=RECEIVED,
            sla_due=DUE,
            items=ITEMS,
        )
        async with database.transaction() as session:
            loaded = await session.get(Case, case.id)
            assert loaded is not None
            await send_case_report(
                session,
                cipher=services.cipher,
                settings=settings,
                now=services.clock.now(),
                case=loaded,
                actor="U_REVIEWER",
            )
        assert await services.dispatcher.dispatch_once() == 1  # the report message
        fake_slack.faults.hang(0, times=2)  # getUploadURLExternal and the upload itself go through
        fake_slack.faults.hang(2.5, lost_response=True)  # completeUploadExternal is done, its answer lost
        for _ in range(300):
            await services.dispatcher.dispatch_once()
            async with database.reader() as session:
                upload = await session.scalar(select(OutboxEffect).where(OutboxEffect.kind == DESK_UPLOAD))
            assert upload is not None
            if upload.status == "done":
                break
            await asyncio.sleep(0.05)
        assert upload is not None and upload.status == "done" and upload.attempts == 2
        assert upload.result is not None and upload.result["recovered"] is True
        assert len(fake_slack.files) == 1
    finally:
        await close_services(services)


def test_a_web_case_with_markup_in_every_item_is_printed_as_the_words_typed() -> None:
    markup = "<script>alert(1)</script>&amp; <b>太字</b>"
    case = Case(number="KH-2026-000008", channel="web", received_at=RECEIVED, sla_due=DUE)
    tenant = Tenant(name="さくら総合クリニック", language="ja")
    items = ITEMS.model_copy(
        update={"place": markup, "staff": markup, "what_happened": markup, "wanted": markup}
    )
    report = build_case_report(case=case, tenant=tenant, items=items, verdict=None, texts=None, version=1)
    text = pdf_text(render_case_report_pdf(report)).replace("\n", "")
    assert "Webフォーム" in text  # the channel
    assert text.count("<script>alert(1)</script>") >= 3 and "&amp; <b>太字</b>" in text
