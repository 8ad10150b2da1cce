"""`kasuhara tenants sync FILE` and `kasuhara tenants list`: the clients of the desk."""

from __future__ import annotations

import asyncio

from app.cli.commands import Commands
from app.resources import open_service_database
from bot.clock import Clock
from bot.config import Settings
from bot.crypto import cipher_from
from bot.tenants.file import load_tenant_file
from bot.tenants.sync import sync_tenants
from storage.migrate import upgrade_if_empty
from storage.repos import tenants as tenant_repo


async def _sync(path: str, clock: Clock) -> int:
    settings = Settings()
    specs = load_tenant_file(path)
    cipher = cipher_from(settings)
    db = open_service_database(settings)
    try:
        await upgrade_if_empty(db)
        async with db.transaction() as session:
            summary = await sync_tenants(session, specs=specs, cipher=cipher, now=clock.now(), actor="cli")
    finally:
        await db.dispose()
    for label, slugs in (
        ("created", summary.created),
        ("updated", summary.updated),
        ("unchanged", summary.unchanged),
        ("deactivated", summary.deactivated),
    ):
        if slugs:
            print(f"{label}: {', '.join(slugs)}")
    return 0


async def _list() -> int:
    settings = Settings()
    db = open_service_database(settings)
    try:
        await upgrade_if_empty(db)
        async with db.reader() as session:
            tenants = await tenant_repo.all_tenants(session)
    finally:
        await db.dispose()
    if not tenants:
        print("no tenants (apply a file with `kasuhara tenants sync FILE`)")
        return 0
    print(f"{'slug':<24} {'name':<24} {'lang':<4} {'LINE':<12} {'contract':<23} {'reports':<20} active")
    for t in tenants:
        contract = f"{t.contract_start}..{t.contract_end}" if t.contract_start else "-"
        reports = ",".join(t.report_channels or []) or "-"
        webhook = f"/line/webhook/{t.slug}" if t.line_channel_id else "-"
        print(
            f"{t.slug:<24} {t.name:<24} {t.language:<4} {t.line_channel_id or '-':<12} {contract:<23} "
            f"{reports:<20} {'yes' if t.active else 'no'}  {webhook}"
        )
    return 0


def register(sub: Commands) -> None:
    """Add `tenants` to the `kasuhara` parser."""
    tenants = sub.add_parser("tenants", help="clients of the desk")
    t_sub = tenants.add_subparsers(dest="tenants_command", required=True)
    sync = t_sub.add_parser("sync", help="apply a tenants YAML file (all or nothing)")
    sync.add_argument("file")
    sync.set_defaults(func=lambda a: asyncio.run(_sync(a.file, a.clock)))
    t_sub.add_parser("list", help="list tenants").set_defaults(func=lambda a: asyncio.run(_list()))
