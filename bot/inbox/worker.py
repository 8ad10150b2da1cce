"""The inbox worker: takes stored events in order per complainant and applies them."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from bot.blobs import BlobStore
from bot.clock import Clock
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.intake import IntakeContext, process_line_event
from bot.intake.form_submission import WEB, keep_attachments, process_form_submission
from bot.intake.mail_message import keep_mail_attachments, process_mail
from bot.intake.mail_row import MAIL
from bot.intake.voicemail import VOICE, process_voice_event
from bot.outbox.desk import ALERTS_ORDERING_KEY, enqueue_desk_notice
from bot.outbox.effects import ALERTS_CHANNEL, place
from bot.texts import desk_text
from storage.db import Database
from storage.models import Tenant
from storage.repos import inbox, receipts

log = logging.getLogger(__name__)

MAX_INBOX_ATTEMPTS = 5


def is_transient(exc: BaseException) -> bool:
    """Whether a retry may succeed: the database or the network failed, not the event itself."""
    return isinstance(exc, OSError | TimeoutError | OperationalError | InterfaceError) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    )


class InboxWorker:
    """Processes inbox rows one transaction each, in order per complainant and several per round.

    A row that fails for a reason a retry may fix (the database) is retried with backoff while the rows
    after it in its partition wait; one that fails for any other reason, or outlasts its time budget, is
    set aside at once for the admins, with an alert, and its partition moves on.
    """

    DEFAULT_PER_PARTITION = 50  # a complainant's events taken in one round (in order)

    def __init__(
        self,
        *,
        db: Database,
        cipher: PiiCipher,
        settings: Settings,
        clock: Clock,
        blobs: BlobStore,
        on_effects: Callable[[], None] = lambda: None,
        batch_size: int = 20,
        per_partition: int = DEFAULT_PER_PARTITION,
    ) -> None:
        self._db = db
        self._cipher = cipher
        self._settings = settings
        self._clock = clock
        self._blobs = blobs
        self._on_effects = on_effects
        self.owner = f"worker-{uuid.uuid4().hex[:12]}"
        self.batch_size = batch_size
        self.per_partition = per_partition

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
        async with self._db.inbox_transaction() as session:
            batch = await inbox.claim_batch(
                session,
                now=self._clock.now(),
                owner=self.owner,
                lease_seconds=self._settings.outbox_lease_seconds,
                limit=self.batch_size,
                per_partition=self.per_partition,
            )
        if not batch:
            return False
        done: list[int] = []
        stalled: set[str] = set()  # partitions whose next event must wait for a retry
        given_back: list[int] = []
        for claimed in batch:
            if claimed.partition_key in stalled:
                given_back.append(claimed.id)
                continue
            now = self._clock.now()
            budget = asyncio.timeout(self._settings.inbox_event_budget_seconds)
            try:
                async with budget:
                    await self._apply(claimed, now)
            except Exception as exc:
                if budget.expired():
                    await self._set_aside(claimed, "over its time budget", now)
                elif is_transient(exc):
                    stalled.add(claimed.partition_key)
                    await self._failed(claimed.id, claimed.tenant_id, exc, now)
                else:
                    await self._set_aside(claimed, f"error: {type(exc).__name__}", now)
                continue
            done.append(claimed.id)
            self._on_effects()
        async with self._db.inbox_transaction() as session:
            if done:
                await inbox.mark_done(session, event_ids=done, now=self._clock.now())
            if given_back:
                await inbox.release(session, event_ids=given_back, owner=self.owner)
        return True

    async def _apply(self, claimed: inbox.ClaimedEvent, now: datetime) -> None:
        # Off the event loop: a mail's row can be tens of megabytes to decrypt and decode.
        event = await asyncio.to_thread(lambda: json.loads(self._cipher.decrypt(claimed.payload_enc)))
        # A form's attachments go to the blob store before the transaction (a second put changes nothing).
        attachments = await keep_attachments(self._blobs, event) if claimed.source == WEB else []
        if claimed.source == MAIL:
            attachments = await keep_mail_attachments(self._blobs, event, self._settings)
        async with self._db.transaction() as session:
            if await receipts.already_processed(session, inbox_id=claimed.id):
                return
            tenant = await session.get(Tenant, claimed.tenant_id)
            if tenant is None:
                raise LookupError(f"tenant {claimed.tenant_id} is gone")
            ctx = IntakeContext(
                settings=self._settings, cipher=self._cipher, tenant=tenant, inbox_id=claimed.id, now=now
            )
            if claimed.source == WEB:
                await process_form_submission(session, ctx, event, attachments)
            elif claimed.source == MAIL:
                await process_mail(session, ctx, event, attachments)
            elif claimed.source == VOICE:
                await process_voice_event(session, ctx, event)
            else:
                await process_line_event(session, ctx, event)
            receipts.record(session, inbox_id=claimed.id, now=now)

    async def _failed(self, inbox_id: int, tenant_id: int, exc: Exception, now: datetime) -> None:
        # Never log the event or the exception text: they may carry personal data.
        error = type(exc).__name__
        log.error("inbox event %s failed: %s", inbox_id, error)
        async with self._db.inbox_transaction() as session:
            gave_up = await inbox.mark_attempt_failed(
                session, event_id=inbox_id, now=now, error=error, max_attempts=MAX_INBOX_ATTEMPTS
            )
        if gave_up:
            await self._alert(inbox_id, tenant_id, error, now)

    async def _set_aside(self, claimed: inbox.ClaimedEvent, reason: str, now: datetime) -> None:
        log.error("inbox event %s set aside: %s", claimed.id, reason)
        # The alert first (its key makes it once): the event is never aside without one, and never seen
        # finished before its alert is queued.
        await self._alert(claimed.id, claimed.tenant_id, reason, now)
        async with self._db.inbox_transaction() as session:
            await inbox.set_aside(session, event_id=claimed.id, now=now, reason=reason)

    async def _alert(self, inbox_id: int, tenant_id: int, error: str, now: datetime) -> None:
        text = desk_text("alert.inbox_failed", inbox_id=inbox_id, error=error)
        async with self._db.transaction() as session:
            await enqueue_desk_notice(
                session,
                self._cipher,
                key=f"alert:inbox:{inbox_id}",
                now=now,
                to=place(ALERTS_CHANNEL),
                text=text,
                ordering_key=ALERTS_ORDERING_KEY,
                tenant_id=tenant_id,
                alert=True,
            )
