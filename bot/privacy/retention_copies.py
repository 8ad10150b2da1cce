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

from bot.crypto import PiiCipher
from bot.outbox.desk import enqueue_desk_update
from bot.outbox.effects import DESK_DELETE, DESK_EVIDENCE, DESK_POST, TRIAGE_OUTLINE
from bot.outbox.enqueue import case_ordering_key, enqueue_effect, triage_key
from bot.texts import desk_text
from storage.models import Case, OutboxEffect, Tenant
from storage.repos import outbox, reviews

# What the case's thread holds: posts and shared evidence (also as the kinds had them before migration 0011,
# which converts only the effects still to be sent).
THREAD_KINDS = (DESK_POST, DESK_EVIDENCE, "slack.post", "slack.file")


def purge_key(case_id: int) -> str:
    """The ordering key of a case's deletions (apart from its posts: nothing waits behind them)."""
    return f"purge:case:{case_id}"


async def purge_slack_copies(
    session: AsyncSession, cipher: PiiCipher, case: Case, *, now: datetime
) -> dict[str, int]:
    """Queue the outline of the triage post and the deletion of every thread reply and file of the case."""
    parent = triage_key(case.id)
    replies = await session.scalars(
        select(OutboxEffect)
        .where(
            OutboxEffect.case_id == case.id,
            OutboxEffect.parent_key == parent,
            OutboxEffect.kind.in_(THREAD_KINDS),
            OutboxEffect.status == outbox.DONE,
        )
        .order_by(OutboxEffect.id)
    )
    deleted = 0
    for reply in replies:
        posted = _posted(reply.result or {})
        if posted is None:
            continue
        deleted += await enqueue_effect(
            session,
            cipher,
            key=f"purge:delete:{reply.id}",
            kind=DESK_DELETE,
            ordering_key=purge_key(case.id),
            payload={"posted": posted},
            tenant_id=case.tenant_id,
            case_id=case.id,
            now=now,
        )
    outlined = await _outline_triage_post(session, cipher, case, now=now)
    return {"slack_deleted": deleted, "slack_outlined": int(outlined)}


def _posted(result: dict[str, Any]) -> dict[str, Any] | None:
    """What to delete for a sent reply (from what the desk's sender answered): its message, or its file."""
    if result.get("file_id"):
        return {"file_id": result["file_id"]}
    if result.get("channel") and result.get("ts"):
        return {"channel": result["channel"], "ts": result["ts"]}
    return None


async def _outline_triage_post(
    session: AsyncSession, cipher: PiiCipher, case: Case, *, now: datetime
) -> bool:
    if case.triage_ts is None:
        return False
    tenant = await session.get(Tenant, case.tenant_id)
    verdict = await reviews.latest_verdict(session, case_id=case.id)
    tenant_name = tenant.name if tenant else ""
    return await enqueue_desk_update(
        session,
        cipher,
        key=f"purge:triage:{case.id}",
        now=now,
        view=TRIAGE_OUTLINE,
        data={
            "number": case.number,
            "tenant_name": tenant_name,
            "received_at": case.received_at.isoformat(),
            "closed_at": case.closed_at.isoformat() if case.closed_at else None,
            "label": case.suggested_label,
            "verdict": verdict.label if verdict else None,
        },
        text=desk_text("triage.fallback", number=case.number, tenant=tenant_name),
        ordering_key=case_ordering_key(case.id),
        parent_key=triage_key(case.id),
        tenant_id=case.tenant_id,
        case_id=case.id,
    )
