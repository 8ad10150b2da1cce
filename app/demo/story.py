"""`kasuhara demo`: the real server and worker on SQLite against the local sandbox, with a transcript."""

from __future__ import annotations

import asyncio
import contextlib
import re
import secrets
import shutil
import socket
import tempfile
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import uvicorn
from pydantic import SecretStr
from sqlalchemy import select

from app.demo.render import render_exchanges, render_mail, render_slack_channel
from app.demo.review import review_scenario
from app.wiring import create_app
from bot.config import Settings
from bot.crypto import generate_key
from bot.flyer import flyer_file_name, load_flyer_content, render_flyer
from bot.outbox.backlog import wait_until_idle
from bot.tenants.sync import sync_tenant_yaml
from bot.texts import policy_text
from sandbox.fake_imap import FakeImap
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from sandbox.fake_smtp import FakeSmtp, ReceivedMail
from sandbox.fake_telephony import FakeTelephony, tone_wav
from sandbox.fake_transcription import FakeTranscription
from sandbox.form_visitor import FormVisitor
from sandbox.line_events import LineComplainant
from sandbox.mail_complainant import japanese_client_mail, small_photo
from storage.db import Database
from storage.migrate import upgrade_if_empty
from storage.models import Case

TRIAGE_CHANNEL = "C0TRIAGE01"
REPORT_CHANNEL = "C0REPORTS1"  # sakura-clinic's report channel in SAMPLE_TENANT
SAMPLE_TENANT = """
tenants:
  - slug: sakura-clinic
    name: さくら総合クリニック
    language: ja
    line:
      channel_id: "2000000001"
      channel_secret: "%(secret)s"
      access_token: "%(token)s"
      basic_id: "@123abcde"
    slack: {report_channels: [C0REPORTS1]}
    contract: {start: 2026-04-01, end: 2027-03-31}
    shops: [駅前店, 本院, 南口分院]
    contact:
      phone: 0120-000-000
      phone_hours: 24時間受付（留守番電話）
      email: desk+sakura-clinic@example.jp
"""
SAMPLE_NAME = "さくら総合クリニック"
VOICEMAIL_WORDS = "夜分にすみません。本院の受付の方の言葉遣いがきつくて、母が泣いて帰ってきました。"
DESK_ADDRESS = "desk+sakura-clinic@example.jp"  # the sample client's contact e-mail (plus-addressed)
MAIL_SENDER = "ichiro.sato@example.jp"
MAIL_SUBJECT = "駅前店の待合室での対応について"
MAIL_WORDS = (
    "先週の火曜日、駅前店の待合室で、保険証を忘れたことを職員の方に大きな声で責められました。\n"
    "周りの方に聞こえて、とても恥ずかしい思いをしました。当日の受付の様子の写真を添付します。"
)
PHOTO_NAME = "受付の様子.jpg"
MAIL_WITHIN_SECONDS = 20.0  # the poller is told by IDLE at once; this only bounds a failure
# Where the demo leaves the sample client's flyer (`kasuhara flyer sakura-clinic` on its database).
FLYER_DIR = Path("var") / "demo"


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def demo_settings(*, workdir: Path, slack: FakeSlack, line: FakeLine, slack_token: str) -> Settings:
    """Settings for a sandboxed run: generated secrets, fast retries, no `.env`."""
    return Settings(
        _env_file=None,
        database_url=f"sqlite+aiosqlite:///{workdir / 'demo.db'}",
        slack_bot_token=SecretStr(slack_token),
        slack_signing_secret=SecretStr(secrets.token_hex(16)),
        slack_api_base_url=slack.api_url,
        slack_triage_channel=TRIAGE_CHANNEL,
        line_api_base_url=line.base_url,
        line_data_api_base_url=line.base_url,
        pii_encryption_keys=SecretStr(generate_key()),
        pii_hash_key=SecretStr(secrets.token_hex(32)),
        worker_poll_seconds=0.1,
        outbox_backoff_base_seconds=0.2,
        slack_reviewer_group="S0REVIEW",
    )


