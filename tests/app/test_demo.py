from pathlib import Path

import pypdfium2
import zxingcpp

from app.demo.story import run_demo


async def test_demo_runs_and_tells_the_story(tmp_path: Path) -> None:
    lines: list[str] = []
    assert await run_demo(out=lines.append, flyer_dir=tmp_path / "flyers") == 0
    transcript = "\n".join(lines)
    for needle in (
        "申立人A",
        "申立人B",
        "受付番号",
        "トリアージ",
        "新しい案件 KH-",
        "追加のメッセージ",
        "スタンプ",
        "審査担当者",
        "を担当しました",
        "判定（第1版",
        "判定済み",
        "申立人D（Webフォーム",
        "確認画面 200、受付番号 KH-",
        "Web",
        "申立人E（電話・留守番電話）",
        "電話（留守番電話）",
        "文字起こし（自動）",
        # F: the mail read over IMAP opens a case, its photo goes to the thread, the ack comes by SMTP
        "申立人F（メール desk+sakura-clinic@example.jp 宛、ISO-2022-JP、写真添付）",
        ": IMAP で受信 → 受付番号 KH-",
        "-受付の様子.jpg」 → SMTP で自動返信\n",  # the photo as shared in Slack, its name decoded
        "> 駅前店の待合室での対応について",
        "=== メール: 申立人F の受信箱 ===",
        "件名: Re: 駅前店の待合室での対応について",
        "In-Reply-To: <demo-complainant-f.0001@mail.example.jp>",
        "Auto-Submitted: auto-replied",
        "ご意見のメールをお預かりしました",
        "デモ完了",
    ):
        assert needle in transcript, needle
    flyer = tmp_path / "flyers" / "flyer-sakura-clinic.pdf"
    assert f"チラシ（A4、店頭掲示用）: {flyer.resolve()}" in transcript
    page = pypdfium2.PdfDocument(flyer.read_bytes())[0].render(scale=150 / 72).to_pil()
    assert sorted(b.text for b in zxingcpp.read_barcodes(page)) == [
        "http://127.0.0.1:8000/form/sakura-clinic",
        "https://line.me/R/ti/p/%40123abcde",
    ]
