"""One stored mail turned into case state (one transaction, no network): a new case or a reply joining
its case, the whole mail and its files as evidence, the acknowledgement when one may be sent, or, for a
bounce or an automatic reply, no case and a note in the case it answers."""

from __future__ import annotations

import asyncio
import base64
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.blobs import BlobStore
from bot.cases.lifecycle import ENDED_STATUSES
from bot.cases.triage import enqueue_thread_note
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.intake.complete_case import add_inbound, open_complete_case
from bot.intake.context import IntakeContext
from bot.intake.follow_ups import note_follow_up
from bot.intake.mail_parse import AUTO_REPLY, BOUNCE, ParsedMail, parse_mail
from bot.intake.mail_row import MAIL, contact_hash_of
from bot.intake.media import StoredMedia, evidence_row, record_evidence
from bot.jst import format_jst
from bot.mail_ids import case_of_desk_message_id, desk_message_id
from bot.outbox.enqueue import enqueue_classification, enqueue_complainant_message
from bot.texts import desk_text, policy_text, text
from storage.models import Case, Complainant, Message
from storage.repos import audit, cases

MAIL_BODY = "mail_body"  # the whole text of a mail as written (not classified: quotes, signature)
EML_NAME = "mail.eml"
_MEDIA_KINDS = {"image": "image", "video": "video", "audio": "audio"}


def mail_source_id(cipher: PiiCipher, message_id: str) -> str:
    """The source id of an inbound mail's message: a keyed hash of its Message-ID (an id may be longer
    than the column, and may name the sender's address)."""
    return "mail:" + cipher.lookup_hash("mail-id:" + message_id.strip())[:40]


def _raw(event: dict[str, Any]) -> bytes:
    return base64.b64decode(event["raw_b64"])


async def keep_mail_attachments(
    blobs: BlobStore, event: dict[str, Any], settings: Settings
) -> list[StoredMedia]:
    """The whole mail (first) and its files put in the blob store, before the transaction; a file over
    the media limit is not kept. A mail that opens no case (a bounce, an automatic reply) keeps nothing."""
    raw = _raw(event)
    parsed = await asyncio.to_thread(parse_mail, raw)
    if parsed.kind in (BOUNCE, AUTO_REPLY):
        return []
    kept = [await _keep(blobs, settings, kind="file", data=raw, content_type="message/rfc822", name=EML_NAME)]
    for attachment in parsed.attachments:
        kind = _MEDIA_KINDS.get(attachment.content_type.split("/")[0], "file")
        kept.append(
            await _keep(
                blobs,
                settings,
                kind=kind,
                data=attachment.data,
                content_type=attachment.content_type,
                name=attachment.name,
            )
        )
    return kept


async def _keep(
    blobs: BlobStore, settings: Settings, *, kind: str, data: bytes, content_type: str, name: str
) -> StoredMedia:
    if len(data) > settings.media_max_bytes:
        return StoredMedia(
            kind=kind,
            status="too_large",
            blob_key=None,
            size=len(data),
            content_type=content_type,
            file_name=name,
        )
    key = await blobs.put(data)
    return StoredMedia(
        kind=kind, status="stored", blob_key=key, size=len(data), content_type=content_type, file_name=name
    )


@dataclass(frozen=True)
class _Mail:
    """The mail being applied and what processing it needs."""

    session: AsyncSession
    ctx: IntakeContext
    parsed: ParsedMail
    received_at: datetime
    source_id: str | None


async def process_mail(
    session: AsyncSession, ctx: IntakeContext, event: dict[str, Any], attachments: list[StoredMedia]
) -> Case | None:
    """Apply one stored mail (`attachments` as keep_mail_attachments kept them); its case, if any."""
    parsed = await asyncio.to_thread(parse_mail, _raw(event))  # a large mail takes a moment
    received_at = datetime.fromisoformat(event["fetched_at"])
    source_id = mail_source_id(ctx.cipher, parsed.message_id) if parsed.message_id else None
    mail = _Mail(session, ctx, parsed, received_at, source_id)
    if parsed.kind in (BOUNCE, AUTO_REPLY):
        await _on_automatic(mail)
        return None
    if source_id is not None:
        seen = await cases.inbound_message_by_source_id(
            session, tenant_id=ctx.tenant.id, source_message_id=source_id
        )
        if seen is not None:  # the same mail again (fetched twice, or sent to two of the desk's addresses)
            _audit(mail, "mail.duplicate", case_id=seen.case_id)
            return None
    complainant = await _complainant_for(mail)
    case = await _case_it_answers(mail, complainant)
    if case is None:
        case = await _open_case(mail, complainant, attachments)
        is_new = True
    else:
        await _join_case(mail, case, attachments)
        is_new = False
    await _acknowledge(mail, case, complainant, is_new=is_new)
    return case


