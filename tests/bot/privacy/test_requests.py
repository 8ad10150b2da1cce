"""A complainant's disclosure and deletion requests: `kasuhara privacy export|erase`, and the domain."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.cli import main
from bot.privacy.requests import PrivacyError, cases_in_scope, erase, subject_data
from bot.privacy.retention import Purger
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from storage.db import Database
from storage.models import AuditEntry, Case
from tests.chat import Chat, file_and_submit, only_case
from tests.conftest import RunningApp, launch_app

WORDS = "山田花子です。090-1234-5678 にご連絡ください。受付で怒鳴られました"


async def _filed(app: RunningApp, user_id: str) -> Case:
    chat = Chat(app, "sakura", user_id)
    await file_and_submit(chat, WORDS)
    await chat.say("名札は田中でした")
    return await only_case(app)


async def _hold(app: RunningApp, case: Case, *, lifted: bool) -> None:
    flags = {**case.flags, "police_reported": True}
    if lifted:
        flags["legal_hold_lifted_at"] = app.clock.now().isoformat()
    async with app.services.db.transaction() as session:
        await session.execute(update(Case).where(Case.id == case.id).values(flags=flags))


async def test_export_then_erase_from_the_command_line(
    database: Database,
    fake_slack: FakeSlack,
    fake_line: FakeLine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if database.dialect != "sqlite":
        pytest.skip("the command line is shown on the SQLite database; the domain test runs on both")
    async with launch_app(database, fake_slack, fake_line, blob_dir=str(tmp_path / "blobs")) as app:
        settings = app.services.settings
        monkeypatch.setenv("DATABASE_URL", str(database.engine.url))
        monkeypatch.setenv("PII_ENCRYPTION_KEYS", settings.pii_encryption_keys.get_secret_value())
        monkeypatch.setenv("PII_HASH_KEY", settings.pii_hash_key.get_secret_value())
        monkeypatch.setenv("BLOB_DIR", str(tmp_path / "blobs"))
        case = await _filed(app, "U_RIGHTS")

        def run(*argv: str) -> int:
            return main(list(argv), clock=app.clock)

        out = tmp_path / "export"
        assert (
            await asyncio.to_thread(
                run, "privacy", "export", case.number, "--complainant", "--by", "desk", "--out", str(out)
            )
            == 0
        )
        exported = json.loads((out / f"privacy-{case.number}.json").read_text(encoding="utf-8"))
        assert exported["complainant"]["line_user_id"] == "U_RIGHTS"
        texts = [m["text"] for m in exported["cases"][0]["messages"]]
        assert WORDS in texts and "名札は田中でした" in texts
        assert exported["cases"][0]["report_items"]["what_happened"]
        assert "case.opened" in [e["action"] for e in exported["cases"][0]["audit_trail"]]
        assert (out / f"privacy-{case.number}.pdf").read_bytes().startswith(b"%PDF")

        await _hold(app, case, lifted=False)
        assert await asyncio.to_thread(run, "privacy", "erase", case.number, "--by", "desk") == 1
        assert "legal hold" in capsys.readouterr().err
        assert await asyncio.to_thread(run, "privacy", "erase", "KH-2026-999999", "--by", "desk") == 1
        assert "no case KH-2026-999999" in capsys.readouterr().err

        await _hold(app, await only_case(app), lifted=True)
        assert (
            await asyncio.to_thread(run, "privacy", "erase", case.number, "--complainant", "--by", "desk")
            == 0
        )
        assert "cases 1" in capsys.readouterr().out
        assert (
            await asyncio.to_thread(run, "privacy", "export", case.number, "--by", "desk", "--out", str(out))
            == 0
        )
        again = json.loads((out / f"privacy-{case.number}.json").read_text(encoding="utf-8"))
        assert again["complainant"]["line_user_id"] is None
        assert {m["text"] for m in again["cases"][0]["messages"]} == {None}
        async with database.reader() as session:
            entries = list(await session.scalars(select(AuditEntry).where(AuditEntry.actor == "cli:desk")))
        assert [e.action for e in entries] == [
            "privacy.exported",
            "case.personal_data_purged",
            "privacy.exported",
        ]


async def test_erasure_is_refused_whole_while_one_case_is_on_hold(running_app: RunningApp) -> None:
    app = running_app
    case = await _filed(app, "U_TWO_CASES")
    await _hold(app, case, lifted=False)
    purger = Purger(cipher=app.services.cipher, settings=app.services.settings, blobs=app.services.blobs)
    with pytest.raises(PrivacyError, match="legal hold"):
        async with app.services.db.transaction() as session:
            cases = await cases_in_scope(session, number=case.number, whole_complainant=True)
            await erase(session, purger, cases, now=app.clock.now(), actor="cli:desk")
    async with app.services.db.reader() as session:
        cases = await cases_in_scope(session, number=case.number, whole_complainant=True)
        data = await subject_data(session, app.services.cipher, cases)
    assert WORDS in [m["text"] for m in data["cases"][0]["messages"]]  # nothing was erased
