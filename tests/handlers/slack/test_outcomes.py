"""The outcomes of a decided case as reviewer actions: the client report (v1, then corrections) and the
client-approved feedback to the complainant, through signed Slack requests into the running app."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from storage.models import ClientReport, Message, Tenant
from tests.conftest import TRIAGE
from tests.slack_desk import (
    CLIENT,
    REPORTS,
    REVIEWER,
    REVIEWER2,
    STRANGER,
    Desk,
    decide,
    wish_feedback,
)


def buttons(desk: Desk, number: str) -> list[dict[str, Any]]:
    """The buttons of the case's triage post as it stands."""
    blocks = desk.triage_post(number).blocks
    return next(b for b in blocks if b.get("block_id") == "case_actions")["elements"]


def button_ids(desk: Desk, number: str) -> list[str]:
    return [b["action_id"] for b in buttons(desk, number)]


async def reports(desk: Desk, number: str) -> list[ClientReport]:
    case = await desk.case(number)
    async with desk.app.services.db.reader() as session:
        query = select(ClientReport).where(ClientReport.case_id == case.id).order_by(ClientReport.version)
        return list(await session.scalars(query))


def report_posts(desk: Desk) -> list[Any]:
    return [m for m in desk.fake_slack.messages(REPORTS) if not m.files]


async def test_report_button_sends_v1_once_and_updates_the_post(desk: Desk) -> None:
    number = await desk.open_case()
    assert "case_send_report" not in button_ids(desk, number)  # no verdict yet: no button
    assert "まだ判定されていません" in await desk.click("case_send_report", number)
    assert "has no verdict yet" in await desk.command(f"report {number}")
    await decide(desk, number)
    (report_button,) = [b for b in buttons(desk, number) if b["action_id"] == "case_send_report"]
    assert report_button["text"]["text"] == "クライアントへ報告" and "第1版" in str(report_button["confirm"])

    answer = await desk.click("case_send_report", number)
    assert "報告書（第1版）を依頼元へ送りました" in answer and REPORTS in answer
    # A double click, and the command: v1 is not sent again.
    assert "送信済みです（第1版" in await desk.click("case_send_report", number)
    assert "送信済みです（第1版" in await desk.command(f"report {number}", user=REVIEWER2)
    await desk.app.idle()
    assert [r.version for r in await reports(desk, number)] == [1]
    (post,) = report_posts(desk)
    assert number in str(post.blocks)
    pdfs = [f for f in desk.fake_slack.files if f.channel == REPORTS]
    assert [f.filename for f in pdfs] == [f"{number}_v1.pdf"] and pdfs[0].data.startswith(b"%PDF")

    case = await desk.case(number)
    assert case.status == "reported" and case.reported_at is not None
    triage = desk.triage_post(number)
    assert "報告済み" in str(triage.blocks) and triage.edits
    assert not {"case_send_report", "case_send_correction"} & set(button_ids(desk, number))
    assert any("報告書（第1版）を依頼元へ送りました" in t for t in desk.thread_texts(number))
    sent = [e for e in await desk.audit(number) if e.action == "case.report_sent"]
    assert len(sent) == 1 and sent[0].actor == f"slack:{REVIEWER}"
    assert sent[0].after is not None and sent[0].after["version"] == 1


async def test_slack_retry_of_the_report_command_applies_once(desk: Desk) -> None:
    number = await desk.open_case()
    await decide(desk, number)
    body = desk.slack.command_body(user=REVIEWER, channel=TRIAGE, text=f"report {number}")
    first = await desk.slack.post(body)
    again = await desk.slack.post(body, retry_num=1)
    assert "第1版" in first.json()["text"] and "すでに記録されています" in again.json()["text"]
    await desk.app.idle()
    assert [r.version for r in await reports(desk, number)] == [1]
    assert len(report_posts(desk)) == 1


