"""Classification in the running service: the triage post shows the suggestion; threats raise an alert."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot.cases.texts import assessment_of
from bot.outbox.enqueue import RECLASSIFY_SPACING_SECONDS
from sandbox.fake_line import FakeLine
from sandbox.fake_openai import FakeOpenAI
from sandbox.fake_slack import FakeSlack
from storage.db import Database
from storage.models import AuditEntry, Case
from tests.chat import Chat
from tests.conftest import TRIAGE, RunningApp, launch_app


def _triage(app: RunningApp) -> Any:
    parent = next(p for p in app.fake_slack.all_posts() if not p.get("thread_ts"))
    return app.fake_slack.message(TRIAGE, parent["ts"])


async def _case(app: RunningApp) -> Case:
    async with app.services.db.reader() as session:
        return (await session.scalars(select(Case))).one()


async def test_triage_post_is_updated_in_place_with_the_suggestion(running_app: RunningApp) -> None:
    alice = running_app.complainant("sakura", "U_ALICE")
    await alice.asend(
        alice.text("受付で1時間以上待たされ、説明もありませんでした。待ち時間の目安を教えてほしいです。")
    )
    await running_app.idle()
    post = _triage(running_app)
    shown = str(post["blocks"])
    assert post["edits"], "the triage post was not edited"
    for needle in (
        "分類の提案",
        "参考情報",
        "正当なクレーム",
        "offline-4",
        "要求内容の妥当性",
        "手段・態様の相当性",
    ):
        assert needle in shown, needle
    case = await _case(running_app)
    assert case.suggested_label == "legitimate" and case.assessment_engine == "offline-4"
    assessment = assessment_of(running_app.services.cipher, case)
    assert assessment and assessment["label"] == "legitimate" and assessment["summary"]
    assert case.assessment_enc and "待たされ".encode() not in case.assessment_enc
    assert not case.flags.get("threat_alerted")
    async with running_app.services.db.reader() as session:
        actions = list(await session.scalars(select(AuditEntry.action)))
    assert "case.classified" in actions


async def test_the_name_given_in_the_dialogue_is_redacted_from_the_suggestion(
    running_app: RunningApp,
) -> None:
    chat = Chat(running_app, "sakura", "U_RARE")
    await chat.say("鷺沼だ、お前の店の態度は何だ、ふざけるな、土下座しろ。")
    first = assessment_of(running_app.services.cipher, await _case(running_app)) or {}
    assert "鷺沼だ" in json.dumps(first, ensure_ascii=False)  # a rare name no pattern knows...
    await chat.tap("名前を伝える")
    await chat.say("鷺沼")  # kept apart from the words the classifier reads
    await chat.tap("スキップ")  # the contact
    await chat.say("駅前店です")  # an answer the classifier reads: the case is classified again...
    running_app.clock.advance(timedelta(seconds=RECLASSIFY_SPACING_SECONDS))  # ...spaced from the first
    await running_app.idle()
    words = json.dumps(
        assessment_of(running_app.services.cipher, await _case(running_app)), ensure_ascii=False
    )
    assert "鷺沼" not in words and "［氏名］だ" in words  # ...is redacted once the complainant gave it


async def test_threat_is_flagged_alerted_and_answered_with_the_notice(running_app: RunningApp) -> None:
    bob = running_app.complainant("sakura", "U_BOB")
    await bob.asend(bob.text("あの看護師、家まで行って殺してやる。帰り道に気をつけろ。"))
    await running_app.idle()
    case = await _case(running_app)
    assert case.suggested_label == "threat"
    assert case.flags["out_of_intake"] and case.flags["police_candidate"]
    alert = next(p for p in running_app.fake_slack.all_posts() if "脅迫・危険" in p["text"])
    assert alert["thread_ts"] and alert["reply_broadcast"]
    texts = [t for d in running_app.fake_line.delivered_to("U_BOB") for t in d.texts]
    assert any("受け付けることができません" in t and "警察" in t for t in texts)
    assert "脅迫・危険" in str(_triage(running_app)["blocks"])


async def test_quoted_threat_is_not_a_threat(running_app: RunningApp) -> None:
    carol = running_app.complainant("sakura", "U_CAROL")
    await carol.asend(
        carol.text("窓口の男性職員に「殺すぞ」と怒鳴られました。とても怖かったです。対応を改善してください。")
    )
    await running_app.idle()
    case = await _case(running_app)
    assert case.suggested_label != "threat"
    assert not any("脅迫・危険" in p["text"] for p in running_app.fake_slack.all_posts())


PERSONAL = "私は山田太郎です。電話は090-1234-5678、メールは taro@example.jp です。"


async def test_llm_engine_is_used_without_personal_data(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    fake = FakeOpenAI(api_key="sk-test")
    fake.start()
    try:
        async with launch_app(
            database,
            fake_slack,
            fake_line,
            openai_api_key="sk-test",
            openai_base_url=fake.api_url,
            openai_timeout_seconds=2.0,
            openai_max_retries=0,
        ) as app:
            alice = app.complainant("sakura", "U_ALICE")
            await alice.asend(alice.text(PERSONAL + "会計で30分待たされました。改善してください。"))
            await app.idle()
            case = await _case(app)
            assert case.assessment_engine == "openai:gpt-4o-mini"
            sent = fake.sent_text()
            assert "会計で30分" in sent
            for value in ("山田太郎", "090-1234-5678", "taro@example.jp", "U_ALICE"):
                assert value not in sent
    finally:
        fake.stop()


async def test_llm_failure_falls_back_to_the_offline_engine(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    fake = FakeOpenAI(api_key="sk-test", mode="error")
    fake.start()
    try:
        async with launch_app(
            database,
            fake_slack,
            fake_line,
            openai_api_key="sk-test",
            openai_base_url=fake.api_url,
            openai_timeout_seconds=1.0,
            openai_max_retries=0,
        ) as app:
            alice = app.complainant("sakura", "U_ALICE")
            await alice.asend(alice.text("会計で30分待たされました。改善してください。"))
            await app.idle()
            case = await _case(app)
            assert (case.assessment_engine or "").startswith("offline-4 (fallback")
            assert "fallback" in str(_triage(app)["blocks"])
            # The acknowledgement went out regardless.
            assert app.fake_line.delivered_to("U_ALICE")
    finally:
        fake.stop()
