"""The inbox worker: takes stored events in order per complainant and applies them."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable

from bot.clock import Clock
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.enqueue import ALERTS_ORDERING_KEY, enqueue_slack_post
from bot.intake import LineEventContext, process_line_event
from bot.texts import desk_text
from handlers.slack.blocks import build_alert_blocks
from storage.db import Database
from storage.models import Tenant
from storage.repos import inbox

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
        """Process the next due event, if any; True if one was taken."""
        now = self._clock.now()
        async with self._db.session() as session:
            row = await inbox.claim_next(session, now=now)
            if row is None:
                return False
            try:
                async with session.begin_nested():
                    tenant = await session.get(Tenant, row.tenant_id)
                    if tenant is None:
                        raise LookupError(f"tenant {row.tenant_id} is gone")
                    event = json.loads(self._cipher.decrypt(row.payload_enc))
                    ctx = LineEventContext(
                        settings=self._settings, cipher=self._cipher, tenant=tenant, inbox_id=row.id, now=now
                    )
                    await process_line_event(session, ctx, event)
                    await inbox.mark_done(session, event_id=row.id, now=now)
            except Exception as exc:
                # Never log the event itself: it carries personal data.
                log.exception("inbox event %s failed", row.id)
                error = f"{type(exc).__name__}"
                _attempts, gave_up = await inbox.mark_attempt_failed(
                    session, event_id=row.id, now=now, error=error, max_attempts=MAX_INBOX_ATTEMPTS
                )
                if gave_up:
                    text = desk_text("alert.inbox_failed", inbox_id=row.id, error=error)
                    await enqueue_slack_post(
                        session,
                        self._cipher,
                        key=f"alert:inbox:{row.id}",
                        now=now,
                        channel=self._settings.slack_triage_channel,
                        text=text,
                        blocks=build_alert_blocks(text=text),
                        ordering_key=ALERTS_ORDERING_KEY,
                        tenant_id=row.tenant_id,
                        role="alert",
                    )
        return True
