"""Closing and reopening a case: `/kasuhara close`, the triage post's button and its modal, `reopen`, through
signed Slack requests into the running app."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.review.forms import Actor, ReviewError
from bot.review.service import ReviewService
from bot.review.targets import ReviewTargets
from sandbox.slack_client import select_value, text_value
from storage.models import Tenant
from tests.slack_desk import CLIENT, REPORTS, REVIEWER, REVIEWER2, Desk, decide


def close_values(reason: str | None, note: str = "") -> dict[str, Any]:
    """The state values of a filled close modal."""
    return {"reason": {"reason": select_value(reason)}, "note": {"note": text_value(note)}}


def action_ids(desk: Desk, number: str) -> list[str]:
    """The buttons on the case's triage post as it stands (none once it is closed)."""
    block = next(b for b in desk.triage_post(number).blocks if b.get("block_id") == "case_actions")
    return [e["action_id"] for e in block["elements"] if e.get("type") == "button"]


async def test_close_by_command_records_the_reason_and_the_post_shows_closed(desk: Desk) -> None:
    number = await desk.open_case()
    await desk.app.idle()
    assert "case_close" in action_ids(desk, number)
    answer = await desk.command(f"close {number} duplicate KH-2026-000001 と同じ内容")
    assert f"案件 {number} を終了しました（重複）" in answer and "is closed" in answer
    case = await desk.case(number)
    assert case.status == "closed" and case.close_reason == "duplicate" and case.closed_at is not None
    assert abs((case.closed_at - desk.app.clock.now()).total_seconds()) < 60
    (entry,) = [e for e in await desk.audit(number) if e.action == "case.closed"]
    assert entry.actor == f"slack:{REVIEWER}" and entry.before == {"status": "new"}
    assert entry.after == {
        "status": "closed",
        "reason": "duplicate",
        "closed_at": case.closed_at.isoformat(),
        "note": "KH-2026-000001 と同じ内容",
    }
    await desk.app.idle()
    assert any(
        "終了しました（重複）" in t and "KH-2026-000001 と同じ内容" in t for t in desk.thread_texts(number)
    )
    post = desk.triage_post(number)
    assert post.edits and "終了（重複）" in str(post.blocks)
    assert action_ids(desk, number) == []  # no buttons, only how to reopen
    assert f"/kasuhara reopen {number}" in str(post.blocks)
    assert "終了（重複）" in await desk.command(f"show {number}")
    assert number in await desk.command("find status:closed")


async def test_the_close_button_asks_for_a_reason_and_closes_once(desk: Desk) -> None:
    number = await desk.open_case()
    assert await desk.click("case_close", number) == ""  # a modal, no message
    view = desk.last_view("close_modal")
    reason = next(b for b in view["blocks"] if b.get("block_id") == "reason")
    assert [o["value"] for o in reason["element"]["options"]] == [
        "out_of_scope",
        "duplicate",
        "police",
        "other",
    ]
    assert [o["text"]["text"] for o in reason["element"]["options"]] == [
        "対象外",
        "重複",
        "警察へ引き継ぎ",
        "その他",
    ]
    await desk.click("case_close", number, user=REVIEWER2)  # a second reviewer opens it too
    second = desk.last_view("close_modal")

    missing = await desk.submit(view, close_values(None))
    assert "終了の理由を選んでください" in missing.json()["errors"]["reason"]
    other = await desk.submit(view, close_values("other", "   "))
    assert "理由を書いてください" in other.json()["errors"]["note"]
    assert (await desk.case(number)).closed_at is None

    done = await desk.submit(view, close_values("police", "警視庁に相談済み"))
    assert done.status_code == 200 and not done.content, done.text
    again = await desk.submit(view, close_values("police", "警視庁に相談済み"))  # submitted twice
    assert again.status_code == 200 and not again.content
    late = await desk.submit(second, close_values("out_of_scope"), user=REVIEWER2)
    assert "は終了しています（警察へ引き継ぎ" in late.json()["errors"]["reason"]
    case = await desk.case(number)
    assert (case.status, case.close_reason) == ("closed", "police")
    assert [e.action for e in await desk.audit(number)].count("case.closed") == 1
    # The button pressed again on a post not yet edited: refused, no modal.
    views = len(desk.fake_slack.views)
    assert "は終了しています" in await desk.click("case_close", number)
    assert len(desk.fake_slack.views) == views


