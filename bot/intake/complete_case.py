"""Opening a case whose items all came at once, with no dialogue (a web form, a voicemail, a mail): the
case numbered and due, its items kept, audited, flagged when the contract has ended, its first message
kept and its triage post enqueued (in the caller's transaction, no network)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.calendar import TOKYO
from bot.cases.items import ReportItems, encrypt_report_items
from bot.cases.triage import enqueue_triage_post, history_line, reviewer_items
from bot.intake.context import IntakeContext
from bot.intake.text import flag_expired_contract
from bot.sla_calendar import report_due
from storage.models import Case, Complainant
from storage.repos import audit, cases


async def open_complete_case(
    session: AsyncSession,
    ctx: IntakeContext,
    *,
    complainant: Complainant,
    channel: str,
    actor: str,
    received_at: datetime,
    items: ReportItems | None,
    audited: dict[str, Any],
    first_kind: str,
    first_body: str | None,
    source_id: str | None,
    triage_body: str,
    items_in_triage: bool = False,
) -> tuple[Case, int]:
    """The new case and the row id of its first message; `items` None when the channel gives none,
    `audited` added to the audit record of its opening; `items_in_triage` to show the items in the triage
    post at once (else they show when the classification refreshes it)."""
    number = await cases.next_case_number(session, year=received_at.astimezone(TOKYO).year)
    case = await cases.add_case(
        session,
        tenant_id=ctx.tenant.id,
        complainant_id=complainant.id,
        number=number,
        channel=channel,
        received_at=received_at,
        sla_due=report_due(ctx.tenant, ctx.settings, received_at),
    )
    if items is not None:
        case.intake_enc = encrypt_report_items(ctx.cipher, items)
        case.intake_complete = True
    audit.record(
        session,
        at=ctx.now,
        actor=actor,
        action="case.opened",
        tenant_id=ctx.tenant.id,
        case_id=case.id,
        after={"number": number, "status": case.status, **audited},
    )
    flag_expired_contract(session, ctx, case, received_at, actor=actor)
    first_id = await add_inbound(
        session, ctx, case, kind=first_kind, body=first_body, at=received_at, source_id=source_id
    )
    intake = None
    if items_in_triage and items is not None:
        intake = {
            "status": "complete",
            "items": [list(row) for row in reviewer_items(items)],
            "history": await history_line(session, case),
        }
    # The triage post before anything else of the case: notes and evidence go in its thread.
    await enqueue_triage_post(
        session, ctx.cipher, case, ctx.tenant, body=triage_body, now=ctx.now, intake=intake
    )
    return case, first_id


async def add_inbound(
    session: AsyncSession,
    ctx: IntakeContext,
    case: Case,
    *,
    kind: str,
    body: str | None,
    at: datetime,
    source_id: str | None = None,
) -> int:
    """One message the complainant sent, kept (encrypted) on the case; its row id."""
    message = await cases.add_message(
        session,
        tenant_id=ctx.tenant.id,
        case_id=case.id,
        complainant_id=case.complainant_id,
        direction="in",
        kind=kind,
        body_enc=ctx.cipher.encrypt(body) if body is not None else None,
        source_message_id=source_id,
        at=at,
    )
    return message.id
