"""`kasuhara sla due` and `kasuhara report case|monthly`: the client-facing promises on the command line."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date
from pathlib import Path

from app.cli.commands import Commands
from app.resources import open_service_database
from bot.cases.outcomes import report_refusal
from bot.cases.triage import enqueue_triage_update
from bot.config import Settings
from bot.crypto import cipher_from
from bot.reports.case_send import ReportError, case_by_number, send_case_report
from bot.reports.monthly import monthly_totals, parse_month, totals_csv, totals_text
from bot.sla_calendar import report_due
from storage.migrate import upgrade_if_empty
from storage.repos import tenants as tenant_repo


class CliInputError(Exception):
    """Input the command cannot use; printed as `error: ...` with exit status 2."""


def parse_day(value: str) -> date:
    """A YYYY-MM-DD date or a clear error."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliInputError(f"{value!r} is not a date (expected YYYY-MM-DD)") from None


async def _sla_due(args: argparse.Namespace) -> int:
    day = parse_day(args.day)
    settings = Settings()
    tenant = None
    if args.tenant:
        db = open_service_database(settings)
        try:
            await upgrade_if_empty(db)
            async with db.reader() as session:
                tenant = await tenant_repo.by_slug(session, slug=args.tenant)
        finally:
            await db.dispose()
        if tenant is None:
            raise CliInputError(f"no tenant with slug {args.tenant!r} (see `kasuhara tenants list`)")
    due = report_due(tenant, settings, day)
    print(due.isoformat())
    return 0


async def _report_case(args: argparse.Namespace) -> int:
    settings = Settings()
    cipher = cipher_from(settings)
    db = open_service_database(settings)
    refused, sent, tenant = None, None, None
    try:
        await upgrade_if_empty(db)
        async with db.transaction() as session:
            case = await case_by_number(session, args.case)
            if case is None:
                raise CliInputError(f"no case numbered {args.case!r}")
            # The same rules as the reviewers' button and `/kasuhara report`: a verdict first, v1 once,
            # a correction only for a newer verdict.
            refusal = await report_refusal(session, case, correct=args.correct)
            if refusal is not None:
                raise CliInputError(refusal)
            now = args.clock.now()
            try:
                sent = await send_case_report(
                    session, cipher=cipher, settings=settings, now=now, case=case, actor=f"cli:{args.by}"
                )
            except ReportError as exc:
                refused = str(exc)  # the transaction still commits the admin alert
            else:
                tenant = await tenant_repo.by_id(session, tenant_id=case.tenant_id)
            if sent is not None and tenant is not None and case.triage_ts:  # the post shows 報告済み
                await enqueue_triage_update(
                    session,
                    cipher,
                    case,
                    tenant,
                    key=f"triage-update:{case.id}:cli-v{sent.version}",
                    now=now,
                )
    finally:
        await db.dispose()
    if refused or sent is None:
        raise CliInputError(refused or "the report was not sent")
    print(
        f"report {sent.case_number} version {sent.version} queued for {', '.join(sent.channels)} "
        f"(PDF {sent.pdf_bytes} bytes); the worker delivers it"
    )
    return 0


async def _report_monthly(args: argparse.Namespace) -> int:
    try:
        month = parse_month(args.month)
    except ValueError as exc:
        raise CliInputError(str(exc)) from None
    settings = Settings()
    db = open_service_database(settings)
    try:
        await upgrade_if_empty(db)
        async with db.reader() as session:
            tenant = await tenant_repo.by_slug(session, slug=args.tenant)
            if tenant is None:
                raise CliInputError(f"no tenant with slug {args.tenant!r} (see `kasuhara tenants list`)")
            totals = await monthly_totals(session, tenant=tenant, month=month)
    finally:
        await db.dispose()
    if args.csv:
        try:
            await asyncio.to_thread(Path(args.csv).write_text, totals_csv(totals), encoding="utf-8")
        except OSError as exc:
            raise CliInputError(f"cannot write {args.csv}: {exc}") from None
        print(f"wrote {args.csv} ({totals.received} cases in {totals.month_label})")
    else:
        print(totals_text(totals))
    return 0


def _run(coro_fn: object) -> object:
    def runner(args: argparse.Namespace) -> int:
        try:
            return int(asyncio.run(coro_fn(args)))  # type: ignore[operator]
        except CliInputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2

    return runner


def register(sub: Commands) -> None:
    """Add `sla` and `report` to the `kasuhara` parser."""
    sla = sub.add_parser("sla", help="the report promise (business days)")
    sla_sub = sla.add_subparsers(dest="sla_command", required=True)
    due = sla_sub.add_parser("due", help="print the report due date for an intake day")
    due.add_argument("day", metavar="YYYY-MM-DD")
    due.add_argument("--tenant", metavar="SLUG", help="include the tenant's extra closed days")
    due.set_defaults(func=_run(_sla_due))

    report = sub.add_parser("report", help="client reports")
    report_sub = report.add_subparsers(dest="report_command", required=True)
    case = report_sub.add_parser(
        "case", help="send a decided case's report to the client (admins; reviewers use Slack)"
    )
    case.add_argument("case", metavar="CASE", help="the case number, like KH-2026-000123")
    case.add_argument("--by", metavar="NAME", required=True, help="who sends it (audited as cli:NAME)")
    case.add_argument(
        "--correct", action="store_true", help="send a correction reporting the verdict recorded after reopen"
    )
    case.set_defaults(func=_run(_report_case))
    monthly = report_sub.add_parser("monthly", help="a tenant's monthly totals (printed, or written as CSV)")
    monthly.add_argument("--tenant", metavar="SLUG", required=True)
    monthly.add_argument("--month", metavar="YYYY-MM", required=True)
    monthly.add_argument("--csv", metavar="FILE", help="write CSV to FILE instead of printing")
    monthly.set_defaults(func=_run(_report_monthly))
