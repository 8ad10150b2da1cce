"""Read-only views for reviewers and client managers: show a case, find cases, monthly counts, audit trail."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from bot.calendar import TOKYO
from bot.cases.items import decrypt_report_items
from bot.cases.lifecycle import status_text
from bot.cases.numbers import parse_case_number
from bot.cases.texts import verdict_texts
from bot.cases.triage import intake_status, reviewer_items
from bot.clock import Clock
from bot.crypto import PiiCipher
from bot.jst import format_day, format_jst
from bot.privacy.read_audit import audit_read
from bot.reports.monthly import FIRST_YEAR, LAST_YEAR, parse_month
from bot.review.forms import LABELS, Actor, ReviewError
from bot.review.texts import review_text
from bot.tenants.file import is_slug
from bot.texts import DESK
from storage.db import Database
from storage.models import Tenant
from storage.repos import audit, reviews

STATUSES = ("new", "in_review", "decided", "reported", "withdrawn", "closed")
FIND_LIMIT = 20
AUDIT_SHOWN = 30


def _label(label: str | None) -> str:
    return DESK.get(f"label.{label}", "—") if label else "—"


def _types(types: list[str]) -> str:
    return "、".join(DESK.get(f"type.{t}", t) for t in types) or "—"


def audit_lines(entries: list[audit.Entry]) -> list[str]:
    """One readable line per audit entry."""
    return [
        review_text(
            "show.audit_line",
            at=format_jst(e.at),
            actor=e.actor,
            action=e.action,
            change=describe_change(e.before, e.after),
        )
        for e in entries
    ]


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=TOKYO)


def _day(value: str) -> date:
    """A YYYY-MM-DD of the years the desk can have cases in; ValueError otherwise."""
    day = date.fromisoformat(value)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(value)
    return day


class ReviewQueries:
    """Show, find, stats and audit, scoped to what the actor may see."""

    def __init__(self, *, db: Database, clock: Clock, cipher: PiiCipher) -> None:
        self._db = db
        self._clock = clock
        self._cipher = cipher

    async def show(self, *, number: str, actor: Actor) -> str:
        """The case's facts, intake items, suggestion and newest verdict; the audit trail for admins.
        Showing the complainant's name or contact (given with consent) is audited before the answer."""
        async with self._db.reader() as session:
            case = await reviews.case_by_number(session, number=number)
            if case is None:
                raise ReviewError(review_text("error.unknown_case", number=number))
            if actor.tenant_ids is not None and case.tenant_id not in actor.tenant_ids:
                raise ReviewError(
                    review_text("error.other_tenant", number=number, tenants=actor.tenant_names)
                )
            tenant = await session.get(Tenant, case.tenant_id)
            verdict = await reviews.latest_verdict(session, case_id=case.id)
            trail = await reviews.audit_trail(session, case_id=case.id) if actor.is_admin else []
        items = decrypt_report_items(self._cipher, case.intake_enc)
        lines = [
            review_text("show.header", number=case.number, tenant=tenant.name if tenant else "?"),
            review_text(
                "show.facts",
                status=status_text(case.status, case.close_reason),
                assignee=f"<@{case.assignee}>" if case.assignee else DESK["triage.unassigned"],
                received=format_jst(case.received_at),
                due=format_day(case.sla_due),
            ),
        ]
        if intake_status(case) is not None:
            lines += [review_text("show.item", label=k, value=v) for k, v in reviewer_items(items)]
        lines.append(review_text("show.suggestion", label=_label(case.suggested_label)))
        if verdict is not None:
            texts = verdict_texts(self._cipher, verdict)
            lines += [
                review_text(
                    "show.verdict",
                    version=verdict.version,
                    by=verdict.decided_by,
                    at=format_jst(verdict.decided_at),
                    label=_label(verdict.label),
                    types=_types(verdict.behaviour_types),
                ),
                review_text(
                    "show.verdict_text",
                    opinion=texts.opinion,
                    advice=texts.advice,
                    recommendation=texts.recommendation,
                ),
                review_text(
                    "show.feedback",
                    feedback=review_text("yes" if verdict.feedback_to_complainant else "no"),
                    police=review_text("yes" if verdict.police_report else "no")
                    + (f"（{texts.police_reference}）" if texts.police_reference else ""),
                ),
            ]
        if actor.is_admin:
            # The newest entries fit in one message; `kasuhara audit CASE` prints them all.
            shown = trail[-AUDIT_SHOWN:]
            lines += [review_text("show.audit", shown=len(shown), total=len(trail)), *audit_lines(shown)]
        if disclosed := items.disclosed_identity():
            await audit_read(
                self._db,
                at=self._clock.now(),
                actor=actor.audit_name,
                action="read.case_shown",
                tenant_id=case.tenant_id,
                case_id=case.id,
                after={"items": disclosed},
            )
        return "\n".join(lines)

    async def find(self, *, args: list[str], actor: Actor) -> str:
        """Cases matching `args` (a number, tenant:, status:, label:, from:, to:, complainant:)."""
        filters = await self._parse_find(args, actor)
        async with self._db.reader() as session:
            found = await reviews.find_cases(session, where=filters, limit=FIND_LIMIT)
            names = {t.id: t.name for t in await session.scalars(select(Tenant))}
        if not found:
            return review_text("find.none")
        lines = [review_text("find.header", count=len(found), limit=FIND_LIMIT)]
        lines += [
            review_text(
                "find.line",
                number=c.number,
                tenant=names.get(c.tenant_id, "?"),
                status=status_text(c.status, c.close_reason),
                label=_label(c.suggested_label),
                received=format_jst(c.received_at),
            )
            for c in found
        ]
        return "\n".join(lines)

    async def _parse_find(self, args: list[str], actor: Actor) -> reviews.CaseFilter:
        values: dict[str, object] = {"tenant_ids": actor.tenant_ids}
        for raw in args:
            name, sep, value = raw.partition(":")
            if not sep:
                number = parse_case_number(raw)
                if number is None:
                    raise ReviewError(review_text("error.bad_filter", raw=raw[:40]))
                values["number"] = number
                continue
            name, value = name.lower(), value.strip()
            try:
                if name == "tenant":
                    values["tenant_ids"] = await self._tenant_scope(value, actor)
                elif name == "status" and value in STATUSES:
                    values["status"] = value
                elif name == "label" and value in LABELS:
                    values["label"] = value
                elif name == "from":
                    values["received_from"] = _start_of(_day(value))
                elif name == "to":
                    values["received_before"] = _start_of(_day(value)) + timedelta(days=1)
                elif name == "complainant":
                    values["complainant_id"] = await self._complainant_of(value, actor)
                else:
                    raise ValueError(name)
            except ValueError:
                raise ReviewError(review_text("error.bad_filter", raw=raw[:40])) from None
        return reviews.CaseFilter(**values)  # type: ignore[arg-type]

    async def _tenant_scope(self, slug: str, actor: Actor) -> tuple[int, ...]:
        tenant = None
        if is_slug(slug):  # anything else names no tenant (and may not even be a valid query parameter)
            async with self._db.reader() as session:
                tenant = await reviews.tenant_by_slug(session, slug=slug)
        if tenant is None or (actor.tenant_ids is not None and tenant.id not in actor.tenant_ids):
            raise ReviewError(review_text("error.unknown_tenant", slug=slug[:40]))
        return (tenant.id,)

    async def _complainant_of(self, raw: str, actor: Actor) -> int:
        number = parse_case_number(raw)
        if number is None:
            raise ValueError(raw)
        async with self._db.reader() as session:
            case = await reviews.case_by_number(session, number=number)
        if case is None or (actor.tenant_ids is not None and case.tenant_id not in actor.tenant_ids):
            raise ReviewError(review_text("error.unknown_case", number=number))
        return case.complainant_id or -1

    async def stats(self, *, args: list[str], actor: Actor) -> str:
        """Counts of a month (default: this month, Tokyo) by status and label, for one tenant or all."""
        today = self._clock.now().astimezone(TOKYO).date()
        year, month = today.year, today.month
        scope: tuple[int, ...] | None = actor.tenant_ids
        scope_name = actor.tenant_names or review_text("stats.all_tenants")
        for raw in args:
            if raw[:4].isdigit():
                try:
                    parsed = parse_month(raw)
                except ValueError:
                    raise ReviewError(review_text("error.bad_month")) from None
                year, month = parsed.year, parsed.month
            else:
                scope = await self._tenant_scope(raw, actor)
                scope_name = raw
        first, after = reviews.month_bounds(year, month)
        async with self._db.reader() as session:
            counts = await reviews.monthly_counts(
                session, tenant_ids=scope, start=_start_of(first), end=_start_of(after)
            )
        lines = [
            review_text("stats.header", period=f"{year}-{month:02d}", scope=scope_name, total=counts.total)
        ]
        lines += [
            review_text("stats.line", name=DESK[f"status.{s}"], count=n)
            for s, n in sorted(counts.by_status.items())
        ]
        lines += [
            review_text(
                "stats.line", name=_label(k) if k in LABELS else review_text("stats.pending"), count=n
            )
            for k, n in sorted(counts.by_label.items())
        ]
        return "\n".join(lines)

    async def audit_of(self, *, number: str, actor: str) -> list[str] | None:
        """The audit trail of a case as lines (None when there is no such case), the read itself audited
        (after the lines, in the same transaction); for the CLI."""
        async with self._db.transaction() as session:
            case = await reviews.case_by_number(session, number=number)
            if case is None:
                return None
            lines = audit_lines(await reviews.audit_trail(session, case_id=case.id))
            audit.record(
                session,
                at=self._clock.now(),
                actor=actor,
                action="read.audit_trail",
                tenant_id=case.tenant_id,
                case_id=case.id,
                after={"entries": len(lines)},
            )
            return lines


def describe_change(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """An audit entry's before → after, compact."""
    left = json.dumps(before, ensure_ascii=False) if before else "—"
    right = json.dumps(after, ensure_ascii=False) if after else "—"
    return f"{left} → {right}"
