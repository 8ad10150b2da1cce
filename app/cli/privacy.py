"""`kasuhara privacy export|erase CASE [--complainant]`: a complainant's disclosure and deletion requests."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from app.cli.commands import Commands
from app.resources import open_service_database
from bot.blobs import LocalBlobStore
from bot.config import Settings
from bot.crypto import cipher_from
from bot.privacy.pdf import render_subject_pdf
from bot.privacy.requests import PrivacyError, cases_in_scope, erase, subject_data
from bot.privacy.retention import Purger
from storage.migrate import upgrade_if_empty
from storage.repos import audit


def register(sub: Commands) -> None:
    """The `privacy` command group."""
    privacy = sub.add_parser("privacy", help="a complainant's disclosure and deletion requests")
    p_sub = privacy.add_subparsers(dest="privacy_command", required=True)
    export = p_sub.add_parser("export", help="write everything held about a complainant (JSON and PDF)")
    erase_cmd = p_sub.add_parser("erase", help="erase a complainant's data as the retention purge does")
    for command in (export, erase_cmd):
        command.add_argument("case", help="case number, e.g. KH-2026-000123")
        command.add_argument("--complainant", action="store_true", help="every case of its complainant")
        command.add_argument("--by", required=True, help="who handles the request (audited)")
    export.add_argument("--out", required=True, type=Path, help="folder for the JSON and PDF files")
    export.set_defaults(func=lambda a: asyncio.run(_export(a)))
    erase_cmd.set_defaults(func=lambda a: asyncio.run(_erase(a)))


async def _export(args: argparse.Namespace) -> int:
    settings = Settings()
    cipher = cipher_from(settings)
    db = open_service_database(settings)
    now = args.clock.now()
    try:
        await upgrade_if_empty(db)
        async with db.transaction() as session:  # the read is audited in the same transaction
            cases = await cases_in_scope(session, number=args.case, whole_complainant=args.complainant)
            data = await subject_data(session, cipher, cases)
            for case in cases:
                audit.record(
                    session,
                    at=now,
                    actor=f"cli:{args.by}",
                    action="privacy.exported",
                    tenant_id=case.tenant_id,
                    case_id=case.id,
                    after={"request": args.case, "cases": len(cases)},
                )
    except PrivacyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        await db.dispose()
    args.out.mkdir(parents=True, exist_ok=True)
    stem = args.out / f"privacy-{args.case}"
    stem.with_suffix(".json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    stem.with_suffix(".pdf").write_bytes(render_subject_pdf(data, generated_at=now.isoformat()))
    print(f"wrote {stem}.json and {stem}.pdf ({len(data['cases'])} cases)")
    return 0


async def _erase(args: argparse.Namespace) -> int:
    settings = Settings()
    cipher = cipher_from(settings)
    purger = Purger(cipher=cipher, settings=settings, blobs=LocalBlobStore(settings.blob_dir, cipher))
    db = open_service_database(settings)
    try:
        await upgrade_if_empty(db)
        async with db.transaction() as session:
            cases = await cases_in_scope(session, number=args.case, whole_complainant=args.complainant)
            counts = await erase(session, purger, cases, now=args.clock.now(), actor=f"cli:{args.by}")
    except PrivacyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        await db.dispose()
    print("erased: " + ", ".join(f"{name} {count}" for name, count in counts.items()))
    return 0
