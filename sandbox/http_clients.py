"""HTTP clients for the sandbox's simulated senders (LINE's webhook deliveries, the telephony provider's
callbacks). They share one TLS context: building one reads the CA bundle (about 25 ms of CPU), which every
short-lived client would otherwise pay again."""

from __future__ import annotations

import functools
import ssl
from typing import Any

import httpx


@functools.cache
def _tls() -> ssl.SSLContext:
    return httpx.create_ssl_context()


def client(**options: Any) -> httpx.Client:
    """A client that ignores proxy settings from the environment (the sandbox talks to loopback)."""
    return httpx.Client(verify=_tls(), trust_env=False, **options)


def async_client(**options: Any) -> httpx.AsyncClient:
    """The async `client`."""
    return httpx.AsyncClient(verify=_tls(), trust_env=False, **options)
