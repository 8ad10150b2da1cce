"""Shared-account mode: one LINE account serving several clients; the complainant names the client first.

The flyer of each client on a shared account carries its code (and a QR code for
`https://line.me/R/oaMessage/{basic id}/?{code}`, which opens the chat with the code typed in). Until a
complainant has sent a known code, the desk only asks for it; afterwards every event of that complainant is
processed as the chosen client's, exactly as on a client's own account. 「組織を選び直す」 / "change
organisation" asks for a code again.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.crypto import PiiCipher
from bot.inbox.event_time import event_time
from bot.outbox.effects import LINE
from bot.outbox.enqueue import enqueue_complainant_message
from storage.models import Complainant, Tenant
from storage.repos import audit, cases, dialogues

CHANGE_WORDS = {"組織を選び直す", "組織を変更", "change organisation", "change organization"}
ASK_CODE = {
    "ja": (
        "こちらは複数の団体のご意見を受け付ける共通の窓口です。"
        "お手元のチラシに記載の「窓口コード」を送ってください（例: SAKURA1）。\n"
        "This desk serves several organisations. Please send the code printed on your flyer."
    ),
    "en": (
        "This desk serves several organisations. Please send the code printed on your flyer (e.g. SAKURA1).\n"
        "複数の団体の共通窓口です。チラシに記載の窓口コードを送ってください。"
    ),
}
UNKNOWN_CODE = {
    "ja": "「{code}」に当たる窓口が見つかりませんでした。チラシの窓口コードをご確認ください。",
    "en": 'We could not find an organisation with the code "{code}". Please check the code on your flyer.',
}
CONNECTED = {
    "ja": "{tenant}の窓口におつなぎしました。ご意見の内容を、このトークに文章でお送りください。",
    "en": "You are now connected to the desk for {tenant}. Please write what happened in this chat.",
}


@dataclass
class Routed:
    """The client to process the event as, and the event (its text without the code, when both came)."""

    tenant: Tenant
    event: dict[str, Any]


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


async def _members(session: AsyncSession, account: Tenant) -> list[Tenant]:
    rows = await session.scalars(
        select(Tenant).where(Tenant.shared_line_account == account.slug, Tenant.active.is_(True))
    )
    return list(rows)


async def route(
    session: AsyncSession,
    *,
    account: Tenant,
    cipher: PiiCipher,
    event: dict[str, Any],
    user_id: str,
    inbox_id: int,
    now: datetime,
) -> Routed | None:
    """The client this event belongs to, or None when it was answered here (asking for the code)."""
    complainant = await _front_complainant(session, account, cipher, user_id, now)
    dialogue = await dialogues.ensure(
        session, tenant_id=account.id, complainant_id=complainant.id, language=account.language, now=now
    )
    message = event.get("message") or {}
    text = _plain(str(message.get("text", ""))) if message.get("type") == "text" else None
    if text is not None and text.lower() in CHANGE_WORDS:
        dialogue.routed_tenant_id = None
        await _say(session, account, cipher, complainant, user_id, event, inbox_id, now, ASK_CODE)
        return None
    if dialogue.routed_tenant_id is not None:
        member = await session.get(Tenant, dialogue.routed_tenant_id)
        if member is not None and member.active and member.shared_line_account == account.slug:
            return Routed(member, event)
        dialogue.routed_tenant_id = None
    if event.get("type") not in ("message", "follow", "postback"):
        return None  # nothing to answer (unfollow, unsend...) before a client was chosen
    if text is not None:
        await cases.add_message(
            session,
            tenant_id=account.id,
            case_id=None,
            complainant_id=complainant.id,
            direction="in",
            kind="text",
            body_enc=cipher.encrypt(text),
            source_message_id=str(message.get("id")) if message.get("id") else None,
            at=now,
        )
        member, rest = _match_code(text, await _members(session, account))
        if member is not None:
            dialogue.routed_tenant_id = member.id
            audit.record(
                session,
                at=now,
                actor="line",
                action="complainant.routed",
                tenant_id=member.id,
                after={"account": account.slug, "tenant": member.slug},
            )
            if rest:
                # The code and the complaint in one message: the complaint goes on as the client's.
                return Routed(member, {**event, "message": {**message, "text": rest}})
            messages = {member.language: CONNECTED[member.language].format(tenant=member.name)}
            await _say(session, account, cipher, complainant, user_id, event, inbox_id, now, messages)
            return None
        if re.fullmatch(r"[A-Za-z0-9-]{3,32}", text):
            unknown = {k: v.format(code=text) for k, v in UNKNOWN_CODE.items()}
            await _say(session, account, cipher, complainant, user_id, event, inbox_id, now, unknown)
            return None
    await _say(session, account, cipher, complainant, user_id, event, inbox_id, now, ASK_CODE)
    return None


def _match_code(text: str, members: list[Tenant]) -> tuple[Tenant | None, str]:
    """A client whose code the text starts with (any case), and the words after it."""
    upper = text.upper()
    for member in sorted(members, key=lambda m: -len(m.flyer_code or "")):
        code = (member.flyer_code or "").upper()
        if code and (upper == code or re.match(re.escape(code) + r"(?![A-Z0-9-])", upper)):
            return member, text[len(code) :].strip(" 　:：、,")
    return None, ""


async def _front_complainant(
    session: AsyncSession, account: Tenant, cipher: PiiCipher, user_id: str, now: datetime
) -> Complainant:
    user_hash = cipher.lookup_hash(f"line:{user_id}")
    found = await cases.complainant_by_line_hash(session, tenant_id=account.id, line_user_hash=user_hash)
    if found is not None:
        return found
    return await cases.add_complainant(
        session,
        tenant_id=account.id,
        line_user_hash=user_hash,
        line_user_id_enc=cipher.encrypt(user_id),
        now=now,
    )


async def _say(
    session: AsyncSession,
    account: Tenant,
    cipher: PiiCipher,
    complainant: Complainant,
    user_id: str,
    event: dict[str, Any],
    inbox_id: int,
    now: datetime,
    texts: dict[str, str],
) -> None:
    body = texts.get(account.language) or next(iter(texts.values()))
    reply_token = event.get("replyToken")
    sent = event_time(event, now)
    await enqueue_complainant_message(
        session,
        cipher,
        key=f"line:inbox:{inbox_id}",
        now=now,
        tenant_id=account.id,
        complainant_id=complainant.id,
        channel=LINE,
        to=user_id,
        texts=[body],
        reply_token=reply_token if isinstance(reply_token, str) else None,
        event_time=sent,
    )
