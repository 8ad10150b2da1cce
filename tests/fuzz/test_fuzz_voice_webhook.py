"""Property: `POST /voice/{slug}` and `POST /voice/{slug}/recording` with any form fields, signed with the
provider's token (Twilio's RequestValidator over the public URL) or not; only signed requests are stored,
each once, and the worker takes every stored call and recording without an error."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from urllib.parse import quote

import httpx
import pytest
from hypothesis import strategies as st
from sqlalchemy import func, select
from twilio.request_validator import RequestValidator

from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from sandbox.fake_telephony import API_VERSION, WITHHELD, FakeTelephony
from storage.db import Database
from storage.models import InboxEvent, Tenant
from tests.clock import TestClock
from tests.conftest import RunningApp
from tests.fuzz.conftest import Invariants, form, huge_text, random_bytes, run_examples, weird_text
from tests.handlers.voice.test_voicemail import PUBLIC  # the URL the provider signs
from tests.handlers.voice.test_voicemail import voice_app as voice_app_with

pytestmark = pytest.mark.usefixtures("watch_uvicorn")

SLUGS = ["sakura", "maple"]
CALL_SIDS = [f"CA{n:032x}" for n in range(1, 4)]
RECORDING_SIDS = [f"RE{n:032x}" for n in range(1, 4)]
# Ids no provider writes: NUL, and long ones alike in their first 128 characters.
ODD_SIDS = ["CA\x00", "CA" + "0" * 200 + "A", "CA" + "0" * 200 + "B"]
# Values a field may take: the provider's own, the edges of each field's type, and anything.
ODD_VALUES = [
    "",
    "0",
    "-1",
    "²",
    "١٢",
    "9" * 30,
    "9" * 5000,
    "1e3",
    "\x00",
    "CA" + "0" * 200,
    "+819012345678",
    "090-1234-5678",
    WITHHELD,
    "anonymous",
    "completed",
    "absent",
    "failed",
    "http://127.0.0.1:1/nothing",
    "ftp://x",
    "file:///etc/passwd",
]
VALUES = st.one_of(st.sampled_from(ODD_VALUES), weird_text, huge_text)
# Seconds as a provider writes them, and what passes for digits without being a number Python reads.
DURATIONS = st.one_of(
    st.sampled_from(["7", "0", "120"]),
    st.sampled_from(["²", "١٢", "٣", "9" * 30, "9" * 5000, "-1", "1.5", " 7", ""]),
    weird_text,
)
FIELDS = [
    "AccountSid",
    "CallSid",
    "RecordingSid",
    "RecordingUrl",
    "RecordingStatus",
    "RecordingDuration",
    "From",
    "To",
    "CallStatus",
]


@dataclass(frozen=True)
class VoiceRequest:
    """One callback: which endpoint of which tenant, its form fields, and how it is signed and sent."""

    slug: str
    recording: bool
    query: str  # "" or "lang=en", "step=end"...
    pairs: tuple[tuple[str, str], ...]
    signature: str  # "right", "missing", "other_token", "other_url", "tampered", "garbage"
    content_type: str
    raw: bytes | None  # a body that is not the pairs' form

    def url(self, base: str) -> str:
        path = quote(self.slug.encode("utf-8", "surrogatepass"), safe="%")
        return (
            f"{base}/voice/{path}"
            + ("/recording" if self.recording else "")
            + (f"?{self.query}" if self.query else "")
        )


@st.composite
def voice_requests(draw: st.DrawFn, telephony: FakeTelephony) -> VoiceRequest:
    """The provider's call or recording callback (ids from a small pool), fields changed; mostly signed."""
    recording = draw(st.booleans())
    call_sid = draw(st.sampled_from(CALL_SIDS) | st.sampled_from(ODD_SIDS))
    params: dict[str, str] = {
        "AccountSid": telephony.account_sid,
        "ApiVersion": API_VERSION,
        "CallSid": call_sid,
        "From": draw(st.sampled_from(["+819012345678", "+818011112222", WITHHELD])),
        "To": "+81312345678",
        "CallStatus": "ringing",
        "Direction": "inbound",
    }
    if recording:
        recording_sid = draw(st.sampled_from(RECORDING_SIDS) | st.sampled_from(ODD_SIDS))
        params |= {
            "RecordingSid": recording_sid,
            "RecordingUrl": telephony.recording_url(recording_sid),
            "RecordingStatus": draw(st.sampled_from(["completed", "completed", "absent", "failed"])),
            "RecordingDuration": draw(DURATIONS),
        }
    pairs = list(params.items())
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["set", "set", "drop", "repeat", "add"]))
        if kind == "set":
            name = draw(st.sampled_from(FIELDS))
            pairs = [(k, v) for k, v in pairs if k != name] + [(name, draw(VALUES))]
        elif kind == "drop" and pairs:
            del pairs[draw(st.integers(0, len(pairs) - 1))]
        elif kind == "repeat" and pairs:
            pairs.append((pairs[draw(st.integers(0, len(pairs) - 1))][0], draw(weird_text)))
        else:
            pairs.append((draw(weird_text), draw(VALUES)))
    signed = draw(st.integers(0, 2)) > 0
    return VoiceRequest(
        slug=draw(
            st.sampled_from(SLUGS)
            | st.sampled_from(SLUGS)
            | st.sampled_from(["nobody", "SAKURA", "さくら", "a" * 300, "%ZZ"])
        ),
        recording=recording,
        query=draw(st.sampled_from(["", "", "", "lang=en", "lang=xx", "step=end", "lang=ja&step=end"])),
        pairs=tuple(pairs),
        signature="right"
        if signed
        else draw(st.sampled_from(["right", "missing", "other_token", "other_url", "tampered", "garbage"])),
        content_type=draw(
            st.sampled_from(["application/x-www-form-urlencoded"] * 4 + ["text/plain", "", "ÿ"])
        ),
        raw=None if draw(st.integers(0, 5)) else draw(random_bytes),
    )


