"""The business calendar of one tenant and the report due date it gives: the one place that date is
computed (at intake, and by `kasuhara sla due`)."""

from __future__ import annotations

from datetime import date, datetime

from bot.calendar import TOKYO, BusinessCalendar
from bot.config import Settings
from storage.models import Tenant


def calendar_for(tenant: Tenant | None) -> BusinessCalendar:
    """The desk's calendar with the tenant's extra closed days (none without a tenant)."""
    extra = [date.fromisoformat(d) for d in (tenant.extra_closed_days or [])] if tenant else []
    return BusinessCalendar(extra_closed_days=extra)


def report_due(tenant: Tenant | None, settings: Settings, received: datetime | date) -> date:
    """The report's due date for a case received at `received` (a moment, judged in Asia/Tokyo, or the
    day itself): `SLA_BUSINESS_DAYS` business days later, the tenant's extra closed days closed too."""
    day = received.astimezone(TOKYO).date() if isinstance(received, datetime) else received
    return calendar_for(tenant).add_business_days(
        day, settings.sla_business_days, count_start_day=settings.sla_count_intake_day
    )
