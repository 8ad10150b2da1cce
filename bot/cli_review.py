"""`kasuhara audit CASE`: a case's audit trail on the command line."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.case_numbers import parse_case_number
from bot.clock import Clock
from bot.config import Settings
from bot.crypto import cipher_from
from bot.review_queries import ReviewQueries
from storage.db import open_database
from storage.migrate import upgrade_if_empty


async def _audit(raw: str, clock: Clock) -> int:
    number = parse_case_number(raw)
    if number is None:
        print(f"error: {raw!r} is not a case number (e.g. KH-2026-000123, 2026-123)", file=sys.stderr)
        return 2
    settings = Settings()
    cipher = cipher_from(settings)
    db = open_database(settings.database_url, search_path=settings.database_schema, sealer=cipher)
    try:
        await upgrade_if_empty(db)
        lines = await ReviewQueries(db=db, cipher=cipher, clock=clock).audit_of(number=number)
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
