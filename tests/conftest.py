"""Shared fixtures: clean environment, SQLite and PostgreSQL databases, the sandbox, the running app."""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from pydantic import SecretStr
from sqlalchemy import text

from app.demo.story import free_port
from app.wiring import create_app
from bot.config import Settings
from bot.crypto import PiiCipher, generate_key
from bot.outbox.backlog import wait_until_idle
from bot.tenants.sync import sync_tenant_yaml
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from sandbox.fake_smtp import FakeSmtp
from sandbox.fake_telephony import FakeTelephony
from sandbox.line_events import LineComplainant
from storage.db import Database, create_engine, open_database
from storage.migrate import upgrade
from tests.clock import TestClock

SECRET_PREFIXES = ("SLACK_", "LINE_", "OPENAI_", "TRANSCRIPTION_", "PII_", "DATABASE_URL", "TENANTS_FILE")
# The audit chain key of the `database` fixture (an app started on it chains under its settings' key).
TEST_AUDIT_KEY = b"test audit chain key".ljust(32, b".")
# What seals the `database` fixture's sealed columns (an app started on it seals with its settings' key).
TEST_SEALER = PiiCipher(keys=generate_key(), hash_key="test hash key")
TRIAGE = "C0TRIAGE01"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees real credentials or a developer's .env."""
    for name in list(os.environ):
        if name.startswith(SECRET_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def _postgres_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL") or None


# Migrating takes about half a second; each test starts instead from a database the real migrations
# built once per session (a copy of the SQLite files; PostgreSQL tables emptied).
@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding a migrated, empty SQLite database (main and inbox files)."""
    folder = tmp_path_factory.mktemp("template")

    async def build() -> None:
        db = open_database(f"sqlite+aiosqlite:///{folder / 'test.db'}")
        await upgrade(db)
        await db.dispose()

    asyncio.run(build())
    return folder


@pytest.fixture(scope="session")
def postgres_schema() -> Iterator[str | None]:
    """A migrated schema of its own on the test server (None when no server is configured or answers)."""
    url = _postgres_url()
    if not url:
        yield None
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"

    async def build() -> bool:
        admin = create_engine(url)
        try:
            async with admin.begin() as conn:
                await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        except OSError:
            return False
        finally:
            await admin.dispose()
        db = open_database(url, search_path=schema)
        await upgrade(db)
        await db.dispose()
        return True

    async def drop() -> None:
        admin = create_engine(url)
        async with admin.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()

    if not asyncio.run(build()):
        yield None
        return
    yield schema
    asyncio.run(drop())


async def _empty_tables(db: Database) -> None:
    async with db.engine.begin() as conn:
        names = [
            row[0]
            for row in await conn.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            )
            if row[0] != "alembic_version"
        ]
        quoted = ", ".join(f'"{name}"' for name in names)
        await conn.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", "postgresql"])
async def database(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path, postgres_schema: str | None
) -> AsyncIterator[Database]:
    """A migrated, empty database: SQLite in a temp dir, and PostgreSQL (own schema) when configured."""
    if request.param == "sqlite":
        for template in sqlite_template.iterdir():
            shutil.copyfile(template, tmp_path / template.name)
        db = open_database(
            f"sqlite+aiosqlite:///{tmp_path / 'test.db'}", audit_key=TEST_AUDIT_KEY, sealer=TEST_SEALER
        )
        yield db
        await db.dispose()
        return
    url = _postgres_url()
    if not url:
        pytest.skip("TEST_DATABASE_URL not set (PostgreSQL runs are skipped)")
    if postgres_schema is None:
        pytest.skip("no PostgreSQL server answers at TEST_DATABASE_URL")
    db = open_database(url, search_path=postgres_schema, audit_key=TEST_AUDIT_KEY, sealer=TEST_SEALER)
    await _empty_tables(db)
    try:
        yield db
    finally:
        await db.dispose()


@pytest.fixture
def artefacts(request: pytest.FixtureRequest) -> Path:
    """Where a test leaves what a person may want to look at afterwards (screenshots, rendered pages):
    `var/test-artefacts/<test module>/` (TEST_ARTEFACTS_DIR overrides the root), kept after the run."""
    root = Path(os.environ.get("TEST_ARTEFACTS_DIR") or Path(__file__).parents[1] / "var" / "test-artefacts")
    folder = root / request.node.path.stem
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def clock() -> TestClock:
    """The test's clock, starting at TEST_NOW."""
    return TestClock()


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    """The fake Slack Web API."""
    fake = FakeSlack(token="xoxb-test-" + secrets.token_hex(6))
    fake.start()
    yield fake
    fake.stop()


@pytest.fixture
def fake_smtp() -> Iterator[FakeSmtp]:
    """The SMTP sink on loopback (the desk's mail goes there)."""
    with FakeSmtp() as fake:
        yield fake


@pytest.fixture
def fake_line() -> Iterator[FakeLine]:
    """The fake LINE Messaging API."""
    fake = FakeLine(tokens={"line-token-sakura", "line-token-maple"})
    fake.start()
    yield fake
    fake.stop()


@pytest.fixture
def fake_telephony() -> Iterator[FakeTelephony]:
    """The fake telephony provider (its calls reach an app once `connect`ed)."""
    fake = FakeTelephony()
    fake.start()
    yield fake
    fake.stop()


def make_settings(
    database_url: str, fake_slack: FakeSlack, fake_line: FakeLine, **overrides: Any
) -> Settings:
    """Settings pointing at the sandbox, with fast retries."""
    values: dict[str, Any] = {
        "database_url": database_url,
        "slack_bot_token": SecretStr(fake_slack.token),
        "slack_signing_secret": SecretStr(secrets.token_hex(16)),
        "slack_api_base_url": fake_slack.api_url,
        "slack_triage_channel": TRIAGE,
        "line_api_base_url": fake_line.base_url,
        "line_data_api_base_url": fake_line.base_url,
        "pii_encryption_keys": SecretStr(generate_key()),
        "pii_hash_key": SecretStr(secrets.token_hex(32)),
        "worker_poll_seconds": 0.2,
        "outbox_backoff_base_seconds": 0.05,
        "outbox_backoff_max_seconds": 0.5,
        "http_timeout_seconds": 2.0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


TENANTS_YAML = """
tenants:
  - slug: sakura
    name: さくら総合クリニック
    language: ja
    line:
      channel_id: "2000000001"
      channel_secret: sakura-secret-0123456789abcdef
      access_token: line-token-sakura
    slack: {report_channels: [C0REPORTS1]}
    contract: {start: 2026-04-01, end: 2027-03-31}
  - slug: maple
    name: Maple Hotel
    language: en
    line:
      channel_id: "2000000002"
      channel_secret: maple-secret-0123456789abcdef
      access_token: line-token-maple
"""
SECRETS = {"sakura": "sakura-secret-0123456789abcdef", "maple": "maple-secret-0123456789abcdef"}


@dataclass
class RunningApp:
    """The real app served by uvicorn on loopback."""

    base_url: str
    app: Any
    fake_slack: FakeSlack
    fake_line: FakeLine
    clock: Any

    @property
    def services(self) -> Any:
        return self.app.state.services

    def webhook_url(self, slug: str) -> str:
        return f"{self.base_url}/line/webhook/{slug}"

    def complainant(self, slug: str, user_id: str) -> LineComplainant:
        return LineComplainant(
            self.webhook_url(slug), SECRETS[slug], user_id, self.fake_line, clock=self.clock
        )

    async def idle(self, within: float = 15.0) -> None:
        """Wait until every stored event is processed and every effect finished."""
        await wait_until_idle(self.services.db, clock=self.clock, within=within)


async def start_app(
    settings: Settings, database: Database | None, *, clock: Any = None, **kwargs: Any
) -> tuple[uvicorn.Server, Any, str]:
    """Serve create_app(settings) on a free port, on the test clock; returns (server, app, base_url)."""
    app = create_app(settings, db=database, clock=clock or TestClock(), **kwargs)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    server_task[server] = task
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    return server, app, f"http://127.0.0.1:{port}"


server_task: dict[uvicorn.Server, asyncio.Task[None]] = {}


async def stop_app(server: uvicorn.Server) -> None:
    """Shut the server down gracefully."""
    server.should_exit = True
    await server_task.pop(server)


@asynccontextmanager
async def launch_app(
    database: Database,
    fake_slack: FakeSlack,
    fake_line: FakeLine,
    *,
    clock: TestClock | None = None,
    role: str = "all",
    **overrides: Any,
) -> AsyncIterator[RunningApp]:
    """The app with both tenants loaded, on a real port, against the sandbox (settings overridable;
    role `web` runs no worker, dispatcher or scheduler)."""
    clock = clock or TestClock()
    settings = make_settings("sqlite+aiosqlite:///unused.db", fake_slack, fake_line, **overrides)
    server, app, base_url = await start_app(settings, database, clock=clock, role=role)
    services = app.state.services
    await sync_tenant_yaml(database, services.cipher, text=TENANTS_YAML, now=clock.now(), actor="test")
    try:
        yield RunningApp(base_url=base_url, app=app, fake_slack=fake_slack, fake_line=fake_line, clock=clock)
    finally:
        await stop_app(server)


@pytest.fixture
async def running_app(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, clock: TestClock
) -> AsyncIterator[RunningApp]:
    """The app with both tenants loaded, on a real port, against the sandbox, on the test's clock."""
    async with launch_app(database, fake_slack, fake_line, clock=clock) as app:
        yield app
