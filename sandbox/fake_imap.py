"""A local IMAP server for the demo and tests without a dovecot: pymap's in-memory backend on loopback,
plain IMAP (no TLS), one account, served in a thread with its own event loop.

It speaks what the desk's poller uses (LOGIN, SELECT, UID SEARCH, UID FETCH BODY.PEEK[], UID STORE, IDLE,
MOVE, LOGOUT); `append` delivers a mail as a mail server would, and an IDLE client is told at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from argparse import Namespace
from asyncio import StreamReader, StreamWriter
from collections.abc import Coroutine
from datetime import datetime
from types import TracebackType
from typing import Any, Self, TypeVar, cast

from proxyprotocol.reader import ProxyProtocolReader
from proxyprotocol.sock import SocketInfo
from pymap.backend.dict import DictBackend
from pymap.backend.dict.mailbox import MailboxData
from pymap.concurrent import Subsystem
from pymap.exceptions import MailboxNotFound
from pymap.imap import IMAPServer
from pymap.parsing.message import AppendMessage

T = TypeVar("T")

USER = "desk"
PASSWORD = "desk-imap-sandbox"  # a throwaway server on loopback
_CALL_TIMEOUT = 10.0


class _WholeResponses:
    """pymap writes a response in pieces, each sent at once; imapclient's IDLE check takes a piece for a
    whole line and gives up (mjs/imapclient#519). Here each response leaves in one write, as most servers
    send it."""

    def __init__(self, writer: StreamWriter) -> None:
        self._writer = writer
        self._pending: list[bytes] = []

    def write(self, data: bytes) -> None:
        self._pending.append(bytes(data))

    async def drain(self) -> None:
        self._flush()
        await self._writer.drain()

    def close(self) -> None:
        self._flush()
        self._writer.close()

    def _flush(self) -> None:
        if self._pending:
            self._writer.write(b"".join(self._pending))
            self._pending.clear()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._writer, name)  # start_tls, get_extra_info, transport...


class FakeImap:
    """The server: `start()` returns its port on 127.0.0.1; `append` delivers; `flags` shows what clients
    set. One start per instance (the mailbox lives in the server's event loop)."""

    def __init__(self, *, user: str = USER, password: str = PASSWORD) -> None:
        self.host = "127.0.0.1"
        self.user = user
        self.password = password
        self._port: int | None = None
        self._backend: DictBackend | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._thread: threading.Thread | None = None

    # lifecycle ---------------------------------------------------------------

    def start(self) -> int:
        """Serve in a thread of its own until `stop()`; returns the port."""
        if self._thread is not None:
            raise RuntimeError("this fake IMAP server was started already")
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            try:
                asyncio.run(self._serve(ready))
            except BaseException as exc:  # reported by start(), not lost in the thread
                failure.append(exc)
                ready.set()

        self._thread = threading.Thread(target=run, name="fake-imap", daemon=True)
        self._thread.start()
        ready.wait(_CALL_TIMEOUT)
        if failure or self._port is None:
            raise RuntimeError("the fake IMAP server did not start") from (failure[0] if failure else None)
        return self._port

    def stop(self) -> None:
        """Close the server and its connections, and end its thread."""
        loop, stopping, thread = self._loop, self._stopping, self._thread
        if loop is not None and stopping is not None:
            with contextlib.suppress(RuntimeError):  # its loop has ended already
                loop.call_soon_threadsafe(stopping.set)
        if thread is not None:
            thread.join(_CALL_TIMEOUT)

    @property
    def port(self) -> int:
        """The bound port."""
        if self._port is None:
            raise RuntimeError("the fake IMAP server was never started, so it has no port yet")
        return self._port

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # the mailbox -------------------------------------------------------------

    def append(self, raw: bytes, folder: str = "INBOX", *, received: datetime | None = None) -> int:
        """Deliver one mail (unseen, recent) into `folder`, created if missing; returns its UID."""
        return self._call(self._append(raw, folder, received))

    def flags(self, folder: str = "INBOX") -> dict[int, set[str]]:
        """Each mail's UID and its flags (`\\Seen`, ...), in UID order."""
        return self._call(self._flags(folder))

    # in the server's loop ----------------------------------------------------

    async def _serve(self, ready: threading.Event) -> None:
        args = Namespace(
            host=self.host,
            port=0,
            debug=False,
            cert=None,
            key=None,
            tls=False,  # plain IMAP on loopback: LOGIN offered without STARTTLS
            passlib_cfg=None,
            proxy_protocol=None,
            demo_data=False,
            demo_user=self.user,
            demo_password=self.password,
        )
        # No thread pool of pymap's own for password checks: one login at a time is plenty here.
        backend, config = await DictBackend.init(args, cpu_subsystem=Subsystem.for_asyncio())
        config.apply_context()
        imap = IMAPServer(backend.login, config)

        async def serve_connection(reader: StreamReader, writer: StreamWriter, sock: SocketInfo) -> None:
            await imap(reader, cast(StreamWriter, _WholeResponses(writer)), sock)

        on_connect = ProxyProtocolReader(config.proxy_protocol).get_callback(serve_connection)
        server = await asyncio.start_server(on_connect, host=self.host, port=0)
        self._backend, self._loop, self._stopping = backend, asyncio.get_running_loop(), asyncio.Event()
        self._port = int(server.sockets[0].getsockname()[1])
        ready.set()
        try:
            await self._stopping.wait()
        finally:
            server.close()  # asyncio.run then cancels the open connections' tasks

    async def _mailbox(self, folder: str, *, create: bool) -> MailboxData:
        assert self._backend is not None
        async with self._backend.login.demo_user_identity.new_session() as session:
            mailboxes = session.mailbox_set
            try:
                return await mailboxes.get_mailbox(folder)
            except MailboxNotFound:
                if not create:
                    raise
                await mailboxes.add_mailbox(folder)
                return await mailboxes.get_mailbox(folder)

    async def _append(self, raw: bytes, folder: str, received: datetime | None) -> int:
        mailbox = await self._mailbox(folder, create=True)
        message = await mailbox.append(AppendMessage(raw, received), recent=True)
        return int(message.uid)

    async def _flags(self, folder: str) -> dict[int, set[str]]:
        mailbox = await self._mailbox(folder, create=False)
        found = {m.uid: {f.value.decode() for f in m.permanent_flags} async for m in mailbox.messages()}
        return dict(sorted(found.items()))

    def _call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run `coroutine` in the server's loop from any other thread, and wait for its result."""
        if self._loop is None or self._loop.is_closed():
            coroutine.close()
            raise RuntimeError("the fake IMAP server is not running")
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(_CALL_TIMEOUT)
