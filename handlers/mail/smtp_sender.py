"""Sends `complainant.message` effects by e-mail (aiosmtplib): From the tenant's desk address, each mail
under the Message-ID its effect was given (handlers.mail.compose draws it).

Idempotency: SMTP has no idempotency key. A server that took the mail but whose answer was lost (the
connection dropped after DATA, or the process stopped mid-send) cannot be asked whether it has it, so the
retry sends it again. What keeps that harmless is that the retry is the same mail under the same
Message-ID (it was fixed when the effect was written), which mail clients and the desk's own intake treat
as one message. A send the dispatcher marks `in_doubt` (an earlier lease ran out mid-send) is therefore
sent again too, and its result says so.
"""

from __future__ import annotations

import re
import ssl
from email.headerregistry import Address
from typing import Any

import aiosmtplib

from bot.clock import Clock
from bot.config import Settings
from bot.intake.mail_route import plus_address
from bot.outbox.effects import Effect, SendError
from bot.tenants.directory import TenantDirectory, TenantInfo
from bot.texts import text
from handlers.mail.compose import BadMail, build_mail
from handlers.mail.tls import mail_tls_context

# "5.1.1" at the start of a server's answer: what went wrong, without the answer's words (which may quote
# the address).
_ENHANCED_STATUS = re.compile(r"^\s*([245]\.\d{1,3}\.\d{1,3})\b")


class SmtpSender:
    """Sends complainant mails through the desk's SMTP server (MAIL_SMTP_*)."""

    def __init__(self, *, settings: Settings, tenants: TenantDirectory, clock: Clock) -> None:
        self._settings = settings
        self._tenants = tenants
        self._clock = clock

    async def send(self, effect: Effect) -> dict[str, Any]:
        """Send the effect's mail; returns its Message-ID."""
        settings = self._settings
        if not settings.mail_smtp_host:
            raise SendError("MAIL_SMTP_HOST is not set: the desk cannot send e-mail", permanent=True)
        tenant = await self._tenants.by_id(effect.tenant_id) if effect.tenant_id is not None else None
        try:
            message = build_mail(effect.payload, sender=self._sender(tenant), now=self._clock.now())
        except BadMail as exc:
            raise SendError(str(exc), permanent=True) from None
        security = settings.mail_smtp_security
        try:
            await aiosmtplib.send(
                message,
                hostname=settings.mail_smtp_host,
                port=settings.mail_smtp_port,
                username=settings.mail_smtp_user or None,
                password=settings.mail_smtp_password.get_secret_value() or None,
                use_tls=security == "ssl",
                start_tls=security == "starttls",
                tls_context=mail_tls_context(settings),
                local_hostname=settings.mail_domain,
                timeout=settings.mail_smtp_timeout_seconds,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            refused = exc.recipients[0] if exc.recipients else None
            raise _refusal("SMTP refused the recipient", refused) from None
        except (aiosmtplib.SMTPAuthenticationError, aiosmtplib.SMTPSenderRefused) as exc:
            # The desk's account or its From address: a setting to fix, retried meanwhile.
            raise SendError(f"SMTP refused the desk's login or sender ({_status(exc)})") from None
        except aiosmtplib.SMTPResponseException as exc:
            raise _refusal("SMTP refused the mail", exc) from None
        except (aiosmtplib.SMTPException, OSError, ssl.SSLError) as exc:
            untrusted = _certificate_refusal(exc)
            if untrusted is not None:  # tried again: the server's certificate or MAIL_TLS_CA_FILE gets fixed
                raise SendError(
                    f"SMTP server's certificate not trusted ({untrusted}; see MAIL_TLS_CA_FILE)"
                ) from None
            # Connection refused, dropped or timed out, TLS failed: nothing was accepted, or it is in doubt.
            raise SendError(f"SMTP server unreachable: {type(exc).__name__}") from None
        result: dict[str, Any] = {"via": "smtp", "message_id": str(message["Message-ID"])}
        if effect.in_doubt:
            result["resent_in_doubt"] = True
        return result

    def _sender(self, tenant: TenantInfo | None) -> Address:
        address = (tenant.desk_email if tenant else None) or (
            plus_address(self._settings.mail_from, tenant.slug) if tenant else self._settings.mail_from
        )
        if not address:
            raise BadMail("no sender address: set the tenant's desk e-mail or MAIL_FROM")
        name = text(tenant.language, "mail.from_name", tenant=tenant.name) if tenant else ""
        try:
            return Address(display_name=name, addr_spec=address)
        except (ValueError, IndexError):
            raise BadMail("the desk's sender address is not an e-mail address") from None

    async def close(self) -> None:
        """Nothing held: each send opens its own connection."""


def _certificate_refusal(exc: BaseException) -> str | None:
    """Why the server's certificate was not trusted, when that is what failed (aiosmtplib wraps the error
    of an implicit-TLS connection in SMTPConnectError)."""
    for error in (exc, exc.__cause__):
        if isinstance(error, ssl.SSLCertVerificationError):
            return str(error.verify_message)
    return None


def _status(exc: aiosmtplib.SMTPResponseException) -> str:
    found = _ENHANCED_STATUS.match(exc.message or "")
    return f"{exc.code} {found.group(1)}" if found else str(exc.code)


def _refusal(what: str, exc: aiosmtplib.SMTPResponseException | None) -> SendError:
    """A 5xx answer is final (dead letter, alerted); a 4xx one is tried again later."""
    if exc is None:
        return SendError(what, permanent=True)
    return SendError(f"{what} ({_status(exc)})", permanent=exc.code >= 500)
