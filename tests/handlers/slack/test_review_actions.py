"""Buttons and modals through signed block_actions and view_submission payloads into the running app."""

from __future__ import annotations

import json
import logging
import re

import pytest
from sqlalchemy import select

from storage.models import Message
from tests.conftest import TRIAGE
from tests.slack_desk import (
    CLIENT,
    REPORTS,
    REVIEWER,
    REVIEWER2,
    STRANGER,
    Desk,
    verdict_values,
)


async def test_claim_updates_the_post_and_a_second_claim_says_who_has_it(desk: Desk) -> None:
    number = await desk.open_case()
    assert "案件 " + number + " を担当しました" in await desk.click("case_claim", number)
    await desk.app.idle()
    case = await desk.case(number)
    assert case.status == "in_review" and case.assignee == REVIEWER
    post = desk.triage_post(number)
    shown = str(post.blocks)
    assert "審査中" in shown and f"<@{REVIEWER}>" in shown and "営業日" in shown
    assert post.edits, "the triage post was edited in place"
    assert any("担当しました" in t for t in desk.thread_texts(number))
    # A double click, and the other reviewer's click: nothing changes, they are told who has it.
    assert "すでにあなたの担当" in await desk.click("case_claim", number)
    answer = await desk.click("case_claim", number, user=REVIEWER2)
    assert f"すでに <@{REVIEWER}> さんが担当" in answer
    claims = [e for e in await desk.audit(number) if e.action == "case.claimed"]
    assert len(claims) == 1 and claims[0].actor == f"slack:{REVIEWER}"
    assert claims[0].before == {"status": "new", "assignee": None}
    assert claims[0].after == {"status": "in_review", "assignee": REVIEWER}


async def test_slack_retries_of_the_same_delivery_apply_once(desk: Desk) -> None:
    number = await desk.open_case()
    body = desk.slack.command_body(user=REVIEWER, channel=TRIAGE, text=f"note {number} 電話で本人確認済み")
    first = await desk.slack.post(body)
    again = await desk.slack.post(body, retry_num=1)
    assert "メモを残しました" in first.json()["text"]
    assert "すでに記録されています" in again.json()["text"]
    assert [e.action for e in await desk.audit(number)].count("case.note") == 1
    await desk.app.idle()
    assert sum("電話で本人確認済み" in t for t in desk.thread_texts(number)) == 1


async def test_notes_stay_internal(desk: Desk) -> None:
    number = await desk.open_case()
    delivered = len(desk.app.fake_line.delivered_to("U_ALICE"))
    assert "申立人には送られません" in await desk.command(f"note {number} 申立人は再訪の予定あり\n二行目")
    assert "メモの本文" in await desk.command(f"note {number}")
    await desk.app.idle()
    assert any("申立人は再訪の予定あり\n二行目" in t for t in desk.thread_texts(number))
    assert len(desk.app.fake_line.delivered_to("U_ALICE")) == delivered


async def test_assign_to_a_reviewer_only(desk: Desk) -> None:
    number = await desk.open_case()
    assert "<@U0REVIEWER2> さんにしました" in await desk.command(f"assign {number} <@{REVIEWER2}|reviewer2>")
    assert (await desk.case(number)).assignee == REVIEWER2
    assert "審査担当者ではない" in await desk.command(f"assign {number} <@{STRANGER}>")
    assert "`@名前`" in await desk.command(f"assign {number} reviewer2")
    assert (await desk.case(number)).assignee == REVIEWER2


async def test_verdict_modal_field_errors_record_once_and_versions(desk: Desk) -> None:
    number = await desk.open_case(words="ふざけるな、バカ野郎。お前なんか辞めさせてやる。土下座しろ。")
    await desk.click("case_verdict", number)
    view = desk.last_view("verdict_modal")
    label = next(b for b in view["blocks"] if b.get("block_id") == "label")
    assert label["element"]["initial_option"]["value"] == (await desk.case(number)).suggested_label

    bad = verdict_values(opinion="  ", advice="短い", police="yes", feedback=None, label=None)
    response = await desk.submit(view, bad)
    assert response.json()["response_action"] == "errors"
    errors = response.json()["errors"]
    assert set(errors) == {"label", "opinion", "advice", "feedback", "police_reference"}
    assert errors["opinion"] == "入力してください。"
    feedback_not_allowed = await desk.submit(view, verdict_values(feedback="yes"))
    assert "連絡を許可していません" in feedback_not_allowed.json()["errors"]["feedback"]
    assert await desk.verdicts(number) == []

    good = verdict_values(police="yes", police_reference="警視庁 第123号")
    assert (await desk.submit(view, good)).status_code == 200
    assert (await desk.submit(view, good)).status_code == 200  # submitted twice: recorded once
    (verdict,) = await desk.verdicts(number)
    assert (
        verdict.version == 1
        and verdict.label == "harassment"
        and (await desk.verdict_texts(verdict)).police_reference == "警視庁 第123号"
    )
    case = await desk.case(number)
    assert case.status == "decided" and case.decided_at is not None and case.flags.get("police_reported")
    assert [e.action for e in await desk.audit(number)].count("verdict.recorded") == 1
    await desk.app.idle()
    assert "判定済み" in str(desk.triage_post(number).blocks)

    # A decided case: the command and the button say so, and the claim too.
    assert "判定済みです（第1版" in await desk.command(f"verdict {number}")
    assert "判定済みです" in await desk.click("case_verdict", number, user=REVIEWER2)
    assert "判定済みです" in await desk.click("case_claim", number, user=REVIEWER2)
    # Reopened, a new verdict is version 2.
    assert "再審査にしました" in await desk.command(f"reopen {number}")
    assert "判定前のため" in await desk.command(f"reopen {number}")
    await desk.command(f"verdict {number}")
    second = desk.last_view("verdict_modal")
    assert second["id"] != view["id"]
    # The old modal, submitted again after the reopen, is still the same submission: nothing new.
    await desk.submit(view, good)
    assert len(await desk.verdicts(number)) == 1
    assert (await desk.submit(second, verdict_values(label="legitimate", types=()))).status_code == 200
    versions = sorted((v.version, v.label) for v in await desk.verdicts(number))
    assert versions == [(1, "harassment"), (2, "legitimate")]


