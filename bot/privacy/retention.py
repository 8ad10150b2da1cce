"""Purging a complainant's personal data some days after a case closes; the case and its counts stay.

Everywhere it was copied: the message bodies, the report items that identify, the assessment's text (its
label, types, confidence and engine stay), the sent effects' payloads, the media blobs, the complainant's
LINE id and contact (once no case of theirs is kept), and the desk's copies in Slack
(bot.privacy.retention_copies).
Raw inbound events are dropped on their own schedule (`purge_raw_events`). A case reported to the police
is kept until a reviewer lifts the hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.blobs import BlobStore
from bot.cases.items import decrypt_report_items, encrypt_report_items
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.privacy.retention_copies import purge_slack_copies
from storage.models import Case, Complainant, Evidence, InboxEvent, Message, OutboxEffect
from storage.repos import audit, inbox

PERSONAL_ITEMS = ("name", "phone", "email")
PURGED = "personal_data_purged_at"  # case.flags


@dataclass(frozen=True)
class Purger:
    """What a purge needs besides the session."""

    cipher: PiiCipher
    settings: Settings
    blobs: BlobStore


def on_legal_hold(case: Case) -> bool:
    """A case reported to the police is kept whole until a reviewer lifts the hold."""
    flags = case.flags or {}
    return bool(flags.get("police_reported")) and not flags.get("legal_hold_lifted_at")


async def purge_case(
    session: AsyncSession, purger: Purger, case: Case, *, now: datetime, actor: str = "retention"
) -> dict[str, int]:
    """Drop the personal data of one case everywhere it was copied (at retention, or at the complainant's
    request). Audit-logged with the counts."""
    cipher = purger.cipher
    counts = {"messages": 0, "items": 0, "complainant": 0, "evidence": 0, "assessment": 0}
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
    counts["evidence"] = await _purge_evidence(session, purger.blobs, case)
    if case.intake_enc is not None:
        items = decrypt_report_items(cipher, case.intake_enc)
        given = [name for name in PERSONAL_ITEMS if getattr(items, name) is not None]
        if given:
            case.intake_enc = encrypt_report_items(cipher, items.model_copy(update=dict.fromkeys(given)))
        counts["items"] = len(given)
    if case.assessment_enc is not None:
        # The assessment quotes the complainant's words; its label, types, confidence and engine stay.
        case.assessment_enc = None
        counts["assessment"] = 1
    counts.update(await purge_slack_copies(session, cipher, case, now=now))
    case.flags = {**(case.flags or {}), PURGED: now.isoformat()}
    case.updated_at = now
    if case.complainant_id is not None and not await _complainant_has_kept_cases(session, case):
        complainant = await session.get(Complainant, case.complainant_id)
        if complainant is not None and (
            complainant.line_user_id_enc or complainant.contact_enc or complainant.contact_hash
        ):
            complainant.line_user_id_enc = None
            complainant.contact_enc = None
            # The keyed hash of their e-mail address or phone number goes too: nothing links them again.
            complainant.contact_hash = None
            counts["complainant"] = 1
    # The values of the case's audit entries may quote the complainant: they go, their chain stays.
    counts["audit_values"] = await audit.drop_values(session, case.id)
    audit.record(
        session,
        at=now,
        actor=actor,
        action=audit.VALUES_PURGED,
        tenant_id=case.tenant_id,
        case_id=case.id,
        after=counts,
    )
    return counts


async def _purge_evidence(session: AsyncSession, blobs: BlobStore, case: Case) -> int:
    """The case's media: its blobs deleted (unless the same bytes are evidence of a case still kept)."""
    kept = list(
        await session.scalars(
            select(Evidence).where(Evidence.case_id == case.id, Evidence.status != "purged")
        )
    )
    for evidence in kept:
        if evidence.blob_key is not None:
            shared = await session.scalar(
                select(Evidence.id).where(
                    Evidence.blob_key == evidence.blob_key,
                    Evidence.case_id != case.id,
                    Evidence.status != "purged",
                )
            )
            if shared is None:
                await blobs.delete(evidence.blob_key)
        evidence.blob_key = None
        evidence.file_name_enc = None
        evidence.status = "purged"
    return len(kept)


async def _complainant_has_kept_cases(session: AsyncSession, case: Case) -> bool:
    """Another case of the same complainant that is open or not yet due for purging."""
    others = await session.scalars(
        select(Case).where(Case.complainant_id == case.complainant_id, Case.id != case.id)
    )
    return any(PURGED not in (other.flags or {}) for other in others)


async def purge_tenant(
    session: AsyncSession, purger: Purger, *, tenant_id: int, closed_before: datetime, now: datetime
) -> int:
    """Purge every case of the tenant closed before `closed_before`, not purged yet and not on legal hold;
    returns how many."""
    due = [
        case
        for case in await session.scalars(
            select(Case).where(
                Case.tenant_id == tenant_id, Case.closed_at.is_not(None), Case.closed_at <= closed_before
            )
        )
        if PURGED not in (case.flags or {}) and not on_legal_hold(case)
    ]
    for case in due:
        await purge_case(session, purger, case, now=now)
    return len(due)


async def purge_raw_events(
    session: AsyncSession, *, tenant_id: int, processed_before: datetime, kept_aside_before: datetime
) -> int:
    """Raw inbound events (sealed, in the inbox): processed ones are dropped once `processed_before`
    (their content lives on in the cases, which have their own retention); those kept aside for the
    admins once received before `kept_aside_before`. Returns how many."""
    done = await session.execute(
        delete(InboxEvent).where(
            InboxEvent.tenant_id == tenant_id,
            InboxEvent.status == inbox.DONE,
            InboxEvent.processed_at < processed_before,
        )
    )
    aside = await session.execute(
        delete(InboxEvent).where(
            InboxEvent.tenant_id == tenant_id,
            InboxEvent.status.in_(inbox.SET_ASIDE),
            InboxEvent.received_at < kept_aside_before,
        )
    )
    return int(getattr(done, "rowcount", 0) or 0) + int(getattr(aside, "rowcount", 0) or 0)
