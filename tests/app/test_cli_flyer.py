"""`kasuhara flyer SLUG`: writes the PDF and prints its path; a clear error and exit 2 (nothing written) for
an unknown, inactive or shared-account tenant. Through the CLI, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import io
from datetime import timedelta
from pathlib import Path

import pypdf
import pytest

from app.cli import main
from bot.crypto import generate_key
from storage.db import Database
from tests.cli_env import point_cli_at
from tests.clock import TEST_NOW, TestClock

TENANTS = """tenants:
  - slug: sakura
    name: さくら総合クリニック
    line: {channel_id: "1", channel_secret: sakura-secret, access_token: tok-1, basic_id: "@123abcde"}
    contact: {phone: 0120-000-000, phone_hours: 24時間受付（留守番電話）, email: desk+sakura@example.jp}
  - slug: desk-shared
    name: カスハラ対応窓口（共通）
    shared_account: true
    line: {channel_id: "9", channel_secret: shared-secret, access_token: tok-9, basic_id: "@deskshared"}
  - slug: hinode-city
    name: 日の出市役所
    shared_line_account: desk-shared
    code: HINODE1
    web_form: {enabled: false}
"""
HASH_KEY = "d" * 64
PII_KEYS = generate_key()


async def cli(argv: list[str]) -> int:
    return await asyncio.to_thread(main, argv, clock=TestClock())


@pytest.fixture
async def synced(database: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The CLI on the test's database with the tenants synced through it; the tenants file."""
    await point_cli_at(database, monkeypatch, keys=PII_KEYS, hash_key=HASH_KEY)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://desk.example.jp")
    file = tmp_path / "tenants.yml"
    file.write_text(TENANTS, encoding="utf-8")
    assert await cli(["tenants", "sync", str(file)]) == 0
    return file


def text_of(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages)


async def test_writes_the_a4_flyer_here_and_prints_its_path(
    synced: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert await cli(["flyer", "sakura"]) == 0  # the tests run in tmp_path
    assert capsys.readouterr().out.strip() == "flyer-sakura.pdf"
    written = tmp_path / "flyer-sakura.pdf"
    text = text_of(written)
    assert "さくら総合クリニック" in text and "ご意見・苦情の受付窓口" in text
    assert "LINE ID: @123abcde" in text and "https://desk.example.jp/form/sakura" in text
    assert "0120-000-000" in text and "desk+sakura@example.jp" in text
    reader = pypdf.PdfReader(io.BytesIO(written.read_bytes()))
    assert len(reader.pages) == 1
    assert reader.metadata is not None and reader.metadata.creation_date is not None
    assert (
        timedelta(0) <= reader.metadata.creation_date - TEST_NOW.replace(microsecond=0) < timedelta(minutes=1)
    )


async def test_english_cards_to_a_named_file(
    synced: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert await cli(["flyer", "sakura", "--lang", "en", "--layout", "card"]) == 0
    assert capsys.readouterr().out.strip() == "flyer-sakura-card-en.pdf"
    text = text_of(tmp_path / "flyer-sakura-card-en.pdf")
    assert text.count("Hand-off code") == 10 and "受付コード" not in text
    target = tmp_path / "out" / "hinode.pdf"
    target.parent.mkdir()
    assert await cli(["flyer", "hinode-city", "-o", str(target)]) == 0
    assert capsys.readouterr().out.strip() == str(target)
    text = text_of(target)
    assert "日の出市役所" in text and "窓口コード: HINODE1" in text and "ウェブフォーム" not in text


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("nobody", "no tenant with slug 'nobody'"),
        ("desk-shared", "'desk-shared' is a shared LINE account"),
        ("gone", "tenant 'gone' is not active"),
    ],
)
async def test_no_flyer_for_unknown_inactive_or_shared_account(
    synced: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], slug: str, message: str
) -> None:
    synced.write_text(TENANTS + "  - slug: gone\n    name: 閉店\n", encoding="utf-8")
    assert await cli(["tenants", "sync", str(synced)]) == 0
    synced.write_text(TENANTS, encoding="utf-8")
    assert await cli(["tenants", "sync", str(synced)]) == 0  # `gone` deactivated
    before = sorted(tmp_path.iterdir())
    capsys.readouterr()
    assert await cli(["flyer", slug, "--layout", "card"]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""
    assert sorted(tmp_path.iterdir()) == before  # nothing written


async def test_an_unwritable_file_is_a_clear_error(
    synced: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert await cli(["flyer", "sakura", "-o", str(tmp_path / "missing" / "f.pdf")]) == 2
    assert "cannot write" in capsys.readouterr().err
