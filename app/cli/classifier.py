"""`kasuhara classifier train|show|list|use|rollback`: the learned engine's models.

`train` builds the shipped model from the labelled files in the repo; `train --with-verdicts` adds the
desk's decided cases (redacted, inside the desk's database) and stores a candidate there, made active only
if it passes its gate against the model in use (printed side by side).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

from app.cli.commands import Commands
from app.resources import open_service_database
from bot.classifier.evaluation import EvalDataError, LabelledItem
from bot.classifier.learned import desk_models
from bot.classifier.learned.corpus import DEFAULT_DATA, GATE_SETS, ROOT, training_files, training_items
from bot.classifier.learned.corpus import gate_sets as gate_sets_of
from bot.classifier.learned.engine import SHIPPED_MODEL
from bot.classifier.learned.model import LinearModel, ModelFileError
from bot.classifier.learned.promotion import side_by_side
from bot.classifier.learned.train import TrainingSettings, rules_digest, train
from bot.config import Settings
from bot.crypto import cipher_from
from bot.scheduling.retrain import retrain_inputs
from storage.migrate import upgrade_if_empty
from storage.repos import classifier_models


def _labelled(patterns: list[str] | tuple[str, ...]) -> tuple[list[Path], list[LabelledItem], int]:
    """The training files the patterns name (relative to the working directory when given, else to the
    repo), their items less those of the fresh sets, and how many were left out."""
    root = Path.cwd() if patterns is not DEFAULT_DATA else ROOT
    files = training_files(patterns, root)
    items, dropped = training_items(files, ROOT)
    if not items:
        raise EvalDataError("no labelled items in the given files")
    return files, items, dropped


def _train(args: argparse.Namespace) -> int:
    if args.with_verdicts:
        return asyncio.run(_train_with_verdicts(args))
    try:
        files, items, dropped = _labelled(args.data or DEFAULT_DATA)
    except (EvalDataError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        trained = train(items, TrainingSettings(version=args.version, c=args.c))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out or SHIPPED_MODEL)
    out.parent.mkdir(parents=True, exist_ok=True)
    data = trained.model.to_bytes()
    out.write_bytes(data)
    summary = {
        "model": str(out),
        "version": trained.model.version,
        "bytes": len(data),
        "files": [str(f.relative_to(ROOT)) if f.is_relative_to(ROOT) else str(f) for f in files],
        "items": len(items),
        "dropped_as_in_fresh_sets": dropped,
        "features": len(trained.model.vocabulary),
        "temperature": trained.model.temperature,
        "thresholds": trained.model.header["thresholds"],
        "k_fold": trained.model.header["k_fold"],
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 0


async def _train_with_verdicts(args: argparse.Namespace) -> int:
    if args.out:
        print("error: a model trained on the desk's cases stays in the database (no --out)", file=sys.stderr)
        return 2
    try:
        _, shipped, _ = _labelled(args.data or DEFAULT_DATA)
        gate_sets = gate_sets_of(args.gate or GATE_SETS)
    except (EvalDataError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    settings = Settings()
    cipher = cipher_from(settings)
    db = open_service_database(settings)
    try:
        await upgrade_if_empty(db)
        async with db.reader() as session:
            inputs = await retrain_inputs(session, cipher, base=args.version)
        corpus = inputs.corpus
        if not corpus.size:
            print("error: no decided cases with their words left to learn from", file=sys.stderr)
            return 2
        print(
            f"training {inputs.version} on {len(shipped)} shipped items and {len(corpus.train)} decided "
            f"cases ({len(corpus.holdout)} held out to judge it)...",
            file=sys.stderr,
        )
        job = inputs.job(shipped=shipped, gate_sets=gate_sets, settings=TrainingSettings(c=args.c))
        retrained = await asyncio.to_thread(job)
        async with db.transaction() as session:
            row = await desk_models.store(
                session,
                cipher,
                model=retrained.candidate,
                report=retrained.report,
                verdicts=corpus.size,
                actor=f"cli:{args.by}",
                now=args.clock.now(),
            )
            status = row.status
    except ModelFileError as exc:
        print(f"error: the model in use: {exc}", file=sys.stderr)
        return 2
    finally:
        await db.dispose()
    print(side_by_side(retrained.report))
    print(f"{inputs.version}: {status}")
    return 0


def _show(args: argparse.Namespace) -> int:
    try:
        model = LinearModel.load(Path(args.model))
    except ModelFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    header = {k: v for k, v in model.header.items() if k not in ("labels", "format")}
    shown = {"model": args.model, "features": len(model.vocabulary), **header}
    print(json.dumps(shown, ensure_ascii=False, indent=2))
    return 0


async def _list(args: argparse.Namespace) -> int:
    settings = Settings()
    db = open_service_database(settings)
    try:
        await upgrade_if_empty(db)
        async with db.reader() as session:
            rows = await classifier_models.all_models(session)
    finally:
        await db.dispose()
    digest = rules_digest()
    active = any(r.status == "active" and r.rules_digest == digest for r in rows)
    try:
        shipped = LinearModel.load(SHIPPED_MODEL).version
    except ModelFileError:
        shipped = "(missing)"
    print(f"{'version':<22} {'status':<10} {'verdicts':>8}  {'trained':<17} by")
    print(f"{shipped + ' (shipped)':<22} {'' if active else 'answers':<10} {'':>8}  {'':<17} make model")
    for row in rows:
        status = row.status if row.rules_digest == digest else f"{row.status}, other rules"
        print(
            f"{row.version:<22} {status:<10} {row.verdicts:>8}  {row.created_at:%Y-%m-%d %H:%M}  "
            f"{row.trained_by}"
        )
    return 0


async def _choose(args: argparse.Namespace) -> int:
    settings = Settings()
    db = open_service_database(settings)
    actor, now = f"cli:{args.by}", args.clock.now()
    try:
        await upgrade_if_empty(db)
        async with db.transaction() as session:
            if args.classifier_command == "use":
                before = await desk_models.use(session, args.version, actor=actor, now=now)
                print(f"{args.version} answers now (was {before})")
            else:
                back = await desk_models.rollback(session, actor=actor, now=now)
                print(f"{back} answers now")
    except desk_models.ModelChoiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        await db.dispose()
    return 0


def register(sub: Commands) -> None:
    """Add `classifier train|show|list|use|rollback` to the `kasuhara` parser."""
    group = sub.add_parser("classifier", help="the learned engine's models")
    commands = group.add_subparsers(dest="classifier_command", required=True)
    training = commands.add_parser(
        "train", help="train the model on labelled JSONL files (k-fold figures printed)"
    )
    training.add_argument(
        "--data", action="append", metavar="GLOB", help=f"default: {' '.join(DEFAULT_DATA)}"
    )
    training.add_argument(
        "--out", help=f"where the model goes (default: {SHIPPED_MODEL.name}, the shipped one)"
    )
    training.add_argument("--version", default=TrainingSettings.version)
    training.add_argument(
        "--c", type=float, default=TrainingSettings.c, help="inverse regularisation strength"
    )
    training.add_argument(
        "--with-verdicts",
        action="store_true",
        help="add the desk's decided cases; store a candidate, made active if it passes its gate",
    )
    training.add_argument(
        "--gate",
        action="append",
        metavar="GLOB",
        help=f"sets to judge it on (default: {' '.join(GATE_SETS)})",
    )
    training.add_argument("--by", default="admin", help="who trains it (audited)")
    training.set_defaults(func=_train)
    show = commands.add_parser("show", help="what a model was trained on, its thresholds and k-fold figures")
    show.add_argument("--model", default=str(SHIPPED_MODEL), help="default: the shipped one")
    show.set_defaults(func=_show)
    listing = commands.add_parser("list", help="the desk's stored models and the one that answers")
    listing.set_defaults(func=lambda a: asyncio.run(_list(a)))
    use = commands.add_parser("use", help="make a stored model (or `shipped`) the one that answers")
    use.add_argument("version")
    rollback = commands.add_parser("rollback", help="back to the model that answered before")
    for command in (use, rollback):
        command.add_argument("--by", required=True, help="who decides (audited)")
        command.set_defaults(func=lambda a: asyncio.run(_choose(a)))
