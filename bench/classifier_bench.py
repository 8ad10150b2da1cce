"""`python -m bench.classifier_bench`: messages per second of the offline engines on one core.

The rules and the learned engine (rules + model) run over the evaluation set (repeated), next to
baselines measured in the same run on the same texts: a bare `str.lower()` loop and `normalize()`
alone. Ratios to the baselines are printed because machines are noisy. A 100,000-character text is
timed separately (the engine caps its work).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from bot.classifier.evaluation import load_labelled
from bot.classifier.learned.engine import load_learned
from bot.classifier.normalize import normalize
from bot.classifier.offline import ENGINE_NAME, OfflineClassifier

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "eval" / "classification.jsonl"


def pin_to_one_core() -> str:
    """Pin this process to one CPU where the OS allows it; says which."""
    setaffinity = getattr(os, "sched_setaffinity", None)
    getaffinity = getattr(os, "sched_getaffinity", None)
    if setaffinity is None or getaffinity is None:
        return "not pinned (no sched_setaffinity)"
    cpu = min(getaffinity(0))
    setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def rate(func: Callable[[str, str], object], texts: list[tuple[str, str]], repeat: int) -> float:
    """Calls per second of func(text, lang) over `texts` repeated `repeat` times."""
    for text, lang in texts:  # warm-up: caches, lazily compiled state
        func(text, lang)
    started = time.perf_counter()
    for _ in range(repeat):
        for text, lang in texts:
            func(text, lang)
    elapsed = time.perf_counter() - started
    return repeat * len(texts) / elapsed if elapsed else float("inf")


def latencies_ms(func: Callable[[str, str], object], texts: list[tuple[str, str]]) -> list[float]:
    """Per-call latency in milliseconds, one call per text."""
    out = []
    for text, lang in texts:
        started = time.perf_counter()
        func(text, lang)
        out.append((time.perf_counter() - started) * 1000)
    return out


def percentiles(sorted_ms: list[float]) -> tuple[float, float]:
    """p50 and p99 of sorted latencies."""
    return sorted_ms[len(sorted_ms) // 2], sorted_ms[min(len(sorted_ms) - 1, int(len(sorted_ms) * 0.99))]


async def async_rate(engine: OfflineClassifier, texts: list[tuple[str, str]], repeat: int) -> float:
    """Messages per second through the async protocol method."""
    started = time.perf_counter()
    for _ in range(repeat):
        for text, lang in texts:
            await engine.assess(text, language=lang)
    elapsed = time.perf_counter() - started
    return repeat * len(texts) / elapsed if elapsed else float("inf")


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print plain-text figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE, help="labelled JSONL (default: eval set)")
    parser.add_argument("--repeat", type=int, default=10, help="passes over the file (default 10)")
    args = parser.parse_args(argv)

    pinned = pin_to_one_core()
    items = load_labelled(args.file)
    texts = [(item.text, item.lang) for item in items]
    engine = OfflineClassifier()

    def classify(text: str, lang: str) -> object:
        return engine.assess_sync(text, language=lang)

    def bare_lower(text: str, lang: str) -> object:
        return text.lower()

    def normalize_only(text: str, lang: str) -> object:
        return normalize(text)

    learned = load_learned()

    def classify_learned(text: str, lang: str) -> object:
        return learned.assess_sync(text, language=lang)

    classify_learned("", "ja")  # the tokenizer's dictionary loads once, at start-up
    learned_rate = rate(classify_learned, texts, args.repeat)
    learned_lat = sorted(latencies_ms(classify_learned, texts * 3))
    engine_rate = rate(classify, texts, args.repeat)
    lower_rate = rate(bare_lower, texts, args.repeat)
    normalize_rate = rate(normalize_only, texts, args.repeat)
    async_engine_rate = asyncio.run(async_rate(engine, texts, args.repeat))
    lat = sorted(latencies_ms(classify, texts * 3))
    long_text = ("待たされました。対応が最悪です。" * 7000)[:100_000]
    long_threat = "あ" * 99_990 + "殺すぞ"
    long_ms = [min(latencies_ms(classify, [(t, "ja")] * 3)) for t in (long_text, long_threat)]

    chars = statistics.mean(len(t) for t, _ in texts)
    print(f"offline classifier benchmark ({pinned})")
    print(f"texts: {len(texts)} from {args.file.name}, mean {chars:.0f} chars, {args.repeat} passes")
    print()
    print(f"{'':<28}{'msgs/s':>12}{'engine/this':>14}")
    sync_name, async_name = f"{ENGINE_NAME} (assess_sync)", f"{ENGINE_NAME} (await assess)"
    print(f"{sync_name:<28}{engine_rate:>12,.0f}{1.0:>14.3f}")
    print(f"{async_name:<28}{async_engine_rate:>12,.0f}{engine_rate / async_engine_rate:>14.3f}")
    print(f"{learned.engine:<28}{learned_rate:>12,.0f}{engine_rate / learned_rate:>14.3f}")
    print(f"{'baseline: normalize()':<28}{normalize_rate:>12,.0f}{engine_rate / normalize_rate:>14.3f}")
    print(f"{'baseline: str.lower()':<28}{lower_rate:>12,.0f}{engine_rate / lower_rate:>14.6f}")
    print()
    p50, p99 = percentiles(lat)
    print(f"latency per message: p50 {p50:.3f} ms, p99 {p99:.3f} ms, max {lat[-1]:.3f} ms")
    lp50, lp99 = percentiles(learned_lat)
    print(f"learned engine per message: p50 {lp50:.3f} ms, p99 {lp99:.3f} ms, max {learned_lat[-1]:.3f} ms")
    print(f"100,000-char complaint: {long_ms[0]:.1f} ms; with a threat at its very end: {long_ms[1]:.1f} ms")
    target = 1000
    for name, value in ((ENGINE_NAME, engine_rate), (learned.engine, learned_rate)):
        verdict = "meets" if value >= target else "BELOW"
        print(f"{name}: target >= {target:,} msgs/s on one core: {verdict} ({value / target:.1f}x)")


if __name__ == "__main__":
    main()
