"""/kasuhara through signed slash commands into the running app: help, bad input, permissions, queries."""

from __future__ import annotations

from tests.conftest import TRIAGE
from tests.slack_desk import ADMIN, CLIENT, ELSEWHERE, REPORTS, REVIEWER, STRANGER, Desk


async def test_unsigned_wrongly_signed_and_stale_requests_are_refused(desk: Desk) -> None:
    body = desk.slack.command_body(user=REVIEWER, channel=TRIAGE, text="help")
    assert (await desk.slack.post(body, signed=False)).status_code == 401
    assert (await desk.slack.post(body, secret="not-the-secret")).status_code == 401
    stale = desk.slack.now() - 6 * 60
    assert (await desk.slack.post(body, timestamp=stale)).status_code == 401
    click = desk.slack.payload_body(
        desk.slack.block_action_payload(user=REVIEWER, channel=TRIAGE, action_id="case_claim", value="2026-1")
    )
    assert (await desk.slack.post(click, signed=False)).status_code == 401
    assert (await desk.slack.post(click, timestamp=stale)).status_code == 401
    submission = desk.slack.payload_body(
        desk.slack.view_submission_payload(
            user=REVIEWER, view={"type": "modal", "callback_id": "verdict_modal"}, values={}
        )
    )
    assert (await desk.slack.post(submission, secret="forged")).status_code == 401
    assert (await desk.slack.post(b"payload=%7Bnot-json", secret="forged")).status_code == 401
    assert (await desk.slack.post(b"payload=%7Bnot-json")).status_code == 400
    no_view = desk.slack.payload_body({"type": "view_submission", "user": {"id": REVIEWER}})
    assert (await desk.slack.post(no_view)).status_code == 400  # not what Slack sends: nothing happens
    # Within the window it is answered.
    assert (await desk.slack.post(body, timestamp=desk.slack.now() - 60)).status_code == 200


async def test_help_empty_and_garbled_subcommands(desk: Desk) -> None:
    help_text = await desk.command("help")
    for sub in ("show", "find", "assign", "verdict", "note", "reopen", "stats"):
        assert f"`{sub}" in help_text
    assert await desk.command("") == help_text
    assert await desk.command("   ") == help_text
    assert "「frobnicate」というサブコマンドはありません" in await desk.command("frobnicate KH-2026-1")
    assert "案件番号を指定してください" in await desk.command("show")
    assert "案件番号として読めません" in await desk.command("show 12-ab-#")
    assert "検索条件「colour:red」を読めません" in await desk.command("find colour:red")


async def test_case_numbers_in_any_reasonable_spelling(desk: Desk) -> None:
    number = await desk.open_case()
    year, seq = number.split("-")[1], int(number.split("-")[2])
    for spelling in (number, number.lower(), f"kh-{year}-{seq}", f"{year}-{seq}", f"ＫＨ－{year}－{seq}"):
        shown = await desk.command(f"show {spelling}")
        assert number in shown and "さくら総合クリニック" in shown, spelling
    assert f"案件 KH-{year}-999999 は見つかりません" in await desk.command(f"show {year}-999999")


async def test_non_reviewers_unknown_users_and_wrong_channels_are_refused(desk: Desk) -> None:
    number = await desk.open_case()
    audited = len(await desk.audit(number))
    for user in (STRANGER, "U0NOBODY99", CLIENT):
        answer = await desk.command(f"show {number}", user=user)
        assert "審査担当者のみ" in answer and "Only the desk's reviewers" in answer, user
    answer = await desk.command(f"show {number}", channel=ELSEWHERE)
    assert "トリアージチャンネル" in answer and number not in answer
    assert "審査担当者のみ" in await desk.command(f"show {number}", user=STRANGER, channel=ELSEWHERE)
    assert len(await desk.audit(number)) == audited, "a refused request changed nothing"


async def test_client_manager_sees_only_their_tenant_and_only_client_commands(desk: Desk) -> None:
    own = await desk.open_case("sakura", "U_ALICE")
    other = await desk.open_case("maple", "U_BOB", "I waited two hours at the front desk. Please improve.")
    shown = await desk.command(f"show {own}", user=CLIENT, channel=REPORTS)
    assert own in shown and "監査ログ" not in shown
    refused = await desk.command(f"show {other}", user=CLIENT, channel=REPORTS)
    assert f"案件 {other} は見つかりません" in refused and "さくら総合クリニック" in refused
    assert "Maple" not in refused
    found = await desk.command("find", user=CLIENT, channel=REPORTS)
    assert own in found and other not in found
    assert "見つかりません" in await desk.command("find tenant:maple", user=CLIENT, channel=REPORTS)
    assert "依頼元の案件の表示" in await desk.command(f"reopen {own}", user=CLIENT, channel=REPORTS)
    assert "メンバーのみ" in await desk.command(f"show {own}", user=STRANGER, channel=REPORTS)


async def test_admin_sees_the_audit_trail_reviewers_do_not(desk: Desk) -> None:
    number = await desk.open_case()
    as_admin = await desk.command(f"show {number}", user=ADMIN)
    assert "監査ログ" in as_admin and "case.classified" in as_admin
    as_reviewer = await desk.command(f"show {number}")
    assert "監査ログ" not in as_reviewer and "case.classified" not in as_reviewer


async def test_find_and_stats(desk: Desk) -> None:
    first = await desk.open_case("sakura", "U_ALICE")
    second = await desk.open_case("maple", "U_BOB", "The receptionist was rude to me. Please look into it.")
    found = await desk.command("find tenant:sakura status:new")
    assert first in found and second not in found
    assert second in await desk.command(f"find {second}")
    assert first in await desk.command(f"find complainant:{first}")
    assert "条件に合う案件はありません" in await desk.command("find status:decided")
    assert "条件に合う案件はありません" in await desk.command("find from:2001-01-01 to:2001-01-31")
    stats = await desk.command("stats")
    assert "合計 2 件" in stats and "新規: 2" in stats
    assert "合計 1 件" in await desk.command("stats maple")
    assert "合計 0 件" in await desk.command("stats sakura 2001-02")
    assert "YYYY-MM" in await desk.command("stats 2026-13")
    assert "依頼元「nowhere」は見つかりません" in await desk.command("stats nowhere")


async def test_a_tenant_filter_that_cannot_be_a_slug_names_no_tenant(desk: Desk) -> None:
    # Found by the fuzzer: `find tenant:\0` reached the database, and PostgreSQL refused the NUL (an
    # unexpected error with an error id).
    for command in ("find tenant:\x00", "stats a\x00b", "find tenant:" + "x" * 300):
        assert "は見つかりません" in await desk.command(command), command
