import asyncio
from datetime import timedelta

import httpx
from sqlalchemy import func, select

from storage.models import OutboxEffect
from tests.conftest import RunningApp


async def test_healthz_reports_database_and_lag(running_app: RunningApp) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.get(f"{running_app.base_url}/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["inbox_lag_seconds"] == 0.0 and body["outbox_lag_seconds"] == 0.0


async def test_healthz_counts_lag_while_slack_is_down(running_app: RunningApp) -> None:
    running_app.fake_slack.faults.fail(status=503, times=1000)
    alice = running_app.complainant("sakura", "U_LAG")
    await alice.asend(alice.text("遅延の確認"))
    async with asyncio.timeout(15):  # until Slack has refused the triage post at least once
        while not await failed_effects(running_app):
            await asyncio.sleep(0.05)
    running_app.clock.advance(timedelta(minutes=2))  # the lag is on the desk's clock, not the wall clock
    async with httpx.AsyncClient() as client:
        body = (await client.get(f"{running_app.base_url}/healthz")).json()
    assert body["outbox_lag_seconds"] >= 120
    running_app.fake_slack.faults.clear()


async def failed_effects(app: RunningApp) -> int:
    async with app.services.db.reader() as session:
        count = await session.scalar(
            select(func.count()).select_from(OutboxEffect).where(OutboxEffect.attempts > 0)
        )
    return int(count or 0)
