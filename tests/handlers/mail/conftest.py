"""The private dovecot for the IMAP poller's tests (sandbox/dovecot.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sandbox.dovecot import Dovecot, installed, private_dovecot


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    """A private dovecot, running, stopped after the test."""
    if not installed():
        pytest.skip("dovecot is not installed (scripts/ensure-mail-servers installs dovecot-imapd)")
    with private_dovecot() as server:
        yield server


@pytest.fixture
def dovecot_tls() -> Iterator[Dovecot]:
    """A private dovecot with a throwaway certificate: STARTTLS on `port`, implicit TLS on `tls_port`."""
    if not installed():
        pytest.skip("dovecot is not installed (scripts/ensure-mail-servers installs dovecot-imapd)")
    with private_dovecot(tls=True) as server:
        yield server
