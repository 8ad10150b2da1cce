"""Queries of the reviewer's side: cases by number and filter, verdicts, audit trails, monthly counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AuditEntry, Case, ClientReport, Tenant, Verdict
from storage.repos import audit

Versioned = TypeVar("Versioned", Verdict, ClientReport)
CHUNK = 500


async def case_by_number(session: AsyncSession, *, number: str) -> Case | None:
    """A case by its readable number (KH-2026-000123)."""
    return await session.scalar(select(Case).where(Case.number == number))


async def case_by_number_for_update(session: AsyncSession, *, number: str) -> Case | None:
    """A case by number, locked for the rest of the transaction on PostgreSQL."""
    return await session.scalar(select(Case).where(Case.number == number).with_for_update())


@dataclass(frozen=True)
class CaseFilter:
    """What `find` looks for; every field optional, all given ones must match."""

    tenant_ids: tuple[int, ...] | None = None
    number: str | None = None
    status: str | None = None
    label: str | None = None
    received_from: datetime | None = None
    received_before: datetime | None = None
    complainant_id: int | None = None


async def find_cases(session: AsyncSession, *, where: CaseFilter, limit: int = 20) -> list[Case]:
    """Cases matching the filter, newest first."""
    query = select(Case)
    if where.tenant_ids is not None:
        query = query.where(Case.tenant_id.in_(where.tenant_ids))
    if where.number:
        query = query.where(Case.number == where.number)
    if where.status:
        query = query.where(Case.status == where.status)
    if where.label:
        query = query.where(Case.suggested_label == where.label)
    if where.received_from:
        query = query.where(Case.received_at >= where.received_from)
    if where.received_before:
        query = query.where(Case.received_at < where.received_before)
    if where.complainant_id is not None:
        query = query.where(Case.complainant_id == where.complainant_id)
    return list(await session.scalars(query.order_by(Case.id.desc()).limit(limit)))


async def latest_verdict(session: AsyncSession, *, case_id: int) -> Verdict | None:
    """The newest verdict version of a case."""
    return await session.scalar(
        select(Verdict).where(Verdict.case_id == case_id).order_by(Verdict.version.desc()).limit(1)
    )


async def verdicts_of_case(session: AsyncSession, *, case_id: int) -> list[Verdict]:
    """Every verdict version of a case, oldest first."""
    return list(
        await session.scalars(select(Verdict).where(Verdict.case_id == case_id).order_by(Verdict.version))
    )


async def audit_trail(session: AsyncSession, *, case_id: int) -> list[audit.Entry]:
    """A case's audit entries, oldest first, opened."""
    rows = await session.scalars(
        select(AuditEntry).where(AuditEntry.case_id == case_id).order_by(AuditEntry.id)
    )
    return [audit.opened(session, row) for row in rows]


async def tenant_by_slug(session: AsyncSession, *, slug: str) -> Tenant | None:
    """A tenant by slug."""
    return await session.scalar(select(Tenant).where(Tenant.slug == slug))


async def tenants_reporting_to(session: AsyncSession, *, channel: str) -> list[Tenant]:
    """Tenants whose report channels include this Slack channel."""
    rows = await session.scalars(select(Tenant).where(Tenant.active.is_(True)))
    return [t for t in rows if channel in (t.report_channels or [])]


@dataclass(frozen=True)
class Counts:
    """Cases of a period by status and by label (the verdict's label where decided)."""

    total: int
    by_status: dict[str, int]
    by_label: dict[str, int]


async def monthly_counts(
    session: AsyncSession, *, tenant_ids: tuple[int, ...] | None, start: datetime, end: datetime
) -> Counts:
    """Counts of cases received in [start, end)."""
    query = select(Case.id, Case.status, Case.suggested_label).where(
        Case.received_at >= start, Case.received_at < end
    )
    if tenant_ids is not None:
        query = query.where(Case.tenant_id.in_(tenant_ids))
    rows = list((await session.execute(query)).all())
    verdicts = await latest_verdicts(session, case_ids=[r.id for r in rows])
    decided_labels = {case_id: verdict.label for case_id, verdict in verdicts.items()}
    by_status: dict[str, int] = {}
    by_label: dict[str, int] = {}
    for row in rows:
        by_status[row.status] = by_status.get(row.status, 0) + 1
        label = decided_labels.get(row.id) or row.suggested_label or "pending"
        by_label[label] = by_label.get(label, 0) + 1
    return Counts(total=len(rows), by_status=by_status, by_label=by_label)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First day of the month and first day of the next."""
    start = date(year, month, 1)
    end = date(year + (month == 12), month % 12 + 1, 1)
    return start, end


async def latest_client_report(session: AsyncSession, *, case_id: int) -> ClientReport | None:
    """The newest version of the case's client report (None before the first is sent)."""
    query = (
        select(ClientReport)
        .where(ClientReport.case_id == case_id)
        .order_by(ClientReport.version.desc())
        .limit(1)
    )
    return (await session.scalars(query)).first()


async def latest_verdicts(session: AsyncSession, *, case_ids: list[int]) -> dict[int, Verdict]:
    """The newest verdict of each of these cases (a case without one is left out)."""
    return await _newest_versions(session, Verdict, case_ids)


async def latest_client_reports(session: AsyncSession, *, case_ids: list[int]) -> dict[int, ClientReport]:
    """The newest client report of each of these cases (a case without one is left out)."""
    return await _newest_versions(session, ClientReport, case_ids)


async def _newest_versions(
    session: AsyncSession, model: type[Versioned], case_ids: list[int]
) -> dict[int, Versioned]:
    newest: dict[int, Versioned] = {}
    for start in range(0, len(case_ids), CHUNK):
        rows = await session.scalars(
            select(model)
            .where(model.case_id.in_(case_ids[start : start + CHUNK]))
            .order_by(model.case_id, model.version)
        )
        newest.update((row.case_id, row) for row in rows)
    return newest