async def test_a_correction_reports_the_verdict_recorded_after_reopen(desk: Desk) -> None:
    number = await desk.open_case()
    await decide(desk, number)
    assert "まだ送られていない" in await desk.command(f"report {number} correct")
    await desk.click("case_send_report", number)
    assert "最新の判定（第1版）を報告済み" in await desk.command(f"report {number} correct")
    assert "再審査にしました" in await desk.command(f"reopen {number}")
    await desk.app.idle()
    assert "再審査中です" in await desk.command(f"report {number} correct")
    await decide(
        desk, number, label="legitimate", types=(), opinion="正当な苦情と判断しました。対応の改善を。"
    )
    # The first-report action does not send a second version; the correction is its own button.
    assert "送信済みです（第1版" in await desk.click("case_send_report", number)
    (correction,) = [b for b in buttons(desk, number) if b["action_id"] == "case_send_correction"]
    assert correction["text"]["text"] == "訂正版を送る" and "confirm" in correction
    assert "訂正版（第2版）を依頼元へ送りました" in await desk.click("case_send_correction", number)
    # A double click on the correction: nothing newer to report.
    assert "最新の判定（第2版）を報告済み" in await desk.click("case_send_correction", number)
    await desk.app.idle()
    versions = [(r.version, r.verdict_version) for r in await reports(desk, number)]
    assert versions == [(1, 1), (2, 2)]
    _first, second = report_posts(desk)
    assert "訂正" in str(second.blocks) and "正当な苦情と判断しました" in str(second.blocks)
    assert [f.filename for f in desk.fake_slack.files if f.channel == REPORTS] == [
        f"{number}_v1.pdf",
        f"{number}_v2.pdf",
    ]
    assert (await desk.case(number)).status == "reported"


async def test_only_reviewers_in_the_triage_channel_send_reports(desk: Desk) -> None:
    number = await desk.open_case()
    await decide(desk, number)
    assert "審査担当者のみ" in await desk.click("case_send_report", number, user=STRANGER)
    assert "依頼元の案件の表示" in await desk.click("case_send_report", number, user=CLIENT, channel=REPORTS)
    assert "依頼元の案件の表示" in await desk.command(f"report {number}", user=CLIENT, channel=REPORTS)
    assert "トリアージチャンネル" in await desk.command(f"report {number}", channel="C0RANDOM01")
    assert "report nonsense" in await desk.command(f"report {number} nonsense")
    assert "見つかりません" in await desk.command("report KH-2001-000777")
    assert await reports(desk, number) == []


async def test_a_tenant_without_report_channel_is_refused_and_admins_alerted(desk: Desk) -> None:
    number = await desk.open_case("maple", "U_BOB", "The staff shouted at me. Please apologise.")
    await decide(desk, number)
    answer = await desk.click("case_send_report", number)
    assert "送れませんでした" in answer and "no report channel" in answer
    await desk.app.idle()
    assert await reports(desk, number) == []
    alerts = [
        m.text for m in desk.fake_slack.messages(TRIAGE) if "報告チャンネルが設定されていません" in m.text
    ]
    assert len(alerts) == 1 and "Maple Hotel" in alerts[0]
    assert (await desk.case(number)).status == "decided"


def feedback_values(message: str, *, confirmed: bool = True) -> dict[str, Any]:
    options = [{"value": "yes"}] if confirmed else []
    return {
        "message": {"message": {"type": "plain_text_input", "value": message}},
        "confirm": {"confirm": {"selected_options": options}},
    }


