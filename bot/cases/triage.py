"""The triage post of a case, rebuilt from the case's state and edited in place through the outbox, and
the notes in the case's thread."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.calendar import TOKYO, business_days_left
from bot.cases.items import ReportItems, decrypt_report_items
from bot.cases.lifecycle import under_sla
from bot.cases.outcomes import next_actions
from bot.cases.texts import assessment_of
from bot.crypto import PiiCipher
from bot.dialogue.messages import format_when
from bot.outbox.desk import enqueue_desk_notice, enqueue_desk_post, enqueue_desk_update
from bot.outbox.effects import CASE_THREAD, THREAD_MESSAGE, TRIAGE_CHANNEL, TRIAGE_POST, place
from bot.outbox.enqueue import case_ordering_key, triage_key
from bot.outbox.results import CASE_TRIAGE_POST
from bot.sla_calendar import calendar_for
from bot.texts import desk_text
from storage.models import Case, Tenant
from storage.repos import cases, reviews
from storage.repos.cases import OPEN_STATUSES

HISTORY_SHOWN = 5


def sla_left(case: Case, tenant: Tenant, *, now: datetime, verdict_label: str | None) -> int | None:
    """Business days left until the case's due date (only while the case is open and the promise concerns
    it: not a threat)."""
    if case.status not in OPEN_STATUSES or not under_sla(case, verdict_label):
        return None
    today = now.astimezone(TOKYO).date()
    return business_days_left(calendar_for(tenant), today=today, due=case.sla_due)


def intake_status(case: Case) -> str | None:
    """collecting / complete / incomplete / withdrawn, or None for a case without a dialogue."""
    if case.status == "withdrawn":
        return "withdrawn"
    if case.intake_complete is True:
        return "complete"
    if case.intake_complete is False:
        return "incomplete"
    return "collecting" if case.intake_enc is not None else None


def reviewer_items(items: ReportItems) -> list[tuple[str, str]]:
    """The report items as reviewers see them: name and contact only with the complainant's consent."""
    shown = items.disclosable()
    rows: list[tuple[str, str]] = []

    def yes_no(value: bool | None) -> str | None:
        return None if value is None else desk_text("intake.yes" if value else "intake.no")

    if items.anonymous is not None:
        identity = desk_text("intake.anonymous" if items.anonymous else "intake.named")
        if items.name:
            identity += f" / {desk_text('intake.name')}: " + (shown.name or desk_text("intake.hidden"))
        rows.append((desk_text("intake.identity"), identity))
    if items.phone or items.email:
        contact = " / ".join(x for x in (shown.phone, shown.email) if x)
        rows.append(
            (
                desk_text("intake.contact"),
                contact or desk_text("intake.contact_present") + desk_text("intake.hidden"),
            )
        )
    for key, value in (
        ("place", items.place),
        ("staff", items.staff),
        ("when", format_when(items)),
        ("wanted", items.wanted),
        ("feedback", yes_no(items.feedback_wanted)),
    ):
        rows.append((desk_text(f"intake.{key}"), value if value else desk_text("intake.none")))
    if items.name or items.phone or items.email:
        consent = yes_no(items.consent_to_disclose) or desk_text("intake.none")
        rows.append((desk_text("intake.consent"), consent))
    return rows


async def history_line(session: AsyncSession, case: Case) -> str | None:
    """How many earlier cases the same complainant has, with their verdicts."""
    if case.complainant_id is None:
        return None
    earlier = await cases.earlier_cases(session, complainant_id=case.complainant_id, before_case_id=case.id)
    if not earlier:
        return desk_text("history.none")
    listed = [
        desk_text("history.verdict", number=c.number, label=desk_text(f"label.{label}"))
        if label
        else desk_text("history.undecided", number=c.number)
        for c, label in earlier[-HISTORY_SHOWN:]
    ]
    return desk_text("history.some", count=len(earlier), cases="、".join(listed))


def triage_view(
    *,
    number: str,
    tenant_name: str,
    channel: str,
    received_at: datetime,
    sla_due: date,
    status: str,
    body: str,
    flags: dict[str, Any] | None,
    assessment: dict[str, Any] | None = None,
    intake: dict[str, Any] | None = None,
    assignee: str | None = None,
    sla_left: int | None = None,
    police_reported: bool = False,
    outcome_actions: Iterable[str] = (),
    closed_at: datetime | None = None,
    close_reason: str | None = None,
) -> dict[str, Any]:
    """The data of the triage post's view (TRIAGE_POST), times in ISO form; `intake` is the dialogue's
    {"status", "items": [[label, value]] (already as reviewers may see them), "history"}."""
    return {
        "number": number,
        "tenant_name": tenant_name,
        "channel": channel,
        "received_at": received_at.isoformat(),
        "sla_due": sla_due.isoformat(),
        "status": status,
        "body": body,
        "flags": flags or {},
        "assessment": assessment,
        "intake": intake,
        "assignee": assignee,
        "sla_left": sla_left,
        "police_reported": police_reported,
        "outcome_actions": list(outcome_actions),
        "closed_at": closed_at.isoformat() if closed_at else None,
        "close_reason": close_reason,
    }


