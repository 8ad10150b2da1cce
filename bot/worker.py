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
    ) -> None:
        self._db = db
        self._cipher = cipher
        self._settings = settings
        self._clock = clock
        self._on_effects = on_effects
        self.owner = f"worker-{uuid.uuid4().hex[:12]}"

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
        """Process the next due event, if any; True if one was taken.

        Three short transactions: lease the event (inbox), apply it with a receipt (main database),
        mark it done (inbox). A crash in between repeats at most the lease; the receipt prevents a
        second application.
        """
        now = self._clock.now()
        async with self._db.inbox_session() as session:
            row = await inbox.claim_next(
                session, now=now, owner=self.owner, lease_seconds=self._settings.outbox_lease_seconds
            )
            if row is None:
                return False
            inbox_id, tenant_id, payload_enc = row.id, row.tenant_id, row.payload_enc
        try:
            async with self._db.session() as session:
                if not await receipts.already_processed(session, inbox_id=inbox_id):
                    tenant = await session.get(Tenant, tenant_id)
                    if tenant is None:
                        raise LookupError(f"tenant {tenant_id} is gone")
                    event = json.loads(self._cipher.decrypt(payload_enc))
                    ctx = LineEventContext(
                        settings=self._settings,
                        cipher=self._cipher,
                        tenant=tenant,
                        inbox_id=inbox_id,
                        now=now,
                    )
                    await process_line_event(session, ctx, event)
                    receipts.record(session, inbox_id=inbox_id, now=now)
        except Exception as exc:
            await self._failed(inbox_id, tenant_id, exc, now)
            return True
        async with self._db.inbox_session() as session:
            await inbox.mark_done(session, event_id=inbox_id, now=now)
        return True

    async def _failed(self, inbox_id: int, tenant_id: int, exc: Exception, now: datetime) -> None:
        # Never log the event or the exception text: they may carry personal data.
        error = type(exc).__name__
        log.error("inbox event %s failed: %s", inbox_id, error)
        async with self._db.inbox_session() as session:
            _attempts, gave_up = await inbox.mark_attempt_failed(
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
