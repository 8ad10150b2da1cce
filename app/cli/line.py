"""`kasuhara line setup TENANT`: the complainant's rich menu on the tenant's LINE account."""

from __future__ import annotations

import asyncio
import mimetypes
from pathlib import Path

from app.cli.commands import Commands
from bot.config import ConfigError, Settings
from bot.crypto import cipher_from
from bot.tenants.rich_menu import setup_rich_menu
from handlers.line.richmenu import LineApiError, LineRichMenuApi
from storage.db import open_database
from storage.migrate import upgrade_if_empty
from storage.repos import tenants as tenant_repo


def register(sub: Commands) -> None:
    """Add the `line` command group."""
    line = sub.add_parser("line", help="the tenants' LINE official accounts")
    l_sub = line.add_subparsers(dest="line_command", required=True)
    setup = l_sub.add_parser(
        "setup", help="create the rich menu (file a complaint / how this works / English)"
    )
    setup.add_argument("tenant", help="the tenant's slug")
    setup.add_argument("--image", help="a 2500x843 PNG or JPEG for the menu (default: plain coloured bands)")
    setup.set_defaults(func=lambda a: asyncio.run(line_setup(a.tenant, image=a.image)))


async def line_setup(slug: str, *, image: str | None = None, settings: Settings | None = None) -> int:
    """Set up the tenant's rich menu idempotently; prints what changed."""
    settings = settings or Settings()
    cipher = cipher_from(settings)
    db = open_database(settings.database_url)
    try:
        await upgrade_if_empty(db)
        async with db.reader() as session:
            tenant = await tenant_repo.by_slug(session, slug=slug)
    finally:
        await db.dispose()
    if tenant is None or not tenant.active:
        raise ConfigError(f"no active tenant {slug!r} (see `kasuhara tenants list`)")
    if tenant.line_access_token_enc is None:
        raise ConfigError(f"tenant {slug!r} has no LINE account in the tenants file")
    picture, content_type = None, "image/png"
    if image:
        picture = await asyncio.to_thread(Path(image).read_bytes)
        content_type = mimetypes.guess_type(image)[0] or "image/png"
    api = LineRichMenuApi(
        base_url=settings.line_api_base_url,
        data_base_url=settings.line_data_api_base_url,
        token=cipher.decrypt(tenant.line_access_token_enc),
        timeout=settings.http_timeout_seconds,
    )
    try:
        result = await setup_rich_menu(
            api, language=tenant.language, image=picture, content_type=content_type
        )
    except LineApiError as exc:
        print(f"error: {exc}")
        return 1
    finally:
        await api.aclose()
    state = "created" if result.created else "already there"
    print(f"{slug}: rich menu {result.menu_id} {state}")
    if result.image_uploaded:
        print("  image uploaded")
    print("  set as the default menu" if result.default_set else "  already the default menu")
    for old in result.removed:
        print(f"  removed the older menu {old}")
    return 0
