import httpx

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
    import asyncio

    await asyncio.sleep(0.5)
    async with httpx.AsyncClient() as client:
        body = (await client.get(f"{running_app.base_url}/healthz")).json()
    assert body["outbox_lag_seconds"] > 0.2
    running_app.fake_slack.faults.clear()
