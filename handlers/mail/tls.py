"""The TLS context of the desk's mail connections (IMAP and SMTP): certificates and host names always
verified, against MAIL_TLS_CA_FILE instead of the system's trust store when it is set."""

from __future__ import annotations

import ssl

from bot.config import Settings


def mail_tls_context(settings: Settings) -> ssl.SSLContext:
    """A verifying client context; a CA file that cannot be read is an error at once (OSError)."""
    # With a cafile, create_default_context trusts that file only (it loads the system's store otherwise).
    return ssl.create_default_context(cafile=settings.mail_tls_ca_file or None)
