"""A local SMTP sink (aiosmtpd on loopback): records every mail it accepts, parsed, with fault modes.

Faults (`faults`, the plan the other fakes share) apply to the DATA command: `latency(s)` and `hang(s)`
delay the answer, `fail(code)` answers with that SMTP code (451: try again later; 554: refused), and
`hang(s, lost_response=True)` accepts the mail and then cuts the connection without answering (the "sent,
but the answer got lost" case). Besides: `refuse(address)` refuses one recipient (550 5.1.1) and
`drop()` cuts the next connection at DATA, before anything is accepted.

TLS (`tls`, a throwaway certificate from sandbox/tls.py): STARTTLS offered and required, or with
`implicit_tls` TLS from the first byte (port 465 style).
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from types import TracebackType
from typing import Any, Self, TypeVar, cast

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from sandbox import polling
from sandbox.faults import Faults
from sandbox.tls import ServerTls

T = TypeVar("T")

HOSTNAME = "sandbox.localhost"


class _QuietLegacyNotice(logging.Filter):
    """aiosmtpd warns in its log about its own legacy attribute on every login; nothing for us to fix."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Session.login_data is deprecated")


logging.getLogger("mail.log").addFilter(_QuietLegacyNotice())


@dataclass(frozen=True)
class ReceivedMail:
    """One mail the sink accepted: the envelope, the raw bytes and the parsed message."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes
    message: EmailMessage
    received_at: float
    authenticated_as: str | None = None

    def header(self, name: str) -> str | None:
        """A header's decoded value (None when absent)."""
        value = self.message[name]
        return None if value is None else str(value)

    @property
    def subject(self) -> str:
        """The decoded subject."""
        return self.header("Subject") or ""

    @property
    def text(self) -> str:
        """The decoded plain-text body."""
        body = self.message.get_body(preferencelist=("plain",))
        return cast(EmailMessage, body).get_content() if body is not None else ""


@dataclass
class _Rules:
    """What the sink does besides the shared fault plan (guarded by the sink's lock)."""

    refused: dict[str, int] = field(default_factory=dict)
    drops: int = 0


class _Handler:
    """aiosmtpd's hooks: refusals per recipient, faults at DATA, recording."""

    def __init__(self, sink: FakeSmtp) -> None:
        self._sink = sink

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        code = self._sink._refusal(address)
        if code is not None:
            return f"{code} 5.1.1 Recipient address rejected: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        transport = server.transport
        if self._sink._take_drop():
            assert transport is not None
            cast(asyncio.Transport, transport).abort()
            return "421 4.4.2 connection dropped"
        injection = self._sink.faults.take()
        if injection.delay:
            await asyncio.sleep(injection.delay)
        if transport is None or transport.is_closing():
            if injection.lost_response:
                self._sink._record(session, envelope)
            return "421 4.4.2 client gone"  # nobody is listening any more
        if injection.lost_response:
            self._sink._record(session, envelope)
            cast(asyncio.Transport, transport).abort()
            return "421 4.4.2 connection dropped"
        if injection.status is not None:
            return f"{injection.status} {_fault_text(injection.status)}"
        self._sink._record(session, envelope)
        return "250 2.0.0 OK: queued"


def _fault_text(code: int) -> str:
    if 400 <= code < 500:
        return "4.3.0 Temporary failure, please try again later"
    return "5.7.1 Message rejected"


class _Authenticator:
    """Accepts the sink's one user and password (any mechanism aiosmtpd offers)."""

    def __init__(self, user: str, password: str) -> None:
        self._user = user.encode()
        self._password = password.encode()

    def __call__(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == self._user
            and auth_data.password == self._password
        )
        if not ok:
            return AuthResult(success=False, handled=False)  # aiosmtpd answers 535
        return AuthResult(success=True, auth_data=auth_data.login.decode())


class _BoundController(Controller):
    """aiosmtpd's threaded controller serving on a socket bound beforehand (a known, reusable port)."""

    def __init__(self, handler: Any, sock: socket.socket, **kwargs: Any) -> None:
        host, port = sock.getsockname()[:2]
        super().__init__(handler, hostname=host, port=port, **kwargs)
        self._sock = sock

    def _create_server(self) -> Any:
        return self.loop.create_server(self._factory_invoker, sock=self._sock, ssl=self.ssl_context)