async def _complainant_for(mail: _Mail) -> Complainant:
    """The sender, known again by their address (the web form's key: one person, one complainant)."""
    ctx, address = mail.ctx, mail.parsed.from_address
    if address is None:
        return await cases.add_contact_complainant(
            mail.session, tenant_id=ctx.tenant.id, contact_hash=None, now=ctx.now
        )
    contact_hash = contact_hash_of(ctx.cipher, address)
    found = await cases.complainant_by_contact_hash(
        mail.session, tenant_id=ctx.tenant.id, contact_hash=contact_hash
    )
    complainant = found or await cases.add_contact_complainant(
        mail.session, tenant_id=ctx.tenant.id, contact_hash=contact_hash, now=ctx.now
    )
    complainant.contact_enc = ctx.cipher.encrypt(address)  # where the desk answers them by mail
    return complainant


async def _case_it_answers(mail: _Mail, complainant: Complainant | None) -> Case | None:
    """The tenant's open case this mail replies to: one of the desk's own mails about it (a keyed id,
    which nobody else can make), or the same sender's earlier mail on it; None for a forged or foreign id."""
    ctx = mail.ctx
    for named in mail.parsed.named_ids():
        case_id = case_of_desk_message_id(ctx.cipher, named, domain=ctx.settings.mail_domain)
        if case_id is None and complainant is not None:
            earlier = await cases.inbound_message_by_source_id(
                mail.session, tenant_id=ctx.tenant.id, source_message_id=mail_source_id(ctx.cipher, named)
            )
            if earlier is not None and earlier.complainant_id == complainant.id:
                case_id = earlier.case_id
        if case_id is None:
            continue
        case = await cases.case_by_id(mail.session, case_id=case_id)
        if case is not None and case.tenant_id == ctx.tenant.id and case.status not in ENDED_STATUSES:
            return case
    return None


def _classified_text(parsed: ParsedMail, *, with_subject: bool) -> str:
    words = parsed.text
    if with_subject and parsed.subject:
        words = f"{parsed.subject}\n\n{words}" if words else parsed.subject
    return words


async def _open_case(mail: _Mail, complainant: Complainant, attachments: list[StoredMedia]) -> Case:
    session, ctx = mail.session, mail.ctx
    words = _classified_text(mail.parsed, with_subject=True)
    case, first = await open_complete_case(
        session,
        ctx,
        complainant=complainant,
        channel=MAIL,
        actor=MAIL,
        received_at=mail.received_at,
        items=None,
        audited={"attachments": max(len(attachments) - 1, 0)},  # the whole mail (first) is no attachment
        first_kind="text",
        first_body=words,
        source_id=mail.source_id,
        triage_body=words,
    )
    await _keep_on_case(mail, case, attachments)
    await enqueue_classification(
        session, ctx.cipher, case_id=case.id, message_id=first, tenant_id=ctx.tenant.id, now=ctx.now
    )
    return case


async def _join_case(mail: _Mail, case: Case, attachments: list[StoredMedia]) -> None:
    """A reply on its case, like a LINE follow-up: kept, in the thread (batched), classified again."""
    session, ctx = mail.session, mail.ctx
    words = _classified_text(mail.parsed, with_subject=False)
    case.last_message_at = max(case.last_message_at, mail.received_at)
    case.updated_at = ctx.now
    stored = await add_inbound(
        mail.session, mail.ctx, case, kind="text", body=words, at=mail.received_at, source_id=mail.source_id
    )
    await note_follow_up(
        session,
        ctx.cipher,
        ctx.settings,
        case=case,
        message_id=stored,
        body=words,
        received_at=mail.received_at,
        now=ctx.now,
    )
    audit.record(
        session, at=ctx.now, actor=MAIL, action="mail.follow_up", tenant_id=ctx.tenant.id, case_id=case.id
    )
    await _keep_on_case(mail, case, attachments)
    await enqueue_classification(
        session, ctx.cipher, case_id=case.id, message_id=stored, tenant_id=ctx.tenant.id, now=ctx.now
    )


async def _keep_on_case(mail: _Mail, case: Case, attachments: list[StoredMedia]) -> None:
    """The whole body and the whole mail (not shown in Slack: it carries the sender's address), what
    could not be read, then each file as evidence shared in the thread (or why it was not kept)."""
    session, ctx, parsed = mail.session, mail.ctx, mail.parsed
    whole = await add_inbound(session, ctx, case, kind=MAIL_BODY, body=parsed.body, at=mail.received_at)
    key = f"mail-note:{ctx.inbox_id}"
    if attachments:
        _keep_eml(mail, case, whole, attachments[0])
    notes = [desk_text(f"thread.mail_{note}") for note in parsed.notes]
    if attachments and attachments[0].status == "stored":
        notes.append(desk_text("thread.mail_eml_kept"))
    elif attachments:
        notes.append(desk_text("thread.mail_eml_too_large", limit=ctx.settings.media_max_bytes / 2**20))
    if notes:
        heading = desk_text("thread.mail_received")
        await enqueue_thread_note(
            session, ctx.cipher, case=case, key=key, heading=heading, body="\n".join(notes), now=ctx.now
        )
    for media in attachments[1:]:
        message = await add_inbound(session, ctx, case, kind=media.kind, body=None, at=mail.received_at)
        await record_evidence(
            session, ctx.cipher, ctx.settings, case=case, message_row_id=message, stored=media, now=ctx.now
        )


