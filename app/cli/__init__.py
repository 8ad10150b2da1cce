"""`kasuhara`, the command line: one module per command group, each adding its commands with `register`."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from app.cli import (
    audit,
    classifier,
    classify,
    db,
    demo,
    flyer,
    inbox,
    keys,
    line,
    privacy,
    reports,
    serve,
    tenants,
)
from bot.clock import Clock, SystemClock
from bot.config import ConfigError
from bot.tenants.file import TenantFileError

# In the order `kasuhara --help` lists them.
GROUPS = (serve, demo, db, tenants, flyer, classify, classifier, reports, audit, line, inbox, privacy, keys)


def build_parser() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(prog="kasuhara", description="カスハラ対応代行窓口 bot")
    sub = parser.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.register(sub)
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
