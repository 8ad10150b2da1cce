"""The desk's copies of a case in Slack, when its personal data is purged.

The triage post is edited to an outline that keeps what the desk's figures need (number, client, dates,
suggested label, verdict); every reply in the case's thread (the complainant's words, answers, media,
reviewers' notes that may quote them) is deleted through the Web API. Each is an outbox effect with a key
of its own, so a purge run again after a crash sends nothing twice, and a deletion Slack answers with
`message_not_found` counts as done. The client's report channels hold the client's copy and are left alone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.crypto import PiiCipher
from bot.effects import SLACK_DELETE, SLACK_POST
from bot.enqueue import case_ordering_key, enqueue_effect, enqueue_slack_post, triage_key
from bot.media import SLACK_FILE
from bot.texts import desk_text
from handlers.slack.blocks import build_purged_triage_blocks
from storage.models import Case, OutboxEffect, Tenant
from storage.repos import outbox, reviews


def purge_key(case_id: int) -> str:
    """The ordering key of a case's deletions (apart from its posts: nothing waits behind them)."""
    return f"purge:case:{case_id}"


async def purge_slack_copies(
    session: AsyncSession, cipher: PiiCipher, settings: Settings, case: Case, *, now: datetime
) -> dict[str, int]:
    """Queue the outline of the triage post and the deletion of every thread reply and file of the case."""
    parent = triage_key(case.id)
    replies = await session.scalars(
        select(OutboxEffect)
        .where(
            OutboxEffect.case_id == case.id,
            OutboxEffect.parent_key == parent,
            OutboxEffect.kind.in_((SLACK_POST, SLACK_FILE)),
            OutboxEffect.status == outbox.DONE,
        )
        .order_by(OutboxEffect.id)
    )
    deleted = 0
    for reply in replies:
        target = _target(reply.result or {})
        if target is None:
            continue
        deleted += await enqueue_effect(
            session,
            cipher,
            key=f"purge:delete:{reply.id}",
            kind=SLACK_DELETE,
            ordering_key=purge_key(case.id),
            payload=target,
            tenant_id=case.tenant_id,
            case_id=case.id,
            now=now,
        )
    outlined = await _outline_triage_post(session, cipher, settings, case, now=now)
    return {"slack_deleted": deleted, "slack_outlined": int(outlined)}


def _target(result: dict[str, Any]) -> dict[str, Any] | None:
    """What to delete for a sent reply: its message, or its file."""
    if result.get("file_id"):
        return {"file_id": result["file_id"]}
    if result.get("channel") and result.get("ts"):
        return {"channel": result["channel"], "ts": result["ts"]}
    return None


async def _outline_triage_post(
    session: AsyncSession, cipher: PiiCipher, settings: Settings, case: Case, *, now: datetime
) -> bool:
    if case.triage_ts is None:
        return False
    tenant = await session.get(Tenant, case.tenant_id)
    verdict = await reviews.latest_verdict(session, case_id=case.id)
    return await enqueue_slack_post(
        session,
        cipher,
        key=f"purge:triage:{case.id}",
        now=now,
        channel=settings.slack_triage_channel,
        text=desk_text("triage.fallback", number=case.number, tenant=tenant.name if tenant else ""),
        blocks=build_purged_triage_blocks(
            number=case.number,
            tenant_name=tenant.name if tenant else "",
            received_at=case.received_at,
            closed_at=case.closed_at,
            label=case.suggested_label,
            verdict=verdict.label if verdict else None,
        ),
        ordering_key=case_ordering_key(case.id),
        parent_key=triage_key(case.id),
        tenant_id=case.tenant_id,
        case_id=case.id,
        role="post",
        update=True,
    )
