"""The reviewer's part of the demo: reopen the case its complainant withdrew, claim it, record a verdict in
the modal, look it up, send the report to the client, all signed as Slack signs them and sent to the
running app."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from app.demo.render import blocks_to_text
from sandbox.fake_slack import FakeSlack
from sandbox.slack_client import SignedSlack, multi_value, select_value, text_value

REVIEWER = "U0REVIEWER1"  # a member of the sandbox's reviewer group S0REVIEW


def _verdict_values() -> dict[str, dict[str, object]]:
    return {
        "label": {"label": select_value("harassment")},
        "types": {"types": multi_value(["verbal_abuse", "excessive_demand"])},
        "opinion": {
            "opinion": text_value("解雇や土下座、慰謝料の要求は社会通念上相当な範囲を超えています。")
        },
        "advice": {"advice": text_value("要求には応じず、記録を残して複数名で対応してください。")},
        "recommendation": {"recommendation": text_value("警告文の送付")},
        "feedback": {"feedback": select_value("no")},
        "police": {"police": select_value("no")},
        "police_reference": {"police_reference": text_value("")},
    }


async def review_scenario(
    *,
    events_url: str,
    signing_secret: str,
    slack: FakeSlack,
    channel: str,
    report_channel: str,
    number: str,
    idle: Callable[[], Awaitable[None]],
    out: Callable[[str], None],
) -> list[str]:
    """Reopen the withdrawn (closed) case `number`, claim it, record its verdict, show it, report it to the
    client; returns problems (empty when all went as expected)."""
    problems: list[str] = []
    out(f"=== Slack: 審査担当者 <@{REVIEWER}> が {number} を審査 ===")
    async with SignedSlack(events_url, signing_secret) as client:
        reopen = f"reopen {number} 取り下げられたが、職員への暴言の記録として依頼元へ報告する"
        answer = (await client.command(user=REVIEWER, channel=channel, text=reopen)).json()["text"]
        out(f"/kasuhara {reopen}\n（本人にだけ表示）{answer.splitlines()[0]}")
        if "再開しました" not in answer:
            problems.append(f"the withdrawn case was not reopened: {answer}")
        await idle()
        seen = len(slack.ephemerals)
        await client.click(user=REVIEWER, channel=channel, action_id="case_claim", value=number)
        await idle()
        for ephemeral in slack.ephemerals[seen:]:
            out(f"（本人にだけ表示）{ephemeral.text.splitlines()[0]}")
        await client.command(user=REVIEWER, channel=channel, text=f"verdict {number}")
        opened = [v for v in slack.views if v.view.get("callback_id") == "verdict_modal"]
        if not opened:
            return [*problems, "the verdict modal did not open"]
        view = {**opened[-1].view, "id": opened[-1].view_id}
        out("判定の入力画面を開き、最終判定・行為類型・見解・助言・推奨対応を入力して送信")
        response = await client.submit(user=REVIEWER, view=view, values=_verdict_values())
        if response.status_code != 200 or response.content:
            problems.append(f"the verdict was not accepted: {response.text}")
        await idle()
        shown = (await client.command(user=REVIEWER, channel=channel, text=f"show {number}")).json()["text"]
        out("/kasuhara show " + number + "\n" + shown + "\n")
        if "判定（第1版" not in shown:
            problems.append("the verdict is not shown")
        problems += await _send_report(client, slack, channel, report_channel, number, idle, out)
    return problems


async def _send_report(
    client: SignedSlack,
    slack: FakeSlack,
    channel: str,
    report_channel: str,
    number: str,
    idle: Callable[[], Awaitable[None]],
    out: Callable[[str], None],
) -> list[str]:
    """Press 「クライアントへ報告」 on the triage post; show what reaches the client's report channel."""
    seen = len(slack.ephemerals)
    out("トリアージ投稿の「クライアントへ報告」を押し、確認画面で「送る」")
    await client.click(user=REVIEWER, channel=channel, action_id="case_send_report", value=number)
    await idle()
    for ephemeral in slack.ephemerals[seen:]:
        out(f"（本人にだけ表示）{ephemeral.text.splitlines()[0]}")
    out(f"\n=== Slack: 依頼元の報告チャンネル {report_channel} ===")
    posts = [m for m in slack.messages(report_channel) if not m.files]
    files = [f for f in slack.files if f.channel == report_channel]
    for post in posts:
        out(blocks_to_text(post.blocks, post.text))
    for file in files:
        out(f"📎 {file.filename}（{file.title}、{len(file.data):,} バイト）{file.initial_comment or ''}")
    out("")
    problems = []
    if len(posts) != 1 or number not in str(posts[0].blocks):
        problems.append(f"expected the report of {number} in {report_channel}, saw {len(posts)} posts")
    if [f.filename for f in files] != [f"{number}_v1.pdf"] or not files[0].data.startswith(b"%PDF"):
        problems.append("the report's PDF was not attached")
    return problems
