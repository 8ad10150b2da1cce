"""The business calendar of one tenant and the report due date it gives."""

from __future__ import annotations

from datetime import date

from bot.calendar import BusinessCalendar
from bot.config import Settings
from storage.models import Tenant


def calendar_for(tenant: Tenant | None) -> BusinessCalendar:
    """The desk's calendar with the tenant's extra closed days (none without a tenant)."""
    extra = [date.fromisoformat(d) for d in (tenant.extra_closed_days or [])] if tenant else []
    return BusinessCalendar(extra_closed_days=extra)


def due_for_intake_day(tenant: Tenant | None, settings: Settings, intake_day: date) -> date:
    """The report's due date for a case received on `intake_day` (Asia/Tokyo)."""
    return calendar_for(tenant).add_business_days(
        intake_day, settings.sla_business_days, count_start_day=settings.sla_count_intake_day
    )
