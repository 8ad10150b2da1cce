"""`kasuhara db upgrade`: the database schema."""

from __future__ import annotations

import asyncio

from app.cli.commands import Commands
from app.resources import open_service_database
from bot.config import Settings
from storage.migrate import upgrade


async def _upgrade() -> int:
    settings = Settings()
    db = open_service_database(settings)
    try:
        await upgrade(db)
    finally:
        await db.dispose()
    print("database is at the newest schema")
    return 0


def register(sub: Commands) -> None:
    """Add `db` to the `kasuhara` parser."""
    db = sub.add_parser("db", help="database schema")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="apply migrations").set_defaults(func=lambda a: asyncio.run(_upgrade()))
