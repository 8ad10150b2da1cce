"""Recording an action on a case: its audit entry, an internal note in its thread, the triage post edit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.triage import enqueue_thread_alert, enqueue_triage_update
from bot.config import Settings
from bot.crypto import PiiCipher
from storage.models import Case, Tenant
from storage.repos import audit


class CaseRecorder:
    """Records what was done to a case in the caller's transaction; Slack hears of it through the outbox."""

    def __init__(self, *, cipher: PiiCipher, settings: Settings) -> None:
        self._cipher = cipher
        self._settings = settings

    async def record(
        self,
        session: AsyncSession,
        case: Case,
        tenant: Tenant,
        *,
        actor: str,
        action: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        thread: str | None,
        now: datetime,
        update_post: bool = True,
    ) -> None:
        """The audit entry of one action, its note in the thread and the triage post update (their keys
        made from the audit entry's id)."""
        case.updated_at = now
        entry = audit.record(
            session,
            at=now,
            actor=actor,
            action=action,
            tenant_id=tenant.id,
            case_id=case.id,
            before=before,
            after=after,
        )
        await session.flush()
        await self.announce(
            session, case, tenant, tag=str(entry.id), thread=thread, now=now, update_post=update_post
        )

    async def announce(
        self,
        session: AsyncSession,
        case: Case,
        tenant: Tenant,
        *,
        tag: str,
        thread: str | None,
        now: datetime,
        update_post: bool = True,
    ) -> None:
        """The internal thread note and the triage post update of an action (`tag` makes their keys)."""
        if thread:
            await enqueue_thread_alert(
                session,
                self._cipher,
                case=case,
                key=f"review-note:{case.id}:{tag}",
                text=thread,
                now=now,
            )
        if update_post:
            key = f"triage-update:{case.id}:a{tag}"
            await enqueue_triage_update(session, self._cipher, case, tenant, key=key, now=now)
