"""A complainant who stops halfway: the case is submitted to triage with what was given, marked incomplete."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot.dialogue.messages import postback_data
from bot.dialogue.sweep import IdleDialogueSweep
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from storage.db import Database
from storage.models import AuditEntry, OutboxEffect
from tests.chat import Chat, dialogue_step, items_of, only_case, triage_text
from tests.conftest import launch_app

# The sweep looks often; the test moves the clock past the idle time instead of waiting for it.
FAST: dict[str, Any] = {"dialogue_sweep_seconds": 0.1}


async def _until(predicate: Callable[[], Awaitable[bool]], within: float = 10.0) -> None:
    for _ in range(int(within / 0.05)):
        if await predicate():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not reached")


async def test_an_idle_dialogue_is_submitted_incomplete(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    async with launch_app(database, fake_slack, fake_line, **FAST) as app:
        chat = Chat(app, "sakura", "U_QUIET")
        await chat.say("受付の人に無視された")
        await chat.tap("匿名のまま")
        app.clock.advance(timedelta(minutes=app.services.settings.dialogue_idle_submit_minutes + 1))

        async def submitted() -> bool:
            return (await only_case(app)).intake_complete is False

        await _until(submitted)
        await app.idle()
        case = await only_case(app)
        assert case.status == "new" and await dialogue_step(app) == "done"
        assert (await items_of(app, case)).anonymous is True
        post = triage_text(app, case)
        assert "未完了のまま受付" in post and "匿名" in post
        (notice,) = chat.new_texts()
        assert case.number in notice and "ここまでにお伺いした内容" in notice
        # A later message joins the case's thread, as any follow-up.
        reply = await chat.say("それと、電話もつながりませんでした")
        assert case.number in reply[0] and "追加のメッセージ" in reply[0]
        assert len(app.fake_slack.thread(case.triage_channel or "", case.triage_ts or "")) >= 2


async def test_the_sweep_submits_once_with_two_workers(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    async with launch_app(database, fake_slack, fake_line) as app:
        chat = Chat(app, "maple", "U_TWO_WORKERS")
        await chat.say("The room was dirty")
        services = app.services
        settings = services.settings.model_copy(update={"dialogue_idle_submit_minutes": 0.0})
        sweepers = [
            IdleDialogueSweep(db=services.db, cipher=services.cipher, settings=settings, clock=services.clock)
            for _ in range(2)
        ]
        counts = await asyncio.gather(*(s.sweep_once() for s in sweepers))
        assert sorted(counts) == [0, 1]
        assert await sweepers[0].sweep_once() == 0  # and again: nothing left to do
        await app.idle()
        async with services.db.reader() as session:
            audits = list(
                await session.scalars(
                    select(AuditEntry).where(AuditEntry.action == "case.intake_idle_submitted")
                )
            )
            pushes = list(
                await session.scalars(
                    select(OutboxEffect).where(OutboxEffect.idempotency_key.like("line:dialogue-idle:%"))
                )
            )
        assert len(audits) == 1 and len(pushes) == 1
        assert "reference number" in chat.new_texts()[-1]


async def test_an_answer_keeps_the_dialogue_alive(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    async with launch_app(database, fake_slack, fake_line) as app:
        chat = Chat(app, "sakura", "U_ACTIVE")
        await chat.say("駐車場で誘導がなかった")
        services = app.services
        settings = services.settings.model_copy(update={"dialogue_idle_submit_minutes": 60.0})
        sweep = IdleDialogueSweep(
            db=services.db, cipher=services.cipher, settings=settings, clock=services.clock
        )
        assert await sweep.sweep_once() == 0
        assert (await only_case(app)).intake_complete is None


async def test_waiting_for_a_new_complaint_is_not_swept(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    async with launch_app(database, fake_slack, fake_line) as app:
        chat = Chat(app, "sakura", "U_WAITING")
        await chat.say("会計が遅い")
        await chat.say("キャンセル")
        await chat.send(chat.line.postback(postback_data(a="new")))
        assert await dialogue_step(app) == "new"
        services = app.services
        settings = services.settings.model_copy(update={"dialogue_idle_submit_minutes": 0.0})
        sweep = IdleDialogueSweep(
            db=services.db, cipher=services.cipher, settings=settings, clock=services.clock
        )
        assert await sweep.sweep_once() == 0
        assert await dialogue_step(app) == "new"
