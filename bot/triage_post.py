"""The triage post of a case rendered from its current state, and its in-place update via the outbox."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.calendar import TOKYO, BusinessCalendar, business_days_left
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.enqueue import case_ordering_key, enqueue_slack_post, triage_key
from bot.texts import desk_text
from handlers.slack.blocks import build_triage_blocks
from storage.models import Case, Tenant
from storage.repos import cases

OPEN_STATUSES = ("new", "in_review")


def sla_left(case: Case, tenant: Tenant, *, now: datetime) -> int | None:
    """Business days left until the case's due date (only while the case is open)."""
    if case.status not in OPEN_STATUSES:
        return None
    calendar = BusinessCalendar(
        extra_closed_days=[date.fromisoformat(str(d)) for d in tenant.extra_closed_days]
    )
    return business_days_left(calendar, today=now.astimezone(TOKYO).date(), due=case.sla_due)


async def triage_blocks(
    session: AsyncSession, cipher: PiiCipher, case: Case, tenant: Tenant, *, now: datetime
) -> list[dict[str, Any]]:
    """The triage post's blocks for the case as it is now."""
    messages = await cases.messages_of_case(session, case_id=case.id)
    first = next((m for m in messages if m.direction == "in" and m.kind == "text" and m.body_enc), None)
    body = cipher.decrypt(first.body_enc) if first and first.body_enc else ""
    return build_triage_blocks(
        number=case.number,
        tenant_name=tenant.name,
        channel=case.channel,
        received_at=case.received_at,
        sla_due=case.sla_due,
        status=case.status,
        body=body,
        assessment=case.assessment,
        assignee=case.assignee,
        sla_left=sla_left(case, tenant, now=now),
        police_reported=bool(case.flags.get("police_reported")),
        flags=case.flags,
    )


async def enqueue_triage_update(
    session: AsyncSession,
    cipher: PiiCipher,
    settings: Settings,
    case: Case,
    tenant: Tenant,
    *,
    key: str,
    now: datetime,
) -> bool:
    """Edit the case's triage post in place, after every earlier Slack effect of the case."""
    return await enqueue_slack_post(
        session,
        cipher,
        key=key,
        now=now,
        channel=settings.slack_triage_channel,
        text=desk_text("triage.fallback", number=case.number, tenant=tenant.name),
        blocks=await triage_blocks(session, cipher, case, tenant, now=now),
        ordering_key=case_ordering_key(case.id),
        parent_key=triage_key(case.id),
        tenant_id=tenant.id,
        case_id=case.id,
        update=True,
    )
