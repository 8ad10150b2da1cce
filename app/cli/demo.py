"""`kasuhara demo`: the end-to-end demo against the local sandbox."""

from __future__ import annotations

import argparse
import asyncio

from app.cli.commands import Commands


def _demo(args: argparse.Namespace) -> int:
    from app.demo.story import run_demo

    return asyncio.run(run_demo(keep=args.keep))


def register(sub: Commands) -> None:
    """Add `demo` to the `kasuhara` parser."""
    demo = sub.add_parser("demo", help="run the end-to-end demo against the local sandbox")
    demo.add_argument("--keep", action="store_true", help="keep the demo database folder")
    demo.set_defaults(func=_demo)
