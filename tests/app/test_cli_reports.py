"""`kasuhara sla due` and `kasuhara report case`: answers, and clear errors for bad input."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import main
from bot.cases.items import ReportItems
from bot.config import Settings
from bot.crypto import PiiCipher, generate_key
from bot.sla_calendar import report_due
from storage.db import Database, open_database
from storage.models import AuditEntry, Case, ClientReport, OutboxEffect
from tests.case_rows import add_case, add_verdict
from tests.clock import TEST_NOW, TestClock

THREE_DAYS = Settings(_env_file=None, sla_business_days=3)

TENANTS = """tenants:
  - slug: sakura
    name: さくら総合クリニック
    slack: {report_channels: [C0REPORTS1]}
    extra_closed_days: [2026-08-13, 2026-08-14]
  - slug: maple
    name: Maple Hotel
    language: en
"""


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    values = {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}",
        "SLACK_TRIAGE_CHANNEL": "C0TRIAGE01",
        "PII_ENCRYPTION_KEYS": generate_key(),
        "PII_HASH_KEY": "f" * 64,
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    file = tmp_path / "tenants.yml"
    file.write_text(TENANTS, encoding="utf-8")
    assert main(["tenants", "sync", str(file)], clock=TestClock()) == 0
    return values


@pytest.mark.parametrize(
    ("intake", "due"),
    [
        ("2025-12-26", "2026-01-07"),
        ("2025-12-24", "2026-01-05"),
        ("2026-04-30", "2026-05-08"),
        ("2026-09-18", "2026-09-28"),
    ],
)
def test_sla_due_prints_domain_examples(
    env: dict[str, str], capsys: pytest.CaptureFixture[str], intake: str, due: str
) -> None:
    assert main(["sla", "due", intake], clock=TestClock()) == 0
    assert capsys.readouterr().out.strip() == due


def test_sla_due_with_tenant_closed_days_and_intake_day_setting(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["sla", "due", "2026-08-12"], clock=TestClock()) == 0
    assert main(["sla", "due", "2026-08-12", "--tenant", "sakura"], clock=TestClock()) == 0
    assert capsys.readouterr().out.split() == ["2026-08-17", "2026-08-19"]
    monkeypatch.setenv("SLA_COUNT_INTAKE_DAY", "true")
    assert main(["sla", "due", "2026-09-14"], clock=TestClock()) == 0
    assert capsys.readouterr().out.strip() == "2026-09-16"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["sla", "due", "2026-02-30"], "'2026-02-30' is not a date (expected YYYY-MM-DD)"),
        (["sla", "due", "tomorrow"], "is not a date"),
        (["sla", "due", "2026-09-18", "--tenant", "nobody"], "no tenant with slug 'nobody'"),
        (["report", "case", "KH-2026-999999", "--by", "cli"], "no case numbered 'KH-2026-999999'"),
    ],
)
def test_bad_input_gets_a_clear_error(
    env: dict[str, str], capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    capsys.readouterr()
    assert main(argv, clock=TestClock()) == 2
    assert message in capsys.readouterr().err


def test_report_case_queues_the_report(env: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    cipher = PiiCipher(keys=env["PII_ENCRYPTION_KEYS"], hash_key=env["PII_HASH_KEY"])

    async def setup() -> tuple[str, str]:
        db = open_database(env["DATABASE_URL"])
        received = TEST_NOW - timedelta(days=3)
        items = ReportItems(what_happened="会計で待たされた")
        sakura = await add_case(
            db,
            cipher,
            slug="sakura",
            received_at=received,
            sla_due=report_due(None, THREE_DAYS, received),
            items=items,
        )
        maple = await add_case(
            db,
            cipher,
            slug="maple",
            received_at=received,
            sla_due=report_due(None, THREE_DAYS, received),
            items=items,
        )
        for case in (sakura, maple):
            await add_verdict(db, cipher, case.id)
        await db.dispose()
        return sakura.number, maple.number

    sakura_number, maple_number = asyncio.run(setup())
    capsys.readouterr()
    assert main(["report", "case", sakura_number, "--by", "U_REVIEWER"], clock=TestClock()) == 0
    assert f"report {sakura_number} version 1 queued for C0REPORTS1" in capsys.readouterr().out
    assert main(["report", "case", maple_number, "--by", "U_REVIEWER"], clock=TestClock()) == 2
    assert "no report channel" in capsys.readouterr().err
    # The same rules as in Slack: v1 once; a correction only reports a newer verdict.
    assert main(["report", "case", sakura_number, "--by", "U_REVIEWER"], clock=TestClock()) == 2
    assert "already sent" in capsys.readouterr().err
    assert main(["report", "case", sakura_number, "--by", "U_REVIEWER", "--correct"], clock=TestClock()) == 2
    assert "already reports the latest verdict" in capsys.readouterr().err

    async def check() -> tuple[list[int], list[str]]:
        db = open_database(env["DATABASE_URL"])
        async with db.reader() as session:
            versions = [r.version for r in await session.scalars(select(ClientReport))]
            kinds = [e.kind for e in await session.scalars(select(OutboxEffect).order_by(OutboxEffect.id))]
        await db.dispose()
        return versions, kinds

    versions, kinds = asyncio.run(check())
    assert versions == [1]
    actors = asyncio.run(_audit_actors(env, "case.report_sent"))
    assert actors == ["cli:U_REVIEWER"]
    assert kinds == ["desk.post", "desk.upload", "desk.post"]  # report, PDF, and the admin alert for maple


async def _audit_actors(env: dict[str, str], action: str) -> list[str]:
    db = open_database(env["DATABASE_URL"])
    async with db.reader() as session:
        rows = await session.scalars(select(AuditEntry).where(AuditEntry.action == action))
        actors = [e.actor for e in rows]
    await db.dispose()
    return actors


def _sakura_case(
    env: dict[str, str], prepare: Callable[[Database, Case], Awaitable[None]] | None = None
) -> str:
    """A sakura case received three days ago, then `prepare`d; returns its number."""
    cipher = PiiCipher(keys=env["PII_ENCRYPTION_KEYS"], hash_key=env["PII_HASH_KEY"])

    async def setup() -> str:
        db = open_database(env["DATABASE_URL"])
        received = TEST_NOW - timedelta(days=3)
        case = await add_case(
            db, cipher, slug="sakura", received_at=received, sla_due=report_due(None, THREE_DAYS, received)
        )
        if prepare is not None:
            await prepare(db, case)
        await db.dispose()
        return case.number

    return asyncio.run(setup())


def test_report_case_needs_a_verdict(env: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    number = _sakura_case(env)
    capsys.readouterr()
    assert main(["report", "case", number, "--by", "admin"], clock=TestClock()) == 2
    assert "has no verdict yet" in capsys.readouterr().err
    assert asyncio.run(_audit_actors(env, "case.report_sent")) == []


def test_report_case_of_a_closed_case_is_refused(
    env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    cipher = PiiCipher(keys=env["PII_ENCRYPTION_KEYS"], hash_key=env["PII_HASH_KEY"])

    async def decided_then_closed(db: Database, case: Case) -> None:
        await add_verdict(db, cipher, case.id)
        async with db.transaction() as session:
            closed = await session.get(Case, case.id)
            assert closed is not None
            closed.status, closed.closed_at, closed.close_reason = "closed", TEST_NOW, "duplicate"

    number = _sakura_case(env, decided_then_closed)
    capsys.readouterr()
    assert main(["report", "case", number, "--by", "admin"], clock=TestClock()) == 2
    assert f"Case {number} is closed" in capsys.readouterr().err
    assert asyncio.run(_audit_actors(env, "case.report_sent")) == []


def test_report_monthly_prints_and_writes_csv(
    env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cipher = PiiCipher(keys=env["PII_ENCRYPTION_KEYS"], hash_key=env["PII_HASH_KEY"])

    async def setup() -> None:
        db = open_database(env["DATABASE_URL"])
        items = ReportItems(what_happened="会計で待たされた")
        for day in (1, 15, 30):
            await add_case(
                db,
                cipher,
                slug="sakura",
                received_at=datetime(2026, 10, day, 3, tzinfo=UTC),
                sla_due=date(2026, 11, 5),
                items=items,
            )
        await db.dispose()

    asyncio.run(setup())
    capsys.readouterr()
    assert main(["report", "monthly", "--tenant", "sakura", "--month", "2026-10"], clock=TestClock()) == 0
    out = capsys.readouterr().out
    assert "2026-10 月次集計（さくら総合クリニック）" in out and "受付件数: 3" in out and "未判断: 3" in out
    assert main(["report", "monthly", "--tenant", "maple", "--month", "2026-10"], clock=TestClock()) == 0
    assert "No cases were received in 2026-10." in capsys.readouterr().out
    target = tmp_path / "oct.csv"
    assert (
        main(
            ["report", "monthly", "--tenant", "sakura", "--month", "2026-10", "--csv", str(target)],
            clock=TestClock(),
        )
        == 0
    )
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "month,section,item,count"
    assert "2026-10,受付件数,,3" in lines and "2026-10,受付経路別,LINE,3" in lines


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "monthly", "--tenant", "sakura", "--month", "2026-13"], "'2026-13' is not a month"),
        (
            ["report", "monthly", "--tenant", "sakura", "--month", "October"],
            "is not a month (expected YYYY-MM)",
        ),
        (["report", "monthly", "--tenant", "nobody", "--month", "2026-10"], "no tenant with slug 'nobody'"),
        (
            [
                "report",
                "monthly",
                "--tenant",
                "sakura",
                "--month",
                "2026-10",
                "--csv",
                "/nonexistent/dir/x.csv",
            ],
            "cannot write /nonexistent/dir/x.csv",
        ),
    ],
)
def test_report_monthly_bad_input(
    env: dict[str, str], capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    capsys.readouterr()
    assert main(argv, clock=TestClock()) == 2
    assert message in capsys.readouterr().err
