"""The phone answering machine end to end: the fake provider places signed calls into the real app over
HTTP, reads back the TwiML, serves the recording and posts the recording callback; the worker opens a phone
case, triage shows it, the recording is downloaded, kept as evidence and shared in the case's thread."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import func, select

from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from sandbox.fake_telephony import WITHHELD, FakeTelephony, tone_wav
from sandbox.fake_transcription import FakeTranscription
from storage.db import Database
from storage.models import AuditEntry, Base, Case, Complainant, Evidence, InboxEvent, Message
from tests.clock import TestClock
from tests.conftest import TRIAGE, RunningApp, launch_app

PUBLIC = "https://desk.example.jp"  # the app's public URL (the provider signs it; a proxy forwards)
CALLER = "+819012345678"
CALLER_FORMS = (CALLER, "09012345678", "9012345678", "090-1234-5678")
WAV = tone_wav(1.0)


@asynccontextmanager
async def voice_app(
    database: Database,
    fake_slack: FakeSlack,
    fake_line: FakeLine,
    telephony: FakeTelephony,
    clock: TestClock,
    **overrides: Any,
) -> AsyncIterator[RunningApp]:
    """The app answering the fake provider's calls, with short retries."""
    settings: dict[str, Any] = {
        "public_base_url": PUBLIC,
        "twilio_account_sid": telephony.account_sid,
        "twilio_auth_token": SecretStr(telephony.auth_token),
        "voice_download_timeout_seconds": 1.0,
        "outbox_max_attempts": 3,
        **overrides,
    }
    async with launch_app(database, fake_slack, fake_line, clock=clock, **settings) as running:
        telephony.connect(public_base_url=PUBLIC, app_base_url=running.base_url)
        yield running


@pytest.fixture
async def app(
    database: Database,
    fake_slack: FakeSlack,
    fake_line: FakeLine,
    fake_telephony: FakeTelephony,
    clock: TestClock,
) -> AsyncIterator[RunningApp]:
    async with voice_app(database, fake_slack, fake_line, fake_telephony, clock) as running:
        yield running


async def _count(app: RunningApp, model: type) -> int:
    db = app.services.db
    async with db.inbox_reader() if model is InboxEvent else db.reader() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def _cases(app: RunningApp) -> list[Case]:
    async with app.services.db.reader() as session:
        return list((await session.scalars(select(Case).order_by(Case.id))).all())


async def _evidence(app: RunningApp) -> list[Evidence]:
    async with app.services.db.reader() as session:
        return list((await session.scalars(select(Evidence).order_by(Evidence.id))).all())


def _triage_posts(app: RunningApp) -> list[Any]:
    """The triage posts (the admins' alerts go to the same channel in tests)."""
    return [
        m for m in app.fake_slack.messages(TRIAGE) if not m.is_reply and not m.text.startswith(":warning:")
    ]


def _thread_texts(app: RunningApp, post: Any) -> str:
    return json.dumps(
        [(m.text, m.blocks) for m in app.fake_slack.thread(TRIAGE, post.ts)], ensure_ascii=False
    )


async def test_a_call_becomes_a_phone_case_with_the_recording_shared_in_its_thread(
    app: RunningApp, fake_telephony: FakeTelephony
) -> None:
    placed = await fake_telephony.place_call("sakura", CALLER, WAV, 7)
    assert placed.answer_status == 200
    assert placed.said[0][0] == "ja-JP" and "正当なご意見か" in placed.said[0][1]
    assert "さくら総合クリニック" in placed.said[0][1]
    assert placed.record is not None
    assert placed.record["recordingStatusCallback"] == f"{PUBLIC}/voice/sakura/recording"
    assert placed.record["recordingStatusCallbackEvent"] == "completed"
    assert placed.record["maxLength"] == "120" and placed.record["playBeep"] == "true"
    assert placed.record["trim"] == "trim-silence"
    assert "<Hangup" in placed.twiml and placed.closing_twiml and "<Hangup" in placed.closing_twiml
    assert placed.callback_status == 204
    await app.idle()
    (case,) = await _cases(app)
    assert case.channel == "phone"
    (post,) = _triage_posts(app)
    shown = json.dumps(post.blocks, ensure_ascii=False)
    assert case.number in shown and "電話（留守番電話）" in shown and "7秒" in shown
    (evidence,) = await _evidence(app)
    assert (evidence.kind, evidence.status, evidence.size) == ("audio", "stored", len(WAV))
    (shared,) = [f for f in app.fake_slack.files if f.thread_ts == post.ts]
    assert shared.data == WAV and shared.filename.endswith(".wav")
    assert fake_telephony.fetches == [placed.recording_sid]
    recording_auth = [r for r in fake_telephony.requests if r.path.endswith(".wav")]
    assert recording_auth and recording_auth[0].headers["authorization"].startswith("Basic ")


