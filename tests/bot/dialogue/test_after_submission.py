"""After the dialogue: progress questions, follow-ups in the thread, new complaints, repeat complainants."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.cases.texts import VerdictTexts, seal_verdict_texts
from bot.dialogue.messages import postback_data
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from storage.db import Database
from storage.models import AuditEntry, Message, Verdict
from storage.repos import audit
from tests.chat import (
    Chat,
    all_slack_text,
    cases_of,
    file_and_submit,
    items_of,
    only_case,
    triage_text,
)
from tests.conftest import RunningApp, launch_app


async def test_a_progress_question_gets_the_policy_answer_and_opens_no_case(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_PROGRESS")
    await file_and_submit(chat, "診察まで3時間待たされた")
    reply = await chat.say("どうなりましたか？")
    assert "対応状況についてのお問い合わせにはお答えしておりません" in reply[-1]
    case = await only_case(running_app)
    async with running_app.services.db.reader() as session:
        asked = list(
            await session.scalars(select(AuditEntry).where(AuditEntry.action == "case.progress_asked"))
        )
        inbound = list(
            await session.scalars(
                select(Message).where(Message.case_id == case.id, Message.direction == "in")
            )
        )
    assert len(asked) == 1 and asked[0].case_id == case.id
    assert len([m for m in inbound if m.kind == "text"]) == 2
    assert "対応状況の問い合わせ" in all_slack_text(running_app)


async def test_a_progress_question_in_english(running_app: RunningApp) -> None:
    chat = Chat(running_app, "maple", "U_PROGRESS_EN")
    await file_and_submit(chat, "My booking was lost", submit="Submit", skip="Skip")
    reply = await chat.say("Any update on my complaint?")
    assert "does not answer questions about progress" in reply[-1]
    assert len(await cases_of(running_app)) == 1


async def test_a_message_after_submission_joins_the_case_thread(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_AFTER")
    await file_and_submit(chat, "受付で怒鳴られた")
    reply = await chat.say("言い忘れましたが、名札は田中でした")
    case = await only_case(running_app)
    assert "追加のメッセージ" in reply[0] and case.number in reply[0]
    thread = running_app.fake_slack.thread(case.triage_channel or "", case.triage_ts or "")
    assert any("名札は田中" in str(m.get("blocks")) for m in thread)


async def test_file_a_complaint_button_opens_a_new_case(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_NEW")
    await file_and_submit(chat, "一件目: 待ち時間が長い")
    prompt = await chat.send(chat.line.postback(_new()))
    assert "新しいご意見" in prompt[-1]
    reply = await chat.say("二件目: 駐車場で車をこすられた")
    first, second = await cases_of(running_app)
    assert second.number in reply[0] and "お名前" in reply[-1]
    assert first.intake_complete is True and second.intake_complete is None


async def test_file_a_complaint_button_mid_dialogue_keeps_the_question(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_NEW_MID")
    await chat.say("受付で待たされた")
    reply = await chat.send(chat.line.postback(_new()))
    assert "お名前" in reply[-1] and len(await cases_of(running_app)) == 1


async def test_after_the_join_window_a_message_opens_a_new_case(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    async with launch_app(database, fake_slack, fake_line) as app:
        chat = Chat(app, "sakura", "U_LATER")
        await file_and_submit(chat, "一件目: 説明が不十分だった")
        app.clock.advance(timedelta(hours=app.services.settings.case_join_window_hours + 1))
        reply = await chat.say("別の日の話です。受付で怒鳴られました")
        first, second = await cases_of(app)
        assert first.intake_complete is True
        assert second.number in reply[0] and "お名前" in reply[-1]


async def test_a_repeat_complainant_shows_earlier_cases_and_verdicts(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_REPEAT")
    await file_and_submit(chat, "一件目: 会計を間違えられた")
    first = await only_case(running_app)
    async with running_app.services.db.transaction() as session:
        session.add(
            Verdict(
                case_id=first.id,
                version=1,
                label="harassment",
                behaviour_types=["repeat"],
                texts_enc=seal_verdict_texts(
                    running_app.services.cipher, VerdictTexts(opinion="", advice="", recommendation="")
                ),
                feedback_to_complainant=False,
                police_report=False,
                decided_by="U_REVIEWER",
                decided_at=running_app.clock.now(),
            )
        )
    await chat.send(chat.line.postback(_new()))
    await file_and_submit(chat, "二件目: また会計を間違えられた")
    await chat.send(chat.line.postback(_new()))
    await chat.say("三件目: 今度は受付で待たされた")
    _, second, third = await cases_of(running_app)
    assert f"過去の案件: 1件（{first.number}: カスタマーハラスメント）" in triage_text(running_app, second)
    post = triage_text(running_app, third)
    assert "過去の案件: 2件" in post and f"{second.number}: 判定前" in post
    other = Chat(running_app, "sakura", "U_SOMEONE_ELSE")
    await other.say("初めての連絡です")
    newest = (await cases_of(running_app))[-1]
    assert "過去の案件: なし" in triage_text(running_app, newest)


def _new() -> str:
    """The data of the rich menu's "file a complaint" button."""
    return postback_data(a="new")


async def test_a_progress_question_mid_dialogue_is_not_taken_as_an_answer(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_PROGRESS_MID")
    await chat.say("駅前店で1時間待たされました")
    asked = chat.buttons()
    assert "匿名のまま" in asked  # the anonymity question: answered with a button
    reply = await chat.say("どうなりましたか？")
    assert "受付はまだ途中" in reply[0] and "お名前" in reply[-1]
    assert chat.buttons() == asked  # the same question again, nothing recorded as an answer
    case = await only_case(running_app)
    async with running_app.services.db.reader() as session:
        rows = await session.scalars(select(AuditEntry).where(AuditEntry.action == "case.progress_asked"))
        entries = [audit.opened(session, row) for row in rows]
    assert len(entries) == 1 and entries[0].case_id == case.id
    assert (entries[0].after or {})["during_dialogue"] is True
    assert "対応状況の問い合わせ" in all_slack_text(running_app)


async def test_at_an_open_question_a_wish_for_a_reply_is_an_answer(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_PROGRESS_WANTED")
    await chat.say("昨日の夜7時ごろ、駅前店で1時間待たされました")
    await chat.tap("匿名のまま")
    while "望むこと" not in chat.last_message().get("text", ""):
        await chat.tap("スキップ")
    reply = await chat.say("返事がほしいです")
    assert "受付はまだ途中" not in " ".join(reply)
    items = await items_of(running_app, await only_case(running_app))
    assert items.wanted == "返事がほしいです"
