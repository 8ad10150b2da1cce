"""The content of a case report, gathered once and rendered as Block Kit and as a PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.calendar import TOKYO
from bot.cases.items import ReportItems, decrypt_report_items
from bot.cases.texts import VerdictTexts, verdict_texts
from bot.crypto import PiiCipher
from bot.jst import format_day, format_jst
from bot.reports.texts import report_text
from storage.models import Case, ClientReport, Tenant, Verdict
from storage.repos import cases


@dataclass(frozen=True)
class ReportSection:
    """A titled part of the report: label/value rows, then free paragraphs."""

    title: str
    rows: list[tuple[str, str]]
    paragraphs: list[str]


@dataclass(frozen=True)
class CaseReportData:
    """Everything one version of a case report shows; personal data only as the complainant consented."""

    language: str
    tenant_name: str
    number: str
    version: int
    title: str
    corrected_note: str | None
    intro: str
    sections: list[ReportSection]
    footer: str
    feedback_wanted: bool
    verdict_version: int | None
    disclosed: tuple[str, ...] = ()  # the complainant's name, phone, e-mail the report shows (consented)


async def latest_verdict(session: AsyncSession, case_id: int) -> Verdict | None:
    """The newest verdict version of a case."""
    return await session.scalar(
        select(Verdict).where(Verdict.case_id == case_id).order_by(Verdict.version.desc()).limit(1)
    )


async def next_report_version(session: AsyncSession, case_id: int) -> int:
    """1 for the first report of a case, n+1 for a correction."""
    current = await session.scalar(
        select(func.max(ClientReport.version)).where(ClientReport.case_id == case_id)
    )
    return int(current or 0) + 1


def _when(items: ReportItems, language: str) -> str | None:
    parts = []
    if items.occurred_at is not None:
        parts.append(format_jst(items.occurred_at))
    if items.occurred_text:
        parts.append(f"「{items.occurred_text}」" if language == "ja" else f'"{items.occurred_text}"')
    return " ".join(parts) or None


def build_case_report(
    *,
    case: Case,
    tenant: Tenant,
    items: ReportItems,
    verdict: Verdict | None,
    texts: VerdictTexts | None,
    version: int,
) -> CaseReportData:
    """The report of `case` as version `version` (`texts`: the verdict's); `items` are filtered to what may
    be disclosed here."""
    lang = tenant.language if tenant.language in ("ja", "en") else "ja"

    def t(key: str, **values: object) -> str:
        return report_text(lang, key, **values)

    shown = items.disclosable()
    missing = t("not_given")
    if items.anonymous:
        identity = t("anonymous")
    elif items.consent_to_disclose:
        identity = shown.name or missing
    else:
        identity = t("not_disclosed") if items.name else missing
    if items.consent_to_disclose:
        contact = " / ".join(v for v in (shown.phone, shown.email) if v) or missing
    else:
        contact = t("not_disclosed") if (items.phone or items.email) else missing
    feedback = {True: t("feedback.yes"), False: t("feedback.no"), None: t("feedback.unknown")}[
        items.feedback_wanted
    ]
    sections = [
        ReportSection(
            t("section.case"),
            [
                (t("field.number"), case.number),
                (t("field.received"), format_jst(case.received_at)),
                (t("field.channel"), _channel(lang, case.channel)),
                (t("field.due"), format_day(case.sla_due)),
            ],
            [],
        ),
        ReportSection(
            t("section.complainant"), [(t("field.identity"), identity), (t("field.contact"), contact)], []
        ),
        ReportSection(
            t("section.complaint"),
            [
                (t("field.place"), shown.place or missing),
                (t("field.staff"), shown.staff or missing),
                (t("field.when"), _when(shown, lang) or missing),
                (t("field.what"), shown.what_happened or missing),
                (t("field.wanted"), shown.wanted or missing),
                (t("field.feedback"), feedback),
            ],
            [],
        ),
    ]
    if verdict is None or texts is None:
        sections.append(ReportSection(t("section.verdict"), [(t("field.label"), t("no_verdict"))], []))
    else:
        types = ("、" if lang == "ja" else ", ").join(t(f"type.{b}") for b in verdict.behaviour_types or [])
        sections.append(
            ReportSection(
                t("section.verdict"),
                [
                    (t("field.label"), t(f"label.{verdict.label}")),
                    (t("field.types"), types or "—"),
                    (t("field.decided"), format_day(_local_day(verdict.decided_at))),
                ],
                [],
            )
        )
        sections.append(ReportSection(t("section.opinion"), [], [texts.opinion]))
        if texts.advice:
            sections.append(ReportSection(t("section.advice"), [], [texts.advice]))
    corrected = version > 1
    return CaseReportData(
        language=lang,
        tenant_name=tenant.name,
        number=case.number,
        version=version,
        title=t("title.corrected", number=case.number, version=version)
        if corrected
        else t("title", number=case.number),
        corrected_note=t("corrected.note", previous=version - 1) if corrected else None,
        intro=t("intro", tenant=tenant.name),
        sections=sections,
        footer=t("footer"),
        feedback_wanted=bool(items.feedback_wanted),
        verdict_version=verdict.version if verdict else None,
        disclosed=tuple(items.disclosed_identity()),
    )


async def gather_case_report(
    session: AsyncSession, cipher: PiiCipher, *, case: Case, tenant: Tenant, version: int | None = None
) -> CaseReportData:
    """Read the case's items and latest verdict and build its report (the next version by default)."""
    items = decrypt_report_items(cipher, case.intake_enc)
    if items.what_happened is None:
        # The dialogue has not summarised the complaint: the complainant's own first message stands for it.
        messages = await cases.messages_of_case(session, case_id=case.id)
        first = next((m for m in messages if m.direction == "in" and m.kind == "text" and m.body_enc), None)
        if first is not None and first.body_enc is not None:
            items = items.model_copy(update={"what_happened": cipher.decrypt(first.body_enc)})
    verdict = await latest_verdict(session, case.id)
    texts = verdict_texts(cipher, verdict) if verdict is not None else None
    if version is None:
        version = await next_report_version(session, case.id)
    return build_case_report(
        case=case, tenant=tenant, items=items, verdict=verdict, texts=texts, version=version
    )


def _channel(language: str, channel: str) -> str:
    try:
        return report_text(language, f"channel.{channel}")
    except KeyError:
        return channel


def _local_day(at: datetime) -> date:
    return at.astimezone(TOKYO).date()
