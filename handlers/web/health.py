"""`GET /healthz` for load balancers: database reachable, worker and dispatcher lag."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.clock import Clock
from storage.db import Database
from storage.repos import inbox, outbox

log = logging.getLogger(__name__)


def make_health_endpoint(db: Database, clock: Clock) -> Callable[[Request], Awaitable[Response]]:
    """The endpoint: 200 with lag figures, 503 when the database does not answer."""

    async def handle_health_check(_request: Request) -> Response:
        try:
            async with db.inbox_reader() as session:
                oldest_inbox = await inbox.oldest_pending_received_at(session)
                set_aside = await inbox.set_aside_counts(session)
            async with db.reader() as session:
                oldest_outbox = await outbox.oldest_unfinished_created_at(session, now=clock.now())
        except Exception as exc:
            log.error("health check: database unreachable: %s", type(exc).__name__)
            return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
        now = clock.now()
        return JSONResponse(
            {
                "status": "ok",
                "database": "ok",
                "inbox_lag_seconds": round((now - oldest_inbox).total_seconds(), 3) if oldest_inbox else 0.0,
                "outbox_lag_seconds": round((now - oldest_outbox).total_seconds(), 3)
                if oldest_outbox
                else 0.0,
                # Inbound events kept for the admins (`kasuhara inbox list`), by why.
                "inbox_set_aside": {status: set_aside.get(status, 0) for status in inbox.SET_ASIDE},
            }
        )

    return handle_health_check
