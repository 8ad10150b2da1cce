"""Writing effects into the outbox, encrypted, in the caller's transaction.

A message sent to a complainant on its own is also kept among the case's messages (`push_to_complainant`).
"""

from __future__ import annotations

import base64
import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.crypto import PiiCipher
from bot.effects import CASE_CLASSIFY, COMPLAINANT_MESSAGE, SLACK_POST, SLACK_UPDATE, SLACK_UPLOAD
from handlers.slack.blocks import build_alert_blocks
from storage.models import Case, Complainant, Message
from storage.repos import cases, outbox

SLACK_METADATA_EVENT = "kasuhara_effect"
# Short, so that a threat in a further message is still alerted within seconds.
RECLASSIFY_SPACING_SECONDS = 5.0
ALERTS_ORDERING_KEY = "slack:alerts"


def triage_key(case_id: int) -> str:
    """Idempotency key of a case's triage post (the parent of its thread)."""
    return f"triage:{case_id}"


def case_ordering_key(case_id: int) -> str:
    """All Slack posts of a case go out in order."""
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


async def enqueue_slack_post(
    session: AsyncSession,
    cipher: PiiCipher,
    *,
    key: str,
    now: datetime,
    channel: str,
    text: str,
    blocks: list[dict[str, Any]],
    ordering_key: str,
    parent_key: str | None = None,
    tenant_id: int | None = None,
    case_id: int | None = None,
    role: str = "post",
    update: bool = False,
    reply_broadcast: bool = False,
) -> bool:
    """A Slack message (a thread reply when `parent_key` names the parent's effect; with `update`, an
    edit of that parent in place)."""
    payload = slack_post_payload(
        key=key, channel=channel, text=text, blocks=blocks, role=role, reply_broadcast=reply_broadcast
    )
    return await enqueue_effect(
        session,
        cipher,
        key=key,
        kind=SLACK_UPDATE if update else SLACK_POST,
        ordering_key=ordering_key,
        parent_key=parent_key,
        payload=payload,
        tenant_id=tenant_id,
        case_id=case_id,
        now=now,
    )


def slack_post_payload(
    *, key: str, channel: str, text: str, blocks: list[dict[str, Any]], role: str, reply_broadcast: bool
) -> dict[str, Any]:
    """What a Slack post effect carries (the metadata names its key, to find it after an unclear send)."""
    return {
        "channel": channel,
        "text": text,
        "blocks": blocks,
        "role": role,
        "reply_broadcast": reply_broadcast,
        "metadata": {"event_type": SLACK_METADATA_EVENT, "event_payload": {"key": key}},
    }


async def enqueue_slack_upload(
    session: AsyncSession,
    cipher: PiiCipher,
    *,
    key: str,
    now: datetime,
    channel: str,
    filename: str,
    title: str,
    content: bytes,
    initial_comment: str | None,
    ordering_key: str,
    on_dead: list[dict[str, Any]],
    tenant_id: int | None = None,
    case_id: int | None = None,
) -> bool:
    """A file shared into `channel`; `on_dead` are the posts to make if Slack never takes it."""
    payload = {
        "channel": channel,
        "filename": filename,
        "title": title,
        "content_b64": base64.b64encode(content).decode("ascii"),
        "initial_comment": initial_comment,
        "role": "upload",
        "on_dead": on_dead,
        "metadata": {"event_type": SLACK_METADATA_EVENT, "event_payload": {"key": key}},
    }
    return await enqueue_effect(
        session,
        cipher,
        key=key,
        kind=SLACK_UPLOAD,
        ordering_key=ordering_key,
        payload=payload,
        tenant_id=tenant_id,
        case_id=case_id,
        now=now,
    )


async def enqueue_admin_alert(
    session: AsyncSession,
    cipher: PiiCipher,
    settings: Settings,
    *,
    key: str,
    now: datetime,
    text: str,
    tenant_id: int | None = None,
    case_id: int | None = None,
) -> bool:
    """An alert for the desk's admins in the triage channel (mentioning the alert group when set)."""
    body = f"{settings.slack_alert_mention} {text}".strip()
    return await enqueue_slack_post(
        session,
        cipher,
        key=key,
        now=now,
        channel=settings.slack_triage_channel,
        text=body,
        blocks=build_alert_blocks(text=body),
        ordering_key=ALERTS_ORDERING_KEY,
        tenant_id=tenant_id,
        case_id=case_id,
        role="alert",
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
) -> bool:
    """Texts to a complainant through `channel`, at their address `to`, then any messages with choices
    (bot.effects): in reply to the event while the channel still allows it, else on their own."""
    payload = {
        "channel": channel,
        "to": to,
        "messages": [{"text": t} for t in texts] + list(messages or []),
        "reply_token": reply_token,
        "event_time": event_time.isoformat() if event_time else None,
    }
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


async def push_to_complainant(
    session: AsyncSession,
    cipher: PiiCipher,
    *,
    key: str,
    now: datetime,
    case: Case,
    complainant: Complainant,
    text: str,
) -> Message:
    """One text sent to the complainant about `case` through the case's channel, on its own (not a reply),
    kept among the case's messages."""
    assert complainant.line_user_id_enc is not None  # their address on LINE, the only channel so far
    await enqueue_complainant_message(
        session,
        cipher,
        key=key,
        now=now,
        tenant_id=case.tenant_id,
        complainant_id=complainant.id,
        channel=case.channel,
        to=cipher.decrypt(complainant.line_user_id_enc),
        texts=[text],
        reply_token=None,
        event_time=None,
        case_id=case.id,
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