def _signature(token: str, url: str, params: dict[str, str]) -> str:
    try:
        return str(RequestValidator(token).compute_signature(url, params))
    except UnicodeEncodeError:  # a lone surrogate: no provider could have signed it
        return "unsignable"


def _sent_as(request: VoiceRequest, token: str) -> tuple[bytes, str, bool]:
    """The body, the signature header ("" for none), and whether the request is the provider's own."""
    body = request.raw if request.raw is not None else form(list(request.pairs))
    params = dict(request.pairs)
    url = request.url(PUBLIC)
    right = _signature(token, url, params)
    signature = {
        "right": right,
        "missing": "",
        "other_token": _signature("not-the-token", url, params),
        "other_url": _signature(token, url.replace(PUBLIC, "https://evil.example"), params),
        "tampered": right[:-2] + ("AA" if right[-2:] != "AA" else "BB"),
        "garbage": "署名",
    }[request.signature]
    authentic = (
        request.signature == "right"
        and right != "unsignable"
        and request.raw is None
        and request.content_type == "application/x-www-form-urlencoded"
        and len(params) == len(request.pairs)
    )
    return body, signature, authentic


def _stored_as(request: VoiceRequest, tenant_ids: dict[str, int]) -> str | None:
    """The inbox key a 2xx answer to this (authentic) request must have stored, if any."""
    params = dict(request.pairs)
    tenant_id = tenant_ids.get(request.slug)
    if tenant_id is None:
        return None
    if request.recording:
        return f"{tenant_id}:voice:{params['RecordingSid']}"
    if "step=end" in request.query:
        return None
    return f"{tenant_id}:voice-call:{params['CallSid']}"


@pytest.fixture
async def voice_app(
    database: Database,
    fake_slack: FakeSlack,
    fake_line: FakeLine,
    fake_telephony: FakeTelephony,
    clock: TestClock,
) -> AsyncIterator[RunningApp]:
    """The app answering the fake provider, recordings given up after two tries."""
    async with voice_app_with(
        database, fake_slack, fake_line, fake_telephony, clock, outbox_max_attempts=2
    ) as running:
        yield running


async def test_voice_webhooks_take_any_callback(
    voice_app: RunningApp, fake_telephony: FakeTelephony, caplog: pytest.LogCaptureFixture
) -> None:
    app = voice_app
    check = Invariants(app, caplog)
    async with app.services.db.reader() as session:
        tenant_ids = {t.slug: t.id for t in await session.scalars(select(Tenant))}
    stored: set[str] = set()

    async def one(request: VoiceRequest) -> None:
        body, signature, authentic = _sent_as(request, fake_telephony.auth_token)
        headers = [(b"content-type", request.content_type.encode()), (b"user-agent", b"TwilioProxy/1.1")]
        if signature:
            headers.append((b"x-twilio-signature", signature.encode()))
        before = await check.snapshot()
        response = await http.post(request.url(app.base_url), content=body, headers=headers)
        what = f"POST {request.url('')[:60]}"
        check.assert_not_5xx(response.status_code, what)
        if not authentic:
            assert response.status_code >= 400, f"{what}: unauthenticated, answered {response.status_code}"
            await check.assert_no_effect(before, f"{what}: unauthenticated")
        elif 200 <= response.status_code < 300 and (key := _stored_as(request, tenant_ids)):
            new = key not in stored
            stored.add(key)
            after = await check.snapshot()
            assert after.inbox_rows - before.inbox_rows == int(new), f"{what}: not stored exactly once"
            async with app.services.db.inbox_reader() as session:
                count = await session.scalar(
                    select(func.count()).select_from(InboxEvent).where(InboxEvent.event_id == key)
                )
            assert count == 1, f"{what}: {count} rows under {key}"
            await check.settle()
        else:
            after = await check.snapshot()
            assert after.inbox_rows == before.inbox_rows, f"{what}: answered {response.status_code}, stored"
        check.assert_logs_clean(before)

    async with httpx.AsyncClient(timeout=30, trust_env=False) as http:
        await run_examples("voice_webhook", voice_requests(fake_telephony), one)
    await check.assert_nothing_set_aside()
    await check.assert_worker_keeps_up()
