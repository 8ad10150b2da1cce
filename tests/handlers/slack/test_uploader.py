"""The one Slack uploader: a retry after an upload whose answer was lost never shares the file twice, in a
channel (report PDFs, charts) and in a case's thread (media evidence). Real HTTP against the fake Slack."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.outbox.effects import Effect, SendError
from handlers.slack.sender import SlackSender
from handlers.slack.uploader import SlackUploadSender
from sandbox.fake_slack import FakeSlack
from tests.clock import TEST_NOW

TRIAGE = "C0TRIAGE01"


def effect(attempts: int, *, in_doubt: bool = False) -> Effect:
    return Effect(
        id=1,
        key="slack-file:1",
        kind="desk.evidence",
        payload={},
        attempts=attempts,
        created_at=TEST_NOW,
        in_doubt=in_doubt,
    )


@pytest.mark.parametrize("in_thread", [True, False])
async def test_a_lost_answer_is_found_before_uploading_again(fake_slack: FakeSlack, in_thread: bool) -> None:
    slack = SlackSender(token=fake_slack.token, base_url=fake_slack.api_url, timeout=1.0)
    uploads = SlackUploadSender(slack)
    try:
        slack._ensure_session()
        parent = await slack.client.chat_postMessage(channel=TRIAGE, text="新しい案件 KH-2026-000001")
        thread_ts = str(parent["ts"]) if in_thread else None

        async def upload(attempt: Effect, filename: str = "KH-2026-000001-evidence-7.jpg") -> dict[str, Any]:
            return await uploads.upload(
                attempt,
                channel=TRIAGE,
                data=b"\xff\xd8\xff\xe0photo",
                filename=filename,
                title="証拠",
                comment="証拠",
                thread_ts=thread_ts,
            )

        fake_slack.faults.hang(0, times=2)  # getUploadURLExternal and the upload go through
        fake_slack.faults.hang(2.5, lost_response=True)  # completeUploadExternal is done, its answer lost
        with pytest.raises(SendError):
            await upload(effect(1))
        for _ in range(100):  # Slack finishes the call after the client gave up
            if fake_slack.files:
                break
            await asyncio.sleep(0.05)
        (shared,) = fake_slack.files
        assert shared.thread_ts == thread_ts
        again = await upload(effect(2, in_doubt=True))
        assert again["recovered"] is True and again["file_id"] == shared.file_id
        assert len(fake_slack.files) == 1
        # Another file of the same thread or channel is uploaded as usual.
        other = await upload(effect(2), "KH-2026-000001-evidence-8.jpg")
        assert "recovered" not in other and len(fake_slack.files) == 2
    finally:
        await slack.close()
