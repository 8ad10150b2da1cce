"""A complainant's messages through signed webhooks to LINE replies and Slack posts, in the sandbox."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.config import Settings
from bot.sla_calendar import report_due
from sandbox.line_store import Delivery
from storage.models import Case, Complainant, InboxEvent, Message
from tests.conftest import TRIAGE, RunningApp

THREE_DAYS = Settings(_env_file=None, sla_business_days=3)


def _texts(delivery: Delivery) -> list[str]:
    return [m["text"] for m in delivery.messages]


async def test_text_opens_case_acks_with_policy_and_posts_to_triage(running_app: RunningApp) -> None:
    alice = running_app.complainant("sakura", "U_ALICE")
    await alice.asend(alice.text("昨日の夜7時ごろ、駅前店で1時間待たされました。"))
    await running_app.idle()

    async with running_app.services.db.reader() as session:
        case = (await session.scalars(select(Case))).one()
    assert case.number.startswith(f"KH-{running_app.clock.now().year}-") and len(case.number) == 14
    expected_due = report_due(None, THREE_DAYS, case.received_at)
    assert case.sla_due == expected_due
    assert case.triage_channel == TRIAGE and case.triage_ts

    (delivery,) = running_app.fake_line.delivered_to("U_ALICE")
    assert delivery["via"] == "reply"
    ack = _texts(delivery)[0]
    assert case.number in ack and "警察" in ack and "お約束しておりません" in ack and "任意" in ack

    (post,) = running_app.fake_slack.all_posts()
    assert post["channel"] == TRIAGE
    rendered = str(post["blocks"])
    for needle in (
        case.number,
        "さくら総合クリニック",
        "LINE",
        "JST",
        "駅前店で1時間",
        "分類の提案",
        str(expected_due),
    ):
        assert needle in rendered


async def test_follow_up_joins_the_case_in_its_thread(running_app: RunningApp) -> None:
    alice = running_app.complainant("sakura", "U_ALICE")
    await alice.asend(alice.text("一通目"))
    await alice.asend(alice.text("二通目: 会計でも待たされました"))
    await alice.asend(alice.sticker("1", "2"))
    await running_app.idle()
    posts = running_app.fake_slack.all_posts()
    assert len(posts) == 3
    parent, reply, sticker_note = posts
    assert not parent.get("thread_ts")
    assert reply["thread_ts"] == parent["ts"] and "二通目" in str(reply["blocks"])
    assert sticker_note["thread_ts"] == parent["ts"] and "スタンプ" in str(sticker_note["blocks"])
    deliveries = running_app.fake_line.delivered_to("U_ALICE")
    assert "追加" in _texts(deliveries[1])[0]
    assert "スタンプ" in _texts(deliveries[2])[0]
    async with running_app.services.db.reader() as session:
        assert len(list(await session.scalars(select(Case)))) == 1


async def test_english_tenant_answers_in_english(running_app: RunningApp) -> None:
    guest = running_app.complainant("maple", "U_GUEST")
    await guest.asend(guest.text("The front desk was rude to me."))
    await running_app.idle()
    (delivery,) = running_app.fake_line.delivered_to("U_GUEST")
    assert "Reference: KH-" in _texts(delivery)[0] and "police" in _texts(delivery)[0]


async def test_stale_reply_token_falls_back_to_push_with_retry_key(running_app: RunningApp) -> None:
    alice = running_app.complainant("sakura", "U_ALICE")
    event = alice.text("遅れて届いたメッセージ")
    event["timestamp"] = int((running_app.clock.now() - timedelta(minutes=5)).timestamp() * 1000)
    await alice.asend(event)
    await running_app.idle()
    (delivery,) = running_app.fake_line.delivered_to("U_ALICE")
    assert delivery["via"] == "push" and delivery["retry_key"]


async def test_personal_data_is_encrypted_at_rest(running_app: RunningApp) -> None:
    alice = running_app.complainant("sakura", "U_SECRET_USER_42")
    await alice.asend(alice.text("電話番号は090-1234-5678です"))
    await running_app.idle()
    async with running_app.services.db.reader() as session:
        blobs = [c.line_user_id_enc for c in await session.scalars(select(Complainant))]
        blobs += [m.body_enc for m in await session.scalars(select(Message))]
        blobs += [e.payload_enc for e in await session.scalars(select(InboxEvent))]
        hashes = [c.line_user_hash for c in await session.scalars(select(Complainant))]
    assert blobs
    for blob in blobs:
        assert blob is not None and b"U_SECRET_USER_42" not in blob and b"090-1234" not in blob
    assert all("U_SECRET" not in (h or "") for h in hashes)
