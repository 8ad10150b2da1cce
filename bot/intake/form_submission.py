"""One stored web form submission turned into a case: the items as the complainant gave them, their words
for the classifier, the attachments as evidence, the triage post (one transaction, no network).

The form itself is the acknowledgement (its confirmation page shows the case number), so nothing is sent
to the complainant here.
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

import phonenumbers
from sqlalchemy.ext.asyncio import AsyncSession

from bot.blobs import BlobStore
from bot.cases.items import ReportItems
from bot.intake.complete_case import add_inbound, open_complete_case
from bot.intake.context import IntakeContext
from bot.intake.media import StoredMedia, record_evidence
from bot.outbox.enqueue import enqueue_classification
from storage.models import Case, Complainant
from storage.repos import cases

WEB = "web"  # the inbox source and the case channel


def submission_source_id(submission_id: str) -> str:
    """The source id of a submission's first message, by which its confirmation page finds the case."""
    return f"web:{submission_id}"


async def keep_attachments(blobs: BlobStore, submission: dict[str, Any]) -> list[StoredMedia]:
    """The submission's attachments put in the blob store (before the transaction: a store may be
    remote; a second put of the same bytes changes nothing)."""
    kept: list[StoredMedia] = []
    for attachment in submission.get("attachments") or []:
        data = base64.b64decode(attachment["data"])
        key = await blobs.put(data)
        kept.append(
            StoredMedia(
                kind=str(attachment["kind"]),
                status="stored",
                blob_key=key,
                size=len(data),
                content_type=str(attachment["content_type"]),
                file_name=str(attachment.get("name") or ""),
            )
        )
    return kept


async def process_form_submission(
    session: AsyncSession, ctx: IntakeContext, submission: dict[str, Any], attachments: list[StoredMedia]
) -> Case:
    """Open the submission's case with everything it brought."""
    items = ReportItems.model_validate(submission["items"])
    submitted_at = datetime.fromisoformat(submission["submitted_at"])
    what = items.what_happened or ""
    case, first = await open_complete_case(
        session,
        ctx,
        complainant=await _complainant_for(session, ctx, items),
        channel=WEB,
        actor=WEB,
        received_at=submitted_at,
        items=items,
        audited={"attachments": len(attachments)},
        first_kind="text",
        first_body=what,
        source_id=submission_source_id(submission["submission"]),
        triage_body=what,
    )
    if items.wanted:
        await add_inbound(session, ctx, case, kind="text", body=items.wanted, at=submitted_at)
    for media in attachments:
        message = await add_inbound(session, ctx, case, kind=media.kind, body=None, at=submitted_at)
        await record_evidence(
            session, ctx.cipher, ctx.settings, case=case, message_row_id=message, stored=media, now=ctx.now
        )
    await enqueue_classification(
        session, ctx.cipher, case_id=case.id, message_id=first, tenant_id=ctx.tenant.id, now=ctx.now
    )
    return case


def contact_key(items: ReportItems) -> str | None:
    """The complainant's e-mail address (lower case) or else phone number (E.164), as one key whatever
    way in they gave it."""
    if items.email:
        return f"contact:email:{items.email.lower()}"
    if items.phone:
        try:
            number = phonenumbers.parse(items.phone, "JP")
        except phonenumbers.NumberParseException:
            return f"contact:phone:{items.phone}"
        return "contact:phone:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


async def _complainant_for(session: AsyncSession, ctx: IntakeContext, items: ReportItems) -> Complainant:
    """The person who wrote, known again by their e-mail address or phone number when they gave one (their
    earlier cases then show in the triage post); otherwise someone new."""
    contact = contact_key(items)
    contact_hash = ctx.cipher.lookup_hash(contact) if contact else None
    if contact_hash is not None:
        found = await cases.complainant_by_contact_hash(
            session, tenant_id=ctx.tenant.id, contact_hash=contact_hash
        )
        if found is not None:
            return found
    return await cases.add_contact_complainant(
        session, tenant_id=ctx.tenant.id, contact_hash=contact_hash, now=ctx.now
    )
