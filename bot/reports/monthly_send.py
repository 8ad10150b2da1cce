"""Putting a tenant's monthly totals into the outbox: text + chart per report channel, or an admin alert."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.crypto import PiiCipher
from bot.outbox.desk import enqueue_admin_alert, enqueue_desk_post, enqueue_desk_upload
from bot.outbox.effects import ALERTS_CHANNEL, MONTHLY_TOTALS, REPORT_CHANNEL, place
from bot.reports.monthly import MonthlyTotals, monthly_totals, totals_text
from bot.reports.monthly_chart import render_monthly_chart
from bot.reports.texts import alert_text, report_text
from storage.models import Tenant


def monthly_view(totals: MonthlyTotals) -> dict[str, Any]:
    """The data of the totals' view (MONTHLY_TOTALS): a title and the figures."""
    title, _, body = totals_text(totals).partition("\n")
    return {"title": title, "body": body}


async def prepare_monthly(
    session: AsyncSession, *, tenant: Tenant, month: date
) -> tuple[MonthlyTotals, bytes | None]:
    """The totals and, when there were cases, the chart (CPU work best done outside a write transaction)."""
    totals = await monthly_totals(session, tenant=tenant, month=month)
    chart = await asyncio.to_thread(render_monthly_chart, totals) if totals.received else None
    return totals, chart


async def queue_monthly_totals(
    session: AsyncSession,
    *,
    cipher: PiiCipher,
    settings: Settings,
    now: datetime,
    tenant: Tenant,
    month: date,
    prepared: tuple[MonthlyTotals, bytes | None] | None = None,
) -> MonthlyTotals:
    """The month's totals to every report channel (a chart when there were cases); an alert without any.

    `prepared` (from `prepare_monthly`) lets the caller count and draw before its write transaction.
    """
    totals, chart = (
        prepared if prepared is not None else await prepare_monthly(session, tenant=tenant, month=month)
    )
    base_key = f"monthly:{tenant.id}:{totals.month_label}"
    channels = list(tenant.report_channels or [])
    if not channels:
        # Nothing is lost: the figures stay in the database and `kasuhara report monthly` prints them.
        await enqueue_admin_alert(
            session,
            cipher,
            settings,
            key=f"{base_key}:no-report-channel",
            now=now,
            text=alert_text(
                "no_report_channel",
                tenant=tenant.name,
                what=alert_text("monthly.what", month=totals.month_label),
            ),
            tenant_id=tenant.id,
        )
        return totals
    for channel in channels:
        key = f"{base_key}:{channel}"
        ordering = f"slack:monthly:{tenant.id}:{channel}"
        view = monthly_view(totals)
        await enqueue_desk_post(
            session,
            cipher,
            key=key,
            now=now,
            to=place(REPORT_CHANNEL, channel),
            view=MONTHLY_TOTALS,
            data=view,
            text=view["title"],
            ordering_key=ordering,
            tenant_id=tenant.id,
        )
        if chart is None:
            continue
        await enqueue_desk_upload(
            session,
            cipher,
            key=f"{key}:chart",
            now=now,
            to=place(REPORT_CHANNEL, channel),
            name=f"monthly_{tenant.slug}_{totals.month_label}.png",
            title=report_text(tenant.language, "monthly.chart_title", month=totals.month_label),
            content=chart,
            comment=None,
            ordering_key=ordering,
            on_dead=[
                {
                    "to": place(ALERTS_CHANNEL),
                    "text": f"{settings.slack_alert_mention} :warning: {tenant.name} の {totals.month_label} "
                    "月次集計のグラフを添付できませんでした（{error}）。集計本文は送付済みです。",
                }
            ],
            tenant_id=tenant.id,
        )
    return totals
