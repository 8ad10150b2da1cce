"""Writing the desk's effects (bot.outbox.effects): views posted in a place, edits of a post, files shared.

They say what the desk's people are to see and where, never how: the desk's sender draws each view.
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.crypto import PiiCipher
from bot.outbox.effects import ALERTS_CHANNEL, DESK_POST, DESK_UPDATE, DESK_UPLOAD, NOTICE, place
from bot.outbox.enqueue import enqueue_effect

ALERTS_ORDERING_KEY = "slack:alerts"  # named so since the first version (rows queued keep their place)


def desk_post_payload(
    *,
    to: dict[str, Any],
    view: str,
    data: dict[str, Any],
    text: str,
    alert: bool = False,
    also_in_channel: bool = False,
    remember_as: str | None = None,
) -> dict[str, Any]:
    """What a `desk.post` effect carries (bot.outbox.effects)."""
    payload: dict[str, Any] = {"to": to, "view": view, "data": data, "text": text}
    if alert:
        payload["alert"] = True
    if also_in_channel:
        payload["also_in_channel"] = True
    if remember_as is not None:
        payload["remember_as"] = remember_as
    return payload


async def enqueue_desk_post(
    session: AsyncSession,
    cipher: PiiCipher,
    *,
    key: str,
    now: datetime,
    to: dict[str, Any],
    view: str,
    data: dict[str, Any],
    text: str,
    ordering_key: str,
    parent_key: str | None = None,
    tenant_id: int | None = None,
    case_id: int | None = None,
    alert: bool = False,
    also_in_channel: bool = False,
    remember_as: str | None = None,
) -> bool:
    """A view posted in a place of the desk's (in a thread: `parent_key` names the effect that made its
    post); `text` is its plain summary (for notifications)."""
    payload = desk_post_payload(
        to=to,
        view=view,
        data=data,
        text=text,
        alert=alert,
        also_in_channel=also_in_channel,
        remember_as=remember_as,
    )
    return await enqueue_effect(
        session,
        cipher,
        key=key,
        kind=DESK_POST,
        ordering_key=ordering_key,
        parent_key=parent_key,
        payload=payload,
        tenant_id=tenant_id,
        case_id=case_id,
        now=now,
    )


async def enqueue_desk_notice(
    session: AsyncSession,
    cipher: PiiCipher,
    *,
    key: str,
    now: datetime,
    to: dict[str, Any],
    text: str,
    ordering_key: str,
    parent_key: str | None = None,
    tenant_id: int | None = None,
    case_id: int | None = None,
    alert: bool = False,
    also_in_channel: bool = False,
) -> bool:
    """A short text (an alert, a note in a thread) posted in a place of the desk's."""
    return await enqueue_desk_post(
        session,
        cipher,
        key=key,
        now=now,
        to=to,
        view=NOTICE,
        data={"text": text},
        text=text,
        ordering_key=ordering_key,
        parent_key=parent_key,
        tenant_id=tenant_id,
        case_id=case_id,
        alert=alert,
        also_in_channel=also_in_channel,
    )


async def enqueue_desk_update(
    session: AsyncSession,
    cipher: PiiCipher,
    *,
    key: str,
    now: datetime,
    view: str,
    data: dict[str, Any],
    text: str,
    ordering_key: str,
    parent_key: str,
    tenant_id: int | None = None,
    case_id: int | None = None,
) -> bool:
    """The post made by the effect `parent_key` edited in place to show a view."""
    return await enqueue_effect(
        session,
        cipher,
        key=key,
        kind=DESK_UPDATE,
        ordering_key=ordering_key,
        parent_key=parent_key,
        payload={"view": view, "data": data, "text": text},
        tenant_id=tenant_id,
        case_id=case_id,
        now=now,
    )


async def enqueue_desk_upload(
    session: AsyncSession,
    cipher: PiiCipher,
    *,
    key: str,
    now: datetime,
    to: dict[str, Any],
    name: str,
    title: str,
    content: bytes,
    comment: str | None,
    ordering_key: str,
    on_dead: list[dict[str, Any]],
    tenant_id: int | None = None,
    case_id: int | None = None,
) -> bool:
    """A file shared in a place of the desk's; `on_dead` are the notices to post if it is never taken."""
    payload = {
        "to": to,
        "file": {
            "name": name,
            "title": title,
            "content_b64": base64.b64encode(content).decode("ascii"),
            "comment": comment,
        },
        "on_dead": on_dead,
    }
    return await enqueue_effect(
        session,
        cipher,
        key=key,
        kind=DESK_UPLOAD,
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
    """An alert for the desk's admins in the alerts channel (mentioning the alert group when set)."""
    body = f"{settings.slack_alert_mention} {text}".strip()
    return await enqueue_desk_notice(
        session,
        cipher,
        key=key,
        now=now,
        to=place(ALERTS_CHANNEL),
        text=body,
        ordering_key=ALERTS_ORDERING_KEY,
        tenant_id=tenant_id,
        case_id=case_id,
        alert=True,
    )
