"""Starting the service (or the bare baseline) as a real uvicorn process, and databases to run it on."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from app.demo.story import free_port
from app.wiring import build_services
from bot.config import Settings
from bot.crypto import generate_key
from bot.tenants.sync import sync_tenant_yaml
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from storage.migrate import upgrade

ROOT = Path(__file__).resolve().parents[1]
LINE_SECRET = "bench-secret-" + secrets.token_hex(8)
LINE_TOKEN = "bench-line-token"
TENANTS = f"""
tenants:
  - slug: bench
    name: ベンチマーク病院
    line: {{channel_id: "1", channel_secret: "{LINE_SECRET}", access_token: {LINE_TOKEN}}}
"""


@dataclass
class Target:
    """A running server and its webhook URL."""

    name: str
    url: str
    process: subprocess.Popen[bytes]


def postgres_admin_url() -> str | None:
    """Where PostgreSQL runs for benchmarks (BENCH_DATABASE_URL or TEST_DATABASE_URL), if anywhere."""
    return os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")


@asynccontextmanager
async def fresh_database(kind: str, workdir: Path) -> AsyncIterator[str]:
    """A new empty database URL: a SQLite file, or a throwaway PostgreSQL database."""
    if kind == "sqlite":
        yield f"sqlite+aiosqlite:///{workdir / f'bench-{uuid.uuid4().hex[:6]}.db'}"
        return
    admin_url = postgres_admin_url()
    assert admin_url, "no PostgreSQL configured"
    name = f"kasuhara_bench_{uuid.uuid4().hex[:8]}"
    admin = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    base = admin_url.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


SLACK_TOKEN = "xoxb-bench"


@dataclass
class Sandbox:
    """Where the fake Slack and LINE answer."""

    slack_api_url: str
    line_base_url: str


def in_process_sandbox(slack: FakeSlack, line: FakeLine) -> Sandbox:
    """The URLs of fakes running in this process."""
    return Sandbox(slack_api_url=slack.api_url, line_base_url=line.base_url)


@asynccontextmanager
async def sandbox_process(*, slack_latency: float) -> AsyncIterator[Sandbox]:
    """The fakes in a process of their own, at low priority: in production Slack and LINE are remote and
    take none of this machine's two cores from the service or the load generator."""
    process = subprocess.Popen(
        [
            "nice",
            "-n",
            "19",
            sys.executable,
            "-m",
            "sandbox",
            "--slack-token",
            SLACK_TOKEN,
            "--line-token",
            LINE_TOKEN,
            "--slack-latency",
            str(slack_latency),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert process.stdout is not None and process.stdin is not None
    urls = json.loads(await asyncio.to_thread(process.stdout.readline))
    try:
        yield Sandbox(slack_api_url=urls["slack_api_url"], line_base_url=urls["line_base_url"])
    finally:
        process.stdin.close()
        process.wait(timeout=20)


def bench_settings(database_url: str, sandbox: Sandbox) -> Settings:
    """Settings for a benchmark run against the sandbox."""
    return Settings(
        _env_file=None,
        database_url=database_url,
        slack_bot_token=SLACK_TOKEN,
        slack_signing_secret=secrets.token_hex(16),
        slack_api_base_url=sandbox.slack_api_url,
        slack_triage_channel="C0BENCH001",
        line_api_base_url=sandbox.line_base_url,
        line_data_api_base_url=sandbox.line_base_url,
        pii_encryption_keys=generate_key(),
        pii_hash_key=secrets.token_hex(32),
        worker_poll_seconds=0.2,
    )


async def prepare(settings: Settings) -> None:
    """Migrate and load the benchmark tenant."""
    services = build_services(settings)
    await upgrade(services.db)
    await sync_tenant_yaml(
        services.db, services.cipher, text=TENANTS, now=services.clock.now(), actor="bench"
    )
    await services.db.dispose()


def _env(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": settings.database_url,
            "SLACK_BOT_TOKEN": settings.slack_bot_token.get_secret_value(),
            "SLACK_SIGNING_SECRET": settings.slack_signing_secret.get_secret_value(),
            "SLACK_API_BASE_URL": settings.slack_api_base_url,
            "SLACK_TRIAGE_CHANNEL": settings.slack_triage_channel,
            "LINE_API_BASE_URL": settings.line_api_base_url,
            "PII_ENCRYPTION_KEYS": settings.pii_encryption_keys.get_secret_value(),
            "PII_HASH_KEY": settings.pii_hash_key.get_secret_value(),
            "WORKER_POLL_SECONDS": str(settings.worker_poll_seconds),
            "LOG_LEVEL": "WARNING",
            "BENCH_LINE_SECRET": LINE_SECRET,
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


async def _wait_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"server exited with {process.returncode}")
            try:
                await client.get(url, timeout=1)
                return
            except httpx.HTTPError:
                await asyncio.sleep(0.1)
    raise TimeoutError(url)


async def start_service(settings: Settings, role: str = "all") -> Target:
    """`kasuhara serve --role ROLE` on a free port (`all`: web plus a supervised worker process)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", "--role", role, "--port", str(port)],
        env=_env(settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    await _wait_up(f"http://127.0.0.1:{port}/healthz", process)
    return Target("service", f"http://127.0.0.1:{port}/line/webhook/bench", process)


async def start_bare(settings: Settings) -> Target:
    """The signature-only baseline on uvicorn, same server settings."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "bench.bare_app:app",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=_env(settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        start_new_session=True,
    )
    await _wait_up(f"http://127.0.0.1:{port}/", process)
    return Target("bare", f"http://127.0.0.1:{port}/line/webhook/bench", process)


def stop(target: Target) -> None:
    """Terminate a server and its worker child (its own process group), and wait for both."""
    os.killpg(target.process.pid, signal.SIGTERM)
    try:
        target.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(target.process.pid, signal.SIGKILL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            os.killpg(target.process.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.killpg(target.process.pid, signal.SIGKILL)
