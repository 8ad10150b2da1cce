"""`kasuhara keys generate` and `kasuhara keys rotate`: the encryption keys of personal data."""

from __future__ import annotations

import asyncio

from app.cli.commands import Commands
from app.resources import open_service_database
from bot.blobs import rotate_blobs
from bot.clock import Clock
from bot.config import Settings
from bot.crypto import cipher_from, generate_key
from bot.privacy.key_rotation import rotate_all
from bot.privacy.read_audit import audit_read
from storage.migrate import upgrade_if_empty


async def _rotate(clock: Clock) -> int:
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


def register(sub: Commands) -> None:
    """Add `keys` to the `kasuhara` parser."""
    keys = sub.add_parser("keys", help="encryption keys")
    k_sub = keys.add_subparsers(dest="keys_command", required=True)
    k_sub.add_parser("generate", help="print a new key").set_defaults(
        func=lambda a: print(generate_key()) or 0
    )
    k_sub.add_parser("rotate", help="re-encrypt stored personal data under the newest key").set_defaults(
        func=lambda a: asyncio.run(_rotate(a.clock))
    )
