"""`python -m bench.reports_bench`: how long the report files and a calendar-jobs tick take.

- a case report PDF (long complaint, embedded Japanese font) and its Block Kit, rendered N times;
- a monthly chart (PNG) rendered N times;
- one calendar-jobs tick over many open cases on SQLite (nothing due, the common case each minute),
  and the tick that sends monthly totals for many tenants.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from bot.blobs import LocalBlobStore
from bot.calendar import TOKYO
from bot.cases.items import ReportItems
from bot.cases.texts import VerdictTexts
from bot.config import Settings
from bot.crypto import PiiCipher, audit_chain_key, generate_key
from bot.reports.case_data import build_case_report
from bot.reports.case_pdf import render_case_report_pdf
from bot.reports.case_send import report_view
from bot.reports.monthly import MonthlyTotals
from bot.reports.monthly_chart import render_monthly_chart
from bot.scheduling.jobs import CalendarJobs
from handlers.slack.report_blocks import build_case_report_blocks
from storage.db import open_database
from storage.migrate import upgrade
from storage.models import Case, Tenant, Verdict


class FixedClock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at


def timed(runs: int, fn: Callable[[], object]) -> tuple[float, float]:
    """Median and max milliseconds of `runs` calls."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def bench_files(runs: int) -> None:
    case = Case(
        number="KH-2026-000001",
        channel="line",
        received_at=datetime(2026, 11, 27, 1, tzinfo=UTC),
        sla_due=date(2026, 12, 2),
    )
    tenant = Tenant(name="さくら総合クリニック", language="ja")
    items = ReportItems(
        place="駅前店",
        staff="受付の佐藤さん",
        what_happened="会計で長時間待たされ、大声で怒鳴られた。" * 60,
        wanted="土下座と返金",
        feedback_wanted=True,
    )
    verdict = Verdict(
        version=1,
        label="harassment",
        behaviour_types=["verbal_abuse", "excessive_demand"],
        decided_at=datetime(2026, 11, 28, tzinfo=UTC),
    )
    texts = VerdictTexts(
        opinion="要求は過大で手段も相当とはいえません。" * 20,
        advice="複数名で対応してください。" * 10,
        recommendation="",
    )
    report = build_case_report(case=case, tenant=tenant, items=items, verdict=verdict, texts=texts, version=1)
    size = len(render_case_report_pdf(report))
    median, worst = timed(runs, lambda: render_case_report_pdf(report))
    print(
        f"case report PDF ({size} bytes, {len(items.what_happened or '')}-char complaint): "
        f"median {median:.1f} ms, max {worst:.1f} ms over {runs}"
    )
    view = report_view(report, feedback_buttons=True)
    median, worst = timed(runs, lambda: build_case_report_blocks(view))
    print(f"case report Block Kit: median {median:.3f} ms, max {worst:.3f} ms")
    totals = MonthlyTotals(
        tenant_name="さくら",
        language="ja",
        month=date(2026, 10, 1),
        received=42,
        by_channel=Counter(line=42),
        by_verdict=Counter(harassment=20, legitimate=15, undecided=7),
        by_type=Counter(verbal_abuse=12, excessive_demand=9, repeat=4),
        sla_judged=35,
        sla_met=34,
    )
    median, worst = timed(runs, lambda: render_monthly_chart(totals))
    print(f"monthly chart PNG: median {median:.1f} ms, max {worst:.1f} ms")


async def bench_tick(cases: int, tenants: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(
            f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}", audit_key=audit_chain_key("bench")
        )
        await upgrade(db)
        created = datetime(2026, 9, 1, tzinfo=UTC)
        async with db.transaction() as session:
            rows = [
                Tenant(
                    slug=f"t{i:03d}",
                    name=f"テナント{i}",
                    language="ja",
                    report_channels=[f"C{i:08d}"],
                    created_at=created,
                    updated_at=created,
                )
                for i in range(tenants)
            ]
            session.add_all(rows)
            await session.flush()
            for n in range(cases):
                at = datetime(2026, 10, 1 + n % 30, 3, tzinfo=UTC)
                session.add(
                    Case(
                        number=f"KH-2026-{n:06d}",
                        tenant_id=rows[n % tenants].id,
                        channel="line",
                        status="new",
                        received_at=at,
                        last_message_at=at,
                        sla_due=date(2026, 12, 20),
                        flags={},
                        created_at=at,
                        updated_at=at,
                    )
                )
        settings = Settings(_env_file=None, slack_triage_channel="C0TRIAGE")
        cipher = PiiCipher(keys=generate_key(), hash_key=generate_key())
        clock = FixedClock(datetime(2026, 10, 31, 12, tzinfo=TOKYO))
        jobs = CalendarJobs(
            db=db,
            cipher=cipher,
            settings=settings,
            clock=clock,
            blobs=LocalBlobStore(settings.blob_dir, cipher),
        )
        await jobs.tick()  # the day's retention runs
        start = time.perf_counter()
        await jobs.tick()
        idle_ms = (time.perf_counter() - start) * 1000
        clock.at = datetime(2026, 11, 1, 9, 1, tzinfo=TOKYO)
        start = time.perf_counter()
        ran = await jobs.tick()
        monthly_ms = (time.perf_counter() - start) * 1000
        await db.dispose()
    print(f"calendar tick, nothing due ({cases} open cases, {tenants} tenants, SQLite): {idle_ms:.0f} ms")
    print(f"calendar tick sending monthly totals ({dict(ran)}): {monthly_ms:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--tenants", type=int, default=20)
    args = parser.parse_args()
    bench_files(args.runs)
    asyncio.run(bench_tick(args.cases, args.tenants))


if __name__ == "__main__":
    main()
