"""A flood of messages from one complainant: every one kept, the desk's thread and the complainant spared."""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta

from sqlalchemy import func, select

from bot.intake.follow_ups import MESSAGES_PER_REPLY
from bot.outbox.effects import CASE_CLASSIFY
from bot.outbox.enqueue import RECLASSIFY_SPACING_SECONDS
from storage.models import Message, OutboxEffect
from tests.chat import Chat, file_and_submit, only_case, triage_text
from tests.conftest import RunningApp

FLOOD = 200
INTERVAL = timedelta(seconds=60)  # Settings.follow_up_interval_seconds


def _follow_up_replies(app: RunningApp, channel: str, ts: str) -> list[str]:
    """The thread replies that carry the complainant's further messages, as text."""
    thread = app.fake_slack.thread(channel, ts)
    return [str(m.get("blocks")) for m in thread if "申立人からの追加メッセージ" in str(m.get("text"))]


async def _classifications(app: RunningApp) -> int:
    async with app.services.db.reader() as session:
        count = await session.scalar(select(func.count()).where(OutboxEffect.kind == CASE_CLASSIFY))
    return int(count or 0)


def _numbers_in(replies: list[str]) -> list[int]:
    return [int(n) for reply in replies for n in re.findall(r"連投(\d+)番", reply)]


async def test_two_hundred_messages_in_a_minute_are_all_kept_and_batched(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_FLOOD")
    await file_and_submit(chat, "受付で怒鳴られた")
    acks_before = len(chat.new_texts())
    began = running_app.clock.now()
    before = await _classifications(running_app)
    # LINE delivers a burst in few webhook calls; ten events each here.
    for start in range(0, FLOOD, 10):
        events = [chat.line.text(f"連投{n}番 受付の態度がひどかった") for n in range(start, start + 10)]
        assert (await chat.line.asend(*events)).status_code == 200
    await running_app.idle(within=180)
    flood_seconds = (running_app.clock.now() - began).total_seconds()
    case = await only_case(running_app)
    assert case.triage_channel and case.triage_ts

    async with running_app.services.db.reader() as session:
        kept = await session.scalar(
            select(func.count()).where(
                Message.case_id == case.id, Message.direction == "in", Message.kind == "text"
            )
        )
    assert kept == 1 + FLOOD  # every message is on the case at once
    # The case's words are classified again at most every few seconds, not once per message.
    during = await _classifications(running_app) - before
    assert during <= 2 + flood_seconds / RECLASSIFY_SPACING_SECONDS < FLOOD

    # One acknowledgement for the whole burst.
    acks = [t for t in chat.new_texts() if "追加のメッセージ" in t]
    assert acks_before == 0 and len(acks) == 1

    # The thread: one reply now, each further one only after the interval, until all are there in order.
    replies = _follow_up_replies(running_app, case.triage_channel, case.triage_ts)
    assert len(replies) == 1
    while len(numbers := _numbers_in(replies)) < FLOOD:
        await running_app.idle()
        assert len(_follow_up_replies(running_app, case.triage_channel, case.triage_ts)) == len(replies)
        running_app.clock.advance(INTERVAL)
        await running_app.idle()
        replies = _follow_up_replies(running_app, case.triage_channel, case.triage_ts)
    assert numbers == list(range(FLOOD))
    assert len(replies) <= 2 + FLOOD // MESSAGES_PER_REPLY

    case = await only_case(running_app)
    # The span the post shows is the messages' own (a slow machine takes more than a minute to send them).
    span = datetime.fromisoformat(case.flags["follow_ups"]["last_at"]) - datetime.fromisoformat(
        case.flags["follow_ups"]["first_at"]
    )
    assert span.total_seconds() <= flood_seconds
    minutes = max(1, math.ceil(span.total_seconds() / 60))
    assert f"申立人からの追加メッセージ {FLOOD}件（{minutes}分間）" in triage_text(running_app, case)


async def test_after_the_interval_a_message_is_acknowledged_and_posted_at_once(
    running_app: RunningApp,
) -> None:
    chat = Chat(running_app, "sakura", "U_LATER")
    await file_and_submit(chat, "駐車場で車をぶつけられた")
    case = await only_case(running_app)
    assert case.triage_channel and case.triage_ts

    def replies() -> list[str]:
        assert case.triage_channel and case.triage_ts
        return _follow_up_replies(running_app, case.triage_channel, case.triage_ts)

    first = await chat.say("ナンバーは品川500あ1234です")
    assert any("追加のメッセージ" in t for t in first) and len(replies()) == 1
    second = await chat.say("色は白でした")
    assert second == [] and len(replies()) == 1  # kept, held for the interval, not acknowledged
    running_app.clock.advance(INTERVAL + timedelta(seconds=1))
    await running_app.idle()
    assert len(replies()) == 2 and "色は白" in replies()[-1]
    running_app.clock.advance(INTERVAL + timedelta(seconds=1))
    third = await chat.say("以上です")
    assert any("追加のメッセージ" in t for t in third)
    assert len(replies()) == 3 and "以上です" in replies()[-1]
    # Three follow-ups in over two minutes is no flood: the figure shows from three in a burst.
    assert "追加メッセージ 3件（3分間）" in triage_text(running_app, await only_case(running_app))


async def test_repeated_progress_questions_get_one_answer_per_interval(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_ASKING")
    await file_and_submit(chat, "電話口で長時間待たされた")
    answers = [await chat.say("どうなりましたか？") for _ in range(5)]
    assert "対応状況についてのお問い合わせにはお答えしておりません" in answers[0][-1]
    assert answers[1:] == [[]] * 4
    case = await only_case(running_app)
    assert case.triage_channel and case.triage_ts
    running_app.clock.advance(INTERVAL + timedelta(seconds=1))
    await running_app.idle()
    thread = " ".join(
        str(m.get("blocks")) for m in running_app.fake_slack.thread(case.triage_channel, case.triage_ts)
    )
    assert thread.count("定型の回答を送りました") == 1 and thread.count("直前に回答") == 4
