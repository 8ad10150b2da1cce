from bot.demo import run_demo


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
        "デモ完了",
    ):
        assert needle in transcript, needle
