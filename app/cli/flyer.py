"""`kasuhara flyer SLUG`: the PDF of a tenant's flyer (A4 for the shop wall, or a page of hand-out cards)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from app.cli.commands import Commands
from app.resources import open_service_database
from bot.config import Settings
from bot.flyer import LAYOUTS, FlyerContent, FlyerError, flyer_file_name, load_flyer_content, render_flyer
from bot.texts import Language
from storage.migrate import upgrade_if_empty


async def _content(slug: str, language: Language | None) -> FlyerContent:
    settings = Settings()
    db = open_service_database(settings)
    try:
        await upgrade_if_empty(db)
        async with db.reader() as session:
            return await load_flyer_content(
                session, slug=slug, base_url=settings.public_base_url, language=language
            )
    finally:
        await db.dispose()


def _flyer(args: argparse.Namespace) -> int:
    try:
        content = asyncio.run(_content(args.slug, args.lang))
    except FlyerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    data = render_flyer(content, layout=args.layout, created=args.clock.now())
    path = Path(args.output or flyer_file_name(content, args.layout))
    try:
        path.write_bytes(data)
    except OSError as exc:
        print(f"error: cannot write {path}: {exc}", file=sys.stderr)
        return 2
    print(path)
    return 0


def register(sub: Commands) -> None:
    """Add `flyer` to the `kasuhara` parser."""
    flyer = sub.add_parser(
        "flyer", help="write a tenant's flyer as PDF (its policy and ways in, with QR codes)"
    )
    flyer.add_argument("slug", metavar="SLUG", help="the tenant (see `kasuhara tenants list`)")
    flyer.add_argument(
        "-o", "--output", metavar="FILE", help="where to write it (default flyer-SLUG[-card][-en].pdf here)"
    )
    flyer.add_argument(
        "--lang", choices=("ja", "en"), help="the flyer's language (default: the tenant's language)"
    )
    flyer.add_argument(
        "--layout",
        choices=LAYOUTS,
        default="a4",
        help="a4: one page to hang in shops (default); card: 10 business cards (91 x 55 mm) to hand out",
    )
    flyer.set_defaults(func=_flyer)