def _keep_eml(mail: _Mail, case: Case, message_row_id: int, eml: StoredMedia) -> None:
    row = evidence_row(
        mail.ctx.cipher, case=case, message_row_id=message_row_id, stored=eml, now=mail.ctx.now
    )
    mail.session.add(row)


async def _on_automatic(mail: _Mail) -> None:
    """A bounce or an automatic reply: no case and no answer (no mail loop); a note in the case whose
    mail it answers, when it names one of the desk's."""
    ctx, parsed = mail.ctx, mail.parsed
    case = None
    for named in parsed.named_ids():
        case_id = case_of_desk_message_id(ctx.cipher, named, domain=ctx.settings.mail_domain)
        found = await cases.case_by_id(mail.session, case_id=case_id) if case_id is not None else None
        if found is not None and found.tenant_id == ctx.tenant.id:
            case = found
            break
    _audit(mail, f"mail.{parsed.kind}", case_id=case.id if case else None, reasons=parsed.no_answer)
    if case is not None:
        heading = desk_text(f"thread.mail_came_back_{parsed.kind}", received=format_jst(mail.received_at))
        await enqueue_thread_note(
            mail.session,
            ctx.cipher,
            case=case,
            key=f"mail-auto:{ctx.inbox_id}",
            heading=heading,
            body=None,
            now=ctx.now,
        )


def _audit(mail: _Mail, action: str, *, case_id: int | None, reasons: list[str] | None = None) -> None:
    after: dict[str, Any] = {"inbox_id": mail.ctx.inbox_id}
    if reasons:
        after["reasons"] = reasons
    audit.record(
        mail.session,
        at=mail.ctx.now,
        actor=MAIL,
        action=action,
        tenant_id=mail.ctx.tenant.id,
        case_id=case_id,
        after=after,
    )


async def _acknowledge(mail: _Mail, case: Case, complainant: Complainant, *, is_new: bool) -> None:
    """The acknowledgement by mail, unless the mail must get no automatic answer (RFC 3834) or the
    sender was answered by mail a short while ago."""
    session, ctx, parsed = mail.session, mail.ctx, mail.parsed
    reasons = list(parsed.no_answer)
    if not reasons and await _answered_recently(session, complainant, ctx):
        reasons.append("interval")
    if reasons or parsed.from_address is None:
        _audit(mail, "mail.ack_withheld", case_id=case.id, reasons=reasons)
        return
    language = ctx.tenant.language
    opening = text(
        language, "ack.mail" if is_new else "ack.mail_follow_up", tenant=ctx.tenant.name, number=case.number
    )
    body = (
        f"{opening}\n\n{policy_text(language, tenant=ctx.tenant.name)}\n\n{text(language, 'ack.mail_footer')}"
    )
    key = f"mail:inbox:{ctx.inbox_id}"
    references = [*parsed.references, *([parsed.message_id] if parsed.message_id else [])]
    subject = parsed.subject.strip()
    if not subject:
        subject = text(language, "ack.mail_subject", tenant=ctx.tenant.name, number=case.number)
    elif not subject.lower().startswith("re:"):
        subject = f"Re: {subject}"
    await enqueue_complainant_message(
        session,
        ctx.cipher,
        key=key,
        now=ctx.now,
        tenant_id=ctx.tenant.id,
        complainant_id=complainant.id,
        channel=MAIL,
        to=parsed.from_address,
        texts=[body],
        reply_token=None,
        event_time=None,
        case_id=case.id,
        mail={
            "subject": subject,
            "message_id": desk_message_id(
                ctx.cipher, case_id=case.id, key=key, domain=ctx.settings.mail_domain
            ),
            "in_reply_to": parsed.message_id,
            "references": list(dict.fromkeys(references)),
            "auto_reply": True,
        },
    )
    await cases.add_message(
        session,
        tenant_id=ctx.tenant.id,
        case_id=case.id,
        complainant_id=complainant.id,
        direction="out",
        kind="text",
        body_enc=ctx.cipher.encrypt(body),
        source_message_id=None,
        at=ctx.now,
    )


async def _answered_recently(session: AsyncSession, complainant: Complainant, ctx: IntakeContext) -> bool:
    last = await session.scalar(
        select(Message.created_at)
        .where(Message.complainant_id == complainant.id, Message.direction == "out")
        .order_by(Message.created_at.desc())
        .limit(1)
    )
    interval = timedelta(seconds=ctx.settings.mail_ack_interval_seconds)
    return last is not None and ctx.now - last < interval
