"""One tick of the calendar jobs: each firing claimed once in the database with the effects it writes.

A tick looks at the clock and does whatever is due and not yet claimed, so a tick after downtime catches
up, and two workers (or two ticks) never do the same firing twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.blobs import BlobStore
from bot.cases import lifecycle as case_lifecycle
from bot.cases.items import decrypt_report_items
from bot.cases.recorder import CaseRecorder
from bot.cases.triage import enqueue_thread_alert, enqueue_triage_update
from bot.clock import Clock
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.jst import format_day
from bot.outbox.desk import enqueue_admin_alert, enqueue_desk_notice
from bot.outbox.effects import TRIAGE_CHANNEL, place
from bot.outbox.enqueue import case_ordering_key
from bot.privacy.retention import Purger, purge_raw_events, purge_tenant
from bot.reports.monthly import MonthlyTotals
from bot.reports.monthly_send import prepare_monthly, queue_monthly_totals
from bot.reports.texts import alert_text
from bot.review.texts import review_text
from bot.scheduling.retrain import Outcome, prepare_retrain, record_retrain
from bot.scheduling.timing import (
    at_tokyo,
    monthly_periods_due,
    previous_business_day,
    renewal_notice_time,
    tokyo_today,
)
from bot.sla_calendar import calendar_for
from storage.db import Database
from storage.models import Case, ClientReport, Tenant, Verdict
from storage.repos import audit, reviews, scheduled_runs
from storage.repos import tenants as tenant_repo
from storage.repos.cases import OPEN_STATUSES

log = logging.getLogger(__name__)

SLA_LOOKBACK_DAYS = 60

Work = Callable[[AsyncSession], Awaitable[None]]


@dataclass
class Firing:
    """One due firing: the work done in the claiming transaction, after an optional `prepare` outside it
    (reads, or idempotent work in the inbox's own database)."""

    job: str
    period: str
    work: Work
    prepare: Callable[[], Awaitable[None]] | None = None


class CalendarJobs:
    """Monthly totals, SLA reminders and escalations, closing settled cases, contract renewals, retention."""

    def __init__(
        self,
        *,
        db: Database,
        cipher: PiiCipher,
        settings: Settings,
        clock: Clock,
        blobs: BlobStore,
        on_effects: Callable[[], None] = lambda: None,
    ) -> None:
        self._db = db
        self._purger = Purger(cipher=cipher, settings=settings, blobs=blobs)
        self._cipher = cipher
        self._settings = settings
        self._clock = clock
        self._on_effects = on_effects
        self._recorder = CaseRecorder(cipher=cipher, settings=settings)
        self._lock = asyncio.Lock()
        self.ticks_done = 0

    async def idle(self) -> None:
        """Wait until no tick is running."""
        async with self._lock:
            return

    async def tick(self) -> Counter[str]:
        """Do every due, unclaimed firing; returns how many of each job ran."""
        async with self._lock:
            now = self._clock.now()
            ran: Counter[str] = Counter()
            async with self._db.reader() as session:
                tenants = [t for t in await tenant_repo.all_tenants(session) if t.active]
            due: list[Firing] = []
            for tenant in tenants:
                for month in monthly_periods_due(now, since=tenant.created_at):
                    period = f"{tenant.id}:{month:%Y-%m}"
                    due.append(self._monthly(period, tenant, month, now))
                if tenant.contract_end is not None:
                    self._contract(due, tenant, now)
                due.append(self._retention(tenant, now))
            if self._settings.classifier_engine == "learned" and self._settings.classifier_retrain_monthly:
                due.append(self._retrain(now))
            await self._sla(due, {t.id: t for t in tenants}, now)
            await self._closing(due, {t.id: t for t in tenants}, now)
            # Most firings were done on an earlier tick: one read skips them without a write transaction.
            async with self._db.reader() as session:
                done = await scheduled_runs.done_among(session, keys=[(f.job, f.period) for f in due])
            for firing in due:
                if (firing.job, firing.period) not in done:
                    await self._once(ran, firing, now)
            if ran:
                self._on_effects()
            self.ticks_done += 1
            return ran

    async def _once(self, ran: Counter[str], firing: Firing, now: datetime) -> None:
        """Claim (job, period) and do the work in the same transaction; a failure frees the claim."""
        try:
            if firing.prepare is not None:
                await firing.prepare()
            async with self._db.transaction() as session:
                if not await scheduled_runs.claim(session, job=firing.job, period=firing.period, now=now):
                    return
                await firing.work(session)
        except Exception:
            log.exception(
                "scheduled job %s for %s failed; it is retried on the next tick", firing.job, firing.period
            )
            return
        ran[firing.job] += 1

    # monthly totals ------------------------------------------------------------------------------------

    def _monthly(self, period: str, tenant: Tenant, month: date, now: datetime) -> Firing:
        prepared: list[tuple[MonthlyTotals, bytes | None]] = []

        async def prepare() -> None:
            async with self._db.reader() as session:
                prepared.append(await prepare_monthly(session, tenant=tenant, month=month))

        async def work(session: AsyncSession) -> None:
            await queue_monthly_totals(
                session,
                cipher=self._cipher,
                settings=self._settings,
                now=now,
                tenant=tenant,
                month=month,
                prepared=prepared[-1],
            )

        return Firing("monthly_totals", period, work, prepare)

    # contracts -----------------------------------------------------------------------------------------

    def _contract(self, due: list[Firing], tenant: Tenant, now: datetime) -> None:
        end = tenant.contract_end
        assert end is not None
        if not (renewal_notice_time(end) <= now and tokyo_today(now) <= end):
            return

        async def work(session: AsyncSession) -> None:
            await enqueue_admin_alert(
                session,
                self._cipher,
                self._settings,
                key=f"contract:renewal:{tenant.id}:{end}",
                now=now,
                text=alert_text("contract.renewal", tenant=tenant.name, end=format_day(end)),
                tenant_id=tenant.id,
            )

        due.append(Firing("contract_renewal", f"{tenant.id}:{end}", work))

    # retention -----------------------------------------------------------------------------------------

    def _retention(self, tenant: Tenant, now: datetime) -> Firing:
        days = tenant.retention_days if tenant.retention_days is not None else self._settings.retention_days

        async def prepare() -> None:
            async with self._db.inbox_transaction() as raw:
                await purge_raw_events(
                    raw,
                    tenant_id=tenant.id,
                    processed_before=now - timedelta(days=self._settings.inbox_keep_days),
                    kept_aside_before=now - timedelta(days=days),
                )

        async def work(session: AsyncSession) -> None:
            await purge_tenant(
                session, self._purger, tenant_id=tenant.id, closed_before=now - timedelta(days=days), now=now
            )

        return Firing("retention", f"{tenant.id}:{tokyo_today(now)}", work, prepare)

    # the learned engine's monthly retrain ---------------------------------------------------------------

    def _retrain(self, now: datetime) -> Firing:
        period = f"{tokyo_today(now):%Y-%m}"
        outcomes: list[Outcome] = []

        async def prepare() -> None:
            outcomes.append(await prepare_retrain(self._db, self._cipher, self._settings))

        async def work(session: AsyncSession) -> None:
            await record_retrain(session, self._cipher, self._settings, outcomes[-1], period=period, now=now)

        return Firing("classifier_retrain", period, work, prepare)

    # SLA -----------------------------------------------------------------------------------------------

    async def _sla(self, due_list: list[Firing], tenants: dict[int, Tenant], now: datetime) -> None:
        """Reminders, escalations and the daily countdown of unreported cases the promise concerns
        (closed, withdrawn and threat cases are left alone: see bot.cases.lifecycle)."""
        today = tokyo_today(now)
        async with self._db.reader() as session:
            open_cases = list(
                await session.scalars(
                    select(Case).where(
                        Case.reported_at.is_(None),
                        Case.closed_at.is_(None),
                        Case.status.not_in(case_lifecycle.ENDED_STATUSES),
                        Case.sla_due >= today - timedelta(days=SLA_LOOKBACK_DAYS),
                    )
                )
            )
            verdicts = await reviews.latest_verdicts(session, case_ids=[c.id for c in open_cases])
        for case in open_cases:
            tenant = tenants.get(case.tenant_id)
            verdict = verdicts.get(case.id)
            if tenant is None or not case_lifecycle.under_sla(case, verdict.label if verdict else None):
                continue
            due = case.sla_due
            reminder_day = previous_business_day(calendar_for(tenant), due)
            if at_tokyo(reminder_day) <= now and today < due:
                due_list.append(
                    Firing("sla_reminder", case.number, self._thread_note(case, "sla.reminder", now))
                )
            if at_tokyo(due) <= now and today == due:
                due_list.append(
                    Firing("sla_due_today", case.number, self._thread_note(case, "sla.due_today", now))
                )
            if today > due:
                due_list.append(Firing("sla_overdue", case.number, self._overdue(case, tenant, now)))
            if case.status in OPEN_STATUSES and tokyo_today(case.received_at) < today:
                # The post's "business days left" changes overnight; refresh it once a day.
                due_list.append(
                    Firing("triage_countdown", f"{case.number}:{today}", self._countdown(case, tenant, now))
                )

    async def _still_under_sla(self, session: AsyncSession, case: Case) -> Case | None:
        """The case as it stands in this transaction, if it is still unreported and under the promise."""
        current = await session.get(Case, case.id)
        if current is None or current.reported_at is not None:
            return None
        verdict = await reviews.latest_verdict(session, case_id=case.id)
        return current if case_lifecycle.under_sla(current, verdict.label if verdict else None) else None

    def _countdown(self, case: Case, tenant: Tenant, now: datetime) -> Work:
        async def work(session: AsyncSession) -> None:
            current = await self._still_under_sla(session, case)
            if current is None or current.status not in OPEN_STATUSES or current.triage_ts is None:
                return
            await enqueue_triage_update(
                session,
                self._cipher,
                current,
                tenant,
                key=f"triage-countdown:{case.id}:{tokyo_today(now)}",
                now=now,
            )

        return work

    def _thread_note(self, case: Case, key: str, now: datetime) -> Work:
        async def work(session: AsyncSession) -> None:
            if await self._still_under_sla(session, case) is None:
                return
            text = alert_text(key, number=case.number, due=format_day(case.sla_due))
            await enqueue_thread_alert(
                session,
                self._cipher,
                case=case,
                key=f"{key}:{case.id}",
                text=text,
                now=now,
            )

        return work

    def _overdue(self, case: Case, tenant: Tenant, now: datetime) -> Work:
        async def work(session: AsyncSession) -> None:
            current = await self._still_under_sla(session, case)
            if current is None:
                return
            current.flags = {**(current.flags or {}), "sla": "missed"}
            current.updated_at = now
            audit.record(
                session,
                at=now,
                actor="scheduler",
                action="case.sla_missed",
                tenant_id=tenant.id,
                case_id=case.id,
                after={"sla_due": case.sla_due.isoformat()},
            )
            mention = self._settings.slack_alert_mention
            text = alert_text(
                "sla.overdue",
                mention=mention,
                number=case.number,
                tenant=tenant.name,
                due=format_day(case.sla_due),
            )
            text = " ".join(text.split())  # no double space when no mention is configured
            await enqueue_desk_notice(
                session,
                self._cipher,
                key=f"sla.overdue:{case.id}",
                now=now,
                to=place(TRIAGE_CHANNEL),
                text=text,
                ordering_key=case_ordering_key(case.id),
                tenant_id=tenant.id,
                case_id=case.id,
                alert=True,
            )

        return work

    # closing -------------------------------------------------------------------------------------------

    async def _closing(self, due_list: list[Firing], tenants: dict[int, Tenant], now: datetime) -> None:
        """Close every reported case that has had nothing pending for `close_after_business_days`."""
        async with self._db.reader() as session:
            reported = list(
                await session.scalars(select(Case).where(Case.status == "reported", Case.closed_at.is_(None)))
            )
            ids = [c.id for c in reported]
            verdicts = await reviews.latest_verdicts(session, case_ids=ids)
            reports = await reviews.latest_client_reports(session, case_ids=ids)
        for case in reported:
            tenant = tenants.get(case.tenant_id)
            if tenant is None:
                continue
            try:
                day = self._close_day(case, tenant, verdicts.get(case.id), reports.get(case.id))
            except Exception:  # one unreadable case never stops the others
                log.exception("cannot tell whether case %s is due to close", case.number)
                continue
            if day is not None and at_tokyo(day) <= now:
                # The day is in the period: a case reopened and reported again closes again, later.
                due_list.append(
                    Firing("case_close", f"{case.number}:{day}", self._close(case, tenant, day, now))
                )

    def _close_day(
        self, case: Case, tenant: Tenant, verdict: Verdict | None, report: ClientReport | None
    ) -> date | None:
        """The day the case is due to close (None while something is pending)."""
        foreseen = tenant.feedback_allowed and verdict is not None and verdict.feedback_to_complainant
        # Only then does the complainant's wish matter, so only those cases' items are decrypted.
        expected = foreseen and decrypt_report_items(self._cipher, case.intake_enc).feedback_wanted is True
        settled = case_lifecycle.settled_at(case, verdict=verdict, report=report, feedback_expected=expected)
        if settled is None:
            return None
        days = self._settings.close_after_business_days
        return case_lifecycle.close_day(settled, calendar_for(tenant), days)

    def _close(self, case: Case, tenant: Tenant, day: date, now: datetime) -> Work:
        async def work(session: AsyncSession) -> None:
            current = await session.scalar(select(Case).where(Case.id == case.id).with_for_update())
            if current is None or current.closed_at is not None:
                return
            verdict = await reviews.latest_verdict(session, case_id=case.id)
            report = await reviews.latest_client_report(session, case_id=case.id)
            if self._close_day(current, tenant, verdict, report) != day:
                return  # something changed since the tick looked (a reopen, a correction)
            before, after = case_lifecycle.close(current, reason=case_lifecycle.COMPLETED, now=now)
            days = self._settings.close_after_business_days
            await self._recorder.record(
                session,
                current,
                tenant,
                actor="scheduler",
                action="case.closed",
                before=before,
                after=after,
                thread=review_text("thread.closed_auto", days=days),
                now=now,
            )

        return work