async def test_a_stale_modal_for_a_case_decided_meanwhile_is_refused_in_the_modal(desk: Desk) -> None:
    number = await desk.open_case()
    await desk.click("case_verdict", number)
    first = desk.last_view("verdict_modal")
    await desk.click("case_verdict", number, user=REVIEWER2)
    second = desk.last_view("verdict_modal")
    assert (await desk.submit(first, verdict_values())).status_code == 200
    response = await desk.submit(second, verdict_values(label="legitimate"), user=REVIEWER2)
    assert "すでに判定済み" in response.json()["errors"]["label"]
    assert len(await desk.verdicts(number)) == 1


async def test_buttons_refuse_non_reviewers_and_unknown_cases(desk: Desk) -> None:
    number = await desk.open_case()
    assert "審査担当者のみ" in await desk.click("case_claim", number, user=STRANGER)
    assert "審査担当者のみ" in await desk.click("case_verdict", number, user=CLIENT)
    assert "見つかりません" in await desk.click("case_claim", "KH-2001-000777")
    assert "案件番号として読めません" in await desk.click("case_claim", "garbage")
    assert (await desk.case(number)).status == "new"
    assert not [v for v in desk.fake_slack.views if v.view.get("callback_id") == "verdict_modal"]


async def test_mark_reported_to_police_is_idempotent(desk: Desk) -> None:
    number = await desk.open_case()
    assert "警察へ通報済み" in await desk.click("case_mark_police", number)
    assert "すでに「警察へ通報済み」" in await desk.click("case_mark_police", number)
    await desk.app.idle()
    assert "通報済み" in str(desk.triage_post(number).blocks)
    assert [e.action for e in await desk.audit(number)].count("case.police_reported") == 1


async def test_request_more_information_only_when_allowed_and_confirmed(desk: Desk) -> None:
    number = await desk.open_case()
    assert "連絡を許可していない" in await desk.click("case_request_info", number)
    await desk.allow_feedback("sakura")
    await desk.click("case_request_info", number)
    view = desk.last_view("info_modal")
    question = {"question": {"question": {"type": "plain_text_input", "value": "何時ごろのことでしたか？"}}}
    unconfirmed = await desk.submit(view, {**question, "confirm": {"confirm": {"selected_options": []}}})
    assert "確認のチェック" in unconfirmed.json()["errors"]["confirm"]
    assert not any("何時ごろ" in t for t in desk.app.fake_line.texts_to("U_ALICE"))
    confirmed = {**question, "confirm": {"confirm": {"selected_options": [{"value": "yes"}]}}}
    assert (await desk.submit(view, confirmed)).status_code == 200
    assert (await desk.submit(view, confirmed)).status_code == 200  # twice: sent once
    await desk.app.idle()
    sent = [t for d in desk.app.fake_line.delivered_to("U_ALICE") for t in d.texts if "何時ごろ" in t]
    assert len(sent) == 1 and number in sent[0]
    assert any("質問を送りました" in t for t in desk.thread_texts(number))
    assert [e.action for e in await desk.audit(number)].count("case.info_requested") == 1
    async with desk.app.services.db.reader() as session:
        outbound = list(await session.scalars(select(Message).where(Message.direction == "out")))
    assert any(m.body_enc and b"\xe4\xbd\x95" not in m.body_enc for m in outbound), "stored encrypted"
    # The answer comes back into the thread.
    alice = desk.app.complainant("sakura", "U_ALICE")
    await alice.asend(alice.text("夜7時ごろです。"))
    await desk.app.idle()
    assert any(
        "夜7時ごろです" in str(m.blocks) for m in desk.fake_slack.thread(TRIAGE, desk.triage_post(number).ts)
    )


