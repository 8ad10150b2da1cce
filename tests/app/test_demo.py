from app.demo.story import run_demo


async def test_demo_runs_and_tells_the_story() -> None:
    lines: list[str] = []
    assert await run_demo(out=lines.append) == 0
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
        "デモ完了",
    ):
        assert needle in transcript, needle
