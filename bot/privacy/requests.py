"""A complainant's rights over their data (個人情報保護法): see everything held about them, have it erased.

`subject_data` gathers, decrypted, what the desk holds about one case or about every case of its
complainant; `erase` removes it as the retention purge does (bot.privacy.retention), refusing while a case is
on legal hold. The caller audits both (the entries say who, which cases and how much, never the data).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.items import decrypt_report_items
from bot.cases.texts import assessment_of, verdict_texts
from bot.crypto import PiiCipher
from bot.privacy.retention import PURGED, Purger, on_legal_hold, purge_case
from storage.models import Case, Complainant, Evidence, Message
from storage.repos import reviews


class PrivacyError(Exception):
    """A request that cannot be carried out, with the reason to show."""


async def cases_in_scope(session: AsyncSession, *, number: str, whole_complainant: bool) -> list[Case]:
    """The case named, or every case of its complainant (oldest first)."""
    case = await reviews.case_by_number(session, number=number)
    if case is None:
        raise PrivacyError(f"no case {number}")
    if not whole_complainant or case.complainant_id is None:
        return [case]
    return list(
        await session.scalars(
            select(Case).where(Case.complainant_id == case.complainant_id).order_by(Case.id)
        )
    )


async def subject_data(session: AsyncSession, cipher: PiiCipher, cases: list[Case]) -> dict[str, Any]:
    """Everything held about the complainant of `cases`, decrypted, as JSON-ready values."""
    complainant_id = cases[0].complainant_id
    complainant = await session.get(Complainant, complainant_id) if complainant_id else None
    return {
        "complainant": _complainant(cipher, complainant),
        "cases": [await _case(session, cipher, case) for case in cases],
    }


def _open(cipher: PiiCipher, token: bytes | None) -> str | None:
    return cipher.decrypt(token) if token is not None else None


def _complainant(cipher: PiiCipher, complainant: Complainant | None) -> dict[str, Any] | None:
    if complainant is None:
        return None
    return {
        "line_user_id": _open(cipher, complainant.line_user_id_enc),
        "contact": _open(cipher, complainant.contact_enc),
        "following": complainant.following,
        "first_seen": complainant.created_at.isoformat(),
    }


async def _case(session: AsyncSession, cipher: PiiCipher, case: Case) -> dict[str, Any]:
    messages = await session.scalars(select(Message).where(Message.case_id == case.id).order_by(Message.id))
    evidence = await session.scalars(
        select(Evidence).where(Evidence.case_id == case.id).order_by(Evidence.id)
    )
    verdicts = await reviews.verdicts_of_case(session, case_id=case.id)
    items = decrypt_report_items(cipher, case.intake_enc) if case.intake_enc is not None else None
    return {
        "number": case.number,
        "channel": case.channel,
        "status": case.status,
        "received_at": case.received_at.isoformat(),
        "closed_at": case.closed_at.isoformat() if case.closed_at else None,
        "personal_data_purged_at": (case.flags or {}).get(PURGED),
        "report_items": items.model_dump(mode="json", exclude_none=True) if items else None,
        "messages": [
            {
                "at": m.created_at.isoformat(),
                "direction": m.direction,
                "kind": m.kind,
                "text": _open(cipher, m.body_enc),
            }
            for m in messages
        ],
        "evidence": [
            {
                "kind": e.kind,
                "status": e.status,
                "content_type": e.content_type,
                "size": e.size,
                "sha256": e.sha256,
                "file_name": _open(cipher, e.file_name_enc),
            }
            for e in evidence
        ],
        "suggested_label": case.suggested_label,
        "assessment": assessment_of(cipher, case),
        "audit_trail": [
            {"at": e.at.isoformat(), "actor": e.actor, "action": e.action, "after": e.after}
            for e in await reviews.audit_trail(session, case_id=case.id)
        ],
        "verdicts": [
            {
                "version": v.version,
                "label": v.label,
                "behaviour_types": v.behaviour_types,
                "opinion": verdict_texts(cipher, v).opinion,
                "decided_at": v.decided_at.isoformat(),
            }
            for v in verdicts
        ],
    }


async def erase(
    session: AsyncSession, purger: Purger, cases: list[Case], *, now: datetime, actor: str
) -> dict[str, int]:
    """Erase the complainant's data from `cases` as the retention purge does; refused (nothing erased)
    while any of them is on legal hold. Returns the summed counts."""
    held = [case.number for case in cases if on_legal_hold(case)]
    if held:
        raise PrivacyError(f"on legal hold (reported to the police): {', '.join(held)}; lift the hold first")
    totals: dict[str, int] = {"cases": 0}
    for case in cases:
        if PURGED in (case.flags or {}):
            continue
        for name, count in (await purge_case(session, purger, case, now=now, actor=actor)).items():
            totals[name] = totals.get(name, 0) + count
        totals["cases"] += 1
    return totals
