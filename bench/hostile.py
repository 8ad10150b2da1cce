"""`python -m bench.hostile`: the door and the worker under hostile input, beside the same run without it.

1. Webhook ack latency at a fixed rate against `kasuhara serve` (web and worker processes) twice: plain,
   and while the worker digests a signed text of about 1 MiB and a burst of poison events (malformed
   and senderless). The figure is the ratio of the two p99s, measured in the same run.
2. One complainant's 1,000 queued events drained by the worker, taking one event of a complainant per
   round (the worker before issue 11) and a batch per round (now): events/s and their ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from app.wiring import build_services
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
from bench.load import LatencyResult, open_loop, signed_requests
from bot.config import Settings
from bot.inbox.worker import InboxWorker
from sandbox.line_events import LineComplainant
from storage.models import InboxEvent
from storage.repos import inbox


def poison_events(sender: LineComplainant, count: int) -> list[dict[str, Any]]:
    """Events that do not fit LINE's schema, half of them without a sender."""
    events = []
    for n in range(count):
        event = sender.text(f"poison {n}")
        if n % 2:
            event.pop("source")
            event["message"] = "not an object"
        else:
            event["timestamp"] = 10**20
        events.append(event)
    return events


async def post(url: str, sender: LineComplainant, events: list[dict[str, Any]]) -> int:
    """One signed delivery; its status."""
    body = sender.build_body(events)
    async with httpx.AsyncClient(timeout=60) as client:
        response = await client.post(
            url,
            content=body,
            headers={"content-type": "application/json", "x-line-signature": sender.sign(body)},
        )
    return response.status_code


async def ack_under_hostile_load(settings: Settings, args: argparse.Namespace) -> dict[str, Any]:
    """p50/p99 of the ack at `rate` events/s, plain and while the worker digests hostile input."""
    service = await start_service(settings)
    try:
        count = int(args.rate * args.seconds)
        await open_loop(service.url, signed_requests(service.url, LINE_SECRET, 400, 50, "W"), args.rate)
        plain, _ = await open_loop(
            service.url, signed_requests(service.url, LINE_SECRET, count, 100, "P"), args.rate
        )
        attacker = LineComplainant(service.url, LINE_SECRET, "U_ATTACKER")
        long_text = "a" * (settings.max_body_bytes - 4096)  # the longest text the body limit lets in
        hostile_requests = signed_requests(service.url, LINE_SECRET, count, 100, "H")
        started = time.perf_counter()
        statuses = await asyncio.gather(
            post(service.url, attacker, [attacker.text(long_text)]),
            *(post(service.url, attacker, poison_events(attacker, 50)) for _ in range(args.poison // 50)),
        )
        hostile, _ = await open_loop(service.url, hostile_requests, args.rate)
        digested = await drained(service.url, timeout=300)
        hostile_seconds = time.perf_counter() - started
    finally:
        stop(service)
    return {
        "rate": args.rate,
        "plain": _latency(plain),
        "hostile": _latency(hostile),
        "p99_ratio": round(hostile.p99 / plain.p99, 2),
        "hostile_deliveries": sorted(set(statuses)),
        "backlog_cleared_s": round(hostile_seconds, 1) if digested else None,
    }


def _latency(result: LatencyResult) -> dict[str, Any]:
    return {
        "p50_ms": round(result.p50, 2),
        "p99_ms": round(result.p99, 2),
        "ok": f"{result.ok}/{result.sent}",
    }


async def drained(webhook_url: str, *, timeout: float) -> bool:
    """Wait until /healthz shows no inbox lag (everything digested)."""
    health = webhook_url.split("/line/")[0] + "/healthz"
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(timeout=10) as client:
        while time.monotonic() < deadline:
            if (await client.get(health)).json().get("inbox_lag_seconds") == 0.0:
                return True
            await asyncio.sleep(0.5)
    return False


def flood(sender: LineComplainant, kind: str, count: int) -> list[dict[str, Any]]:
    """One sender's events: texts from one complainant, or what a group chat the bot is in sends."""
    if kind == "texts":
        return [sender.text(f"メッセージ{n}: まだ返事がないのはおかしい") for n in range(count)]
    return [sender.member_joined(f"U{n:032d}") for n in range(count)]


async def drain_rate(settings: Settings, *, kind: str, events: int, per_partition: int) -> dict[str, Any]:
    """Store one sender's `events` through the webhook, then time one worker digesting them."""
    web = await start_service(settings, role="web")
    try:
        sender = LineComplainant(web.url, LINE_SECRET, "U_FLOOD")
        queued = flood(sender, kind, events)
        for start in range(0, events, 100):
            assert await post(web.url, sender, queued[start : start + 100]) == 200
    finally:
        stop(web)
    services = build_services(settings)
    worker = InboxWorker(
        db=services.db,
        cipher=services.cipher,
        settings=settings,
        clock=services.clock,
        blobs=services.blobs,
        per_partition=per_partition,
    )
    began = time.perf_counter()
    rounds = 0
    while await worker.process_once():
        rounds += 1
    elapsed = time.perf_counter() - began
    async with services.db.inbox_reader() as session:
        done = await session.scalar(select(func.count()).where(InboxEvent.status == inbox.DONE))
    await services.db.dispose()
    return {
        "events": done,
        "rounds": rounds,
        "seconds": round(elapsed, 2),
        "per_s": round(events / elapsed, 1),
    }


async def run(kind: str, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Every figure on one kind of database."""
    figures: dict[str, Any] = {"database": kind}
    async with sandbox_process(slack_latency=0.05) as sandbox:
        async with fresh_database(kind, workdir) as url:
            settings = bench_settings(url, sandbox)
            await prepare(settings)
            figures["ack"] = await ack_under_hostile_load(settings, args)
        for flood_kind in ("texts", "group"):
            drains = {}
            for label, per_partition in (
                ("one per round", 1),
                ("batches", InboxWorker.DEFAULT_PER_PARTITION),
            ):
                async with fresh_database(kind, workdir) as url:
                    settings = bench_settings(url, sandbox)
                    await prepare(settings)
                    drains[label] = await drain_rate(
                        settings, kind=flood_kind, events=args.flood, per_partition=per_partition
                    )
            drains["ratio"] = round(drains["batches"]["per_s"] / drains["one per round"]["per_s"], 1)
            figures[f"drain_{flood_kind}"] = drains
    return figures


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--poison", type=int, default=500, help="poison events in the burst")
    parser.add_argument("--flood", type=int, default=1000, help="one complainant's queued events")
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    kinds = [args.only] if args.only else ["sqlite"] + (["postgresql"] if postgres_admin_url() else [])
    with tempfile.TemporaryDirectory(prefix="kasuhara-hostile-") as workdir:
        for kind in kinds:
            figures = await run(kind, args, Path(workdir))
            print(json.dumps(figures, ensure_ascii=False, indent=2), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
