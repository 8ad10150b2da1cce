"""The inbox worker: takes stored events in order per complainant and applies them."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Callable
from datetime import datetime

from bot.clock import Clock
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.enqueue import ALERTS_ORDERING_KEY, enqueue_slack_post
from bot.intake import LineEventContext, process_line_event
from bot.texts import desk_text
from handlers.slack.blocks import build_alert_blocks
from storage.db import Database
from storage.models import Tenant
from storage.repos import inbox, receipts

log = logging.getLogger(__name__)

MAX_INBOX_ATTEMPTS = 5


class InboxWorker:
    """Processes inbox rows one transaction each; a failing row is retried, then set aside with an alert."""

    def __init__(
        self,
        *,
        db: Database,
        cipher: PiiCipher,
        settings: Settings,
        clock: Clock,
        on_effects: Callable[[], None] = lambda: None,
        batch_size: int = 20,
    ) -> None:
        self._db = db
        self._cipher = cipher
        self._settings = settings
        self._clock = clock
        self._on_effects = on_effects
        self.owner = f"worker-{uuid.uuid4().hex[:12]}"
        self.batch_size = batch_size

    async def run(self, *, stop: asyncio.Event, wake: asyncio.Event) -> None:
        """Work until `stop` is set; `wake` is set by the webhook when new events are stored."""
        while not stop.is_set():
            try:
                worked = await self.process_once()
            except Exception:
                log.exception("inbox round failed")
                worked = False
            if worked:
                self._on_effects()
                continue
            wake.clear()
            stop_wait = asyncio.ensure_future(stop.wait())
            wake_wait = asyncio.ensure_future(wake.wait())
            await asyncio.wait(
                {stop_wait, wake_wait},
                timeout=self._settings.worker_poll_seconds,
                return_when=asyncio.FIRST_COMPLETED,
            )
            stop_wait.cancel()
            wake_wait.cancel()

    async def process_once(self) -> bool:
        """Process a batch of due events, if any; True if any was taken.

        Lease a batch (one inbox transaction), apply each event with a receipt in its own main-database
        transaction, then mark the batch done (one inbox transaction). A crash in between repeats at
        most the lease; the receipt prevents a second application.
        """
        now = self._clock.now()
        async with self._db.inbox_session() as session:
            batch = await inbox.claim_batch(
                session,
                now=now,
                owner=self.owner,
                lease_seconds=self._settings.outbox_lease_seconds,
                limit=self.batch_size,
            )
        if not batch:
            return False
        done: list[int] = []
        for claimed in batch:
            try:
                await self._apply(claimed, now)
            except Exception as exc:
                await self._failed(claimed.id, claimed.tenant_id, exc, now)
                continue
            done.append(claimed.id)
            self._on_effects()
        if done:
            async with self._db.inbox_session() as session:
                await inbox.mark_done(session, event_ids=done, now=now)
        return True

    async def _apply(self, claimed: inbox.ClaimedEvent, now: datetime) -> None:
        async with self._db.session() as session:
            if await receipts.already_processed(session, inbox_id=claimed.id):
                return
            tenant = await session.get(Tenant, claimed.tenant_id)
            if tenant is None:
                raise LookupError(f"tenant {claimed.tenant_id} is gone")
            event = json.loads(self._cipher.decrypt(claimed.payload_enc))
            ctx = LineEventContext(
                settings=self._settings, cipher=self._cipher, tenant=tenant, inbox_id=claimed.id, now=now
            )
            await process_line_event(session, ctx, event)
            receipts.record(session, inbox_id=claimed.id, now=now)

    async def _failed(self, inbox_id: int, tenant_id: int, exc: Exception, now: datetime) -> None:
        # Never log the event or the exception text: they may carry personal data.
        error = type(exc).__name__
        log.error("inbox event %s failed: %s", inbox_id, error)
        async with self._db.inbox_session() as session:
            gave_up = await inbox.mark_attempt_failed(
                session, event_id=inbox_id, now=now, error=error, max_attempts=MAX_INBOX_ATTEMPTS
            )
        if not gave_up:
            return
        text = desk_text("alert.inbox_failed", inbox_id=inbox_id, error=error)
        async with self._db.session() as session:
            await enqueue_slack_post(
                session,
                self._cipher,
                key=f"alert:inbox:{inbox_id}",
                now=now,
                channel=self._settings.slack_triage_channel,
                text=text,
                blocks=build_alert_blocks(text=text),
                ordering_key=ALERTS_ORDERING_KEY,
                tenant_id=tenant_id,
                role="alert",
            )