async def test_an_english_tenant_and_the_lang_parameter_are_answered_in_english(
    app: RunningApp, fake_telephony: FakeTelephony
) -> None:
    maple = await fake_telephony.place_call("maple", CALLER, WAV, 3)
    assert maple.said[0][0] == "en-US" and "Maple Hotel" in maple.said[0][1] and "police" in maple.said[0][1]
    asked = await fake_telephony.place_call("sakura", CALLER, WAV, 3, lang="en")
    assert asked.said[0][0] == "en-US" and "legitimate complaint" in asked.said[0][1]
    assert asked.record is not None
    assert asked.record["recordingStatusCallback"] == f"{PUBLIC}/voice/sakura/recording?lang=en"
    assert asked.callback_status == 204


@pytest.mark.parametrize("signature", ["forged-signature", ""])
async def test_a_forged_or_missing_signature_on_the_call_is_403_and_nothing_is_stored(
    app: RunningApp, fake_telephony: FakeTelephony, signature: str
) -> None:
    placed = await fake_telephony.place_call("sakura", CALLER, WAV, 5, signature=signature)
    assert placed.answer_status == 403 and placed.record is None
    await app.idle()
    assert await _count(app, InboxEvent) == 0 and await _count(app, Case) == 0


@pytest.mark.parametrize("signature", ["forged-signature", ""])
async def test_a_forged_or_missing_signature_on_the_recording_callback_is_403_and_nothing_is_stored(
    app: RunningApp, fake_telephony: FakeTelephony, signature: str
) -> None:
    placed = await fake_telephony.place_call("sakura", CALLER, WAV, 5, callback_signature=signature)
    assert placed.answer_status == 200 and placed.callback_status == 403
    await app.idle()
    assert await _count(app, InboxEvent) == 1  # the call only
    assert await _count(app, Case) == 0


async def test_a_signature_over_the_wrong_url_or_with_another_token_is_refused(
    app: RunningApp, fake_telephony: FakeTelephony
) -> None:
    other = FakeTelephony(account_sid=fake_telephony.account_sid)  # another token, never started
    other.connect(public_base_url=PUBLIC, app_base_url=app.base_url)
    assert (await other.place_call("sakura", CALLER, WAV, 5)).answer_status == 403
    proxied = FakeTelephony(account_sid=fake_telephony.account_sid, auth_token=fake_telephony.auth_token)
    proxied.connect(public_base_url=app.base_url, app_base_url=app.base_url)  # signs the inner URL
    assert (await proxied.place_call("sakura", CALLER, WAV, 5)).answer_status == 403
    assert await _count(app, InboxEvent) == 0


async def test_an_unknown_tenant_hears_the_number_is_not_in_service(
    app: RunningApp, fake_telephony: FakeTelephony
) -> None:
    placed = await fake_telephony.place_call("no-such-desk", CALLER, WAV, 5)
    assert placed.answer_status == 200 and placed.record is None
    assert placed.said == [("ja-JP", "おかけになった番号は、現在受付を行っておりません。")]
    assert "<Hangup" in placed.twiml
    assert await _count(app, InboxEvent) == 0


async def test_a_redelivered_callback_makes_one_case(app: RunningApp, fake_telephony: FakeTelephony) -> None:
    placed = await fake_telephony.place_call("sakura", CALLER, WAV, 5)
    assert await fake_telephony.redeliver(placed) == 204
    await app.idle()
    assert await fake_telephony.redeliver(placed) == 204
    await app.idle()
    assert await _count(app, Case) == 1 and len(_triage_posts(app)) == 1
    assert await _count(app, InboxEvent) == 2  # the call and its recording


