"""`kasuhara line setup TENANT`: the tenant's rich menu, set up idempotently; its buttons work."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from bot.crypto import generate_key
from bot.tenants.rich_menu import default_menu_image, menu_name, rich_menu_definition
from sandbox.fake_line import FakeLine
from tests.chat import Chat
from tests.clock import TestClock
from tests.conftest import TENANTS_YAML, RunningApp


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fake_line: FakeLine) -> Path:
    for name, value in {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}",
        "PII_ENCRYPTION_KEYS": generate_key(),
        "PII_HASH_KEY": "f" * 64,
        "LINE_API_BASE_URL": fake_line.base_url,
        "LINE_DATA_API_BASE_URL": fake_line.base_url,
    }.items():
        monkeypatch.setenv(name, value)
    file = tmp_path / "tenants.yml"
    file.write_text(TENANTS_YAML, encoding="utf-8")
    assert main(["tenants", "sync", str(file)], clock=TestClock()) == 0
    return file


def test_setup_creates_the_menu_once(
    cli_env: Path, fake_line: FakeLine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["line", "setup", "sakura"], clock=TestClock()) == 0
    out = capsys.readouterr().out
    assert "created" in out and "image uploaded" in out and "set as the default" in out
    (menu,) = fake_line.rich_menus.menus()
    assert menu["name"] == menu_name("ja") and fake_line.rich_menus.default_id == menu["richMenuId"]
    labels = [area["action"]["label"] for area in menu["areas"]]
    assert labels == ["ご意見を送る", "この窓口について", "English"]
    image = fake_line.rich_menus.image(menu["richMenuId"])
    assert image is not None and image[0].startswith(b"\x89PNG") and len(image[0]) < 1_000_000

    assert main(["line", "setup", "sakura"], clock=TestClock()) == 0  # again: nothing changes
    out = capsys.readouterr().out
    assert "already there" in out and "already the default" in out and "image uploaded" not in out
    assert len(fake_line.rich_menus.menus()) == 1


def test_setup_replaces_an_older_menu_and_refuses_unknown_tenants(
    cli_env: Path, fake_line: FakeLine, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_line.rich_menus.create(
        {"size": {}, "selected": True, "name": "kasuhara-desk-v0-ja", "chatBarText": "x", "areas": []}
    )
    assert main(["line", "setup", "sakura"], clock=TestClock()) == 0
    assert "removed the older menu" in capsys.readouterr().out
    (menu,) = fake_line.rich_menus.menus()
    assert menu["name"] == menu_name("ja")
    assert main(["line", "setup", "nobody"], clock=TestClock()) == 2
    assert "no active tenant 'nobody'" in capsys.readouterr().err


def test_english_tenant_menu_offers_japanese(cli_env: Path, fake_line: FakeLine) -> None:
    assert main(["line", "setup", "maple"], clock=TestClock()) == 0
    (menu,) = fake_line.rich_menus.menus()
    assert [a["action"]["label"] for a in menu["areas"]] == ["File a complaint", "How this works", "日本語"]


def test_default_image_is_a_valid_png_of_the_right_size() -> None:
    png = default_menu_image()
    assert png[12:16] == b"IHDR" and int.from_bytes(png[16:20]) == 2500 and int.from_bytes(png[20:24]) == 843


async def test_menu_buttons_work_in_the_chat(running_app: RunningApp) -> None:
    new, how, english = (a["action"]["data"] for a in rich_menu_definition("ja")["areas"])
    chat = Chat(running_app, "sakura", "U_MENU")
    assert (
        "方針" in "".join(await chat.send(chat.line.postback(how))) or "警察" in chat.last_message()["text"]
    )
    assert "新しいご意見" in (await chat.send(chat.line.postback(new)))[-1]
    assert "English is selected" in (await chat.send(chat.line.postback(english)))[0]
    reply = await chat.say("The waiting room was cold")
    assert "Reference: KH-" in reply[0]
