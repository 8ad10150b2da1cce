"""Every mailbox the desk reads, each by its own ImapPoller task: the shared plus-addressed one
(MAIL_IMAP_USER) and each active tenant's own (`mail:` in the tenants file). The tenants' list is read
again every MAIL_POLL_SECONDS: a poller starts for a new or changed mailbox and stops for one removed or
whose tenant was deactivated; a poller that ended by an error is started again. One mailbox's trouble
never stops the others."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from bot.clock import Clock
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.inbox.writer import InboxWriter
from bot.tenants.directory import TenantDirectory
from bot.tenants.mailboxes import tenant_mailboxes
from handlers.mail.imap_poller import SHARED, ImapPoller, Mailbox
from storage.db import Database

log = logging.getLogger(__name__)


class MailboxPollers:
    """Keeps one running ImapPoller per mailbox wanted, until `stop`."""

    def __init__(
        self,
        *,
        settings: Settings,
        db: Database,
        writer: InboxWriter,
        cipher: PiiCipher,
        tenants: TenantDirectory,
        clock: Clock,
        on_stored: Callable[[], None],
    ) -> None:
        self._settings = settings
        self._db = db
        self._writer = writer
        self._cipher = cipher
        self._tenants = tenants
        self._clock = clock
        self._on_stored = on_stored
        self._running: dict[Mailbox, tuple[asyncio.Task[None], asyncio.Event]] = {}

    @property
    def labels(self) -> list[str]:
        """The mailboxes being read now, by label (seen by tests)."""
        return sorted(mailbox.label for mailbox in self._running)

    async def run(self, *, stop: asyncio.Event) -> None:
        """Start, stop and restart pollers as the wanted mailboxes change; all stopped at the end."""
        leaving: set[asyncio.Task[None]] = set()
        try:
            while not stop.is_set():
                wanted = await self._wanted()
                if wanted is not None:
                    leaving |= self._reconcile(wanted)
                leaving = {task for task in leaving if not task.done()}
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=self._settings.mail_poll_seconds)
        finally:
            for task, own_stop in self._running.values():
                own_stop.set()
                leaving.add(task)
            self._running.clear()
            if leaving:
                await asyncio.gather(*leaving, return_exceptions=True)

    async def _wanted(self) -> set[Mailbox] | None:
        """The shared mailbox (if configured) and the active tenants' own; None when the tenants cannot be
        read just now (the running pollers are kept)."""
        s = self._settings
        wanted: set[Mailbox] = set()
        if s.mail_imap_user:
            wanted.add(
                Mailbox(label=SHARED, user=s.mail_imap_user, password=s.mail_imap_password.get_secret_value())
            )
        try:
            own = await tenant_mailboxes(self._db, self._cipher)
        except Exception:
            log.exception("cannot read the tenants' mailboxes; keeping the pollers running")
            return None
        for box in own:
            if box.imap_user == s.mail_imap_user:  # two readers of one mailbox would route it twice over
                log.error(
                    "tenant %s names the shared mailbox as its own; not read as the tenant's", box.tenant_name
                )
                continue
            wanted.add(
                Mailbox(
                    label=box.tenant_name,
                    user=box.imap_user,
                    password=box.imap_password,
                    tenant_id=box.tenant_id,
                )
            )
        return wanted

    def _reconcile(self, wanted: set[Mailbox]) -> set[asyncio.Task[None]]:
        """Stop the pollers no longer wanted (returned, still finishing), start the missing ones."""
        stopping: set[asyncio.Task[None]] = set()
        for mailbox, (task, own_stop) in list(self._running.items()):
            if mailbox in wanted and not task.done():
                continue
            if task.done() and not task.cancelled() and task.exception() is not None:
                log.error(
                    "imap poller of mailbox %s ended by an error; restarting it",
                    mailbox.label,
                    exc_info=task.exception(),
                )
            own_stop.set()
            stopping.add(task)
            del self._running[mailbox]
        for mailbox in wanted - self._running.keys():
            self._running[mailbox] = self._start(mailbox)
        return stopping

    def _start(self, mailbox: Mailbox) -> tuple[asyncio.Task[None], asyncio.Event]:
        poller = ImapPoller(
            mailbox=mailbox,
            settings=self._settings,
            db=self._db,
            writer=self._writer,
            cipher=self._cipher,
            tenants=self._tenants,
            clock=self._clock,
            on_stored=self._on_stored,
        )
        own_stop = asyncio.Event()
        return asyncio.create_task(poller.run(stop=own_stop), name=f"imap:{mailbox.label}"), own_stop
