"""Writing effects into the outbox, encrypted, in the caller's transaction.

A message sent to a complainant on its own is also kept among the case's messages (`push_to_complainant`).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.crypto import PiiCipher
from bot.mail_ids import desk_message_id
from bot.outbox.effects import CASE_CLASSIFY, COMPLAINANT_MESSAGE, LINE, MAIL
from bot.texts import text as catalog_text
from storage.models import Case, Complainant, Message, Tenant
from storage.repos import cases, outbox

# Short, so that a threat in a further message is still alerted within seconds.
RECLASSIFY_SPACING_SECONDS = 5.0


def triage_key(case_id: int) -> str:
    """Idempotency key of a case's triage post (the parent of its thread)."""
    return f"triage:{case_id}"


def case_ordering_key(case_id: int) -> str:
    """All the desk's posts of a case go out in order (named "slack:" since the first version)."""
    return f"slack:case:{case_id}"


async def enqueue_effect(
    session: AsyncSession,
    cipher: PiiCipher,
    *,
    key: str,
    kind: str,
    ordering_key: str,
    payload: dict[str, Any],
    now: datetime,
    parent_key: str | None = None,
    tenant_id: int | None = None,
    case_id: int | None = None,
    not_before: datetime | None = None,
) -> bool:
    """An effect of any kind with its payload encrypted; True if added (False: the key exists)."""
    return await outbox.enqueue(
        session,
        outbox.NewEffect(
            key=key,
            kind=kind,
            ordering_key=ordering_key,
            parent_key=parent_key,
            payload_enc=cipher.encrypt(json.dumps(payload, ensure_ascii=False)),
            tenant_id=tenant_id,
            case_id=case_id,
            not_before=not_before,
        ),
        now=now,
    )


def complainant_ordering_key(complainant_id: int) -> str:
    """Everything sent to one complainant goes out in order (the key is named as the first version
    named it, so that rows queued before an upgrade keep their place)."""
    return f"line:{complainant_id}"


async def enqueue_complainant_message(
    session: AsyncSession,
    cipher: PiiCipher,
    *,
    key: str,
    now: datetime,
    tenant_id: int,
    complainant_id: int,
    channel: str,
    to: str,
    texts: list[str],
    reply_token: str | None,
    event_time: datetime | None,
    case_id: int | None = None,
    messages: list[dict[str, Any]] | None = None,
    mail: dict[str, Any] | None = None,
) -> bool:
    """Texts to a complainant through `channel`, at their address `to`, then any messages with choices
    (bot.outbox.effects): in reply to the event while the channel still allows it, else on their own;
    `mail`: the headers of a mail (subject, message_id, in_reply_to, references, auto_reply)."""
    payload: dict[str, Any] = {
        "channel": channel,
        "to": to,
        "messages": [{"text": t} for t in texts] + list(messages or []),
        "reply_token": reply_token,
        "event_time": event_time.isoformat() if event_time else None,
    }
    if mail is not None:
        payload["mail"] = mail
    return await enqueue_effect(
        session,
        cipher,
        key=key,
        kind=COMPLAINANT_MESSAGE,
        ordering_key=complainant_ordering_key(complainant_id),
        payload=payload,
        tenant_id=tenant_id,
        case_id=case_id,
        now=now,
    )


def reachable(case: Case, complainant: Complainant) -> bool:
    """Whether the desk can write to the complainant on the case's channel (a LINE friend, or a mail
    complainant's address; a voicemail or a web form without an address cannot be answered)."""
    if case.channel == MAIL:
        return complainant.contact_enc is not None
    return case.channel == LINE and complainant.line_user_id_enc is not None and complainant.following


async def push_to_complainant(
    session: AsyncSession,
    cipher: PiiCipher,
    *,
    key: str,
    now: datetime,
    case: Case,
    complainant: Complainant,
    text: str,
    mail_domain: str,
    automatic: bool = False,
) -> Message:
    """One text sent to the complainant about `case` through the case's channel, on its own (not a reply),
    kept among the case's messages. `mail_domain`: that of the desk's Message-IDs (MAIL_DOMAIN);
    `automatic`: sent by the desk's machinery, not a person (a mail is then marked as an automatic reply).
    The caller checks `reachable` first."""
    mail: dict[str, Any] | None = None
    if case.channel == MAIL:
        assert complainant.contact_enc is not None
        to = cipher.decrypt(complainant.contact_enc)
        tenant = await session.get(Tenant, case.tenant_id)
        language, name = (tenant.language, tenant.name) if tenant else ("ja", "")
        # No In-Reply-To: their own Message-IDs are kept only hashed; a reply to this one names the
        # desk's id, which leads back to the case (bot.mail_ids).
        mail = {
            "subject": catalog_text(language, "mail.subject_message", number=case.number, tenant=name),
            "message_id": desk_message_id(cipher, case_id=case.id, key=key, domain=mail_domain),
            "in_reply_to": None,
            "references": [],
            "auto_reply": automatic,
        }
    else:
        assert complainant.line_user_id_enc is not None
        to = cipher.decrypt(complainant.line_user_id_enc)
    await enqueue_complainant_message(
        session,
        cipher,
        key=key,
        now=now,
        tenant_id=case.tenant_id,
        complainant_id=complainant.id,
        channel=case.channel,
        to=to,
        texts=[text],
        reply_token=None,
        event_time=None,
        case_id=case.id,
        mail=mail,
    )
    return await cases.add_message(
        session,
        tenant_id=case.tenant_id,
        case_id=case.id,
        complainant_id=complainant.id,
        direction="out",
        kind="text",
        body_enc=cipher.encrypt(text),
        source_message_id=None,
        at=now,
    )


async def enqueue_classification(
    session: AsyncSession, cipher: PiiCipher, *, case_id: int, message_id: int, tenant_id: int, now: datetime
) -> bool:
    """Classify a case again now that it has a new message (in the background, never in intake).

    The engine reads all the case's words when it runs, so a classification still waiting covers this
    message too, and one follows another only after RECLASSIFY_SPACING_SECONDS: a flood of messages is
    classified every few seconds, not once per message.
    """
    ordering_key = f"classify:case:{case_id}"
    latest = await outbox.latest_of(session, ordering_key=ordering_key, lock=True)
    if latest is not None and outbox.untouched(latest):
        return False
    spacing = timedelta(seconds=RECLASSIFY_SPACING_SECONDS)
    return await enqueue_effect(
        session,
        cipher,
        key=f"classify:{case_id}:{message_id}",
        kind=CASE_CLASSIFY,
        ordering_key=ordering_key,
        not_before=latest.next_attempt_at + spacing if latest is not None else None,
        payload={"case_id": case_id},
        tenant_id=tenant_id,
        case_id=case_id,
        now=now,
    )
