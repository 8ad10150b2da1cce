"""The IMAP poller: brings one mailbox's unseen mails (the shared one, or a tenant's own) into the inbox,
then marks them seen."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import imaplib
import logging
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from bot.calendar import TOKYO
from bot.clock import Clock
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.inbox.writer import InboxWriter
from bot.intake.mail_parse import mail_identity
from bot.intake.mail_route import plus_slugs, tenant_of_mail
from bot.intake.mail_row import mail_inbox_row
from bot.outbox.desk import ALERTS_ORDERING_KEY, enqueue_desk_notice
from bot.outbox.effects import ALERTS_CHANNEL, place
from bot.tenants.directory import TenantDirectory
from bot.texts import desk_text
from handlers.mail.tls import mail_tls_context
from storage.db import Database

log = logging.getLogger(__name__)

UNROUTED_FOLDER = "kasuhara-unrouted"
FETCH_BATCH = 100  # mails fetched, stored and flagged per round trip
IDLE_CHECK_SECONDS = 0.5  # how often an IDLE wait looks at the stop flag
CONNECTION_ERRORS = (OSError, imaplib.IMAP4.abort, IMAPClientError, socket.timeout, EOFError)


SHARED = "shared"  # the label of the plus-addressed mailbox (MAIL_IMAP_USER)


@dataclass(frozen=True)
class Mailbox:
    """An account on the desk's IMAP server: the shared one (`tenant_id` None, routed by plus-address) or a
    tenant's own, whose every mail is that tenant's. `label` names it in logs and alerts."""

    label: str
    user: str
    password: str = field(repr=False)
    tenant_id: int | None = None


class ImapPoller:
    """One connection to one mailbox: fetch unseen, store, flag seen, then IDLE (or sleep) and again."""

    def __init__(
        self,
        *,
        mailbox: Mailbox,
        settings: Settings,
        db: Database,
        writer: InboxWriter,
        cipher: PiiCipher,
        tenants: TenantDirectory,
        clock: Clock,
        on_stored: Callable[[], None],
    ) -> None:
        self._mailbox = mailbox
        self._settings = settings
        self._db = db
        self._writer = writer
        self._cipher = cipher
        self._tenants = tenants
        self._clock = clock
        self._on_stored = on_stored
        self._account = cipher.lookup_hash("imap:account:" + mailbox.user)[:16]
        self.login_attempts = 0  # seen by tests: backoff, never a tight loop

    async def run(self, *, stop: asyncio.Event) -> None:
        """Poll until `stop`, reconnecting with capped exponential backoff after any failure (a refused
        password is tried again the same way: fixed on the server, it works on the next try)."""
        first, cap = self._settings.mail_retry_seconds, self._settings.mail_retry_max_seconds
        backoff = first
        label = self._mailbox.label
        while not stop.is_set():
            try:
                await self._session(stop)
                backoff = first
            except LoginError:
                log.error("imap login refused for mailbox %s (account %s)", label, self._account)
                await self._alert_login_refused()
            except ssl.SSLCertVerificationError as exc:
                log.error(
                    "imap server certificate not trusted for mailbox %s (%s); nothing read, retrying in"
                    " %.1f s (MAIL_TLS_CA_FILE names the CA to trust)",
                    label,
                    exc.verify_message,
                    backoff,
                )
            except CONNECTION_ERRORS as exc:
                log.warning(
                    "imap connection to mailbox %s lost (%s); reconnecting in %.1f s",
                    label,
                    type(exc).__name__,
                    backoff,
                )
            if stop.is_set():
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=backoff)
            backoff = min(backoff * 2, cap)

    def _connect(self) -> IMAPClient:
        s = self._settings
        context = mail_tls_context(s)
        client = IMAPClient(
            s.mail_imap_host,
            port=s.mail_imap_port,
            ssl=s.mail_imap_security == "ssl",
            ssl_context=context,
            timeout=30.0,
        )
        try:
            if s.mail_imap_security == "starttls":
                client.starttls(context)
            self.login_attempts += 1
            client.login(self._mailbox.user, self._mailbox.password)
            client.select_folder(s.mail_imap_folder)
        except BaseException:
            _close(client)
            raise
        return client

    async def _session(self, stop: asyncio.Event) -> None:
        client = await asyncio.to_thread(self._connect)
        try:
            idle = client.has_capability("IDLE")
            while not stop.is_set():
                await self._drain(client)
                if idle:
                    await self._idle(client, stop)
                else:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(stop.wait(), timeout=self._settings.mail_poll_seconds)
        finally:
            await asyncio.to_thread(_close, client)

    async def _drain(self, client: IMAPClient) -> None:
        """Every unseen mail: stored and then flagged seen, or (no tenant) alerted and set aside."""
        while True:
            _new_mail_announced(client)  # forget announcements made before this search
            uids = sorted(await asyncio.to_thread(client.search, ["UNSEEN"]))
            if not uids:
                return
            for start in range(0, len(uids), FETCH_BATCH):
                await self._take(client, uids[start : start + FETCH_BATCH])

    async def _take(self, client: IMAPClient, uids: list[int]) -> None:
        fetched = await asyncio.to_thread(client.fetch, uids, ["BODY.PEEK[]"])
        now = self._clock.now()
        mails = [(uid, raw) for uid in uids if (raw := fetched.get(uid, {}).get(b"BODY[]")) is not None]
        # Reading and sealing large mails takes a while: off the event loop, one batch per thread call.
        if self._mailbox.tenant_id is None:
            slugs = await asyncio.to_thread(lambda: [plus_slugs(raw) for _uid, raw in mails])
        else:  # a tenant's own mailbox: its recipients are not read, the mailbox decides
            slugs = [[] for _mail in mails]
        routed, unrouted = [], []
        for (uid, raw), named in zip(mails, slugs, strict=True):
            tenant = await tenant_of_mail(self._tenants, named, mailbox_tenant_id=self._mailbox.tenant_id)
            if tenant is None:
                unrouted.append((uid, raw))
            else:
                routed.append((uid, raw, tenant.id))
        if routed:
            rows = await asyncio.to_thread(self._seal, routed, now)
            await self._writer.store(rows)  # committed before the mails are flagged seen
            await asyncio.to_thread(client.add_flags, [uid for uid, _raw, _t in routed], [b"\\Seen"], True)
            self._on_stored()
        for uid, raw in unrouted:
            await self._set_aside(client, uid, raw, now)

    def _seal(self, routed: list[tuple[int, bytes, int]], now: datetime) -> list[dict[str, Any]]:
        folder = self._settings.mail_imap_folder
        return [
            mail_inbox_row(self._cipher, tenant_id=tenant_id, raw=raw, mailbox=folder, uid=uid, now=now)
            for uid, raw, tenant_id in routed
        ]

    async def _set_aside(self, client: IMAPClient, uid: int, raw: bytes, now: datetime) -> None:
        """The alert first (its key makes it once), then the mail moved, still unseen."""
        message_id, _address = mail_identity(raw)
        digest = hashlib.sha256(message_id.encode("utf-8") if message_id else raw).hexdigest()[:32]
        label = self._mailbox.label
        log.warning(
            "imap mail uid %s in mailbox %s has no routable tenant; moved to %s", uid, label, UNROUTED_FOLDER
        )
        await self._alert(
            key=f"alert:mail-unrouted:{digest}",
            text=desk_text("alert.mail_unrouted", mailbox=label, folder=UNROUTED_FOLDER, uid=uid),
            now=now,
        )
        await asyncio.to_thread(_move, client, uid, UNROUTED_FOLDER)

    async def _idle(self, client: IMAPClient, stop: asyncio.Event) -> None:
        """Wait in IDLE until the server pushes a new mail, `mail_poll_seconds` pass or `stop`."""
        await asyncio.to_thread(client.idle)
        try:
            if _new_mail_announced(client):  # it came between the search and IDLE
                return
            loop = asyncio.get_running_loop()
            deadline = loop.time() + self._settings.mail_poll_seconds
            while not stop.is_set():
                left = deadline - loop.time()
                if left <= 0:
                    return
                pushed = await asyncio.to_thread(client.idle_check, min(left, IDLE_CHECK_SECONDS))
                if any(len(p) > 1 and p[1] == b"EXISTS" for p in pushed):
                    return
        finally:
            await asyncio.to_thread(client.idle_done)

    async def _alert_login_refused(self) -> None:
        now = self._clock.now()
        day = now.astimezone(TOKYO).date().isoformat()
        await self._alert(
            key=f"alert:imap-login:{self._account}:{day}",
            text=desk_text(
                "alert.mail_login_failed", mailbox=self._mailbox.label, host=self._settings.mail_imap_host
            ),
            now=now,
        )

    async def _alert(self, *, key: str, text: str, now: datetime) -> None:
        async with self._db.transaction() as session:
            await enqueue_desk_notice(
                session,
                self._cipher,
                key=key,
                now=now,
                to=place(ALERTS_CHANNEL),
                text=text,
                ordering_key=ALERTS_ORDERING_KEY,
                alert=True,
            )


def _move(client: IMAPClient, uid: int, folder: str) -> None:
    """MOVE when the server has it, else COPY + \\Deleted + EXPUNGE of that one mail."""
    if not client.folder_exists(folder):
        client.create_folder(folder)
    if client.has_capability("MOVE"):
        client.move([uid], folder)
        return
    client.copy([uid], folder)
    client.add_flags([uid], [b"\\Deleted"], True)
    if client.has_capability("UIDPLUS"):
        client.uid_expunge([uid])
    else:
        client.expunge()


def _new_mail_announced(client: IMAPClient) -> bool:
    """Whether the server announced EXISTS outside IDLE (imapclient keeps those in its imaplib object),
    clearing it."""
    _code, data = client._imap.response("EXISTS")
    return bool(data and data != [None])


def _close(client: IMAPClient) -> None:
    try:
        client.logout()
    except Exception:  # the connection may be gone already
        with contextlib.suppress(Exception):
            client.shutdown()
