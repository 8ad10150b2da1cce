"""`make bench`: webhook ack latency and throughput beside a bare endpoint, and end-to-end latency.

Everything runs on this machine: the service as a real `kasuhara serve` process, the bare baseline as a
uvicorn process, the fake Slack (50 ms latency) and LINE in this process. Figures are ratios to the
baseline measured in the same run, since machines are noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.harness import (
    LINE_SECRET,
    LINE_TOKEN,
    SLACK_TOKEN,
    bench_settings,
    fresh_database,
    in_process_sandbox,
    postgres_admin_url,
    prepare,
    sandbox_process,
    start_bare,
    start_service,
    stop,
)
from bench.load import closed_loop, open_loop, percentile, signed_requests
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack


def _posted_markers(slack: FakeSlack, markers: list[str]) -> set[str]:
    text = " ".join(
        json.dumps(args.get("blocks"), ensure_ascii=False) for args in slack.calls("chat.postMessage")
    )
    return {m for m in markers if m in text}


async def wait_posts(slack: FakeSlack, markers: list[str], timeout: float = 120) -> None:
    """Wait until a post carrying each marker has reached the fake Slack."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and len(_posted_markers(slack, markers)) < len(markers):
        await asyncio.sleep(0.2)


async def ack_and_throughput(kind: str, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Webhook ack latency (open loop) and accepted events/s (closed loop), beside the bare endpoint.

    Throughput is measured twice for the service: `serve` as deployed on one machine (web plus the worker
    digesting every event at the same time) and the web role alone (what the webhook accepts while the
    worker runs elsewhere, or after the burst). Each endpoint is driven at several concurrencies and its
    capacity is the best of them: the bare endpoint is CPU-bound from 32 clients on, while the service
    waits for durable commits and takes more requests per commit as more arrive.
    """
    figures: dict[str, Any] = {"database": kind}
    async with sandbox_process(slack_latency=0.05) as sandbox, fresh_database(kind, workdir) as url:
        settings = bench_settings(url, sandbox)
        await prepare(settings)

        async def closed(target_url: str, tag: str) -> dict[int, float]:
            await closed_loop(
                target_url, signed_requests(target_url, LINE_SECRET, 2000, 400, tag + "W"), 32, 1
            )
            by_clients = {}
            for clients in args.concurrency:
                requests = signed_requests(target_url, LINE_SECRET, 60000, 400, f"{tag}{clients}-")
                by_clients[clients] = await closed_loop(
                    target_url, requests, clients, args.throughput_seconds
                )
            return by_clients

        bare = await start_bare(settings)
        try:
            count = int(args.rate * args.seconds)
            bare_lat, _ = await open_loop(
                bare.url, signed_requests(bare.url, LINE_SECRET, count, 100, "B"), args.rate
            )
            bare_tp = await closed(bare.url, "BT")
        finally:
            stop(bare)
        service = await start_service(settings)
        try:
            svc_lat, _ = await open_loop(
                service.url, signed_requests(service.url, LINE_SECRET, count, 100, "S"), args.rate
            )
            all_tp = await closed(service.url, "ST")
        finally:
            stop(service)
        web = await start_service(settings, role="web")
        try:
            web_tp = await closed(web.url, "WT")
        finally:
            stop(web)
    figures["ack"] = {
        "rate": args.rate,
        "service_p50_ms": round(svc_lat.p50, 2),
        "service_p99_ms": round(svc_lat.p99, 2),
        "service_ok": f"{svc_lat.ok}/{svc_lat.sent}",
        "bare_p50_ms": round(bare_lat.p50, 2),
        "bare_p99_ms": round(bare_lat.p99, 2),
    }
    bare_best, web_best, all_best = max(bare_tp.values()), max(web_tp.values()), max(all_tp.values())
    figures["throughput"] = {
        "by_clients": {n: [round(bare_tp[n]), round(web_tp[n]), round(all_tp[n])] for n in args.concurrency},
        "bare_rps": round(bare_best, 1),
        "web_rps": round(web_best, 1),
        "web_ratio": round(web_best / bare_best, 3),
        "all_rps": round(all_best, 1),
        "all_ratio": round(all_best / bare_best, 3),
    }
    return figures


async def end_to_end(kind: str, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """LINE webhook → Slack triage post, each event a new complainant (a new case); fake Slack at 50 ms."""
    slack, line = FakeSlack(token=SLACK_TOKEN, latency=0.05), FakeLine(tokens={LINE_TOKEN})
    slack.start()
    line.start()
    try:
        async with fresh_database(kind, workdir) as url:
            settings = bench_settings(url, in_process_sandbox(slack, line))
            await prepare(settings)
            service = await start_service(settings)
            try:
                # Warm up (connections, statement caches), then measure the steady state.
                warmup = signed_requests(service.url, LINE_SECRET, 10, 10, "W")
                await open_loop(service.url, warmup, args.e2e_rate)
                await wait_posts(slack, [marker for _body, _signature, marker in warmup])
                await asyncio.sleep(2)  # let the warm-up cases' classification edits land before the reset
                slack.reset()
                count = int(args.e2e_rate * args.e2e_seconds)
                requests = signed_requests(service.url, LINE_SECRET, count, count, "E")
                _result, started = await open_loop(service.url, requests, args.e2e_rate)
                await wait_posts(slack, [marker for _body, _signature, marker in requests])
            finally:
                stop(service)
    finally:
        slack.stop()
        line.stop()
    latencies = []
    for recorded in slack.requests:
        if recorded.method != "chat.postMessage" or recorded.args.get("thread_ts"):
            continue
        text = json.dumps(recorded.args.get("blocks"), ensure_ascii=False)
        for marker in (m for m in started if m in text):
            # The post is visible once the fake answers: arrival plus its configured latency.
            latencies.append((recorded.time + 0.05 - started[marker]) * 1000)
    print(f"  e2e latencies (ms, sorted): {[round(x) for x in sorted(latencies)][-10:]}")
    return {
        "rate": args.e2e_rate,
        "posts": f"{len(latencies)}/{count}",
        "p50_ms": round(percentile(latencies, 50), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
    }


def print_figures(all_figures: list[dict[str, Any]]) -> None:
    """A readable table."""
    print("\nWebhook ack (open loop), throughput (closed loop) and end to end; fake Slack at 50 ms")
    for f in all_figures:
        ack, tp, e2e = f["ack"], f["throughput"], f["e2e"]
        print(f"\n[{f['database']}]")
        print(
            f"  ack @ {ack['rate']}/s: service p50 {ack['service_p50_ms']} ms, p99 {ack['service_p99_ms']} ms"
        )
        print(
            f"      ({ack['service_ok']} ok); bare p50 {ack['bare_p50_ms']} ms, p99 {ack['bare_p99_ms']} ms"
        )
        for clients, (b, w, a) in tp["by_clients"].items():
            print(f"  {clients:>4} clients: bare {b}/s, web role {w}/s, web and worker {a}/s")
        print(f"  capacity: bare {tp['bare_rps']}/s; web role {tp['web_rps']}/s (ratio {tp['web_ratio']});")
        print(f"      web and worker on this machine {tp['all_rps']}/s (ratio {tp['all_ratio']})")
        print(f"  end to end @ {e2e['rate']}/s: p50 {e2e['p50_ms']} ms, p95 {e2e['p95_ms']} ms")
        print(f"      ({e2e['posts']} posts)")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=lambda v: [int(n) for n in v.split(",")], default=[32, 64, 128])
    parser.add_argument("--throughput-seconds", type=float, default=5)
    parser.add_argument("--e2e-rate", type=float, default=10)
    parser.add_argument("--e2e-seconds", type=float, default=10)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    kinds = ["sqlite"] + (["postgresql"] if postgres_admin_url() else [])
    if args.only:
        kinds = [args.only]
    results = []
    with tempfile.TemporaryDirectory(prefix="kasuhara-bench-") as workdir:
        for kind in kinds:
            figures = await ack_and_throughput(kind, args, Path(workdir))
            figures["e2e"] = await end_to_end(kind, args, Path(workdir))
            results.append(figures)
    print_figures(results)
    out = Path("bench/results")
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    asyncio.run(main())
