"""The answering machine's two webhooks, as Twilio calls them: `POST /voice/{slug}` (a call: the policy is
read out, then the message recorded) and `POST /voice/{slug}/recording` (the recording's status callback).

Each is verified with Twilio's signature over the public URL and the form parameters, then stored in the
inbox in one transaction before the answer. The call is stored too: the recording callback does not carry
the caller's number, so it is taken from the stored call (encrypted at rest, never in a URL).
"""

from __future__ import annotations

import json
import logging
import re
from functools import cached_property
from typing import Any
from urllib.parse import parse_qsl, urlencode

import orjson
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from twilio.request_validator import RequestValidator
from twilio.twiml.voice_response import VoiceResponse

from bot.intake.voicemail import (
    CALL,
    RECORDING,
    VOICE,
    call_event_id,
    caller_partition,
    recording_event_id,
)
from bot.tenants.directory import TenantInfo
from bot.texts import text
from handlers.inbox_endpoint import InboxEndpoint
from handlers.web.limits import BodyTooLarge, read_body_capped
from storage.repos import inbox

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "x-twilio-signature"
FORM_TYPE = "application/x-www-form-urlencoded"
SPOKEN = {"ja": "ja-JP", "en": "en-US"}
MAX_PARAMS = 200
# A recording's length in seconds: ASCII digits only (str.isdigit takes "²", which int() refuses), and few
# enough to fit the stored JSON's integers.
_SECONDS = re.compile(r"[0-9]{1,9}")
# A call's or recording's id as providers write them (Twilio's are 34 characters): a longer one would not fit
# the inbox's key (PostgreSQL cuts it, and two ids alike in their start would be stored as one).
_SID = re.compile(r"[A-Za-z0-9_-]{1,64}")