def triage_text(case: Case, tenant: Tenant) -> str:
    """The triage post's plain summary."""
    return desk_text("triage.fallback", number=case.number, tenant=tenant.name)


async def enqueue_triage_post(
    session: AsyncSession,
    cipher: PiiCipher,
    case: Case,
    tenant: Tenant,
    *,
    body: str,
    now: datetime,
    intake: dict[str, Any] | None = None,
) -> bool:
    """A new case's triage post in the triage channel, whose result is kept as the case's triage post
    (`intake` as triage_view takes it, when the case came with its items)."""
    return await enqueue_desk_post(
        session,
        cipher,
        key=triage_key(case.id),
        now=now,
        to=place(TRIAGE_CHANNEL),
        view=TRIAGE_POST,
        data=triage_view(
            number=case.number,
            tenant_name=tenant.name,
            channel=case.channel,
            received_at=case.received_at,
            sla_due=case.sla_due,
            status=case.status,
            body=body,
            flags=case.flags,
            intake=intake,
        ),
        text=triage_text(case, tenant),
        ordering_key=case_ordering_key(case.id),
        tenant_id=case.tenant_id,
        case_id=case.id,
        remember_as=CASE_TRIAGE_POST,
    )


async def current_triage_view(
    session: AsyncSession, cipher: PiiCipher, case: Case, tenant: Tenant, *, now: datetime
) -> dict[str, Any]:
    """The whole triage post of a case as it stands: facts, review state, intake items, suggestion."""
    messages = await cases.messages_of_case(session, case_id=case.id)
    first = next((m for m in messages if m.direction == "in" and m.kind == "text" and m.body_enc), None)
    body = cipher.decrypt(first.body_enc) if first and first.body_enc else ""
    status = intake_status(case)
    verdict = await reviews.latest_verdict(session, case_id=case.id)
    intake = None
    if status is not None:
        items = decrypt_report_items(cipher, case.intake_enc)
        intake = {
            "status": status,
            "items": [list(row) for row in reviewer_items(items)],
            "history": await history_line(session, case),
        }
    return triage_view(
        number=case.number,
        tenant_name=tenant.name,
        channel=case.channel,
        received_at=case.received_at,
        sla_due=case.sla_due,
        status=case.status,
        body=body,
        assessment=assessment_of(cipher, case),
        intake=intake,
        assignee=case.assignee,
        sla_left=sla_left(case, tenant, now=now, verdict_label=verdict.label if verdict else None),
        police_reported=bool(case.flags.get("police_reported")),
        flags=case.flags,
        outcome_actions=await next_actions(session, cipher, case),
        closed_at=case.closed_at,
        close_reason=case.close_reason,
    )


async def enqueue_triage_update(
    session: AsyncSession,
    cipher: PiiCipher,
    case: Case,
    tenant: Tenant,
    *,
    key: str,
    now: datetime,
) -> bool:
    """Edit the case's triage post in place to show its current state, after every earlier post of the
    case."""
    return await enqueue_desk_update(
        session,
        cipher,
        key=key,
        now=now,
        view=TRIAGE_POST,
        data=await current_triage_view(session, cipher, case, tenant, now=now),
        text=triage_text(case, tenant),
        ordering_key=case_ordering_key(case.id),
        parent_key=triage_key(case.id),
        tenant_id=case.tenant_id,
        case_id=case.id,
    )


async def enqueue_thread_note(
    session: AsyncSession,
    cipher: PiiCipher,
    *,
    case: Case,
    key: str,
    heading: str,
    body: str | None,
    now: datetime,
) -> bool:
    """A reply in the case's thread (after the triage post): a heading and the complainant's words."""
    return await enqueue_desk_post(
        session,
        cipher,
        key=key,
        now=now,
        to=place(CASE_THREAD),
        view=THREAD_MESSAGE,
        data={"heading": heading, "body": body},
        text=heading,
        ordering_key=case_ordering_key(case.id),
        parent_key=triage_key(case.id),
        tenant_id=case.tenant_id,
        case_id=case.id,
    )


async def enqueue_thread_alert(
    session: AsyncSession,
    cipher: PiiCipher,
    *,
    case: Case,
    key: str,
    text: str,
    now: datetime,
    alert: bool = False,
    also_in_channel: bool = False,
) -> bool:
    """A one-line alert (`alert`) or note in the case's thread (with `also_in_channel`, shown in the
    channel too)."""
    return await enqueue_desk_notice(
        session,
        cipher,
        key=key,
        now=now,
        to=place(CASE_THREAD),
        text=text,
        ordering_key=case_ordering_key(case.id),
        parent_key=triage_key(case.id),
        tenant_id=case.tenant_id,
        case_id=case.id,
        alert=alert,
        also_in_channel=also_in_channel,
    )
