"""`kasuhara audit CASE` prints what reviewers did in Slack, the read audited; `serve --socket-mode` needs
an app token."""

from __future__ import annotations

import asyncio

import pytest

from app.cli import main
from storage.db import Database
from tests.cli_env import point_cli_at
from tests.clock import TestClock
from tests.slack_desk import REVIEWER, Desk


async def test_audit_prints_who_did_what_before_and_after(
    desk: Desk, database: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    number = await desk.open_case()
    await desk.click("case_claim", number)
    settings = desk.app.services.settings
    await point_cli_at(
        database,
        monkeypatch,
        keys=settings.pii_encryption_keys.get_secret_value(),
        hash_key=settings.pii_hash_key.get_secret_value(),
    )
    year, seq = number.split("-")[1:]
    assert await asyncio.to_thread(main, ["audit", f"{year}-{int(seq)}"], clock=desk.app.clock) == 0
    out = capsys.readouterr().out
    assert f"audit trail of {number}" in out
    claimed = next(line for line in out.splitlines() if "case.claimed" in line)
    assert f"slack:{REVIEWER}" in claimed and '"status": "new"' in claimed and '"in_review"' in claimed
    # Printing the trail is itself a read of the case, audited.
    (read,) = [e for e in await desk.audit(number) if e.action == "read.audit_trail"]
    assert read.actor == "cli" and read.after == {"entries": len(out.splitlines()) - 1}
    assert await asyncio.to_thread(main, ["audit", f"{year}-999999"]) == 1
    assert await asyncio.to_thread(main, ["audit", "nonsense"]) == 2


def test_socket_mode_needs_an_app_level_token(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: object
) -> None:
    from bot.crypto import generate_key

    for name, value in {
        "DATABASE_URL": "sqlite+aiosqlite:///./socket.db",
        "SLACK_BOT_TOKEN": "xoxb-12345-real-looking",
        "SLACK_SIGNING_SECRET": "0123456789abcdef0123456789abcdef",
        "SLACK_TRIAGE_CHANNEL": "C0TRIAGE01",
        "PII_ENCRYPTION_KEYS": generate_key(),
        "PII_HASH_KEY": "f" * 64,
        "SLACK_APP_TOKEN": "xoxb-not-an-app-token",
    }.items():
        monkeypatch.setenv(name, value)
    assert main(["serve", "--socket-mode"], clock=TestClock()) == 2
    assert "SLACK_APP_TOKEN" in capsys.readouterr().err