async def test_the_same_caller_twice_is_one_complainant_and_the_second_post_shows_the_history(
    app: RunningApp, fake_telephony: FakeTelephony
) -> None:
    await fake_telephony.place_call("sakura", CALLER, WAV, 5)
    await app.idle()
    await fake_telephony.place_call("sakura", "090-1234-5678", WAV, 6)  # the same number, written locally
    await app.idle()
    first, second = await _cases(app)
    assert first.complainant_id == second.complainant_id
    assert await _count(app, Complainant) == 1
    async with app.services.db.reader() as session:
        complainant = await session.get(Complainant, first.complainant_id)
    assert complainant is not None and complainant.contact_enc is not None
    assert app.services.cipher.decrypt(complainant.contact_enc) == CALLER
    earlier, later = _triage_posts(app)
    assert "過去の案件: なし" in json.dumps(earlier.blocks, ensure_ascii=False)
    shown = json.dumps(later.blocks, ensure_ascii=False)
    assert "過去の案件: 1件" in shown and first.number in shown


async def test_a_withheld_number_is_a_new_complainant_with_no_contact(
    app: RunningApp, fake_telephony: FakeTelephony
) -> None:
    for withheld in (WITHHELD, "anonymous", ""):
        placed = await fake_telephony.place_call("sakura", withheld, WAV, 4)
        assert placed.callback_status == 204
    await app.idle()
    assert await _count(app, Case) == 3
    async with app.services.db.reader() as session:
        complainants = (await session.scalars(select(Complainant))).all()
    assert len(complainants) == 3
    assert all(c.contact_hash is None and c.contact_enc is None for c in complainants)
    assert len(await _evidence(app)) == 3


async def test_a_call_with_no_recording_opens_no_case_but_is_audited(
    app: RunningApp, fake_telephony: FakeTelephony
) -> None:
    placed = await fake_telephony.place_call("sakura", CALLER, b"", 0, status="absent")
    assert placed.callback_status == 204
    await app.idle()
    assert await _count(app, Case) == 0 and not _triage_posts(app)
    async with app.services.db.reader() as session:
        actions = (await session.scalars(select(AuditEntry.action))).all()
    assert "voice.call_received" in actions and "voice.no_recording" in actions


async def test_a_recording_missing_twice_is_fetched_the_third_time(
    app: RunningApp, fake_telephony: FakeTelephony
) -> None:
    fake_telephony.recording_missing(2)
    placed = await fake_telephony.place_call("sakura", CALLER, WAV, 5)
    await app.idle()
    assert fake_telephony.fetches == [placed.recording_sid] * 3
    (evidence,) = await _evidence(app)
    assert evidence.status == "stored"
    assert [f.data for f in app.fake_slack.files] == [WAV]


async def test_a_recording_that_never_finishes_is_retried_then_noted_and_alerted(
    app: RunningApp, fake_telephony: FakeTelephony
) -> None:
    fake_telephony.stall_recordings(10)
    placed = await fake_telephony.place_call("sakura", CALLER, WAV, 5)
    await app.idle(within=30)
    assert fake_telephony.fetches == [placed.recording_sid] * 3  # outbox_max_attempts
    (case,) = await _cases(app)  # nothing lost: the case is there
    assert await _evidence(app) == []
    (post,) = _triage_posts(app)
    thread = _thread_texts(app, post)
    assert "留守番電話の録音を取得できませんでした" in thread and case.number in thread
    alerts = [m for m in app.fake_slack.messages(TRIAGE) if "voice.recording" in m.text]
    assert alerts and "1 s" in alerts[0].text


async def test_a_provider_error_is_retried(app: RunningApp, fake_telephony: FakeTelephony) -> None:
    fake_telephony.faults.fail(503, times=1)
    await fake_telephony.place_call("sakura", CALLER, WAV, 5)
    await app.idle()
    (evidence,) = await _evidence(app)
    assert evidence.status == "stored"


async def test_a_recording_above_the_limit_is_not_kept_and_the_thread_says_so(
    database: Database,
    fake_slack: FakeSlack,
    fake_line: FakeLine,
    fake_telephony: FakeTelephony,
    clock: TestClock,
) -> None:
    async with voice_app(
        database, fake_slack, fake_line, fake_telephony, clock, media_max_bytes=len(WAV) // 2
    ) as app:
        await fake_telephony.place_call("sakura", CALLER, WAV, 5)
        await app.idle()
        (evidence,) = await _evidence(app)
        assert (evidence.status, evidence.blob_key) == ("too_large", None)
        assert not app.fake_slack.files
        (post,) = _triage_posts(app)
        assert "上限" in _thread_texts(app, post)


