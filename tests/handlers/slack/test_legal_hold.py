"""The legal hold of a case reported to the police: no purge until a reviewer lifts it, with a reason."""

from __future__ import annotations

from tests.slack_desk import CLIENT, REPORTS, Desk


async def test_a_reviewer_lifts_the_hold_with_a_reason_once(desk: Desk) -> None:
    number = await desk.open_case()
    assert "not on legal hold" in await desk.command(f"lift-hold {number} 捜査終了")
    assert "警察へ通報済み" in await desk.click("case_mark_police", number)
    assert "Give the reason" in await desk.command(f"lift-hold {number}")
    refused = await desk.command(f"lift-hold {number} 捜査終了", user=CLIENT, channel=REPORTS)
    assert "you can only view this client's cases" in refused  # a client manager cannot lift it
    answer = await desk.command(f"lift-hold {number} 捜査終了の連絡あり")
    assert "legal hold of case" in answer and "lifted" in answer
    assert "not on legal hold" in await desk.command(f"lift-hold {number} もう一度")
    case = await desk.case(number)
    assert case.flags.get("legal_hold_lifted_at") and case.flags.get("police_reported")
    (entry,) = [e for e in await desk.audit(number) if e.action == "case.legal_hold_lifted"]
    assert entry.after == {"legal_hold": False, "reason": "捜査終了の連絡あり"}
    await desk.app.idle()
    assert any("リーガルホールド）を解除しました" in t for t in desk.thread_texts(number))
