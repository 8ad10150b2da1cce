"""Proof that nothing the complainant gave is kept in the clear: a whole case, from the LINE webhook to the
client report, with a known name, phone, e-mail, LINE user id and postal address, then every byte the
service stored is searched for them (every SQLite file, or every row of every PostgreSQL table; the blob
folder; the log). Slack is the desk's own copy and is not searched here."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from app.cli import main as cli_main
from bot.cases.texts import assessment_of
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from storage.db import Database
from tests.chat import Chat, only_case
from tests.cli_env import point_cli_at
from tests.slack_desk import REPORTS, Desk, open_desk, verdict_values

LINE_USER = "U4af4980629e8d7f1a3c5b2e9d0f6a7b1"
NAME, NAME_SPACED = "鷺沼綾乃", "鷺沼 綾乃"
PHONE = "090-3141-5926"
EMAIL = "ayano.saginuma@example.jp"
POSTAL, ADDRESS = "〒160-0023", "東京都新宿区西新宿2-8-1 パークタワー1203号室"
FIRST = (
    f"{NAME}と申します。昨日の夜7時ごろ、会計で1時間待たされたうえ、店員に怒鳴られました。"
    f"電話は{PHONE}、メールは{EMAIL}、住所は{POSTAL} {ADDRESS}です。謝罪と説明を求めます。"
)
OPINION = (
    f"申出人（{NAME}様、{PHONE}、{EMAIL}、{ADDRESS}）は「会計で1時間待たされた」と述べており、"
    "要求は謝罪と説明で、手段も相当です。正当なクレームと判断します。"
)
# Each value as written, its parts and the forms the service may normalise it to.
WRITTEN = {
    "name": (NAME, NAME_SPACED, "鷺沼", "綾乃"),
    "phone": (PHONE, "09031415926", "+819031415926", "9031415926", "3141-5926", "31415926"),
    "email": (EMAIL, EMAIL.upper(), "ayano.saginuma", "saginuma"),
    "line user id": (LINE_USER, LINE_USER.upper(), LINE_USER[1:]),
    "address": (ADDRESS, "西新宿2-8-1", "西新宿", "パークタワー", "1203号室", POSTAL, "160-0023", "1600023"),
}


def needles() -> Iterator[tuple[str, bytes]]:
    """(what, bytes to look for): each form in UTF-8, JSON-escaped and as PostgreSQL prints bytea (hex)."""
    for what, forms in WRITTEN.items():
        encoded = {
            e for f in forms for e in (f.encode(), json.dumps(f)[1:-1].encode(), f.encode().hex().encode())
        }
        for needle in sorted(encoded):
            yield what, needle


def hits(where: str, data: bytes) -> list[str]:
    """Every needle found in `data`, named."""
    return [f"{what} {needle[:40]!r} in {where}" for what, needle in needles() if needle in data]


async def _file_a_case(desk: Desk) -> str:
    """The complainant writes, sends a photo and a file, answers the dialogue, submits and adds a line."""
    chat = Chat(desk.app, "sakura", LINE_USER)
    await chat.say(FIRST)
    await chat.send(chat.line.image(b"\xff\xd8\xff\xe0" + f"{NAME} {PHONE}".encode() * 20, "image/jpeg"))
    await chat.send(chat.line.file(f"{NAME}_領収書.pdf", data=f"%PDF-1.4 {ADDRESS}".encode()))
    assert "お名前を入力" in (await chat.tap("名前を伝える"))[-1]
    await chat.say(NAME_SPACED)
    steps = 0
    while "送信する" not in chat.buttons() and steps < 10:  # whatever else the dialogue asks
        await (chat.tap("はい") if "はい" in chat.buttons() else chat.say("受付の男性"))
        steps += 1
    await chat.tap("送信する")
    await chat.say(f"追記です。{NAME}の携帯は{PHONE}、自宅は{ADDRESS}です。")
    # A burst: the thread gets them as one batch later (bot/intake/follow_ups.py), kept in the outbox.
    await chat.say(f"さらに。メールは{EMAIL}です。")
    await chat.say(f"{NAME_SPACED}より、以上です。")
    return (await only_case(desk.app)).number


async def _review_and_report(desk: Desk, number: str) -> None:
    """A reviewer claims the case, notes and decides it quoting the complainant, reports it, marks it
    reported to the police and lifts the legal hold."""
    await desk.click("case_claim", number)
    assert "メモを残しました" in await desk.command(f"note {number} {NAME}様から再度電話 {PHONE}")
    await desk.click("case_verdict", number)
    values = verdict_values(label="legitimate", types=(), opinion=OPINION, recommendation=f"{NAME}様へ回答")
    response = await desk.submit(desk.last_view("verdict_modal"), values)
    assert response.status_code == 200 and not response.content.strip(), response.text
    await desk.app.idle()
    assert "報告書（第1版）を依頼元へ送りました" in await desk.click("case_send_report", number)
    await desk.app.idle()
    assert [m for m in desk.fake_slack.messages(REPORTS) if number in str(m.blocks)]
    # Reported to the police, then the hold lifted with a reason that names the complainant (audited).
    assert "警察へ通報済み" in await desk.click("case_mark_police", number)
    lifted = await desk.command(f"lift-hold {number} {NAME}様（{PHONE}）の件は捜査終了と連絡あり")
    assert number in lifted and "保存" in lifted, lifted


async def _export_on_request(
    desk: Desk, database: Database, monkeypatch: pytest.MonkeyPatch, number: str, out: Path
) -> None:
    """The complainant asks what is held about them: `kasuhara privacy export` (audited), written outside
    the searched folder (the export is theirs, in clear)."""
    settings = desk.app.services.settings
    keys, hash_key = settings.pii_encryption_keys, settings.pii_hash_key
    await point_cli_at(
        database, monkeypatch, keys=keys.get_secret_value(), hash_key=hash_key.get_secret_value()
    )
    argv = ["privacy", "export", number, "--complainant", "--by", "admin", "--out", str(out)]
    assert await asyncio.to_thread(cli_main, argv, clock=desk.app.clock) == 0
    exported = b"".join(p.read_bytes() for p in _files(out) if p.suffix == ".json")
    assert hits("the export", exported), "the export holds what the complainant gave"


async def _postgres_dump(db: Database) -> bytes:
    """Every row of every table of the test's schema, as COPY prints it (what pg_dump would write)."""
    out = io.BytesIO()

    async def write(chunk: bytes) -> None:
        out.write(chunk)

    async with db.engine.connect() as conn:
        schema = (await conn.execute(text("SELECT current_schema()"))).scalar_one()
        tables = (
            await conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = :s"), {"s": schema})
        ).scalars()
        driver = (await conn.get_raw_connection()).driver_connection
        assert driver is not None
        for table in sorted(tables):
            out.write(f"-- {table}\n".encode())
            await driver.copy_from_table(table, schema_name=schema, output=write)
    return out.getvalue()


