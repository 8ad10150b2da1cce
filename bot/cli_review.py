"""`kasuhara audit CASE`: a case's audit trail on the command line (the read itself audited)."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.case_numbers import parse_case_number
from bot.clock import Clock
from bot.config import Settings
from bot.resources import open_service_database, pii_cipher
from bot.review_queries import ReviewQueries
from storage.migrate import upgrade_if_empty

CLI_ACTOR = "cli"


async def _audit(raw: str, clock: Clock) -> int:
    number = parse_case_number(raw)
    if number is None:
        print(f"error: {raw!r} is not a case number (e.g. KH-2026-000123, 2026-123)", file=sys.stderr)
        return 2
    settings = Settings()
    db = open_service_database(settings)
    try:
        await upgrade_if_empty(db)
        queries = ReviewQueries(db=db, clock=clock, cipher=pii_cipher(settings))
        lines = await queries.audit_of(number=number, actor=CLI_ACTOR)
    finally:
        await db.dispose()
    if lines is None:
        print(f"error: case {number} not found", file=sys.stderr)
        return 1
    print(f"audit trail of {number} ({len(lines)} entries)")
    for line in lines:
        print(line)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `audit` to the `kasuhara` parser."""
    audit = sub.add_parser("audit", help="print a case's audit trail (who, what, when, before → after)")
    audit.add_argument("case", help="case number, e.g. KH-2026-000123 or 2026-123")
    audit.set_defaults(func=lambda a: asyncio.run(_audit(a.case, a.clock)))