async def run_demo(
    *, keep: bool = False, out: Callable[[str], None] = print, flyer_dir: Path = FLYER_DIR
) -> int:
    """Run the scenario and print what complainants and reviewers saw, and write the sample client's
    flyer into `flyer_dir`; 0 when all went as expected."""
    workdir = Path(tempfile.mkdtemp(prefix="kasuhara-demo-"))
    slack_token = "xoxb-sandbox-" + secrets.token_hex(8)
    line_secret, line_token = secrets.token_hex(16), "sandbox-" + secrets.token_hex(16)
    slack, line = FakeSlack(token=slack_token), FakeLine(tokens={line_token})
    # The answering machine: a telephony provider calling in, and a speech-to-text API for its recording.
    telephony, stt = FakeTelephony(), FakeTranscription()
    # The desk's mailbox (IMAP, read by the worker) and the mail server its acknowledgements go through.
    imap, smtp = FakeImap(), FakeSmtp()
    for fake in (slack, line, telephony, stt):
        fake.start()
    server: uvicorn.Server | None = None
    serve_task: asyncio.Task[None] | None = None
    try:
        imap.start()
        smtp.start()
        settings = demo_settings(workdir=workdir, slack=slack, line=line, slack_token=slack_token)
        settings = settings.model_copy(
            update={
                "blob_dir": str(workdir / "blobs"),
                "twilio_account_sid": telephony.account_sid,
                "twilio_auth_token": SecretStr(telephony.auth_token),
                "transcription_base_url": stt.api_url,
                "mail_imap_host": imap.host,
                "mail_imap_port": imap.port,
                "mail_imap_security": "none",  # loopback
                "mail_imap_user": imap.user,
                "mail_imap_password": SecretStr(imap.password),
                "mail_smtp_host": smtp.host,
                "mail_smtp_port": smtp.port,
                "mail_smtp_security": "none",
            }
        )
        app = create_app(settings)
        services = app.state.services
        await upgrade_if_empty(services.db)
        await sync_tenant_yaml(
            services.db,
            services.cipher,
            text=SAMPLE_TENANT % {"secret": line_secret, "token": line_token},
            now=services.clock.now(),
            actor="demo",
        )
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        serve_task = asyncio.create_task(server.serve())
        while not server.started:
            await asyncio.sleep(0.02)
        url = f"http://127.0.0.1:{port}/line/webhook/sakura-clinic"
        out(f"サーバー起動: {url}（SQLite: {workdir / 'demo.db'}）\n")
        sent: dict[str, list[tuple[str, list[Any]]]] = {"U_DEMO_A": [], "U_DEMO_B": [], "U_DEMO_C": []}

        def idle() -> Awaitable[None]:
            return wait_until_idle(services.db, clock=services.clock)

        problems = await _scenario(url, line_secret, line, idle, sent)
        problems += await review_scenario(
            events_url=f"http://127.0.0.1:{port}/slack/events",
            signing_secret=settings.slack_signing_secret.get_secret_value(),
            slack=slack,
            channel=TRIAGE_CHANNEL,
            report_channel=REPORT_CHANNEL,
            number=await _case_number_of(services.db, 2),
            idle=idle,
            out=out,
        )
        problems += await _form_scenario(f"http://127.0.0.1:{port}", idle, out)
        # The provider signs the desk's public URL and reaches this server, as through a proxy.
        telephony.connect(public_base_url=settings.public_base_url, app_base_url=f"http://127.0.0.1:{port}")
        problems += await _voicemail_scenario(telephony, stt, slack, idle, out)
        problems += await _mail_scenario(imap, smtp, slack, idle, out, now=services.clock.now())
        names = {"U_DEMO_A": "申立人A", "U_DEMO_B": "申立人B", "U_DEMO_C": "申立人C"}
        for user, label in names.items():
            out(render_exchanges(label, sent[user]))
        out(render_slack_channel([p.to_dict() for p in slack.all_posts()], channel=TRIAGE_CHANNEL))
        triage_posts = [p for p in slack.messages(TRIAGE_CHANNEL) if not p.files]
        if len(triage_posts) != 6:
            problems.append(
                "expected 6 triage posts (3 by LINE, 1 by the web form, 1 by phone, 1 by e-mail), "
                f"saw {len(triage_posts)}"
            )
        flyer = await _write_flyer(services.db, settings, flyer_dir, now=services.clock.now())
        out(f"チラシ（A4、店頭掲示用）: {flyer}\n")
        for problem in problems:
            out(f"問題: {problem}")
        out("デモ完了" if not problems else "デモ失敗")
        return 0 if not problems else 1
    finally:
        if server is not None:
            server.should_exit = True
        if serve_task is not None:
            await serve_task
        for fake in (slack, line, telephony, stt):
            fake.stop()
        imap.stop()
        smtp.stop()
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)