def _files(folder: Path) -> Iterator[Path]:
    return (p for p in sorted(folder.rglob("*")) if p.is_file())


async def test_no_personal_data_is_stored_or_logged_in_the_clear(
    database: Database,
    fake_slack: FakeSlack,
    fake_line: FakeLine,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Every library at the level the service logs at (INFO: slack_sdk's DEBUG lines echo what it sends to
    # Slack), the service's own modules at every level.
    caplog.set_level(logging.INFO)
    for package in ("bot", "handlers", "storage"):
        caplog.set_level(logging.DEBUG, logger=package)
    blobs = tmp_path / "blobs"
    async with open_desk(database, fake_slack, fake_line, blob_dir=str(blobs)) as desk:
        number = await _file_a_case(desk)
        await _review_and_report(desk, number)
        await _export_on_request(desk, database, monkeypatch, number, tmp_path_factory.mktemp("export"))
        case = await desk.case(number)
        assert case.suggested_label and case.intake_complete
        # The suggestion shown to reviewers quotes the complainant's words, never their personal data.
        words = json.dumps(assessment_of(desk.app.services.cipher, case), ensure_ascii=False)
        assert "待たされ" in words and not hits("the assessment", words.encode()), words
        assert any(f.filename.endswith("_領収書.pdf") for f in fake_slack.files)  # the evidence arrived
        # Slack, the desk's copy, gets the complainant's words but never their LINE id.
        sent_to_slack = str([r.args for r in fake_slack.requests]) + str([f.data for f in fake_slack.files])
        assert NAME in sent_to_slack and LINE_USER not in sent_to_slack
        assert list(_files(blobs)), "no evidence was kept"
        stored: dict[str, bytes] = {}
        if database.dialect == "postgresql":
            stored["the PostgreSQL schema"] = await _postgres_dump(database)
        # On SQLite every file of the test's folder: the main and inbox databases, their WAL and shared
        # memory files, and the blob folder.
        for file in _files(tmp_path):
            stored[str(file.relative_to(tmp_path))] = file.read_bytes()
    # What is searched does hold the case's rows (its number is stored in clear).
    assert number.encode() in b"".join(stored.values())
    assert any(name.startswith("test.") for name in stored) or database.dialect == "postgresql"
    log = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records).encode()
    found = [hit for where, data in stored.items() for hit in hits(where, data)] + hits("the log", log)
    assert found == [], "\n".join(found)
