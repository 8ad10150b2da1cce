"""`kasuhara audit CASE` (a case's audit trail, the read audited) and `kasuhara audit verify` (the chains)."""

from __future__ import annotations

import argparse
import asyncio
import sys

from app.cli.commands import Commands
from app.resources import open_service_database
from bot.cases.numbers import parse_case_number
from bot.clock import Clock
from bot.config import ConfigError, Settings
from bot.crypto import cipher_from
from bot.review.queries import ReviewQueries
from storage.audit_verify import ChainCheck, verify_chains
from storage.migrate import upgrade_if_empty
from storage.repos import tenants as tenant_repo

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
        queries = ReviewQueries(db=db, clock=clock, cipher=cipher_from(settings))
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


def _chain_title(check: ChainCheck, slugs: dict[int, str]) -> str:
    if check.tenant_id is None:
        return "desk (entries of no tenant)"
    return f"tenant {slugs.get(check.tenant_id, '?')} (id {check.tenant_id})"


def _verdict(check: ChainCheck) -> str:
    broken = check.broken
    if broken is None:
        return f"intact, {check.entries} entries, last hash {check.last_hash[:16]}"
    where = f"entry {broken.entry_id} (seq {broken.seq})" if broken.entry_id is not None else "its end"
    return f"BROKEN at {where}: {broken.problem}"


async def _verify(slug: str | None) -> int:
    settings = Settings()
    db = open_service_database(settings)
    try:
        if db.audit_key is None:
            raise ConfigError("PII_HASH_KEY is not set (the audit chains are keyed with it)")
        if db.sealer is None:
            raise ConfigError("PII_ENCRYPTION_KEYS is not set (the chained values are sealed with it)")
        await upgrade_if_empty(db)
        async with db.snapshot() as session:
            slugs = {t.id: t.slug for t in await tenant_repo.all_tenants(session)}
            tenant_id = next((i for i, s in slugs.items() if s == slug), None)
            if slug is not None and tenant_id is None:
                raise ConfigError(f"no tenant with slug {slug!r} (see `kasuhara tenants list`)")
            checks = await verify_chains(session, key=db.audit_key, tenant_id=tenant_id)
    finally:
        await db.dispose()
    for check in checks:
        print(f"{_chain_title(check, slugs)}: {_verdict(check)}")
    broken = sum(1 for c in checks if c.broken is not None)
    entries = sum(c.entries for c in checks)
    if broken:
        print(f"audit log NOT intact: {broken} of {len(checks)} chains broken ({entries} entries)")
        return 1
    print(f"audit log intact: {len(checks)} chains, {entries} entries")
    return 0


def _run(args: argparse.Namespace) -> int:
    if args.case.lower() == "verify":
        return asyncio.run(_verify(args.tenant))
    if args.tenant is not None:
        print("error: --tenant goes with `kasuhara audit verify`", file=sys.stderr)
        return 2
    return asyncio.run(_audit(args.case, args.clock))


def register(sub: Commands) -> None:
    """Add `audit` to the `kasuhara` parser."""
    audit = sub.add_parser(
        "audit",
        help="print a case's audit trail (who, what, when, before → after), or verify the hash chains",
        usage="kasuhara audit CASE | kasuhara audit verify [--tenant SLUG]",
    )
    audit.add_argument("case", help="case number, e.g. KH-2026-000123 or 2026-123, or `verify`")
    audit.add_argument("--tenant", metavar="SLUG", help="with `verify`: only this tenant's chain")
    audit.set_defaults(func=_run)
