"""`kasuhara`: serve, demo, db, tenants, keys."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

from bot import cli_classify, cli_inbox, cli_line, cli_privacy, cli_reports, cli_review
from bot.clock import Clock, SystemClock
from bot.config import ConfigError, Settings
from bot.crypto import cipher_from, generate_key
from bot.read_audit import audit_read
from bot.resources import open_service_database
from bot.tenant_sync import sync_tenants
from bot.tenants import TenantFileError, load_tenant_file
from storage.migrate import upgrade, upgrade_if_empty
from storage.repos import tenants as tenant_repo


def cmd_serve(args: argparse.Namespace) -> int:
    """Run the service on uvicorn."""
    import uvicorn
    import uvloop

    from bot.app import create_app
    from bot.runner import migrate_if_empty, run_worker, serve_all

    settings = Settings()
    settings.check_ready_to_serve()
    cipher_from(settings)  # fails early on malformed keys
    host, port = args.host or settings.host, args.port or settings.port
    if args.socket_mode:
        from bot.socket_mode import serve_socket_mode

        uvloop.run(serve_socket_mode(settings, host=host, port=port))
    elif args.role == "worker":
        uvloop.run(run_worker(settings, parent_pid=args.parent_pid))
    elif args.role == "all":
        uvloop.run(serve_all(settings, host=host, port=port))
    else:
        asyncio.run(migrate_if_empty(settings))
        app = create_app(settings, role="web")
        uvicorn.run(app, host=host, port=port, log_level=settings.log_level.lower(), access_log=False)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Run the end-to-end demo against the local sandbox."""
    from bot.demo import run_demo

    return asyncio.run(run_demo(keep=args.keep))


async def _db_upgrade() -> int:
    settings = Settings()
    db = open_service_database(settings)
    try:
        await upgrade(db)
    finally:
        await db.dispose()
    print("database is at the newest schema")
    return 0


async def _tenants_sync(path: str, clock: Clock) -> int:
    settings = Settings()
    specs = load_tenant_file(path)
    cipher = cipher_from(settings)
    db = open_service_database(settings)
    try:
        await upgrade_if_empty(db)
        async with db.session() as session:
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


async def _tenants_list() -> int:
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


async def _keys_rotate(clock: Clock) -> int:
    from bot.blobs import rotate_blobs
    from bot.key_rotation import rotate_all

    settings = Settings()
    db = open_service_database(settings)
    try:
        await upgrade_if_empty(db)
        values = await rotate_all(db, cipher_from(settings))
        blobs = await rotate_blobs(settings.blob_dir, cipher_from(settings))
        # Every sealed value was opened: audited like a read of personal data.
        after = {"values": values, "blobs": blobs}
        await audit_read(db, at=clock.now(), actor="cli", action="keys.rotated", after=after)
    finally:
        await db.dispose()
    print(f"re-encrypted {values + blobs} values under the newest key; the older keys may now be removed")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(prog="kasuhara", description="カスハラ対応代行窓口 bot")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser(
        "serve", help="run the service: web, worker, or all (a web process and a worker process; default)"
    )
    serve.add_argument("--role", choices=["web", "worker", "all"], default="all")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--parent-pid", type=int, help=argparse.SUPPRESS)
    serve.add_argument(
        "--socket-mode",
        action="store_true",
        help="development without a public URL: Slack over Socket Mode (needs SLACK_APP_TOKEN), one process",
    )
    serve.set_defaults(func=cmd_serve)

    demo = sub.add_parser("demo", help="run the end-to-end demo against the local sandbox")
    demo.add_argument("--keep", action="store_true", help="keep the demo database folder")
    demo.set_defaults(func=cmd_demo)

    db = sub.add_parser("db", help="database schema")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="apply migrations").set_defaults(
        func=lambda a: asyncio.run(_db_upgrade())
    )

    tenants = sub.add_parser("tenants", help="clients of the desk")
    t_sub = tenants.add_subparsers(dest="tenants_command", required=True)
    sync = t_sub.add_parser("sync", help="apply a tenants YAML file (all or nothing)")
    sync.add_argument("file")
    sync.set_defaults(func=lambda a: asyncio.run(_tenants_sync(a.file, a.clock)))
    t_sub.add_parser("list", help="list tenants").set_defaults(func=lambda a: asyncio.run(_tenants_list()))

    cli_classify.register(sub)
    cli_reports.register(sub)
    cli_review.register(sub)
    cli_line.register(sub)
    cli_inbox.register(sub)
    cli_privacy.register(sub)

    keys = sub.add_parser("keys", help="encryption keys")
    k_sub = keys.add_subparsers(dest="keys_command", required=True)
    k_sub.add_parser("generate", help="print a new key").set_defaults(
        func=lambda a: print(generate_key()) or 0
    )
    k_sub.add_parser("rotate", help="re-encrypt stored personal data under the newest key").set_defaults(
        func=lambda a: asyncio.run(_keys_rotate(a.clock))
    )
    return parser


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """Entry point; `clock` tells the commands the time (the machine's by default)."""
    args = build_parser().parse_args(argv)
    args.clock = clock or SystemClock()
    quiet = args.command == "demo"
    logging.basicConfig(
        level=logging.WARNING if quiet else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for noisy in ("httpx", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        return int(args.func(args) or 0)
    except (ConfigError, TenantFileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
