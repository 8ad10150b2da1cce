"""Sending a case report: message + PDF per report channel, versioned, audited, in one transaction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.calendar import TOKYO
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.outbox.desk import enqueue_admin_alert, enqueue_desk_post, enqueue_desk_upload
from bot.outbox.effects import ALERTS_CHANNEL, CASE_REPORT, REPORT_CHANNEL, REPORT_THREAD, place
from bot.reports.case_data import CaseReportData, gather_case_report
from bot.reports.case_pdf import render_case_report_pdf
from bot.reports.texts import alert_text, report_text
from storage.models import Case, ClientReport, Tenant
from storage.repos import audit
from storage.repos import tenants as tenant_repo


class ReportError(Exception):
    """A report that cannot be sent; the message says why."""


@dataclass(frozen=True)
class SentReport:
    """What `send_case_report` queued."""

    case_number: str
    version: int
    channels: list[str]
    pdf_bytes: int


async def case_by_number(session: AsyncSession, number: str) -> Case | None:
    """A case by its readable number (KH-2026-000123)."""
    return await session.scalar(select(Case).where(Case.number == number))


def sla_outcome(case: Case, reported_at: datetime) -> str:
    """ "met" when the first report goes out by the end of the due day (Asia/Tokyo), else "missed"."""
    return "met" if reported_at.astimezone(TOKYO).date() <= case.sla_due else "missed"


def report_view(report: CaseReportData, *, feedback_buttons: bool) -> dict[str, Any]:
    """The data of the case report's view (CASE_REPORT): what the client reads, and whether to ask them
    to approve feedback to the complainant."""
    return {
        "language": report.language,
        "number": report.number,
        "title": report.title,
        "corrected_note": report.corrected_note,
        "intro": report.intro,
        "sections": [
            {"title": s.title, "rows": [list(row) for row in s.rows], "paragraphs": list(s.paragraphs)}
            for s in report.sections
        ],
        "footer": report.footer,
        "feedback_buttons": feedback_buttons,
    }


def report_ordering_key(case_id: int, channel: str) -> str:
    """A report's message and its PDF go out in order."""
    return f"slack:report:{case_id}:{channel}"


async def send_case_report(
    session: AsyncSession,
    *,
    cipher: PiiCipher,
    settings: Settings,
    now: datetime,
    case: Case,
    actor: str,
) -> SentReport:
    """Queue the next version of the case's report to every report channel of its tenant."""
    tenant = await tenant_repo.by_id(session, tenant_id=case.tenant_id)
    if tenant is None:
        raise ReportError(f"case {case.number} has no tenant")
    channels = list(tenant.report_channels or [])
    if not channels:
        await enqueue_admin_alert(
            session,
            cipher,
            settings,
            key=f"alert:no-report-channel:case:{case.id}:{now.isoformat()}",
            now=now,
            text=alert_text(
                "no_report_channel", tenant=tenant.name, what=alert_text("case.what", number=case.number)
            ),
            tenant_id=tenant.id,
            case_id=case.id,
        )
        raise ReportError(f"tenant {tenant.slug} has no report channel; the desk's admins were alerted")
    report = await gather_case_report(session, cipher, case=case, tenant=tenant)
    pdf = render_case_report_pdf(report)
    view = report_view(report, feedback_buttons=report.feedback_wanted and tenant.feedback_allowed)
    summary = report_text(report.language, "fallback", number=case.number, tenant=tenant.name)
    for channel in channels:
        await _enqueue_one(
            session, cipher, settings, now, case, tenant, report.version, channel, view, summary, pdf
        )
    session.add(
        ClientReport(
            case_id=case.id,
            version=report.version,
            verdict_version=report.verdict_version,
            language=report.language,
            channels=channels,
            pdf_sha256=hashlib.sha256(pdf).hexdigest(),
            sent_by=actor,
            sent_at=now,
        )
    )
    before = {
        "status": case.status,
        "reported_at": case.reported_at.isoformat() if case.reported_at else None,
    }
    if case.reported_at is None:
        case.reported_at = now
        case.flags = {**(case.flags or {}), "sla": sla_outcome(case, now)}
    case.status = "reported"
    case.updated_at = now
    audit.record(
        session,
        at=now,
        actor=actor,
        action="case.report_sent",
        tenant_id=tenant.id,
        case_id=case.id,
        before=before,
        after={
            "status": case.status,
            "version": report.version,
            "channels": channels,
            "verdict_version": report.verdict_version,
            "sla": (case.flags or {}).get("sla"),
        },
    )
    if report.disclosed:
        # The complainant's identity read out for the client, with their consent: a read of personal data.
        audit.record(
            session,
            at=now,
            actor=actor,
            action="read.case_report",
            tenant_id=tenant.id,
            case_id=case.id,
            after={"items": list(report.disclosed), "version": report.version},
        )
    await session.flush()
    return SentReport(case.number, report.version, channels, len(pdf))


async def _enqueue_one(
    session: AsyncSession,
    cipher: PiiCipher,
    settings: Settings,
    now: datetime,
    case: Case,
    tenant: Tenant,
    version: int,
    channel: str,
    view: dict[str, Any],
    summary: str,
    pdf: bytes,
) -> None:
    post_key = f"report:{case.id}:v{version}:{channel}"
    ordering = report_ordering_key(case.id, channel)
    await enqueue_desk_post(
        session,
        cipher,
        key=post_key,
        now=now,
        to=place(REPORT_CHANNEL, channel),
        view=CASE_REPORT,
        data=view,
        text=summary,
        ordering_key=ordering,
        tenant_id=tenant.id,
        case_id=case.id,
    )
    language = tenant.language
    await enqueue_desk_upload(
        session,
        cipher,
        key=f"{post_key}:pdf",
        now=now,
        to=place(REPORT_CHANNEL, channel),
        name=f"{case.number}_v{version}.pdf",
        title=report_text(language, "title", number=case.number) + (f" v{version}" if version > 1 else ""),
        content=pdf,
        comment=report_text(language, "pdf.attached"),
        ordering_key=ordering,
        on_dead=[
            # The client still has the whole report as text (the message above); the PDF follows by hand.
            {
                "to": place(REPORT_THREAD, channel),
                "text": report_text(language, "pdf.failed"),
                "ordering_key": ordering,
                "parent_key": post_key,
                "alert": False,
            },
            {
                "to": place(ALERTS_CHANNEL),
                "text": f"{settings.slack_alert_mention} "
                + alert_text("upload_failed", number=case.number, channel=channel, error="{error}"),
            },
        ],
        tenant_id=tenant.id,
        case_id=case.id,
    )
