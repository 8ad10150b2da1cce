"""Putting a report into the outbox: the message, and a file uploaded after it (with a fallback)."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.crypto import PiiCipher
from bot.effects import SLACK_UPLOAD
from bot.enqueue import ALERTS_ORDERING_KEY, SLACK_METADATA_EVENT, enqueue_effect, enqueue_slack_post
from handlers.slack.blocks import build_alert_blocks


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
