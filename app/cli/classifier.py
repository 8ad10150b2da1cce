"""`kasuhara classifier train|show`: the learned engine's model, built from the labelled files in the repo."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from app.cli.commands import Commands
from bot.classifier.evaluation import EvalDataError
from bot.classifier.learned.corpus import DEFAULT_DATA, ROOT, training_files, training_items
from bot.classifier.learned.engine import SHIPPED_MODEL
from bot.classifier.learned.model import LinearModel, ModelFileError
from bot.classifier.learned.train import TrainingSettings, train


def _train(args: argparse.Namespace) -> int:
    try:
        root = Path.cwd() if args.data else ROOT
        files = training_files(args.data or DEFAULT_DATA, root)
        items, dropped = training_items(files, ROOT)
    except (EvalDataError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not items:
        print("error: no labelled items in the given files", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        trained = train(items, TrainingSettings(version=args.version, c=args.c))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    data = trained.model.to_bytes()
    out.write_bytes(data)
    summary = {
        "model": str(out),
        "version": trained.model.version,
        "bytes": len(data),
        "files": [str(f.relative_to(root)) if f.is_relative_to(root) else str(f) for f in files],
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


def register(sub: Commands) -> None:
    """Add `classifier train` to the `kasuhara` parser."""
    group = sub.add_parser("classifier", help="the learned engine's model")
    commands = group.add_subparsers(dest="classifier_command", required=True)
    training = commands.add_parser(
        "train", help="train the model on labelled JSONL files (k-fold figures printed)"
    )
    training.add_argument(
        "--data", action="append", metavar="GLOB", help=f"default: {' '.join(DEFAULT_DATA)}"
    )
    training.add_argument(
        "--out", default=str(SHIPPED_MODEL), help="where the model goes (default: the shipped one)"
    )
    training.add_argument("--version", default=TrainingSettings.version)
    training.add_argument(
        "--c", type=float, default=TrainingSettings.c, help="inverse regularisation strength"
    )
    training.set_defaults(func=_train)
    show = commands.add_parser("show", help="what a model was trained on, its thresholds and k-fold figures")
    show.add_argument("--model", default=str(SHIPPED_MODEL), help="default: the shipped one")
    show.set_defaults(func=_show)
