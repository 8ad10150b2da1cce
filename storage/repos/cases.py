"""Complainants, cases, their messages and readable case numbers."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Case, CaseCounter, Complainant, Message, Verdict

OPEN_STATUSES = ("new", "in_review")


async def complainant_by_line_hash(
    session: AsyncSession, *, tenant_id: int, line_user_hash: str
) -> Complainant | None:
    """The complainant of a tenant with this hashed LINE user id."""
    return await session.scalar(
        select(Complainant).where(
            Complainant.tenant_id == tenant_id, Complainant.line_user_hash == line_user_hash
        )
    )


async def add_complainant(
    session: AsyncSession, *, tenant_id: int, line_user_hash: str, line_user_id_enc: bytes, now: datetime
) -> Complainant:
    """A new pseudonymous complainant."""
    complainant = Complainant(
        tenant_id=tenant_id, line_user_hash=line_user_hash, line_user_id_enc=line_user_id_enc, created_at=now
    )
    session.add(complainant)
    await session.flush()
    return complainant


async def complainant_by_contact_hash(
    session: AsyncSession, *, tenant_id: int, contact_hash: str
) -> Complainant | None:
    """The tenant's complainant known by this hashed e-mail address or phone number (the earliest)."""
    return await session.scalar(
        select(Complainant)
        .where(Complainant.tenant_id == tenant_id, Complainant.contact_hash == contact_hash)
        .order_by(Complainant.id)
        .limit(1)
    )


async def add_contact_complainant(
    session: AsyncSession, *, tenant_id: int, contact_hash: str | None, now: datetime
) -> Complainant:
    """A new pseudonymous complainant who came by the web form (known by their contact's hash, if any)."""
    complainant = Complainant(tenant_id=tenant_id, contact_hash=contact_hash, following=False, created_at=now)
    session.add(complainant)
    await session.flush()
    return complainant


async def message_by_source_id(
    session: AsyncSession, *, tenant_id: int, source_message_id: str
) -> Message | None:
    """The tenant's message that came with this source id (a LINE message id, a form submission...)."""
    return await session.scalar(
        select(Message)
        .where(Message.tenant_id == tenant_id, Message.source_message_id == source_message_id)
        .order_by(Message.id)
        .limit(1)
    )


async def next_case_number(session: AsyncSession, *, year: int) -> str:
    """Reserve the next readable number of the year, like KH-2026-000123."""
    seq = await session.scalar(
        update(CaseCounter)
        .where(CaseCounter.year == year)
        .values(last_seq=CaseCounter.last_seq + 1)
        .returning(CaseCounter.last_seq)
    )
    if seq is None:
        session.add(CaseCounter(year=year, last_seq=1))
        await session.flush()
        seq = 1
    return f"KH-{year}-{seq:06d}"


async def open_case_since(
    session: AsyncSession, *, tenant_id: int, complainant_id: int, since: datetime
) -> Case | None:
    """The complainant's most recent open case with a message after `since`."""
    return await session.scalar(
        select(Case)
        .where(
            Case.tenant_id == tenant_id,
            Case.complainant_id == complainant_id,
            Case.status.in_(OPEN_STATUSES),
            Case.last_message_at >= since,
        )
        .order_by(Case.id.desc())
        .limit(1)
    )


async def add_case(
    session: AsyncSession,
    *,
    tenant_id: int,
    complainant_id: int | None,
    number: str,
    channel: str,
    received_at: datetime,
    sla_due: date,
) -> Case:
    """A new case in status `new`."""
    case = Case(
        number=number,
        tenant_id=tenant_id,
        complainant_id=complainant_id,
        channel=channel,
        status="new",
        received_at=received_at,
        last_message_at=received_at,
        sla_due=sla_due,
        flags={},
        created_at=received_at,
        updated_at=received_at,
    )
    session.add(case)
    await session.flush()
    return case


async def add_message(
    session: AsyncSession,
    *,
    tenant_id: int,
    case_id: int | None,
    complainant_id: int | None,
    direction: str,
    kind: str,
    body_enc: bytes | None,
    source_message_id: str | None,
    at: datetime,
) -> Message:
    """Record one message."""
    message = Message(
        tenant_id=tenant_id,
        case_id=case_id,
        complainant_id=complainant_id,
        direction=direction,
        kind=kind,
        body_enc=body_enc,
        source_message_id=source_message_id,
        created_at=at,
    )
    session.add(message)
    await session.flush()
    return message


async def inbound_message_by_source_id(
    session: AsyncSession, *, tenant_id: int, source_message_id: str
) -> Message | None:
    """An inbound message by the platform's message id."""
    return await session.scalar(
        select(Message).where(
            Message.tenant_id == tenant_id,
            Message.source_message_id == source_message_id,
            Message.direction == "in",
        )
    )


async def case_by_id(session: AsyncSession, *, case_id: int) -> Case | None:
    """A case by id."""
    return await session.get(Case, case_id)


async def messages_of_case(session: AsyncSession, *, case_id: int) -> list[Message]:
    """A case's messages, oldest first."""
    rows = await session.scalars(select(Message).where(Message.case_id == case_id).order_by(Message.id))
    return list(rows)


async def earlier_cases(
    session: AsyncSession, *, complainant_id: int, before_case_id: int
) -> list[tuple[Case, str | None]]:
    """The complainant's cases opened before this one, oldest first, each with its latest verdict label."""
    rows = await session.scalars(
        select(Case).where(Case.complainant_id == complainant_id, Case.id < before_case_id).order_by(Case.id)
    )
    earlier = list(rows)
    if not earlier:
        return []
    verdicts = await session.execute(
        select(Verdict.case_id, Verdict.label)
        .where(Verdict.case_id.in_([c.id for c in earlier]))
        .order_by(Verdict.case_id, Verdict.version)
    )
    latest = {case_id: label for case_id, label in verdicts}
    return [(case, latest.get(case.id)) for case in earlier]


async def latest_case_of(session: AsyncSession, *, tenant_id: int, complainant_id: int) -> Case | None:
    """The complainant's most recent case, whatever its status."""
    return await session.scalar(
        select(Case)
        .where(Case.tenant_id == tenant_id, Case.complainant_id == complainant_id)
        .order_by(Case.id.desc())
        .limit(1)
    )


async def loose_inbound_messages(
    session: AsyncSession, *, tenant_id: int, complainant_id: int, since: datetime
) -> list[Message]:
    """The complainant's inbound messages since `since` that belong to no case (e.g. a photo sent first)."""
    rows = await session.scalars(
        select(Message)
        .where(
            Message.tenant_id == tenant_id,
            Message.complainant_id == complainant_id,
            Message.case_id.is_(None),
            Message.direction == "in",
            Message.created_at >= since,
        )
        .order_by(Message.id)
    )
    return list(rows)
