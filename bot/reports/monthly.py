"""The month's totals of one tenant: cases received, by channel, by verdict, by behaviour type, SLA met."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.calendar import TOKYO
from bot.reports.texts import report_text
from storage.models import Case, Tenant, Verdict

UNDECIDED = "undecided"


def month_start(day: date) -> date:
    """The first day of `day`'s month."""
    return day.replace(day=1)


def next_month(first: date) -> date:
    """The first day of the following month."""
    return date(first.year + (first.month == 12), first.month % 12 + 1, 1)


def previous_month(first: date) -> date:
    """The first day of the preceding month."""
    return date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)


# The months the desk can have figures for (and whose bounds a datetime in any time zone can hold).
FIRST_YEAR, LAST_YEAR = 2000, 2999


def parse_month(value: str) -> date:
    """YYYY-MM (years 2000-2999) as the first day of that month; ValueError otherwise."""
    try:
        month = datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        raise ValueError(f"{value[:20]!r} is not a month (expected YYYY-MM)") from None
    if not FIRST_YEAR <= month.year <= LAST_YEAR:
        raise ValueError(f"{value!r} is not a month the desk has figures for ({FIRST_YEAR}-{LAST_YEAR})")
    return month


def tokyo_midnight(day: date) -> datetime:
    """00:00 Asia/Tokyo of `day`, as an aware datetime."""
    return datetime.combine(day, time(0), tzinfo=TOKYO)


@dataclass
class MonthlyTotals:
    """The figures of one tenant for one month."""

    tenant_name: str
    language: str
    month: date
    received: int = 0
    by_channel: Counter[str] = field(default_factory=Counter)
    by_verdict: Counter[str] = field(default_factory=Counter)
    by_type: Counter[str] = field(default_factory=Counter)
    sla_judged: int = 0
    sla_met: int = 0

    @property
    def month_label(self) -> str:
        return f"{self.month:%Y-%m}"


async def monthly_totals(session: AsyncSession, *, tenant: Tenant, month: date) -> MonthlyTotals:
    """Count the cases the tenant received in `month` (Asia/Tokyo), each with its latest verdict."""
    start, end = tokyo_midnight(month), tokyo_midnight(next_month(month))
    rows = list(
        await session.scalars(
            select(Case).where(Case.tenant_id == tenant.id, Case.received_at >= start, Case.received_at < end)
        )
    )
    totals = MonthlyTotals(tenant_name=tenant.name, language=tenant.language, month=month)
    latest: dict[int, Verdict] = {}
    if rows:
        verdicts = await session.scalars(
            select(Verdict).where(Verdict.case_id.in_([c.id for c in rows])).order_by(Verdict.version)
        )
        latest = {v.case_id: v for v in verdicts}
    for case in rows:
        totals.received += 1
        totals.by_channel[case.channel] += 1
        verdict = latest.get(case.id)
        totals.by_verdict[verdict.label if verdict else UNDECIDED] += 1
        for kind in (verdict.behaviour_types or []) if verdict else []:
            totals.by_type[kind] += 1
        outcome = (case.flags or {}).get("sla")
        if outcome in ("met", "missed"):
            totals.sla_judged += 1
            totals.sla_met += outcome == "met"
    return totals


def item_label(language: str, prefix: str, key: str) -> str:
    if key == UNDECIDED:
        return report_text(language, "monthly.undecided")
    try:
        return report_text(language, f"{prefix}.{key}")
    except KeyError:
        return key


def totals_rows(totals: MonthlyTotals) -> list[tuple[str, str, int]]:
    """(section, item, count) rows: the common ground of the text, the CSV and the chart."""
    lang = totals.language

    def t(key: str) -> str:
        return report_text(lang, key)

    rows = [(t("monthly.received"), "", totals.received)]
    rows += [
        (t("monthly.by_channel"), item_label(lang, "channel", k), n)
        for k, n in sorted(totals.by_channel.items())
    ]
    rows += [
        (t("monthly.by_verdict"), item_label(lang, "label", k), n)
        for k, n in sorted(totals.by_verdict.items())
    ]
    rows += [
        (t("monthly.by_type"), item_label(lang, "type", k), n) for k, n in sorted(totals.by_type.items())
    ]
    rows.append((t("monthly.sla"), t("monthly.sla_met"), totals.sla_met))
    rows.append((t("monthly.sla"), t("monthly.sla_judged"), totals.sla_judged))
    return rows


def totals_text(totals: MonthlyTotals) -> str:
    """The totals as plain text (the CLI prints it; Slack shows it)."""
    lang = totals.language
    title = report_text(lang, "monthly.title", month=totals.month_label, tenant=totals.tenant_name)
    if totals.received == 0:
        return f"{title}\n{report_text(lang, 'monthly.none', month=totals.month_label)}"
    lines = [title, f"{report_text(lang, 'monthly.received')}: {totals.received}"]
    for key, counter, prefix in (
        ("monthly.by_channel", totals.by_channel, "channel"),
        ("monthly.by_verdict", totals.by_verdict, "label"),
        ("monthly.by_type", totals.by_type, "type"),
    ):
        if counter:
            lines.append(f"{report_text(lang, key)}:")
            lines += [f"  {item_label(lang, prefix, k)}: {n}" for k, n in sorted(counter.items())]
    lines.append(
        f"{report_text(lang, 'monthly.sla')}: "
        + report_text(lang, "monthly.sla_value", met=totals.sla_met, due=totals.sla_judged)
    )
    return "\n".join(lines)


def totals_csv(totals: MonthlyTotals) -> str:
    """The totals as CSV (month, section, item, count)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["month", "section", "item", "count"])
    for section, item, count in totals_rows(totals):
        writer.writerow([totals.month_label, section, item, count])
    return buffer.getvalue()
