"""The outbox dispatcher: claim under a lease, send outside any transaction, record, retry, dead-letter."""

from __future__ import annotations

import asyncio
import json
import logging
import random
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.outbox.desk import ALERTS_ORDERING_KEY, enqueue_admin_alert, enqueue_desk_notice
from bot.outbox.effects import ALERTS_CHANNEL, Effect, EffectSender, SendError, place
from bot.outbox.results import remember_result
from bot.texts import desk_text
from bot.valid_text import valid_text
from storage.db import Database
from storage.models import OutboxEffect
from storage.repos import audit, outbox

log = logging.getLogger(__name__)


class OutboxDispatcher:
    """Delivers outbox rows; many dispatchers may share one PostgreSQL database."""

    def __init__(
        self,
        *,
        db: Database,
        cipher: PiiCipher,
        senders: dict[str, EffectSender],
        settings: Settings,
        clock: Clock,
        batch_size: int = 20,
    ) -> None:
        self._db = db
        self._cipher = cipher
        self._senders = senders
        self._settings = settings
        self._clock = clock
        self._batch_size = batch_size
        self.owner = f"dispatcher-{uuid.uuid4().hex[:12]}"

    async def run(self, *, stop: asyncio.Event, wake: asyncio.Event) -> None:
        """Dispatch until `stop` is set; `wake` shortens the wait when new rows arrive."""
        while not stop.is_set():
            try:
                sent = await self.dispatch_once()
            except Exception:
                log.exception("outbox dispatch round failed")
                sent = 0
            if sent:
                continue
            wake.clear()
            timeout = await self._idle_wait()
            stop_wait = asyncio.ensure_future(stop.wait())
            wake_wait = asyncio.ensure_future(wake.wait())
            await asyncio.wait({stop_wait, wake_wait}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
            stop_wait.cancel()
            wake_wait.cancel()

    async def _idle_wait(self) -> float:
        poll = self._settings.worker_poll_seconds
        async with self._db.reader() as session:
            due = await outbox.next_due_at(session)
        if due is None:
            return poll
        return max(0.01, min(poll, (due - self._clock.now()).total_seconds()))

    async def dispatch_once(self) -> int:
        """Claim one batch and send it (different ordering keys concurrently); returns rows handled."""
        async with self._db.transaction() as session:
            claimed = await outbox.claim_due(
                session,
                now=self._clock.now(),
                owner=self.owner,
                lease_seconds=self._settings.outbox_lease_seconds,
                limit=self._batch_size,
            )
            effects = [await self._effect(session, row, in_doubt) for row, in_doubt in claimed]
        if effects:
            await asyncio.gather(*(self._deliver(effect) for effect in effects))
        return len(effects)

    async def _effect(self, session: AsyncSession, row: OutboxEffect, in_doubt: bool) -> Effect:
        parent_result = None
        if row.parent_key:
            parent = await outbox.by_key(session, key=row.parent_key)
            parent_result = parent.result if parent is not None else None
        return Effect(
            id=row.id,
            key=row.idempotency_key,
            kind=row.kind,
            # Whatever was written, what goes out is valid UTF-8.
            payload=valid_text(json.loads(self._cipher.decrypt(row.payload_enc))),
            attempts=row.attempts,
            created_at=row.created_at,
            tenant_id=row.tenant_id,
            case_id=row.case_id,
            in_doubt=in_doubt,
            parent_result=parent_result,
        )

    async def _deliver(self, effect: Effect) -> None:
        sender = self._senders.get(effect.kind)
        try:
            if sender is None:
                raise SendError(f"no sender for {effect.kind}", permanent=True)
            result = await sender.send(effect)
        except SendError as exc:
            await self._failed(effect, str(exc), retry_after=exc.retry_after, permanent=exc.permanent)
            return
        except Exception as exc:
            log.exception("unexpected error sending effect %s", effect.id)
            await self._failed(effect, f"unexpected {type(exc).__name__}", retry_after=None, permanent=False)
            return
        async with self._db.transaction() as session:
            await outbox.mark_sent(session, effect_id=effect.id, now=self._clock.now(), result=result)
            await remember_result(session, effect, result)

    async def _failed(
        self, effect: Effect, error: str, *, retry_after: float | None, permanent: bool
    ) -> None:
        now = self._clock.now()
        give_up = permanent or effect.attempts >= self._settings.outbox_max_attempts
        log.warning("effect %s (%s) attempt %d failed: %s", effect.id, effect.kind, effect.attempts, error)
        async with self._db.transaction() as session:
            if not give_up:
                await outbox.mark_retry(
                    session,
                    effect_id=effect.id,
                    owner=self.owner,
                    next_attempt_at=now + timedelta(seconds=self.backoff(effect.attempts, retry_after)),
                    error=error,
                )
                return
            await outbox.mark_dead(session, effect_id=effect.id, error=error)
            audit.record(
                session,
                at=now,
                actor="dispatcher",
                action="outbox.dead_letter",
                tenant_id=effect.tenant_id,
                after={
                    "effect_id": effect.id,
                    "kind": effect.kind,
                    "attempts": effect.attempts,
                    "error": error,
                },
            )
            on_dead = effect.payload.get("on_dead") or []
            for index, notice in enumerate(on_dead):
                await self._follow_up(session, now, effect, index, notice, error)
            # An alert given up is not alerted about again (that one could fail the same way).
            if not effect.payload.get("alert") and not on_dead:
                await self._alert(session, now, effect, error)

    async def _follow_up(
        self,
        session: AsyncSession,
        now: datetime,
        effect: Effect,
        index: int,
        notice: dict[str, Any],
        error: str,
    ) -> None:
        """A notice the effect asked for in case it is given up (e.g. a text-only fallback and an alert)."""
        text = str(notice["text"]).replace("{error}", error).strip()
        await enqueue_desk_notice(
            session,
            self._cipher,
            key=f"{effect.key}:dead:{index}",
            now=now,
            to=notice.get("to") or place(ALERTS_CHANNEL),
            text=text,
            ordering_key=notice.get("ordering_key") or ALERTS_ORDERING_KEY,
            parent_key=notice.get("parent_key"),
            tenant_id=effect.tenant_id,
            case_id=effect.case_id,
            alert=bool(notice.get("alert", True)),
        )

    async def _alert(self, session: AsyncSession, now: datetime, effect: Effect, error: str) -> None:
        await enqueue_admin_alert(
            session,
            self._cipher,
            self._settings,
            key=f"alert:dead:{effect.id}",
            now=now,
            text=desk_text("alert.dead_letter", kind=effect.kind, attempts=effect.attempts, error=error),
            tenant_id=effect.tenant_id,
        )

    def backoff(self, attempts: int, retry_after: float | None) -> float:
        """Seconds before the next try: exponential with jitter, never sooner than Retry-After."""
        base = self._settings.outbox_backoff_base_seconds * (2 ** max(0, attempts - 1))
        delay = min(self._settings.outbox_backoff_max_seconds, base) * random.uniform(0.8, 1.2)
        if retry_after is not None:
            delay = max(delay, retry_after)
        return delay