async def test_feedback_goes_out_once_after_the_client_approves(desk: Desk) -> None:
    await desk.allow_feedback("sakura")
    number = await desk.open_case()
    await decide(desk, number, feedback="yes")
    # The complainant did not wish feedback (yet): refused.
    assert "希望していない" in await desk.click("case_send_feedback", number)
    await wish_feedback(desk, number)
    assert "まだ承認していません" in await desk.command(f"feedback-send {number}")
    await desk.click("case_send_report", number)
    assert "承認しました" in await desk.click("feedback_approve", number, user=CLIENT, channel=REPORTS)
    await desk.app.idle()
    assert "case_send_feedback" in button_ids(desk, number)
    # Clients cannot send it themselves.
    assert "依頼元の案件の表示" in await desk.command(f"feedback-send {number}", user=CLIENT, channel=REPORTS)

    await desk.click("case_send_feedback", number)
    view = desk.last_view("feedback_send_modal")
    message = next(b for b in view["blocks"] if b.get("block_id") == "message")
    template = message["element"]["initial_value"]
    assert "さくら" in template and "返信は不要" in template
    unconfirmed = await desk.submit(view, feedback_values(template, confirmed=False))
    assert "確認のチェック" in unconfirmed.json()["errors"]["confirm"]
    short = await desk.submit(view, feedback_values("はい"))
    assert "10 文字以上" in short.json()["errors"]["message"]
    delivered = len(desk.app.fake_line.delivered_to("U_ALICE"))
    edited = template + "\nご意見ありがとうございました。"
    assert (await desk.submit(view, feedback_values(edited))).status_code == 200
    assert (await desk.submit(view, feedback_values(edited))).status_code == 200  # twice: sent once
    # Another reviewer, afterwards: refused, no modal.
    assert "送信済み" in await desk.command(f"feedback-send {number}", user=REVIEWER2)
    await desk.app.idle()
    texts = [t for d in desk.app.fake_line.delivered_to("U_ALICE")[delivered:] for t in d.texts]
    assert len(texts) == 1 and number in texts[0] and "ご意見ありがとうございました" in texts[0]
    assert "case_send_feedback" not in button_ids(desk, number)
    assert any("フィードバックを送りました" in t for t in desk.thread_texts(number))
    sent = [e for e in await desk.audit(number) if e.action == "feedback.sent"]
    assert len(sent) == 1 and sent[0].actor == f"slack:{REVIEWER}"
    async with desk.app.services.db.reader() as session:
        case = await desk.case(number)
        outbound = list(
            await session.scalars(
                select(Message).where(Message.case_id == case.id, Message.direction == "out")
            )
        )
    assert any(m.body_enc and "ご意見ありがとう".encode() not in m.body_enc for m in outbound)


async def test_feedback_declined_or_unreachable_is_refused(desk: Desk) -> None:
    number = await desk.open_case()
    await decide(desk, number)  # the tenant allows no contact: the verdict foresees none
    await wish_feedback(desk, number)
    assert "フィードバックは予定されていません" in await desk.command(f"feedback-send {number}")
    await desk.allow_feedback("sakura")
    other = await desk.open_case(user="U_CAROL")
    await decide(desk, other, feedback="yes")
    await wish_feedback(desk, other)
    assert "否認しました" in await desk.click("feedback_decline", other, user=CLIENT, channel=REPORTS)
    assert "まだ承認していません" in await desk.click("case_send_feedback", other)
    assert "承認しました" in await desk.click("feedback_approve", other, user=CLIENT, channel=REPORTS)
    # The complainant blocked the account: not reachable on LINE.
    carol = desk.app.complainant("sakura", "U_CAROL")
    await carol.asend(carol.unfollow())
    await desk.app.idle()
    assert "LINE" in await desk.click("case_send_feedback", other)
    assert not [v for v in desk.fake_slack.views if v.view.get("callback_id") == "feedback_send_modal"]
    assert all(e.action != "feedback.sent" for e in await desk.audit(other))


async def test_feedback_to_an_english_tenant_is_in_english(desk: Desk) -> None:
    maple_reports, maple_client = "C0REPORTS2", "U0CLIENTEN"
    desk.fake_slack.channel_members[maple_reports] = [maple_client]
    async with desk.app.services.db.transaction() as session:
        maple = (await session.scalars(select(Tenant).where(Tenant.slug == "maple"))).one()
        maple.report_channels = [maple_reports]
        maple.feedback_allowed = True
    number = await desk.open_case("maple", "U_EN_FEEDBACK", "The front desk lost my booking. Please fix it.")
    await decide(desk, number, feedback="yes")
    await wish_feedback(desk, number)
    await desk.click("case_send_report", number)
    await desk.click("feedback_approve", number, user=maple_client, channel=maple_reports)
    await desk.app.idle()

    await desk.click("case_send_feedback", number)
    view = desk.last_view("feedback_send_modal")
    message = next(b for b in view["blocks"] if b.get("block_id") == "message")
    template = message["element"]["initial_value"]
    assert "Maple Hotel" in template and "reviewed your feedback" in template
    assert not any("\u3040" <= c <= "\u30ff" for c in template)  # no Japanese in an English tenant's text
    assert (await desk.submit(view, feedback_values(template))).status_code == 200
    await desk.app.idle()
    texts = [t for d in desk.app.fake_line.delivered_to("U_EN_FEEDBACK") for t in d.texts]
    (sent,) = [t for t in texts if template in t]
    assert sent.startswith(f"A message from the desk about reference {number}.")