async def _write_flyer(db: Database, settings: Settings, folder: Path, *, now: datetime) -> Path:
    """The sample client's A4 flyer, as `kasuhara flyer sakura-clinic -o FOLDER/...` writes it."""
    async with db.reader() as session:
        content = await load_flyer_content(session, slug="sakura-clinic", base_url=settings.public_base_url)
    data = render_flyer(content, layout="a4", created=now)
    path = folder / flyer_file_name(content, "a4")
    await asyncio.to_thread(folder.mkdir, parents=True, exist_ok=True)
    await asyncio.to_thread(path.write_bytes, data)
    return path.resolve()


async def _form_scenario(
    base_url: str, idle: Callable[[], Awaitable[None]], out: Callable[[str], None]
) -> list[str]:
    """D: a complainant who is not on LINE uses the web form (over HTTP, as a browser without JavaScript)."""
    visitor = FormVisitor(base_url)
    try:
        page = await visitor.open("sakura-clinic")
        receipt = await visitor.send(
            "sakura-clinic",
            {
                "what_happened": (
                    "南口分院の会計で、職員の方に大声で話しかけられ、周りの人に病名を聞かれてしまいました。"
                ),
                "wanted": "個人的なことは小さな声で話してほしいです。",
                "shop": "南口分院",
            },
            page=page,
        )
    finally:
        await visitor.aclose()
    await idle()
    number = re.search(r"<strong>(KH-\d{4}-\d{6})</strong>", receipt.text)
    out(
        f"申立人D（Webフォーム {page.url}）: 送信 → 確認画面 {receipt.status_code}、受付番号 "
        f"{number.group(1) if number else '（なし）'}\n"
    )
    if receipt.status_code != 200 or number is None:
        return [f"the web form's confirmation page answered {receipt.status_code} without a case number"]
    return []


async def _voicemail_scenario(
    telephony: FakeTelephony,
    stt: FakeTranscription,
    slack: FakeSlack,
    idle: Callable[[], Awaitable[None]],
    out: Callable[[str], None],
) -> list[str]:
    """E: a complainant calls the desk's number at night and leaves a message on the answering machine."""
    audio = tone_wav(2.0)
    stt.say(audio, VOICEMAIL_WORDS)
    placed = await telephony.place_call("sakura-clinic", "+819011112222", audio, 24)
    await idle()
    said = placed.said[0][1] if placed.said else ""
    out(f"申立人E（電話・留守番電話）: 案内「{said[:40]}…」→ 録音 24 秒 → 文字起こし「{VOICEMAIL_WORDS}」\n")
    if not any(VOICEMAIL_WORDS in str(p.get("blocks")) for p in slack.all_posts()):
        return ["the voicemail's transcript did not reach its case's thread"]
    return []


async def _mail_scenario(
    imap: FakeImap,
    smtp: FakeSmtp,
    slack: FakeSlack,
    idle: Callable[[], Awaitable[None]],
    out: Callable[[str], None],
    *,
    now: datetime,
) -> list[str]:
    """F: a complainant writes to the desk's address from a Japanese mail client, with a photo; the
    worker's poller reads it over IMAP and the acknowledgement goes back by SMTP."""
    photo = small_photo()
    message_id = "<demo-complainant-f.0001@mail.example.jp>"
    raw = japanese_client_mail(
        sender_name="佐藤 一郎",
        sender=MAIL_SENDER,
        to=DESK_ADDRESS,
        subject=MAIL_SUBJECT,
        body=MAIL_WORDS,
        photo=photo,
        photo_name=PHOTO_NAME,
        date=now,
        message_id=message_id,
    )
    await asyncio.to_thread(imap.append, raw)
    with contextlib.suppress(TimeoutError):  # reported below
        await smtp.wait_for(lambda: smtp.mails_to(MAIL_SENDER), timeout=MAIL_WITHIN_SECONDS)
    await idle()
    acks = smtp.mails_to(MAIL_SENDER)
    ack = acks[0] if len(acks) == 1 else None
    post = next((p for p in slack.messages(TRIAGE_CHANNEL) if MAIL_SUBJECT in str(p.get("blocks"))), None)
    number = re.search(r"KH-\d{4}-\d{6}", str(post.get("blocks")) if post else "")
    shared = [f for f in slack.files if post is not None and f.thread_ts == post["ts"] and f.data == photo]
    out(
        f"申立人F（メール {DESK_ADDRESS} 宛、ISO-2022-JP、写真添付）: IMAP で受信 → 受付番号 "
        f"{number.group(0) if number else '（なし）'} → スレッドに写真"
        f"「{shared[0].filename if shared else '（なし）'}」 → SMTP で自動返信{'' if ack else 'なし'}\n"
    )
    if ack is not None:
        headers = {name: ack.header(name) for name in ("In-Reply-To", "Auto-Submitted")}
        out(render_mail("申立人F", subject=ack.subject, headers=headers, body=ack.text))
    problems = []
    if post is None or number is None:
        problems.append("the mailed complaint did not reach the triage channel")
    if not shared:
        problems.append("the mail's photo was not shared in its case's thread")
    if len(acks) != 1:
        problems.append(f"expected 1 acknowledgement at the SMTP sink, saw {len(acks)}")
    problems += _ack_problems(ack, message_id=message_id, number=number.group(0) if number else None)
    return problems


