"""What the endpoints that store what they receive in the inbox share (the web form, the answering
machine): their dependencies, the tenant and language of a request, and storing one event durably before
the answer."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from starlette.requests import Request

from bot.clock import Clock
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.inbox.writer import InboxWriter
from bot.tenants.directory import TenantDirectory, TenantInfo
from storage.db import Database

log = logging.getLogger(__name__)

LANGUAGES = ("ja", "en")


class InboxEndpoint:
    """Base of an endpoint that stores its events in the inbox and wakes the worker."""

    STORE_FAILED = "%s: could not store the event"  # logged with the tenant's slug

    def __init__(
        self,
        *,
        writer: InboxWriter,
        db: Database,
        cipher: PiiCipher,
        tenants: TenantDirectory,
        clock: Clock,
        settings: Settings,
        on_stored: Callable[[], None],
    ) -> None:
        self._writer = writer
        self._db = db
        self._cipher = cipher
        self._tenants = tenants
        self._clock = clock
        self._settings = settings
        self._on_stored = on_stored

    async def _tenant_and_language(self, request: Request) -> tuple[TenantInfo | None, str]:
        """The tenant of the path's slug (None when it is unknown, inactive or on a shared LINE account),
        and the language asked for (`?lang=`), else the tenant's, else Japanese."""
        tenant = await self._tenants.by_slug(request.path_params["slug"])
        asked = request.query_params.get("lang")
        if tenant is None or not tenant.active or tenant.line_shared:
            return None, asked if asked in LANGUAGES else "ja"
        return (
            tenant,
            asked if asked in LANGUAGES else tenant.language if tenant.language in LANGUAGES else "ja",
        )

    async def _store(self, row: dict[str, Any], *, slug: str) -> bool:
        """Store the event and wake the worker; False (logged, with the trace) when it could not."""
        try:
            await self._writer.store([row])
        except Exception:
            log.exception(self.STORE_FAILED, slug)
            return False
        self._on_stored()
        return True
