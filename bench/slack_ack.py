"""Slack ack latency: signed slash commands and button clicks under load against a running `kasuhara serve`.

Slack gives an app 3 seconds to answer; the target is p99 < 300 ms. The service runs as a real process
(web and worker), the fake Slack (50 ms per call) in a low-priority process of its own, on SQLite and on
PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL). The load is an open loop at a fixed rate (latency
counts from the scheduled start, so queueing shows), a mix of reads (`show`, `find`), writes (`note`,
the claim button: each an audited transaction with outbox rows) and a refusal (a non-reviewer).

    .venv/bin/python -m bench.slack_ack [--rate 50] [--seconds 10] [--only sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from bench.harness import (
    LINE_SECRET,
    bench_settings,
    fresh_database,
    postgres_admin_url,
    prepare,
    sandbox_process,
    start_service,
    stop,
)
from bench.load import open_loop, percentile, signed_requests
from sandbox.slack_client import SignedSlack
from storage.db import open_database
from storage.models import Case

REVIEWERS = ("U0REVIEWER1", "U0REVIEWER2")  # the sandbox's S0REVIEW group
CASES = 40


async def wait_cases(database_url: str, count: int, timeout: float = 120) -> list[str]:
    """Numbers of the cases, once `count` have been opened and posted."""
    db = open_database(database_url)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            async with db.reader() as session:
                posted = await session.scalar(
                    select(func.count()).select_from(Case).where(Case.triage_ts.is_not(None))
                )
                if (posted or 0) >= count:
                    return list(await session.scalars(select(Case.number)))
            await asyncio.sleep(0.2)
    finally:
        await db.dispose()
    raise TimeoutError("cases were not opened in time")


def request_mix(numbers: list[str], triage: str, count: int, seed: int = 5) -> list[tuple[str, bytes]]:
    """(kind, body) pairs: commands and block actions; bodies are signed when sent (fresh timestamps)."""
    rng = random.Random(seed)
    out: list[tuple[str, bytes]] = []
    for n in range(count):
        number = rng.choice(numbers)
        user = rng.choice(REVIEWERS)
        pick = n % 10
        if pick < 3:
            body = SignedSlack.command_body(user=user, channel=triage, text=f"show {number}")
        elif pick < 4:
            body = SignedSlack.command_body(user=user, channel=triage, text="find status:in_review")
        elif pick < 6:
            body = SignedSlack.command_body(user=user, channel=triage, text=f"note {number} ベンチ {n}")
        elif pick < 7:
            body = SignedSlack.command_body(user="U0OUTSIDER", channel=triage, text=f"show {number}")
        else:
            payload = SignedSlack.block_action_payload(
                user=user, channel=triage, action_id="case_claim", value=number
            )
            out.append(("action", SignedSlack.payload_body(payload)))
            continue
        out.append(("command", body))
    return out


async def run_open_loop(
    slack: SignedSlack, mix: list[tuple[str, bytes]], rate: float
) -> dict[str, list[float]]:
    """Send each request at its scheduled time; latency from the scheduled start to the full answer."""
    latencies: dict[str, list[float]] = {"command": [], "action": [], "failed": []}
    start = time.perf_counter()

    async def one(i: int, kind: str, body: bytes) -> None:
        scheduled = start + i / rate
        await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
        try:
            status = (await slack.post(body)).status_code
        except httpx.HTTPError:
            status = 0
        elapsed = (time.perf_counter() - scheduled) * 1000
        latencies[kind if status == 200 else "failed"].append(elapsed)

    await asyncio.gather(*(one(i, kind, body) for i, (kind, body) in enumerate(mix)))
    return latencies


async def measure(kind: str, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Ack latency of one database kind."""
    os.environ["SLACK_REVIEWER_GROUP"] = "S0REVIEW"  # passed on to the service process
    async with sandbox_process(slack_latency=0.05) as sandbox, fresh_database(kind, workdir) as url:
        settings = bench_settings(url, sandbox)
        await prepare(settings)
        service = await start_service(settings)
        base = service.url.split("/line/")[0]
        try:
            await open_loop(service.url, signed_requests(service.url, LINE_SECRET, CASES, CASES, "K"), 50)
            numbers = await wait_cases(url, CASES)
            secret = settings.slack_signing_secret.get_secret_value()
            async with SignedSlack(f"{base}/slack/events", secret, max_connections=200) as slack:
                # Warm up: auth.test, the reviewer group cache, connections.
                await run_open_loop(slack, request_mix(numbers, settings.slack_triage_channel, 40, 1), 20)
                mix = request_mix(numbers, settings.slack_triage_channel, int(args.rate * args.seconds))
                result = await run_open_loop(slack, mix, args.rate)
        finally:
            stop(service)
    both = result["command"] + result["action"]
    return {
        "database": kind,
        "rate": args.rate,
        "requests": len(both) + len(result["failed"]),
        "failed": len(result["failed"]),
        "command_p50_ms": round(percentile(result["command"], 50), 1),
        "command_p99_ms": round(percentile(result["command"], 99), 1),
        "action_p50_ms": round(percentile(result["action"], 50), 1),
        "action_p99_ms": round(percentile(result["action"], 99), 1),
        "all_p99_ms": round(percentile(both, 99), 1),
        "max_ms": round(max(both), 1) if both else None,
    }


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rate", type=float, default=50, help="requests per second")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    kinds = [args.only] if args.only else ["sqlite"] + (["postgresql"] if postgres_admin_url() else [])
    results = []
    with tempfile.TemporaryDirectory(prefix="kasuhara-slack-bench-") as workdir:
        for kind in kinds:
            results.append(await measure(kind, args, Path(workdir)))
    print("\nSlack ack latency (open loop, signed commands and buttons, fake Slack at 50 ms)")
    print("target: p99 < 300 ms")
    for r in results:
        print(
            f"  [{r['database']}] @ {r['rate']:g}/s, {r['requests']} requests ({r['failed']} failed): "
            f"commands p50 {r['command_p50_ms']} ms p99 {r['command_p99_ms']} ms; "
            f"buttons p50 {r['action_p50_ms']} ms p99 {r['action_p99_ms']} ms; max {r['max_ms']} ms"
        )
    out = Path("bench/results")
    out.mkdir(parents=True, exist_ok=True)
    (out / "slack_ack.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    asyncio.run(main())