def _ack_problems(ack: ReceivedMail | None, *, message_id: str, number: str | None) -> list[str]:
    """What is wrong with the acknowledgement the SMTP sink received."""
    if ack is None:
        return []
    problems = []
    if ack.header("Auto-Submitted") != "auto-replied":
        problems.append(f"the acknowledgement's Auto-Submitted is {ack.header('Auto-Submitted')!r}")
    if ack.header("In-Reply-To") != message_id:
        problems.append("the acknowledgement does not answer the complainant's Message-ID")
    lines = ack.text.splitlines()
    policy = policy_text("ja", tenant=SAMPLE_NAME).splitlines()
    if number is None or number not in ack.text or not all(line in lines for line in policy):
        problems.append("the acknowledgement lacks the case number or the desk's policy")
    return problems


async def _case_number_of(db: Database, nth: int) -> str:
    """The number of the nth case opened (1-based)."""
    async with db.reader() as session:
        numbers = list(await session.scalars(select(Case.number).order_by(Case.id)))
    return numbers[nth - 1] if len(numbers) >= nth else "KH-0000-000000"


async def _scenario(
    url: str,
    secret: str,
    line: FakeLine,
    idle: Callable[[], Awaitable[None]],
    sent: dict[str, list[tuple[str, list[Any]]]],
) -> list[str]:
    """The complainants' side: what they send and tap, in order."""
    problems: list[str] = []
    a = LineComplainant(url, secret, "U_DEMO_A", line)
    b = LineComplainant(url, secret, "U_DEMO_B", line)
    c = LineComplainant(url, secret, "U_DEMO_C", line)

    async def send(
        who: LineComplainant, event: dict[str, Any], shown: str, *, redelivery: bool = False
    ) -> None:
        before = len(line.delivered_to(who.user_id))
        response = await (who.asend(event, redelivery=True) if redelivery else who.asend(event))
        if response.status_code != 200:
            problems.append(f"webhook answered {response.status_code} for {shown}")
        await idle()
        sent[who.user_id].append((shown, line.delivered_to(who.user_id)[before:]))

    async def say(who: LineComplainant, words: str) -> None:
        await send(who, who.text(words), "（テキスト）" + words)

    async def tap(who: LineComplainant, label: str) -> None:
        last = line.delivered_to(who.user_id)[-1]["messages"][-1]
        actions = {i["action"]["label"]: i["action"] for i in (last.get("quickReply") or {}).get("items", [])}
        if label not in actions:
            problems.append(f"no button {label!r} for {who.user_id}")
            return
        await send(who, who.postback(actions[label]["data"]), f"（ボタン）{label}")

    # A: a legitimate complaint; the first message already says when and where, so only the rest is asked.
    first = a.text(
        "昨日の夜7時ごろ、駅前店の受付で1時間以上待たされました。説明もなく、受付の方の態度も冷たかったです。"
    )
    await send(a, first, "（テキスト）" + first["message"]["text"])
    await say(a, "あと、会計でも20分待ちました。")
    await tap(a, "匿名のまま")
    await say(a, "受付の眼鏡の女性")
    await say(a, "待ち時間の目安を教えてほしいです")
    await tap(a, "いいえ")
    await tap(a, "送信する")
    await say(a, "言い忘れましたが、受付の名札は田中さんでした。")
    await send(a, a.sticker("11537", "52002734"), "（スタンプ）")
    await say(a, "どうなりましたか？")
    # B: abusive; a phone number that cannot be right is asked again; then abandons the dialogue.
    await say(
        b,
        "ふざけるな！何度言えばわかるんだ。あの看護師を今すぐクビにしろ。土下座して謝れ。慰謝料100万円払え。",
    )
    await tap(b, "名前を伝える")
    await say(b, "山田")
    await say(b, "090-1234-56")
    await say(b, "キャンセル")
    # C: a threat (alerted at once in Slack).
    await say(c, "あの受付の女、帰り道で待ち伏せして刺してやる。")
    await send(a, first, "（LINEが同じイベントを再送: 処理は1回だけのはず）", redelivery=True)
    return problems
