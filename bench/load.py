"""Load generators: open loop at a fixed rate (latency), closed loop (throughput)."""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass

import httpx

from sandbox.line_events import LineComplainant


@dataclass
class LatencyResult:
    """Latencies of an open-loop run, in milliseconds."""

    sent: int
    ok: int
    p50: float
    p99: float
    achieved_rate: float


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))
    return ordered[index]


def signed_requests(url: str, secret: str, count: int, users: int, tag: str) -> list[tuple[bytes, str, str]]:
    """Pre-built (body, signature, marker) triples, one text event each, spread over `users` senders."""
    senders = [LineComplainant(url, secret, f"U{tag}{i:05d}") for i in range(users)]
    out = []
    for n in range(count):
        sender = senders[n % users]
        marker = f"{tag}-{n:06d}"
        body = sender.build_body([sender.text(f"ベンチマーク {marker}: 受付で長時間待たされました。")])
        out.append((body, sender.sign(body), marker))
    return out


async def open_loop(
    url: str, requests: list[tuple[bytes, str, str]], rate: float
) -> tuple[LatencyResult, dict[str, float]]:
    """Send at a fixed rate regardless of answers; latency counts from the scheduled start."""
    latencies: list[float] = []
    started: dict[str, float] = {}
    ok = 0
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    async with httpx.AsyncClient(limits=limits, timeout=10) as client:

        async def one(body: bytes, signature: str, marker: str, scheduled: float) -> None:
            nonlocal ok
            delay = scheduled - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            started[marker] = time.time()
            try:
                response = await client.post(
                    url,
                    content=body,
                    headers={"content-type": "application/json", "x-line-signature": signature},
                )
                if response.status_code == 200:
                    ok += 1
            except httpx.HTTPError:
                pass
            latencies.append((time.perf_counter() - scheduled) * 1000)

        begin = time.perf_counter() + 0.2
        tasks = [
            asyncio.create_task(one(body, sig, marker, begin + i / rate))
            for i, (body, sig, marker) in enumerate(requests)
        ]
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - begin
    result = LatencyResult(
        sent=len(requests),
        ok=ok,
        p50=statistics.median(latencies),
        p99=percentile(latencies, 99),
        achieved_rate=len(requests) / elapsed,
    )
    return result, started


async def closed_loop(
    url: str, requests: list[tuple[bytes, str, str]], concurrency: int, seconds: float
) -> float:
    """Requests per second with `concurrency` clients sending back to back."""
    done = 0
    cursor = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=10) as client:

        async def worker() -> None:
            nonlocal done, cursor
            while time.perf_counter() < deadline and cursor < len(requests):
                body, signature, _marker = requests[cursor]
                cursor += 1
                response = await client.post(
                    url,
                    content=body,
                    headers={"content-type": "application/json", "x-line-signature": signature},
                )
                if response.status_code == 200:
                    done += 1

        begin = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - begin
    return done / elapsed
