"""Purging a complainant's personal data some days after a case closes; the case and its counts stay."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.crypto import PiiCipher
from bot.report_items import decrypt_report_items, encrypt_report_items
from storage.models import Case, Complainant, Message, OutboxEffect
from storage.repos import audit

PERSONAL_ITEMS = ("name", "phone", "email")


async def purge_case(
    session: AsyncSession, cipher: PiiCipher, case: Case, *, now: datetime
) -> dict[str, int]:
    """Drop the personal data of one closed case: message bodies, identity/contact items, and the
    complainant's LINE id and contact once none of their cases is still kept. Audit-logged."""
    counts = {"messages": 0, "items": 0, "complainant": 0}
    result = await session.execute(
        update(Message)
        .where(Message.case_id == case.id, Message.body_enc.is_not(None))
        .values(body_enc=None)
        .execution_options(synchronize_session=False)
    )
    counts["messages"] = int(getattr(result, "rowcount", 0) or 0)
    # Sent effects keep their payloads (LINE user ids, report files) only until the purge.
    await session.execute(
        update(OutboxEffect)
        .where(OutboxEffect.case_id == case.id, OutboxEffect.status.in_(("done", "dead")))
        .values(payload_enc=cipher.encrypt("{}"))
        .execution_options(synchronize_session=False)
    )
    if case.intake_enc is not None:
        items = decrypt_report_items(cipher, case.intake_enc)
        given = [name for name in PERSONAL_ITEMS if getattr(items, name) is not None]
        if given:
            case.intake_enc = encrypt_report_items(cipher, items.model_copy(update=dict.fromkeys(given)))
        counts["items"] = len(given)
    case.flags = {**(case.flags or {}), "personal_data_purged_at": now.isoformat()}
    case.updated_at = now
    if case.complainant_id is not None and not await _complainant_has_kept_cases(session, case):
        complainant = await session.get(Complainant, case.complainant_id)
        if complainant is not None and (complainant.line_user_id_enc or complainant.contact_enc):
            complainant.line_user_id_enc = None
            complainant.contact_enc = None
            counts["complainant"] = 1
    audit.record(
        session,
        at=now,
        actor="retention",
        action="case.personal_data_purged",
        tenant_id=case.tenant_id,
        case_id=case.id,
        after=counts,
    )
    return counts


async def _complainant_has_kept_cases(session: AsyncSession, case: Case) -> bool:
    """Another case of the same complainant that is open or not yet due for purging."""
    others = await session.scalars(
        select(Case).where(Case.complainant_id == case.complainant_id, Case.id != case.id)
    )
    return any("personal_data_purged_at" not in (other.flags or {}) for other in others)


async def purge_tenant(
    session: AsyncSession, cipher: PiiCipher, *, tenant_id: int, closed_before: datetime, now: datetime
) -> int:
    """Purge every case of the tenant closed before `closed_before` and not purged yet; returns how many."""
    due = [
        case
        for case in await session.scalars(
            select(Case).where(
                Case.tenant_id == tenant_id, Case.closed_at.is_not(None), Case.closed_at <= closed_before
            )
        )
        if "personal_data_purged_at" not in (case.flags or {})
    ]
    for case in due:
        await purge_case(session, cipher, case, now=now)
    return len(due)
