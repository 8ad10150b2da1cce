"""Every stored recording gets a transcript: a signed LINE voice message (or a web form's audio) is fetched,
kept, transcribed by the fake speech-to-text API, shown in the case's thread, kept on the case and
classified; a service that is missing, failing or answering garbage leaves a note and the audio."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from bot.intake.transcripts import MEDIA_TRANSCRIBE, TRANSCRIPT
from bot.outbox.enqueue import RECLASSIFY_SPACING_SECONDS
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from sandbox.fake_transcription import FakeTranscription
from sandbox.form_visitor import FormVisitor
from storage.db import Database
from storage.models import Case, Message, OutboxEffect
from tests.chat import Chat, all_slack_text, only_case
from tests.conftest import RunningApp, launch_app

KEY = "sk-stt-test"
VOICE = b"\x00\x00\x00\x1cftypM4A \x00\x00\x00\x00" + b"spoken-words" * 100
SPOKEN = "先週、駅前店のレジで店員に大声で怒鳴られました。説明をしてほしいです。"
THREAT = "店長の家は知っている。火をつけてやる"
HEADING = "文字起こし（自動）"
NOT_CONFIGURED = "文字起こしサービスが設定されていない"
GAVE_UP = "文字起こしできませんでした"
DEAD_LETTER = "送信できなかった処理"
# A WAV header and a little silence: what the web form accepts as audio by its bytes.
WAV = b"RIFF\x24\x08\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x40\x1f\x00\x00\x80\x3e\x00\x00"
WAV += b"\x02\x00\x10\x00data\x00\x08\x00\x00" + b"\x00" * 2048


@pytest.fixture
def stt() -> Iterator[FakeTranscription]:
    with FakeTranscription(api_key=KEY, hang_seconds=5.0) as fake:
        yield fake


@asynccontextmanager
async def desk(
    database: Database,
    fake_slack: FakeSlack,
    fake_line: FakeLine,
    tmp_path: Path,
    stt: FakeTranscription | None,
    **overrides: Any,
) -> AsyncIterator[RunningApp]:
    """The app with transcription pointed at the fake (or none), short timeouts, three tries."""
    settings: dict[str, Any] = {"blob_dir": str(tmp_path / "blobs"), "transcription_max_attempts": 3}
    if stt is not None:
        settings |= {
            "transcription_base_url": stt.api_url,
            "transcription_api_key": SecretStr(KEY),
            "transcription_timeout_seconds": 1.0,
        }
    async with launch_app(database, fake_slack, fake_line, **(settings | overrides)) as app:
        yield app


async def voice_message(app: RunningApp, user: str, audio: bytes = VOICE) -> Chat:
    """A complaint in text, then a voice message, everything settled."""
    chat = Chat(app, "sakura", user)
    await chat.say("お店の対応について相談です")
    await chat.send(chat.line.audio(audio, content_type="audio/m4a"))
    return chat


async def transcripts(app: RunningApp) -> list[str]:
    async with app.services.db.reader() as session:
        found = await session.scalars(select(Message).where(Message.kind == TRANSCRIPT).order_by(Message.id))
        return [app.services.cipher.decrypt(m.body_enc) for m in found if m.body_enc is not None]


def thread_replies(app: RunningApp, case: Case, containing: str) -> list[str]:
    return [
        str(p.get("blocks")) + str(p.get("text"))
        for p in app.fake_slack.all_posts()
        if p.get("thread_ts") == case.triage_ts and containing in str(p.get("blocks")) + str(p.get("text"))
    ]


async def test_a_line_voice_message_gets_a_transcript_in_the_thread_and_on_the_case(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, tmp_path: Path, stt: FakeTranscription
) -> None:
    stt.say(VOICE, SPOKEN)
    async with desk(database, fake_slack, fake_line, tmp_path, stt) as app:
        await voice_message(app, "U_VOICE")
        case = await only_case(app)
        (request,) = stt.transcriptions
        assert request["model"] == "whisper-1" and request["language"] == "ja"
        assert request["size"] == len(VOICE) and request["content_type"] == "audio/m4a"
        assert request["file_name"] == request["file_name"].encode("ascii").decode()  # no complainant name
        assert await transcripts(app) == [SPOKEN]
        (note,) = thread_replies(app, case, HEADING)
        assert SPOKEN in note
        assert [f.data for f in fake_slack.files if f.thread_ts == case.triage_ts] == [VOICE]  # audio kept
        async with app.services.db.reader() as session:
            classified = await session.scalars(
                select(OutboxEffect).where(OutboxEffect.kind == "case.classify")
            )
            assert len(list(classified)) >= 2  # the text, then again with the transcript


async def test_a_threat_spoken_in_a_voice_message_is_alerted_like_a_threat_written(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, tmp_path: Path, stt: FakeTranscription
) -> None:
    stt.say(VOICE, THREAT)
    async with desk(database, fake_slack, fake_line, tmp_path, stt) as app:
        chat = await voice_message(app, "U_VOICE_THREAT")
        app.clock.advance(timedelta(seconds=RECLASSIFY_SPACING_SECONDS))  # spaced from the text's
        await app.idle()
        case = await only_case(app)
        assert case.suggested_label == "threat" and case.flags["threat_alerted"]
        assert any("脅迫・危険" in p["text"] for p in fake_slack.all_posts())
        assert any("警察" in t for d in fake_line.delivered_to(chat.user_id) for t in d.texts)


async def test_without_a_transcription_service_the_thread_says_so_once_and_keeps_the_audio(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, tmp_path: Path
) -> None:
    async with desk(database, fake_slack, fake_line, tmp_path, None) as app:
        chat = await voice_message(app, "U_NO_STT")
        await chat.send(chat.line.audio(b"second-voice" * 50, content_type="audio/m4a"))
        case = await only_case(app)
        assert len(thread_replies(app, case, NOT_CONFIGURED)) == 1
        assert len([f for f in fake_slack.files if f.thread_ts == case.triage_ts]) == 2
        assert await transcripts(app) == []
        assert DEAD_LETTER not in all_slack_text(app)


async def test_a_failing_service_is_given_up_with_a_note_and_the_audio_kept(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, tmp_path: Path, stt: FakeTranscription
) -> None:
    stt.mode = "error"
    async with desk(database, fake_slack, fake_line, tmp_path, stt) as app:
        await voice_message(app, "U_STT_DOWN")
        case = await only_case(app)
        assert len(stt.transcriptions) == 3  # transcription_max_attempts
        assert len(thread_replies(app, case, GAVE_UP)) == 1
        assert [f.data for f in fake_slack.files if f.thread_ts == case.triage_ts] == [VOICE]
        assert await transcripts(app) == []
        assert DEAD_LETTER not in all_slack_text(app)  # a reviewer's note, not an admin alert


async def test_garbage_from_the_service_is_given_up_at_once(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, tmp_path: Path, stt: FakeTranscription
) -> None:
    stt.mode = "html"
    async with desk(database, fake_slack, fake_line, tmp_path, stt) as app:
        await voice_message(app, "U_STT_HTML")
        case = await only_case(app)
        assert len(stt.transcriptions) == 1
        assert len(thread_replies(app, case, GAVE_UP)) == 1
        assert await transcripts(app) == []


async def test_a_server_error_then_success_makes_one_transcript(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, tmp_path: Path, stt: FakeTranscription
) -> None:
    stt.say(VOICE, SPOKEN)
    stt.faults.fail(500)
    async with desk(database, fake_slack, fake_line, tmp_path, stt) as app:
        await voice_message(app, "U_STT_FLAKY")
        case = await only_case(app)
        assert len(stt.transcriptions) == 2
        assert await transcripts(app) == [SPOKEN]
        assert len(thread_replies(app, case, HEADING)) == 1
        assert not thread_replies(app, case, GAVE_UP)


async def test_a_timeout_is_tried_again(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, tmp_path: Path, stt: FakeTranscription
) -> None:
    stt.say(VOICE, SPOKEN)
    stt.faults.hang(3.0)  # longer than the client's 1 s
    async with desk(database, fake_slack, fake_line, tmp_path, stt) as app:
        await voice_message(app, "U_STT_SLOW")
        assert len(stt.transcriptions) == 2
        assert await transcripts(app) == [SPOKEN]


async def test_a_rate_limit_is_honoured_before_the_next_try(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, tmp_path: Path, stt: FakeTranscription
) -> None:
    stt.say(VOICE, SPOKEN)
    stt.faults.rate_limit(retry_after=1)  # the tests' backoff is 0.05 s: only Retry-After makes it 1 s
    async with desk(database, fake_slack, fake_line, tmp_path, stt) as app:
        await voice_message(app, "U_STT_BUSY")
        first, second = [r for r in stt.requests]
        assert first.fault == 429 and second.fault is None
        assert second.time - first.time >= 0.95
        assert await transcripts(app) == [SPOKEN]


async def test_a_redelivered_effect_makes_no_second_transcript(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, tmp_path: Path, stt: FakeTranscription
) -> None:
    stt.say(VOICE, SPOKEN)
    async with desk(database, fake_slack, fake_line, tmp_path, stt) as app:
        await voice_message(app, "U_STT_TWICE")
        # The dispatcher sends the effect again, as after a crash between the send and its record.
        async with app.services.db.transaction() as session:
            row = (
                await session.scalars(select(OutboxEffect).where(OutboxEffect.kind == MEDIA_TRANSCRIBE))
            ).one()
            assert row.status == "done"
            row.status, row.sent_at, row.result, row.next_attempt_at = "pending", None, None, app.clock.now()
        app.services.outbox_wake.set()
        await app.idle()
        async with app.services.db.reader() as session:
            again = await session.get(OutboxEffect, row.id)
        assert again is not None and again.status == "done" and again.attempts == 2
        assert len(stt.transcriptions) == 1
        assert await transcripts(app) == [SPOKEN]
        case = await only_case(app)
        assert len(thread_replies(app, case, HEADING)) == 1


async def test_transcripts_never_reach_the_logs(
    database: Database,
    fake_slack: FakeSlack,
    fake_line: FakeLine,
    tmp_path: Path,
    stt: FakeTranscription,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)  # the service's level (slack_sdk's DEBUG log echoes every request)
    stt.say(VOICE, THREAT)
    stt.faults.fail(500)  # a failed attempt is logged too
    async with desk(database, fake_slack, fake_line, tmp_path, stt) as app:
        await voice_message(app, "U_STT_LOGS")
        assert await transcripts(app) == [THREAT]
    logged = caplog.text
    assert "media.transcribe" in logged  # the failed attempt was logged...
    for words in (THREAT, "火をつけ", "店長の家"):
        assert words not in logged  # ...without a word of what was said


async def test_a_web_form_audio_attachment_gets_a_transcript(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, tmp_path: Path, stt: FakeTranscription
) -> None:
    stt.say(WAV, SPOKEN)
    async with desk(
        database, fake_slack, fake_line, tmp_path, stt, form_rate_per_address="100/minute"
    ) as app:
        visitor = FormVisitor(app.base_url)
        try:
            receipt = await visitor.send(
                "sakura",
                {"what_happened": "受付で怒鳴られました。録音を添付します。"},
                files=[("voice.wav", WAV, "audio/wav")],
            )
        finally:
            await visitor.aclose()
        assert receipt.status_code == 200, receipt.text
        await app.idle()
        case = await only_case(app)
        (request,) = stt.transcriptions
        assert request["sha256"] and request["size"] == len(WAV)
        assert await transcripts(app) == [SPOKEN]
        assert len(thread_replies(app, case, HEADING)) == 1
