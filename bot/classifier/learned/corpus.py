"""Which labelled files the shipped model learns from, and the rule that keeps the fresh sets unseen."""

from __future__ import annotations

import glob
from pathlib import Path

from bot.classifier.evaluation import EvalDataError, LabelledItem, load_labelled
from bot.config import CLASSIFIER_GATE_SETS, CLASSIFIER_TRAINING_DATA

ROOT = Path(__file__).resolve().parents[3]
# The training files and the gate's sets are settings (bot.config says what they hold); never trained on:
# the fresh evaluation sets under eval/fresh/, which no model may see before its first run on them.
DEFAULT_DATA = CLASSIFIER_TRAINING_DATA
GATE_SETS = CLASSIFIER_GATE_SETS
FRESH_SETS = "eval/fresh/**/*.jsonl"  # every round of them (eval/fresh/round2/...)


def training_files(patterns: list[str] | tuple[str, ...], root: Path = ROOT) -> list[Path]:
    """The files the patterns name (relative ones under `root`), sorted, without repeats; EvalDataError for
    a fresh evaluation set."""
    files = sorted({Path(p) for pattern in patterns for p in glob.glob(str(root / pattern), recursive=True)})
    fresh = [f for f in files if "fresh" in f.parts]
    if fresh:
        raise EvalDataError(f"{fresh[0]}: a fresh evaluation set is never trained on")
    return files


def training_items(files: list[Path], root: Path = ROOT) -> tuple[list[LabelledItem], int]:
    """The items of `files`, less any whose text also stands in a fresh evaluation set (a bare "test",
    say: it is left to the evaluation), and how many were left out."""
    items = [item for f in files for item in load_labelled(f)]
    unseen = {
        item.text.strip()
        for f in glob.glob(str(root / FRESH_SETS), recursive=True)
        for item in load_labelled(f)
    }
    kept = [item for item in items if item.text.strip() not in unseen]
    return kept, len(items) - len(kept)


def gate_sets(patterns: list[str] | tuple[str, ...], root: Path = ROOT) -> dict[str, list[LabelledItem]]:
    """One set per pattern (relative ones under `root`), named by the pattern; empty ones left out."""
    sets: dict[str, list[LabelledItem]] = {}
    for pattern in patterns:
        path = Path(pattern)
        files = sorted(glob.glob(str(path if path.is_absolute() else root / path), recursive=True))
        items = [item for f in files for item in load_labelled(f)]
        if items:
            sets[path.name if path.is_absolute() else pattern] = items
    return sets
