"""The process killed in the middle of a burst: after a restart every acknowledged event is handled once."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx
from sqlalchemy import func, select

from app.demo.story import free_port
from app.wiring import build_services
from bot.tenants.sync import sync_tenant_yaml
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from sandbox.line_events import LineComplainant
from storage.migrate import upgrade
from storage.models import Case, InboxEvent, OutboxEffect
from tests.conftest import SECRETS, TENANTS_YAML, make_settings

PROJECT_ROOT = str(Path(__file__).resolve().parents[2])


def _serve(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:  # the child writes to its own copy of the file
        return subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # the web process and its worker child form one group to kill
        )


def _wait_healthy(port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise TimeoutError("server did not come up")


async def test_kill_mid_burst_then_restart(
    tmp_path: Path, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    db_url = f"sqlite+aiosqlite:///{tmp_path / 'crash.db'}"
    settings = make_settings(db_url, fake_slack, fake_line)
    services = build_services(settings)
    await upgrade(services.db)
    await sync_tenant_yaml(
        services.db, services.cipher, text=TENANTS_YAML, now=services.clock.now(), actor="test"
    )
    env = {k: v for k, v in os.environ.items()}
    env.update(
        {
            "DATABASE_URL": db_url,
            "SLACK_BOT_TOKEN": fake_slack.token,
            "SLACK_SIGNING_SECRET": settings.slack_signing_secret.get_secret_value(),
            "SLACK_API_BASE_URL": fake_slack.api_url,
            "SLACK_TRIAGE_CHANNEL": settings.slack_triage_channel,
            "LINE_API_BASE_URL": fake_line.base_url,
            "PII_ENCRYPTION_KEYS": settings.pii_encryption_keys.get_secret_value(),
            "PII_HASH_KEY": settings.pii_hash_key.get_secret_value(),
            "WORKER_POLL_SECONDS": "0.05",
            "OUTBOX_BACKOFF_BASE_SECONDS": "0.05",
            "OUTBOX_LEASE_SECONDS": "1",
            "PYTHONPATH": PROJECT_ROOT,
        }
    )
    port = free_port()
    log = tmp_path / "serve.log"
    fake_slack.faults.latency(0.03)
    proc = _serve(env, port, log)
    acknowledged: list[str] = []
    try:
        await asyncio.to_thread(_wait_healthy, port)
        url = f"http://127.0.0.1:{port}/line/webhook/sakura"
        users = [LineComplainant(url, SECRETS["sakura"], f"U_BURST_{i:02d}", fake_line) for i in range(30)]
        async with httpx.AsyncClient(timeout=2) as client:
            for round_no in range(3):
                for user in users:
                    if round_no == 1 and user is users[10]:
                        os.killpg(proc.pid, signal.SIGKILL)
                        proc.wait()
                    event = user.text(f"{user.user_id} message {round_no}")
                    body = user.build_body([event])
                    try:
                        response = await client.post(
                            url,
                            content=body,
                            headers={"content-type": "application/json", "x-line-signature": user.sign(body)},
                        )
                    except httpx.HTTPError:
                        continue
                    if response.status_code == 200:
                        acknowledged.append(user.user_id)
        assert proc.poll() is not None, "the server should have been killed"
        assert 25 <= len(acknowledged) < 90
        proc = _serve(env, port, log)
        await asyncio.to_thread(_wait_healthy, port)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 60
        while loop.time() < deadline:
            async with services.db.inbox_reader() as session:
                pending_in = await session.scalar(
                    select(func.count()).select_from(InboxEvent).where(InboxEvent.status != "done")
                )
            async with services.db.reader() as session:
                pending_out = await session.scalar(
                    select(func.count()).select_from(OutboxEffect).where(OutboxEffect.status != "done")
                )
            if pending_in == 0 and pending_out == 0:
                break
            await asyncio.sleep(0.1)
        else:
            raise AssertionError(f"not drained: inbox {pending_in}, outbox {pending_out}")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)

    async with services.db.inbox_reader() as session:
        stored = await session.scalar(select(func.count()).select_from(InboxEvent))
    async with services.db.reader() as session:
        cases = await session.scalar(select(func.count()).select_from(Case))
    assert stored == len(acknowledged)
    senders = set(acknowledged)
    assert cases == len(senders)  # one case per complainant, joined by the follow-ups
    posts = fake_slack.all_posts()
    keys = Counter(p["metadata"]["event_payload"]["key"] for p in posts)
    assert max(keys.values()) == 1, "a Slack post went out twice"
    assert len([p for p in posts if not p.get("thread_ts")]) == len(senders)
    assert len(posts) == len(acknowledged)
    deliveries = fake_line.delivered()
    assert len(deliveries) == len(acknowledged)
    await services.db.dispose()
