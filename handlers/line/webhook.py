"""The LINE webhook, one URL per tenant: verify, store raw events durably, answer 200."""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
from collections.abc import Callable
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.clock import Clock
from bot.crypto import PiiCipher
from bot.inbox.writer import InboxWriter
from bot.tenants.directory import TenantDirectory
from handlers.line.events import event_problem, sender_of
from handlers.web.limits import BodyTooLarge, read_body_capped
from storage.repos import inbox

log = logging.getLogger(__name__)

EVENT_ID_LENGTH = 128  # the inbox's event_id column


def signature_is_valid(secret: str, body: bytes, signature: str) -> bool:
    """LINE's X-Line-Signature: base64 HMAC-SHA256 of the raw body with the channel secret.

    Compared as bytes: a header is any Latin-1 text, and compare_digest refuses non-ASCII strings.
    """
    expected = base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest())
    return hmac.compare_digest(expected, signature.encode("latin-1", "replace"))


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


class LineWebhook:
    """`POST /line/webhook/{tenant}`."""

    def __init__(
        self,
        *,
        writer: InboxWriter,
        cipher: PiiCipher,
        tenants: TenantDirectory,
        clock: Clock,
        max_body_bytes: int,
        on_stored: Callable[[], None],
    ) -> None:
        self._writer = writer
        self._cipher = cipher
        self._tenants = tenants
        self._clock = clock
        self._max_body = max_body_bytes
        self._on_stored = on_stored

    async def handle_line_webhook(self, request: Request) -> Response:
        """Verify and store; nothing slow happens here."""
        try:
            body = await read_body_capped(request, self._max_body)
        except BodyTooLarge:
            return _error(413, "request body too large")
        tenant = await self._tenants.by_slug(request.path_params["tenant"])
        if tenant is None or not tenant.active or not tenant.line_channel_secret:
            return _error(404, "unknown tenant")
        signature = request.headers.get("x-line-signature", "")
        if not signature or not signature_is_valid(tenant.line_channel_secret, body, signature):
            log.warning("LINE webhook for %s: invalid signature", tenant.slug)
            return _error(400, "invalid signature")
        try:
            document = orjson.loads(body)  # also refuses broken UTF-8 and lone surrogates
        except orjson.JSONDecodeError:
            return _error(400, "malformed JSON")
        events = document.get("events") if isinstance(document, dict) else None
        if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
            return _error(400, "expected an object with an `events` list")
        rows = [self._inbox_row(tenant.id, event, body, i) for i, event in enumerate(events)]
        try:
            await self._writer.store(rows)
        except Exception:
            # Not acknowledged: LINE redelivers, and nothing half-stored is kept.
            log.exception("LINE webhook for %s: could not store events", tenant.slug)
            return _error(503, "temporarily unavailable")
        if rows:
            self._on_stored()
        return Response(b"{}", media_type="application/json")

    def _inbox_row(self, tenant_id: int, event: dict[str, Any], body: bytes, index: int) -> dict[str, Any]:
        """The event as an inbox row; one that does not fit LINE's schema is kept set aside."""
        problem = event_problem(event)
        too_deep = problem == "nested too deeply"
        raw = body if too_deep else orjson.dumps(event, option=orjson.OPT_SORT_KEYS)
        event_id = event.get("webhookEventId")
        if not isinstance(event_id, str) or not event_id:
            # Older or test deliveries without an id: the event's own content identifies it (one too deep
            # to serialise again, the delivery it came in and its place there).
            event_id = "sha256:" + hashlib.sha256(raw).hexdigest() + (f":{index}" if too_deep else "")
        elif "\x00" in event_id or len(f"{tenant_id}:{event_id}") > EVENT_ID_LENGTH:
            # An id the key column cannot hold as it is (a NUL, or too long to keep whole) goes by its hash.
            event_id = "sha256:" + hashlib.sha256(event_id.encode()).hexdigest()
        # Events from one sender are taken in order; one without a sender waits for no one.
        sender = sender_of(event) if problem is None else None
        queue = sender or f"event:{event_id}"
        if problem is not None:
            log.warning("LINE webhook: malformed event set aside (%s)", problem)
        return {
            "source": "line",
            "event_id": f"{tenant_id}:{event_id}",
            "tenant_id": tenant_id,
            "partition_key": f"line:{tenant_id}:{self._cipher.lookup_hash(queue)[:32]}",
            "event_type": str(event.get("type", "unknown")).replace("\x00", "")[:40],
            "payload_enc": self._cipher.encrypt_bytes(raw),
            "status": inbox.PENDING if problem is None else inbox.REJECTED,
            "attempts": 0,
            "last_error": None if problem is None else f"malformed: {problem}"[:500],
            "received_at": self._clock.now(),
        }