class FakeSmtp:
    """The sink: `start()` returns its port on 127.0.0.1; `mails` holds what it accepted."""

    def __init__(
        self,
        *,
        user: str | None = None,
        password: str | None = None,
        latency: float = 0.0,
        tls: ServerTls | None = None,
        implicit_tls: bool = False,
    ) -> None:
        self.faults = Faults()
        self.tls = tls
        self.implicit_tls = implicit_tls
        if latency:
            self.faults.latency(latency)
        self.host = "127.0.0.1"
        self.user = user
        self.password = password
        self._port: int | None = None
        self._lock = threading.Lock()
        self._mails: list[ReceivedMail] = []
        self._rules = _Rules()
        self._controller: _BoundController | None = None

    # lifecycle ---------------------------------------------------------------

    def start(self) -> int:
        """Start serving (on the same port after a stop); returns the port."""
        if self._controller is not None:
            return self.port
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self._port or 0))
        self._port = sock.getsockname()[1]
        auth: dict[str, Any] = {}
        if self.user is not None:
            auth = {
                "authenticator": _Authenticator(self.user, self.password or ""),
                "auth_require_tls": False,  # loopback only
            }
        if self.tls is not None and self.implicit_tls:
            auth["ssl_context"] = self.tls.server_context()
        elif self.tls is not None:
            auth.update(tls_context=self.tls.server_context(), require_starttls=True)
        controller = _BoundController(_Handler(self), sock, server_hostname=HOSTNAME, **auth)
        controller.start()
        self._controller = controller
        return self.port

    def stop(self) -> None:
        """Stop serving: connections are refused until `start()`."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def port(self) -> int:
        """The bound port (kept across stop/start)."""
        if self._port is None:
            raise RuntimeError("the SMTP sink was never started, so it has no port yet")
        return self._port

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # faults ------------------------------------------------------------------

    def refuse(self, address: str, code: int = 550) -> None:
        """Refuse `address` at RCPT with `code` (a 5xx: the mailbox does not exist) until `reset()`."""
        with self._lock:
            self._rules.refused[address.lower()] = code

    def drop(self, times: int = 1) -> None:
        """Cut the next `times` connections at DATA, before anything is accepted."""
        with self._lock:
            self._rules.drops += max(0, times)

    # inspection --------------------------------------------------------------

    @property
    def mails(self) -> list[ReceivedMail]:
        """Every mail accepted so far, in arrival order."""
        with self._lock:
            return list(self._mails)

    def mails_to(self, address: str) -> list[ReceivedMail]:
        """The mails accepted for `address`."""
        wanted = address.lower()
        return [m for m in self.mails if wanted in (r.lower() for r in m.rcpt_tos)]

    def reset(self) -> None:
        """Forget the mails, the refusals and the faults."""
        with self._lock:
            self._mails.clear()
            self._rules = _Rules()
        self.faults.clear()

    def wait_until(self, predicate: Callable[[], T], timeout: float = 5.0) -> T:
        """Block until `predicate()` is truthy and return it; TimeoutError otherwise."""
        return polling.wait_until(predicate, timeout)

    async def wait_for(self, predicate: Callable[[], T], timeout: float = 5.0) -> T:
        """Await until `predicate()` is truthy and return it; TimeoutError otherwise."""
        return await polling.wait_for(predicate, timeout)

    # for the handler ---------------------------------------------------------

    def _refusal(self, address: str) -> int | None:
        with self._lock:
            return self._rules.refused.get(address.lower())

    def _take_drop(self) -> bool:
        with self._lock:
            if self._rules.drops <= 0:
                return False
            self._rules.drops -= 1
            return True

    def _record(self, session: Session, envelope: Envelope) -> None:
        data = envelope.original_content or b""
        mail = ReceivedMail(
            mail_from=envelope.mail_from or "",
            rcpt_tos=tuple(envelope.rcpt_tos),
            data=data,
            message=cast(EmailMessage, message_from_bytes(data, policy=policy.default)),
            received_at=time.time(),
            authenticated_as=session.auth_data if session.authenticated else None,
        )
        with self._lock:
            self._mails.append(mail)
