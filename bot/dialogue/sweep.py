"""Submitting dialogues that went quiet: what was given goes to triage, marked incomplete.

Run by the worker role. Each dialogue is claimed with a conditional update (its step and last activity
unchanged since it was read), so two workers, or a sweep racing a late answer, submit it at most once;
every effect has a deterministic key besides.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.dialogue import service
from bot.dialogue.texts import dialogue_text
from bot.outbox.enqueue import push_to_complainant
from storage.db import Database
from storage.models import Complainant, Tenant
from storage.repos import cases, dialogues

log = logging.getLogger(__name__)


class IdleDialogueSweep:
    """Every `dialogue_sweep_seconds`, submit dialogues idle for `dialogue_idle_submit_minutes`."""

    def __init__(
        self,
        *,
        db: Database,
        cipher: PiiCipher,
        settings: Settings,
        clock: Clock,
        on_effects: Callable[[], None] = lambda: None,
    ) -> None:
        self._db = db
        self._cipher = cipher
        self._settings = settings
        self._clock = clock
        self._on_effects = on_effects

    async def run(self, *, stop: asyncio.Event) -> None:
        """Sweep until `stop` is set; one failing round never stops the next."""
        while not stop.is_set():
            try:
                if await self.sweep_once():
                    self._on_effects()
            except Exception:
                log.exception("idle dialogue sweep failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self._settings.dialogue_sweep_seconds)

    async def sweep_once(self) -> int:
        """Submit every idle dialogue found now; returns how many this sweeper submitted."""
        now = self._clock.now()
        cutoff = now - timedelta(minutes=self._settings.dialogue_idle_submit_minutes)
        async with self._db.reader() as session:
            rows = await dialogues.idle_since(
                session, before=cutoff, not_in_steps=(dialogues.DONE, service.AWAITING_NEW)
            )
            idle = [(d.id, d.step, d.last_activity_at) for d in rows]
        submitted = 0
        for dialogue_id, step, last_activity_at in idle:
            try:
                submitted += await self._submit(dialogue_id, step, last_activity_at)
            except Exception:
                log.exception("idle dialogue %s could not be submitted", dialogue_id)
        return submitted

    async def _submit(self, dialogue_id: int, step: str, last_activity_at: datetime) -> int:
        now = self._clock.now()
        async with self._db.transaction() as session:
            claimed = await dialogues.finish_if_unchanged(
                session,
                dialogue_id=dialogue_id,
                step=step,
                last_activity_at=last_activity_at,
                now=now,
            )
            if not claimed:
                return 0  # answered meanwhile, or another worker took it
            dialogue = await dialogues.by_id(session, dialogue_id=dialogue_id)
            case = await cases.case_by_id(session, case_id=dialogue.case_id) if dialogue.case_id else None
            tenant = await session.get(Tenant, dialogue.tenant_id)
            if case is None or tenant is None or case.status not in cases.OPEN_STATUSES:
                return 0
            env = service.DialogueEnv(
                cipher=self._cipher, settings=self._settings, tenant=tenant, now=now, event_key="idle"
            )
            await service.submit_idle(session, env, case=case)
            complainant = await session.get(Complainant, dialogue.complainant_id)
            if complainant is not None and complainant.line_user_id_enc is not None and complainant.following:
                await push_to_complainant(
                    session,
                    self._cipher,
                    key=f"line:dialogue-idle:{case.id}",
                    now=now,
                    case=case,
                    complainant=complainant,
                    text=dialogue_text(dialogue.language, "receipt.idle", number=case.number),
                    mail_domain=self._settings.mail_domain,
                )
        return 1