async def test_client_manager_approves_or_declines_feedback(desk: Desk) -> None:
    await desk.allow_feedback("sakura")
    number = await desk.open_case()
    assert "まだ判定されていません" in await desk.click(
        "feedback_approve", number, user=CLIENT, channel=REPORTS
    )
    await desk.click("case_verdict", number)
    await desk.submit(desk.last_view("verdict_modal"), verdict_values(feedback="yes"))
    assert "承認しました" in await desk.click("feedback_approve", number, user=CLIENT, channel=REPORTS)
    assert "すでに承認" in await desk.click("feedback_approve", number, user=CLIENT, channel=REPORTS)
    answer = await desk.command(f"feedback {number} decline", user=CLIENT, channel=REPORTS)
    assert "否認しました" in answer
    assert (await desk.case(number)).flags["client_feedback"]["decision"] == "declined"
    assert "報告チャンネル" in await desk.click("feedback_approve", number)  # reviewers don't decide it
    assert "メンバーのみ" in await desk.click("feedback_approve", number, user=STRANGER, channel=REPORTS)
    other = await desk.open_case("maple", "U_BOB", "The staff shouted at me. Please apologise.")
    assert "見つかりません" in await desk.click("feedback_approve", other, user=CLIENT, channel=REPORTS)
    actions = [e.action for e in await desk.audit(number)]
    assert actions.count("feedback.approved") == 1 and actions.count("feedback.declined") == 1


async def test_unexpected_errors_show_an_error_id_that_is_in_the_log(
    desk: Desk, caplog: pytest.LogCaptureFixture
) -> None:
    number = await desk.open_case()
    await desk.command(f"show {number}")  # warms up auth and the reviewer group
    desk.fake_slack.faults.fail(500, times=1)
    with caplog.at_level(logging.ERROR):
        answer = await desk.command(f"verdict {number}")
    match = re.search(r"エラーID `([0-9a-f]{8})`", answer)
    assert match, answer
    assert any(match.group(1) in r.getMessage() for r in caplog.records)


async def test_thread_messages_never_reach_the_complainant(desk: Desk) -> None:
    number = await desk.open_case()
    delivered = len(desk.app.fake_line.delivered_to("U_ALICE"))
    parent = desk.triage_post(number)
    event = {
        "type": "event_callback",
        "team_id": "T0SANDBOX",
        "api_app_id": "A0KASUHARA",
        "event_id": "Ev0THREAD01",
        "event_time": 1700000000,
        "event": {
            "type": "message",
            "channel": TRIAGE,
            "user": REVIEWER,
            "text": "申立人に「もう来ないでください」と伝えて",
            "ts": "1700000001.000200",
            "thread_ts": parent.ts,
        },
    }
    response = await desk.slack.post(json.dumps(event).encode(), content_type="application/json")
    # The app subscribes to no events: a thread message is refused at the door and nothing acts on it.
    assert response.status_code == 400 and "unsupported" in response.text
    await desk.app.idle()
    assert len(desk.app.fake_line.delivered_to("U_ALICE")) == delivered
    assert not any("もう来ないで" in t for t in desk.app.fake_line.texts_to("U_ALICE"))


async def test_a_modal_whose_metadata_nests_too_deeply_is_refused_in_the_modal(
    desk: Desk, caplog: pytest.LogCaptureFixture
) -> None:
    # Found by the fuzzer: json.loads raised RecursionError, which reached bolt's error handler.
    view = {"id": "V0DEEP", "type": "modal", "callback_id": "verdict_modal"}
    view["private_metadata"] = "[" * 5000 + "]" * 5000
    response = await desk.submit(view, verdict_values())
    assert response.status_code == 200
    assert "トリアージチャンネル" in response.json()["errors"]["label"]  # nothing says where it came from
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


async def test_nul_characters_in_modal_fields_are_dropped(
    desk: Desk, caplog: pytest.LogCaptureFixture
) -> None:
    # Found after the fuzzer's NUL in /kasuhara: a verdict whose opinion held a NUL was an unexpected error
    # on PostgreSQL (it cannot store one).
    number = await desk.open_case()
    await desk.click("case_verdict", number)
    opinion = "暴言が繰り返されており\x00社会通念上相当な範囲を超えています。"
    response = await desk.submit(desk.last_view("verdict_modal"), verdict_values(opinion=opinion))
    assert response.status_code == 200 and not response.content.strip(), response.text
    (verdict,) = await desk.verdicts(number)
    assert verdict.label == "harassment"
    assert (await desk.verdict_texts(verdict)).opinion == opinion.replace("\x00", "")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


async def test_a_button_press_without_a_user_id_is_refused_at_the_door(
    desk: Desk, caplog: pytest.LogCaptureFixture
) -> None:
    # Found by the fuzzer: the refusal was sent as an ephemeral to user "", which Slack refuses (a traceback).
    number = await desk.open_case()
    payload = desk.slack.block_action_payload(
        user=REVIEWER, channel=TRIAGE, action_id="case_claim", value=number
    )
    del payload["user"]["id"]
    seen = len(desk.fake_slack.requests)
    response = await desk.slack.post(desk.slack.payload_body(payload))
    assert response.status_code == 400 and "user.id" in response.text
    await desk.app.idle()
    assert len(desk.fake_slack.requests) == seen
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
