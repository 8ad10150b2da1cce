"""`python -m bench.form_bench`: the web form beside the LINE webhook, in the same run.

- submissions per second stored into the inbox (closed loop, the page's token fetched beforehand, as a
  browser has it) against LINE webhook events per second on the same service (ratio);
- the confirmation page at 10 and 50 submissions/s (open loop): the time from the POST to the page with
  the case number, which waits for the worker to open and classify the case (p50/p99).

The service runs as a real `kasuhara serve` process on SQLite (and PostgreSQL when a server answers), the
fake Slack at 50 ms latency in its own process. Rate limits are lifted for the run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

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
from bench.load import closed_loop, percentile, signed_requests
from sandbox.form_visitor import hidden_fields

STORY = "ベンチマーク: 受付で長時間待たされ、説明もありませんでした。改善をお願いします。"


async def _pages(base: str, count: int) -> list[tuple[httpx.AsyncClient, dict[str, str]]]:
    """`count` form pages, each with its browser (cookie) and hidden fields, fetched before timing."""
    browsers = [httpx.AsyncClient(base_url=base, timeout=30) for _ in range(32)]
    pages = []
    for i in range(count):
        browser = browsers[i % len(browsers)]
        page = await browser.get("/form/bench")
        pages.append((browser, hidden_fields(page.text)))
    return pages


def _fields(hidden: dict[str, str], n: int) -> dict[str, str]:
    return {**hidden, "anonymity": "anonymous", "what_happened": f"{STORY} #{n}"}


async def form_throughput(base: str, seconds: float, clients: int) -> float:
    """Submissions per second answered 303 (stored), `clients` at a time."""
    pages = await _pages(base, 3000)
    done, cursor = 0, 0
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal done, cursor
        while time.perf_counter() < deadline and cursor < len(pages):
            n = cursor
            cursor += 1
            browser, hidden = pages[n]
            try:
                response = await browser.post("/form/bench", data=_fields(hidden, n))
            except httpx.HTTPError:
                continue
            done += response.status_code == 303

    begin = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    elapsed = time.perf_counter() - begin
    for browser in {id(b): b for b, _ in pages}.values():
        await browser.aclose()
    return done / elapsed


async def confirmation_latency(base: str, rate: float, seconds: float) -> dict[str, Any]:
    """POST then the confirmation page, at `rate` submissions/s; milliseconds from the POST to the page."""
    count = int(rate * seconds)
    pages = await _pages(base, count + 1)
    # Warm up: the worker's classifier process starts with the first case.
    browser, hidden = pages.pop()
    response = await browser.post("/form/bench", data=_fields(hidden, -1))
    receipt = response.headers["location"]
    deadline = time.perf_counter() + 60
    while "<strong>KH-" not in (await browser.get(receipt)).text and time.perf_counter() < deadline:
        await asyncio.sleep(0.5)
    latencies: list[float] = []
    failed: list[int] = []
    numbered = 0

    async def one(n: int, scheduled: float) -> None:
        nonlocal numbered
        await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
        browser, hidden = pages[n]
        try:
            response = await browser.post("/form/bench", data=_fields(hidden, n), follow_redirects=True)
        except httpx.HTTPError:
            failed.append(n)  # counted, not timed
            return
        latencies.append((time.perf_counter() - scheduled) * 1000)
        numbered += "<strong>KH-" in response.text

    begin = time.perf_counter() + 0.2
    await asyncio.gather(*(one(n, begin + n / rate) for n in range(count)))
    for browser in {id(b): b for b, _ in pages}.values():
        await browser.aclose()
    return {
        "rate": rate,
        "p50_ms": round(percentile(latencies, 50), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "with_number": f"{numbered}/{count}",
        "connection_errors": len(failed),
    }


async def run(kind: str, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    async with sandbox_process(slack_latency=0.05) as sandbox:
        async with fresh_database(kind, workdir) as url:
            settings = bench_settings(url, sandbox)
            await prepare(settings)
            web = await start_service(settings, role="web")
            try:
                base = web.url.split("/line/")[0]
                line_rps = await closed_loop(
                    web.url,
                    signed_requests(web.url, LINE_SECRET, 60000, 400, "F"),
                    args.clients,
                    args.seconds,
                )
                form_rps = await form_throughput(base, args.seconds, args.clients)
            finally:
                stop(web)
        latency = []
        for rate in args.rates:
            async with fresh_database(kind, workdir) as url:  # no backlog from earlier runs
                settings = bench_settings(url, sandbox)
                await prepare(settings)
                service = await start_service(settings, role="all")
                try:
                    latency.append(
                        await confirmation_latency(service.url.split("/line/")[0], rate, args.seconds)
                    )
                finally:
                    stop(service)
    return {
        "database": kind,
        "inbox": {
            "line_events_per_s": round(line_rps, 1),
            "form_submissions_per_s": round(form_rps, 1),
            "ratio": round(form_rps / line_rps, 3),
        },
        "confirmation_page": latency,
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument(
        "--rates", type=lambda v: [float(r) for r in v.split(",")], default=[10.0, 50.0], help="e.g. 10,50"
    )
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    os.environ["FORM_RATE_PER_ADDRESS"] = "1000000/minute"
    os.environ["FORM_RATE_PER_TENANT"] = "1000000/minute"
    kinds = ["sqlite"] + ([] if args.sqlite_only or postgres_admin_url() is None else ["postgresql"])
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            print(json.dumps(await run(kind, args, Path(tmp)), ensure_ascii=False))


if __name__ == "__main__":
    asyncio.run(main())
