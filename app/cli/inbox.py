"""`kasuhara inbox list|show|retry`: inbound events kept for the admins (malformed, set aside, given up)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

from app.cli.commands import Commands
from app.resources import open_service_database
from bot.clock import Clock
from bot.config import Settings
from bot.crypto import cipher_from
from storage.db import Database
from storage.migrate import upgrade_if_empty
from storage.models import InboxEvent
from storage.repos import audit, inbox

WHY = {
    inbox.REJECTED: "did not fit LINE's event schema on intake; never processed",
    inbox.ASIDE: "set aside by the worker (an error a retry cannot fix, or over its time budget)",
    inbox.FAILED: "given up after retries",
}


async def _open() -> tuple[Settings, Database]:
    settings = Settings()
    db = open_service_database(settings)
    await upgrade_if_empty(db)
    return settings, db


async def _list(args: argparse.Namespace) -> int:
    _settings, db = await _open()
    try:
        async with db.inbox_reader() as session:
            counts = await inbox.set_aside_counts(session)
            rows = await inbox.set_aside_events(
                session, statuses=[args.status] if args.status else inbox.SET_ASIDE, limit=args.limit
            )
    finally:
        await db.dispose()
    print(", ".join(f"{status}: {counts.get(status, 0)}" for status in inbox.SET_ASIDE))
    for row in rows:
        print(
            f"#{row.id:<8} {row.status:<8} tenant {row.tenant_id:<4} {row.event_type:<12} "
            f"{row.received_at:%Y-%m-%d %H:%M:%S}Z  {row.last_error or ''}"
        )
    return 0


def shape_of(value: Any) -> Any:
    """The structure of a parsed event with its values left out (strings by length): no personal data."""
    if isinstance(value, dict):
        return {str(k): shape_of(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape_of(item) for item in value[:20]]
    if isinstance(value, str):
        return f"<string of {len(value)}>"
    return type(value).__name__


async def _show(args: argparse.Namespace) -> int:
    settings, db = await _open()
    try:
        async with db.inbox_reader() as session:
            row = await session.get(InboxEvent, args.id)
    finally:
        await db.dispose()
    if row is None:
        print(f"error: no inbox event #{args.id}", file=sys.stderr)
        return 1
    print(f"#{row.id} {row.status} ({WHY.get(row.status, 'in line or done')}): {row.last_error or '-'}")
    print(f"source {row.source}, tenant {row.tenant_id}, type {row.event_type}, attempts {row.attempts}")
    raw = cipher_from(settings).decrypt_bytes(row.payload_enc)
    try:
        event = json.loads(raw)
    except (ValueError, RecursionError):
        print(f"payload: {len(raw)} bytes that do not parse as JSON")
        return 0
    if args.raw:
        print("payload (may contain personal data: do not copy it elsewhere):")
        print(json.dumps(event, ensure_ascii=False, indent=2))
    else:
        print("payload shape (values left out; --raw prints them):")
        print(json.dumps(shape_of(event), ensure_ascii=False, indent=2))
    return 0


async def _retry(args: argparse.Namespace, clock: Clock) -> int:
    _settings, db = await _open()  # the requeue is audited (sealed)
    try:
        async with db.inbox_transaction() as session:
            row = await session.get(InboxEvent, args.id)
            status = row.status if row is not None else None
            if row is not None and status in (inbox.ASIDE, inbox.FAILED):
                await inbox.requeue(session, event_id=row.id)
        if status in (inbox.ASIDE, inbox.FAILED):
            async with db.transaction() as session:
                audit.record(
                    session,
                    at=clock.now(),
                    actor=f"cli:{args.by}",
                    action="inbox.requeued",
                    tenant_id=row.tenant_id if row is not None else None,
                    before={"status": status},
                    after={"inbox_id": args.id, "status": inbox.PENDING},
                )
    finally:
        await db.dispose()
    if status is None:
        print(f"error: no inbox event #{args.id}", file=sys.stderr)
        return 1
    if status not in (inbox.ASIDE, inbox.FAILED):
        reason = WHY.get(status, "it is not set aside")
        print(f"error: #{args.id} is {status} ({reason}): nothing to retry", file=sys.stderr)
        return 2
    print(f"#{args.id} is back in line; the worker takes it next")
    return 0


def register(sub: Commands) -> None:
    """Add `inbox` to the `kasuhara` parser."""
    parser = sub.add_parser(
        "inbox", help="inbound events kept for the admins (malformed, set aside, given up)"
    )
    commands = parser.add_subparsers(dest="inbox_command", required=True)
    listing = commands.add_parser("list", help="count and list them, newest first")
    listing.add_argument("--status", choices=inbox.SET_ASIDE)
    listing.add_argument("--limit", type=int, default=50)
    listing.set_defaults(func=lambda a: asyncio.run(_list(a)))
    show = commands.add_parser("show", help="one event: why it was kept, and its shape (or --raw)")
    show.add_argument("id", type=int)
    show.add_argument("--raw", action="store_true", help="print the event itself (personal data)")
    show.set_defaults(func=lambda a: asyncio.run(_show(a)))
    retry = commands.add_parser("retry", help="put a set-aside or given-up event back in line (audited)")
    retry.add_argument("id", type=int)
    retry.add_argument("--by", required=True, help="who asks (recorded in the audit log)")
    retry.set_defaults(func=lambda a: asyncio.run(_retry(a, a.clock)))
