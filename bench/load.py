"""Load generators: open loop at a fixed rate (latency), closed loop (throughput)."""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass

from bench.rawhttp import Pool, build_post
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
    raws = [(build_post(url, body, _headers(sig)), marker) for body, sig, marker in requests]
    latencies: list[float] = []
    started: dict[str, float] = {}
    ok = 0
    pool = Pool(url, 256)

    async def one(raw: bytes, marker: str, scheduled: float) -> None:
        nonlocal ok
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        started[marker] = time.time()
        if await pool.request(raw) == 200:
            ok += 1
        latencies.append((time.perf_counter() - scheduled) * 1000)

    begin = time.perf_counter() + 0.2
    await asyncio.gather(*(one(raw, marker, begin + i / rate) for i, (raw, marker) in enumerate(raws)))
    elapsed = time.perf_counter() - begin
    await pool.close()
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
    raws = [build_post(url, body, _headers(sig)) for body, sig, _marker in requests]
    done = 0
    cursor = 0
    deadline = time.perf_counter() + seconds
    pool = Pool(url, concurrency)

    async def worker() -> None:
        nonlocal done, cursor
        while time.perf_counter() < deadline and cursor < len(raws):
            raw = raws[cursor]
            cursor += 1
            if await pool.request(raw) == 200:
                done += 1

    begin = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - begin
    await pool.close()
    return done / elapsed


def _headers(signature: str) -> dict[str, str]:
    return {"Content-Type": "application/json", "X-Line-Signature": signature}