async def test_malformed_bodies_are_clear_400s_and_an_oversize_one_413(
    app: RunningApp, fake_telephony: FakeTelephony
) -> None:
    url = f"{app.base_url}/voice/sakura"
    async with httpx.AsyncClient(trust_env=False) as client:
        as_json = await client.post(url, json={"CallSid": "CA1"}, headers={"X-Twilio-Signature": "x"})
        broken = await client.post(
            url, content=b"CallSid=%ff%fe&From", headers={"content-type": "application/x-www-form-urlencoded"}
        )
        huge = await client.post(
            url,
            content=b"a=" + b"x" * (2 * 1024 * 1024),
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
    assert as_json.status_code == 400 and broken.status_code == 400 and huge.status_code == 413
    missing = await fake_telephony.post_signed(f"{PUBLIC}/voice/sakura/recording", {"CallSid": "CA1"})
    assert missing.status_code == 400
    assert await _count(app, InboxEvent) == 0


async def test_without_a_token_the_webhooks_refuse_everything(
    database: Database,
    fake_slack: FakeSlack,
    fake_line: FakeLine,
    fake_telephony: FakeTelephony,
    clock: TestClock,
) -> None:
    async with voice_app(
        database, fake_slack, fake_line, fake_telephony, clock, twilio_auth_token=SecretStr("")
    ) as app:
        placed = await fake_telephony.place_call("sakura", CALLER, WAV, 5)
        assert placed.answer_status == 403
        assert await _count(app, InboxEvent) == 0


async def test_the_callers_number_is_never_logged_and_stored_only_encrypted(
    app: RunningApp, fake_telephony: FakeTelephony, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake_telephony.recording_missing(1)  # a failure logged on the way
    await fake_telephony.place_call("sakura", CALLER, WAV, 5)
    await app.idle()
    await fake_telephony.place_call("sakura", CALLER, WAV, 5, signature="forged")
    assert await _count(app, Case) == 1
    logged = caplog.text
    assert all(form not in logged for form in CALLER_FORMS)
    dumped = await _every_stored_value(app)
    assert all(form not in dumped for form in CALLER_FORMS)


async def _every_stored_value(app: RunningApp) -> str:
    """Every column of every row in both databases, as text (bytes decoded loosely)."""
    parts: list[str] = []
    for table in Base.metadata.sorted_tables:
        inbox = table.name == InboxEvent.__tablename__
        db = app.services.db
        async with db.inbox_reader() if inbox else db.reader() as session:
            for row in (await session.execute(select(table))).all():
                for value in row:
                    parts.append(value.decode("latin-1") if isinstance(value, bytes) else str(value))
    return "\n".join(parts)


async def test_a_threat_left_on_the_answering_machine_is_transcribed_and_alerted(
    database: Database,
    fake_slack: FakeSlack,
    fake_line: FakeLine,
    fake_telephony: FakeTelephony,
    clock: TestClock,
) -> None:
    spoken = "店長の家は知っている。今夜火をつけてやるからな。"
    with FakeTranscription(api_key="stt-key") as stt:
        stt.say(WAV, spoken)
        async with voice_app(
            database,
            fake_slack,
            fake_line,
            fake_telephony,
            clock,
            transcription_base_url=stt.api_url,
            transcription_api_key=SecretStr("stt-key"),
        ) as app:
            await fake_telephony.place_call("sakura", CALLER, WAV, 9)
            await app.idle()
            (case,) = await _cases(app)
            assert [r["size"] for r in stt.transcriptions] == [len(WAV)]
            async with app.services.db.reader() as session:
                words = await session.scalars(select(Message).where(Message.case_id == case.id))
                assert [app.services.cipher.decrypt(m.body_enc) for m in words if m.kind == "transcript"] == [
                    spoken
                ]
            assert case.suggested_label == "threat" and case.flags["threat_alerted"]
            posts = fake_slack.all_posts()
            in_thread = [
                str(p.get("blocks")) + str(p.get("text"))
                for p in posts
                if p.get("thread_ts") == case.triage_ts
            ]
            assert any(spoken in shown for shown in in_thread)  # the transcript in the case's thread
            assert any("脅迫・危険" in str(p.get("text")) for p in posts)  # the alert