async def test_bad_close_commands_are_refused_with_the_reason(desk: Desk) -> None:
    number = await desk.open_case()
    assert "見つかりません" in await desk.command("close KH-2001-000777 duplicate")
    assert "案件番号を指定してください" in await desk.command("close")
    assert "終了の理由を選んでください" in await desk.command(f"close {number}")
    assert "out_of_scope" in await desk.command(f"close {number} spam")
    assert "理由を書いてください" in await desk.command(f"close {number} other")
    assert "300 文字以内" in await desk.command(f"close {number} other {'長' * 301}")
    assert (await desk.case(number)).closed_at is None

    body = desk.slack.command_body(user=REVIEWER, channel="C0TRIAGE01", text=f"close {number} out_of_scope")
    first = await desk.slack.post(body)
    redelivered = await desk.slack.post(body, retry_num=1)
    assert "終了しました（対象外）" in first.json()["text"]
    assert "すでに記録されています" in redelivered.json()["text"]
    again = await desk.command(f"close {number} duplicate", user=REVIEWER2)
    assert "は終了しています（対象外" in again and "reopen" in again
    assert (await desk.case(number)).close_reason == "out_of_scope"
    assert [e.action for e in await desk.audit(number)].count("case.closed") == 1


async def test_clients_cannot_close_and_another_tenants_case_is_not_found(desk: Desk) -> None:
    sakura_case = await desk.open_case()
    maple_case = await desk.open_case("maple", "U_BOB", "The staff shouted at me. Please apologise.")
    refusal = await desk.command(f"close {sakura_case} out_of_scope", user=CLIENT, channel=REPORTS)
    assert "このチャンネルでは" in refusal
    assert "このチャンネルでは" in await desk.click("case_close", sakura_case, user=CLIENT, channel=REPORTS)
    # The domain refuses any actor scoped to other tenants, whatever the caller lets through.
    services = desk.app.services
    async with services.db.reader() as session:
        sakura = (await session.scalars(select(Tenant).where(Tenant.slug == "sakura"))).one()
    scoped = Actor(user_id=CLIENT, tenant_ids=(sakura.id,), tenant_names=sakura.name)
    review = ReviewService(
        db=services.db, cipher=services.cipher, settings=services.settings, clock=desk.app.clock
    )
    with pytest.raises(ReviewError, match=f"{maple_case} は見つかりません（このチャンネルでは {sakura.name}"):
        await review.close(number=maple_case, actor=scoped, reason="duplicate", note="", key="test:scoped")
    targets = ReviewTargets(db=services.db, cipher=services.cipher)
    with pytest.raises(ReviewError, match="見つかりません"):
        await targets.close_target(number=maple_case, actor=scoped)
    assert (await desk.case(maple_case)).closed_at is None
    assert (await desk.case(sakura_case)).closed_at is None


async def test_a_closed_case_is_refused_until_reopened_with_a_reason(desk: Desk) -> None:
    number = await desk.open_case()
    assert "判定前のため（終了もしていません）" in await desk.command(f"reopen {number}")
    await desk.command(f"close {number} other 申立人と電話で話がついた")
    for refused in (
        await desk.click("case_claim", number),
        await desk.command(f"verdict {number}"),
        await desk.command(f"assign {number} <@{REVIEWER2}>"),
        await desk.command(f"report {number}"),
    ):
        assert "は終了しています（その他" in refused
    assert (await desk.case(number)).assignee is None

    assert "再開しました" in await desk.command(f"reopen {number} 追加の申し出があった")
    case = await desk.case(number)
    assert (case.status, case.closed_at, case.close_reason) == ("in_review", None, None)
    (entry,) = [e for e in await desk.audit(number) if e.action == "case.reopened"]
    assert (
        entry.before is not None and entry.before["status"] == "closed" and entry.before["reason"] == "other"
    )
    assert entry.after == {"status": "in_review", "reason": "追加の申し出があった"}
    await desk.app.idle()
    assert "case_claim" in action_ids(desk, number) and "審査中" in str(desk.triage_post(number).blocks)
    assert any("再審査にしました" in t and "追加の申し出があった" in t for t in desk.thread_texts(number))
    # Open again: the usual work, and a decided case closes and reopens too.
    await decide(desk, number)
    await desk.command(f"close {number} out_of_scope")
    assert "再開しました" in await desk.command(f"reopen {number}")
    assert (await desk.case(number)).status == "in_review"


async def test_a_withdrawn_case_is_closed_at_once_and_can_be_reopened(desk: Desk) -> None:
    number = await desk.open_case()
    alice = desk.app.complainant("sakura", "U_ALICE")
    await alice.asend(alice.text("キャンセル"))
    await desk.app.idle()
    case = await desk.case(number)
    assert (case.status, case.close_reason) == ("withdrawn", "withdrawn") and case.closed_at is not None
    (entry,) = [e for e in await desk.audit(number) if e.action == "case.closed"]
    assert entry.actor == "line" and entry.after is not None and entry.after["reason"] == "withdrawn"
    assert "終了（申立人の取り下げ）" in str(desk.triage_post(number).blocks)
    assert "は終了しています（申立人の取り下げ" in await desk.command(f"close {number} duplicate")
    assert "再開しました" in await desk.command(f"reopen {number}")
    assert (await desk.case(number)).status == "in_review"