class BadRequest(Exception):
    """The request is not one Twilio sends: its answer, with a short reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


class VoiceWebhook(InboxEndpoint):
    """The call webhook and the recording status callback."""

    STORE_FAILED = "voice webhook for %s: could not store the event"

    @cached_property
    def _validator(self) -> RequestValidator | None:
        token = self._settings.twilio_auth_token.get_secret_value()
        return RequestValidator(token) if token else None

    async def handle_voice_call(self, request: Request) -> Response:
        """Read out the policy and record the message (the call stored first); a closing word after it."""
        try:
            params = await self._verified_params(request)
        except BadRequest as refused:
            return PlainTextResponse(refused.reason, status_code=refused.status)
        tenant, lang = await self._tenant_and_language(request)
        if tenant is None:
            return _twiml(_not_in_service(lang))
        if request.query_params.get("step") == "end":  # the Record verb's action: the message is over
            return _twiml(_closing(lang))
        call_sid = params.get("CallSid", "")
        if not _SID.fullmatch(call_sid):
            return PlainTextResponse("CallSid missing or malformed", status_code=400)
        now = self._clock.now()
        payload = {
            "type": CALL,
            "call_sid": call_sid,
            "from": params.get("From", ""),
            "called_at": now.isoformat(),
        }
        row = self._row(
            tenant, call_event_id(tenant.id, call_sid), CALL, payload, params.get("From"), call_sid
        )
        if not await self._store(row, slug=tenant.slug):
            return PlainTextResponse("temporarily unavailable", status_code=503)
        return _twiml(self._greeting(tenant, lang, request))

    async def handle_voice_recording(self, request: Request) -> Response:
        """Store the recording's status (once per recording) for the worker; 204 once durable."""
        try:
            params = await self._verified_params(request)
        except BadRequest as refused:
            return PlainTextResponse(refused.reason, status_code=refused.status)
        tenant, _lang = await self._tenant_and_language(request)
        if tenant is None:
            return PlainTextResponse("unknown number", status_code=404)
        recording_sid, call_sid = params.get("RecordingSid", ""), params.get("CallSid", "")
        if not _SID.fullmatch(recording_sid) or not _SID.fullmatch(call_sid):
            return PlainTextResponse(
                "RecordingSid and CallSid are required, as the provider writes them", status_code=400
            )
        duration = params.get("RecordingDuration", "0")
        caller = await self._caller_of(tenant, call_sid)
        payload = {
            "type": RECORDING,
            "recording_sid": recording_sid,
            "recording_url": params.get("RecordingUrl", ""),
            "status": params.get("RecordingStatus", ""),
            "duration": int(duration) if _SECONDS.fullmatch(duration) else 0,
            "call_sid": call_sid,
            "from": caller,
            "received_at": self._clock.now().isoformat(),
        }
        row = self._row(
            tenant, recording_event_id(tenant.id, recording_sid), RECORDING, payload, caller, call_sid
        )
        if not await self._store(row, slug=tenant.slug):
            return PlainTextResponse("temporarily unavailable", status_code=503)
        return Response(status_code=204)

    # -- checks ---------------------------------------------------------------------------------------

    async def _verified_params(self, request: Request) -> dict[str, str]:
        """The form parameters of a request signed with the account's token (BadRequest otherwise)."""
        if self._validator is None:
            raise BadRequest(403, "the answering machine is not configured")
        try:
            body = await read_body_capped(request, self._settings.max_body_bytes)
        except BodyTooLarge:
            raise BadRequest(413, "body too large") from None
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != FORM_TYPE:
            raise BadRequest(400, f"expected {FORM_TYPE}")
        try:
            pairs = parse_qsl(
                body.decode("utf-8"),
                keep_blank_values=True,
                strict_parsing=bool(body),
                max_num_fields=MAX_PARAMS,
            )
        except (UnicodeDecodeError, ValueError):
            raise BadRequest(400, "malformed form body") from None
        params = dict(pairs)
        if len(params) != len(pairs):
            raise BadRequest(400, "a parameter is repeated")
        signature = request.headers.get(SIGNATURE_HEADER, "")
        if not signature or not self._validator.validate(self._public_url(request), params, signature):
            log.warning("voice webhook %s: signature missing or wrong, nothing stored", request.url.path)
            raise BadRequest(403, "invalid signature")
        return params

    def _public_url(self, request: Request) -> str:
        """The URL as the provider called it (behind a proxy the request's own URL differs)."""
        query = request.url.query
        return self._settings.public_base_url.rstrip("/") + request.url.path + (f"?{query}" if query else "")

    async def _caller_of(self, tenant: TenantInfo, call_sid: str) -> str:
        """The caller's number as the stored call has it ("" when that call was never stored here)."""
        async with self._db.inbox_reader() as session:
            stored = await inbox.event_payload(session, event_id=call_event_id(tenant.id, call_sid))
        if stored is None:
            return ""
        return str(json.loads(self._cipher.decrypt(stored)).get("from") or "")

    # -- storing --------------------------------------------------------------------------------------

    def _row(
        self,
        tenant: TenantInfo,
        event_id: str,
        event_type: str,
        payload: dict[str, Any],
        caller: str | None,
        call_sid: str,
    ) -> dict[str, Any]:
        return {
            "source": VOICE,
            "event_id": event_id,
            "tenant_id": tenant.id,
            "partition_key": caller_partition(self._cipher, tenant.id, caller, call_sid),
            "event_type": event_type,
            "payload_enc": self._cipher.encrypt_bytes(orjson.dumps(payload)),
            "status": inbox.PENDING,
            "attempts": 0,
            "last_error": None,
            "received_at": self._clock.now(),
        }

    # -- answers --------------------------------------------------------------------------------------

    def _greeting(self, tenant: TenantInfo, lang: str, request: Request) -> VoiceResponse:
        base = self._settings.public_base_url.rstrip("/") + f"/voice/{tenant.slug}"
        asked = request.query_params.get("lang")
        query = {"lang": asked} if asked in SPOKEN else {}
        seconds = self._settings.voice_max_recording_seconds
        answer = VoiceResponse()
        answer.say(text(lang, "voice.greeting", tenant=tenant.name, seconds=seconds), language=SPOKEN[lang])
        answer.record(
            action=f"{base}?{urlencode({**query, 'step': 'end'})}",
            method="POST",
            max_length=seconds,
            play_beep=True,
            trim="trim-silence",
            recording_status_callback=f"{base}/recording" + (f"?{urlencode(query)}" if query else ""),
            recording_status_callback_method="POST",
            recording_status_callback_event="completed",
        )
        # Reached only when nothing was recorded (the caller kept silent).
        answer.say(text(lang, "voice.closing"), language=SPOKEN[lang])
        answer.hangup()
        return answer


def _closing(lang: str) -> VoiceResponse:
    answer = VoiceResponse()
    answer.say(text(lang, "voice.closing"), language=SPOKEN[lang])
    answer.hangup()
    return answer


def _not_in_service(lang: str) -> VoiceResponse:
    answer = VoiceResponse()
    answer.say(text(lang, "voice.not_in_service"), language=SPOKEN[lang])
    answer.hangup()
    return answer


def _twiml(answer: VoiceResponse) -> Response:
    return Response(str(answer), media_type="application/xml")
