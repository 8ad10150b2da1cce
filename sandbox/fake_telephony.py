"""A local stand-in for a Twilio-compatible telephony provider: it places calls into the app's voice
webhook exactly as the provider does (signed form posts, TwiML read back), serves the recordings it made
(HTTP basic auth, as the provider's REST API does), and posts the signed recording status callbacks.

The app is reached at its real address while every signature covers the public URL (as behind a proxy).
Fault modes: a recording missing (404) for the first N fetches, a recording whose body stalls, injected
errors through `faults`, a wrong or missing signature.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import io
import math
import secrets
import struct
import threading
import wave
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route
from twilio.request_validator import RequestValidator

from sandbox import http_clients
from sandbox.fake_base import FakeServer
from sandbox.faults import Injection

API_VERSION = "2010-04-01"
WITHHELD = "+266696687"  # what the provider sends as From when the caller withholds their number


def tone_wav(seconds: float = 1.0, *, frequency: float = 440.0, rate: int = 8000) -> bytes:
    """A mono 16-bit WAV of a sine tone, as a short voicemail for tests."""
    frames = int(seconds * rate)
    samples = b"".join(
        struct.pack("<h", int(12000 * math.sin(2 * math.pi * frequency * i / rate))) for i in range(frames)
    )
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(rate)
        file.writeframes(samples)
    return out.getvalue()


@dataclass
class PlacedCall:
    """What happened on one call: the answers the app gave and the callback it was sent."""

    call_sid: str
    answer_status: int
    twiml: str
    record: dict[str, str] | None = None  # the Record verb's attributes, when the app asked to record
    said: list[tuple[str, str]] = field(default_factory=list)  # (language, words) of each Say
    recording_sid: str | None = None
    closing_twiml: str | None = None  # the answer to the Record verb's action
    callback_status: int | None = None
    callback: tuple[str, dict[str, str]] | None = None  # (public URL, params) of the status callback


@dataclass
class _Recording:
    data: bytes
    content_type: str


class FakeTelephony(FakeServer):
    """Fake provider; `connect(public_base_url, app_base_url)` says where the app is, then `place_call`."""

    def __init__(self, *, account_sid: str | None = None, auth_token: str | None = None) -> None:
        self.account_sid = account_sid or "AC" + secrets.token_hex(16)
        self.auth_token = auth_token or secrets.token_hex(16)
        self._recordings: dict[str, _Recording] = {}
        self._lock = threading.Lock()
        self._missing = 0
        self._stalls = 0
        self.fetches: list[str] = []  # recording ids, one per download asked for
        self._public = ""
        self._app = ""
        super().__init__()

    # control -----------------------------------------------------------------

    def connect(self, *, public_base_url: str, app_base_url: str) -> None:
        """The URL the provider is configured with (signed) and where that URL really reaches the app."""
        self._public = public_base_url.rstrip("/")
        self._app = app_base_url.rstrip("/")

    def recording_missing(self, times: int) -> None:
        """Answer the next `times` recording downloads with 404 (not ready yet)."""
        with self._lock:
            self._missing += times

    def stall_recordings(self, times: int) -> None:
        """Start the next `times` recording downloads, then never finish their body."""
        with self._lock:
            self._stalls += times

    def reset(self) -> None:
        """Drop recordings, fault modes and requests."""
        super().reset()
        with self._lock:
            self._recordings.clear()
            self._missing = self._stalls = 0
            self.fetches.clear()

    def recording_url(self, recording_sid: str) -> str:
        """Where the recording is served (without the format's extension, as the callback gives it)."""
        return f"{self.base_url}/{API_VERSION}/Accounts/{self.account_sid}/Recordings/{recording_sid}"

    # the provider's side of a call ---------------------------------------------

    async def place_call(
        self,
        slug: str,
        from_number: str,
        audio_bytes: bytes,
        duration: int,
        *,
        to_number: str = "+81312345678",
        lang: str | None = None,
        status: str = "completed",
        signature: str | None = None,
        callback_signature: str | None = None,
    ) -> PlacedCall:
        """Call the tenant's number: the call webhook, then (when asked to record) the recording served
        here, the Record verb's action and the recording status callback; `signature` overrides every
        signature ("" sends none), `callback_signature` the status callback's alone."""
        call_sid = "CA" + secrets.token_hex(16)
        params = {
            "AccountSid": self.account_sid,
            "ApiVersion": API_VERSION,
            "CallSid": call_sid,
            "CallStatus": "ringing",
            "Direction": "inbound",
            "From": from_number,
            "Caller": from_number,
            "To": to_number,
            "Called": to_number,
        }
        url = f"{self._public}/voice/{slug}" + (f"?lang={lang}" if lang else "")
        answer = await self.post_signed(url, params, signature=signature)
        placed = PlacedCall(call_sid=call_sid, answer_status=answer.status_code, twiml=answer.text)
        if answer.status_code != 200:
            return placed
        root = ET.fromstring(answer.text)
        placed.said = [(say.get("language", ""), say.text or "") for say in root.iter("Say")]
        record = root.find("Record")
        if record is None:
            return placed
        placed.record = dict(record.attrib)
        recording_sid = "RE" + secrets.token_hex(16)
        placed.recording_sid = recording_sid
        if status == "completed":
            with self._lock:
                self._recordings[recording_sid] = _Recording(audio_bytes, "audio/x-wav")
        recording = {
            "AccountSid": self.account_sid,
            "CallSid": call_sid,
            "RecordingSid": recording_sid,
            "RecordingUrl": self.recording_url(recording_sid),
            "RecordingDuration": str(duration),
        }
        if placed.record.get("action"):
            closing = await self.post_signed(
                placed.record["action"],
                {**params, **recording, "CallStatus": "in-progress"},
                signature=signature,
            )
            placed.closing_twiml = closing.text
        callback_url = placed.record.get("recordingStatusCallback")
        if callback_url:
            callback = {
                **recording,
                "RecordingStatus": status,
                "RecordingChannels": "1",
                "RecordingSource": "RecordVerb",
                "RecordingStartTime": "Mon, 30 Nov 2026 01:00:00 +0000",
            }
            placed.callback = (callback_url, callback)
            placed.callback_status = (
                await self.post_signed(
                    callback_url,
                    callback,
                    signature=signature if callback_signature is None else callback_signature,
                )
            ).status_code
        return placed

    async def redeliver(self, placed: PlacedCall) -> int:
        """Post a call's recording status callback again (as the provider does when unsure); the status."""
        assert placed.callback is not None
        url, params = placed.callback
        return (await self.post_signed(url, params)).status_code

    async def post_signed(
        self, public_url: str, params: dict[str, str], *, signature: str | None = None
    ) -> httpx.Response:
        """POST the form to the app at its real address, signed over the public URL (`signature`
        overrides the signature, "" sends none)."""
        if signature is None:
            signature = RequestValidator(self.auth_token).compute_signature(public_url, params)
        headers = {"X-Twilio-Signature": signature} if signature else {}
        target = public_url.replace(self._public, self._app, 1)
        async with http_clients.async_client(timeout=10.0) as client:
            return await client.post(
                target, data=params, headers={**headers, "User-Agent": "TwilioProxy/1.1"}
            )

    # the REST API's recordings -------------------------------------------------

    def _routes(self) -> list[BaseRoute]:
        return [
            Route(
                f"/{API_VERSION}/Accounts/{{account}}/Recordings/{{file}}", self._recording, methods=["GET"]
            )
        ]

    def _fault_body(self, injection: Injection) -> dict[str, Any]:
        return {"code": 20500, "message": "Internal Server Error", "status": injection.status or 500}

    async def _recording(self, request: Request) -> Response:
        file = request.path_params["file"]
        sid, _dot, extension = file.partition(".")
        intercepted = await self._intercept(request, "recording", {"sid": sid}, b"")
        if intercepted is not None:
            return intercepted
        if not self._authorised(request) or request.path_params["account"] != self.account_sid:
            return JSONResponse({"code": 20003, "message": "Authenticate", "status": 401}, status_code=401)
        with self._lock:
            self.fetches.append(sid)
            recording = self._recordings.get(sid) if extension in ("wav", "mp3") else None
            missing = self._missing > 0
            self._missing -= 1 if missing else 0
            stall = self._stalls > 0 and recording is not None
            self._stalls -= 1 if stall else 0
        if missing or recording is None:
            return JSONResponse({"code": 20404, "message": "not found", "status": 404}, status_code=404)
        if stall:
            return StreamingResponse(self._stalled(recording.data), media_type=recording.content_type)
        return Response(recording.data, media_type=recording.content_type)

    async def _stalled(self, data: bytes) -> AsyncIterator[bytes]:
        yield data[: len(data) // 4]
        while not self._stopping:  # the rest never comes
            await asyncio.sleep(0.05)

    def _authorised(self, request: Request) -> bool:
        scheme, _space, encoded = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            user, _colon, password = base64.b64decode(encoded).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        return secrets.compare_digest(user, self.account_sid) and secrets.compare_digest(
            password, self.auth_token
        )
