"""Evaluation of a classifier on labelled JSONL, and batch classification of JSONL (for the CLI)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from bot.classifier.model import LABELS, Assessment, Classifier, Label

TEXT_PREVIEW = 60


class EvalDataError(ValueError):
    """A labelled file that cannot be read; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class LabelledItem:
    """One labelled text: {"id", "text", "label", "lang", "note"} (lang: ja, en or mixed)."""

    id: str
    text: str
    label: Label
    lang: str = "ja"
    note: str = ""
    # Who wrote it, where that matters: a complainant of the desk's own cases (see learned.train.vocabulary).
    writer: str = ""

    @property
    def tenant_language(self) -> str:
        """The language of the tenant the text would reach (a mixed text reaches a Japanese one)."""
        return "en" if self.lang == "en" else "ja"


@dataclass(frozen=True, slots=True)
class LabelScores:
    """Precision, recall and F1 of one label."""

    label: Label
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True, slots=True)
class Misclassified:
    """An item whose predicted label differs from its expected one."""

    id: str
    expected: Label
    predicted: Label
    confidence: float
    text: str
    note: str


@dataclass
class EvalReport:
    """Scores of one classifier on one labelled set."""

    engine: str
    total: int
    correct: int
    per_label: dict[Label, LabelScores]
    confusion: dict[Label, dict[Label, int]]  # expected → predicted → count
    misclassified: list[Misclassified] = field(default_factory=list)
    seconds: float = 0.0
    # Threat items, and benign (legitimate or out-of-scope) ones, that would get the fixed threat notice:
    # the stricter rule the learned engine keeps for it (the rules send it with every threat).
    threat_notices: int = 0
    benign_notices: int = 0

    @property
    def notice_recall(self) -> float:
        """Share of the threats that would get the notice."""
        support = self.per_label["threat"].support
        return self.threat_notices / support if support else 0.0

    @property
    def accuracy(self) -> float:
        """Share of items labelled as expected."""
        return self.correct / self.total if self.total else 0.0

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the labels present in the set or in the predictions."""
        scores = [s.f1 for s in self.per_label.values() if s.support or s.precision]
        return sum(scores) / len(scores) if scores else 0.0

    @property
    def false_threats(self) -> int:
        """Legitimate or out-of-scope items labelled threat (must be none)."""
        return self.confusion["legitimate"]["threat"] + self.confusion["out_of_scope"]["threat"]


def _parse_line(raw: str, where: str) -> LabelledItem:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise EvalDataError(f"{where}: invalid JSON ({exc.msg})") from None
    if not isinstance(obj, dict):
        raise EvalDataError(f"{where}: expected a JSON object")
    missing = [k for k in ("id", "text", "label") if k not in obj]
    if missing:
        raise EvalDataError(f"{where}: missing {', '.join(missing)}")
    if not isinstance(obj["text"], str):
        raise EvalDataError(f"{where}: text must be a string")
    if obj["label"] not in LABELS:
        raise EvalDataError(f"{where}: label {obj['label']!r} is not one of {', '.join(LABELS)}")
    lang = obj.get("lang", "ja")
    if lang not in ("ja", "en", "mixed"):
        raise EvalDataError(f"{where}: lang must be ja, en or mixed")
    return LabelledItem(
        id=str(obj["id"]),
        text=obj["text"],
        label=cast(Label, obj["label"]),
        lang=lang,
        note=str(obj.get("note", "")),
    )


def load_labelled(path: str | Path) -> list[LabelledItem]:
    """The items of a labelled JSONL file; EvalDataError names the line of the first bad one."""
    path = Path(path)
    items: list[LabelledItem] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            item = _parse_line(raw, f"{path}:{lineno}")
            if item.id in seen:
                raise EvalDataError(f"{path}:{lineno}: duplicate id {item.id!r}")
            seen.add(item.id)
            items.append(item)
    return items


def _scores(label: Label, confusion: dict[Label, dict[Label, int]]) -> LabelScores:
    tp = confusion[label][label]
    predicted = sum(confusion[e][label] for e in LABELS)
    support = sum(confusion[label].values())
    precision = tp / predicted if predicted else 0.0
    recall = tp / support if support else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return LabelScores(label, precision, recall, f1, support)


def score(
    pairs: Iterable[tuple[LabelledItem, Assessment]], *, engine: str = "", seconds: float = 0.0
) -> EvalReport:
    """The report for (item, assessment) pairs."""
    confusion: dict[Label, dict[Label, int]] = {e: dict.fromkeys(LABELS, 0) for e in LABELS}
    wrong: list[Misclassified] = []
    total = correct = threat_notices = benign_notices = 0
    for item, assessment in pairs:
        total += 1
        if assessment.sends_threat_notice:
            threat_notices += item.label == "threat"
            benign_notices += item.label in ("legitimate", "out_of_scope")
        confusion[item.label][assessment.label] += 1
        engine = engine or assessment.engine
        if assessment.label == item.label:
            correct += 1
        else:
            wrong.append(
                Misclassified(
                    item.id, item.label, assessment.label, assessment.confidence, item.text, item.note
                )
            )
    per_label = {label: _scores(label, confusion) for label in LABELS}
    return EvalReport(
        engine, total, correct, per_label, confusion, wrong, seconds, threat_notices, benign_notices
    )


async def evaluate(
    classifier: Classifier, items: Iterable[LabelledItem], *, language: str | None = None
) -> EvalReport:
    """Run `classifier` on every item (tenant language: `language`, else the item's lang) and score it."""
    pairs: list[tuple[LabelledItem, Assessment]] = []
    started = time.perf_counter()
    for item in items:
        pairs.append((item, await classifier.assess(item.text, language=language or item.tenant_language)))
    return score(pairs, seconds=time.perf_counter() - started)


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    flat = "".join(ch if ch.isprintable() else "?" for ch in flat)
    return flat if len(flat) <= TEXT_PREVIEW else flat[: TEXT_PREVIEW - 1] + "…"


def format_report(report: EvalReport) -> str:
    """A plain-text table of the report."""
    short = {"legitimate": "legit", "harassment": "harass", "threat": "threat", "out_of_scope": "oos"}
    lines = [
        f"engine: {report.engine or '?'}   items: {report.total}   accuracy: {report.accuracy:.3f}   "
        f"macro-F1: {report.macro_f1:.3f}",
        f"threat recall: {report.per_label['threat'].recall:.3f} "
        f"(with the notice: {report.notice_recall:.3f})   "
        f"legitimate/out_of_scope labelled threat: {report.false_threats} "
        f"(with the notice: {report.benign_notices})",
        "",
        f"{'label':<14}{'precision':>10}{'recall':>9}{'F1':>8}{'support':>9}",
    ]
    for s in report.per_label.values():
        lines.append(f"{s.label:<14}{s.precision:>10.3f}{s.recall:>9.3f}{s.f1:>8.3f}{s.support:>9d}")
    lines += ["", "confusion (rows: expected, columns: predicted)"]
    lines.append(f"{'':<14}" + "".join(f"{short[p]:>8}" for p in LABELS))
    for e in LABELS:
        lines.append(f"{e:<14}" + "".join(f"{report.confusion[e][p]:>8d}" for p in LABELS))
    if report.seconds:
        rate = report.total / report.seconds if report.seconds else 0.0
        lines += ["", f"time: {report.seconds:.3f} s ({rate:,.0f} items/s)"]
    if report.misclassified:
        lines += ["", f"misclassified ({len(report.misclassified)}):"]
        for m in report.misclassified:
            lines.append(
                f"  {m.id:<8} expected {short[m.expected]:<7} got {short[m.predicted]:<7} "
                f"conf {m.confidence:.2f}  {_preview(m.text)}"
            )
    return "\n".join(lines)


def _request(raw: str | bytes, lineno: int, language: str) -> tuple[Any, str, str] | dict[str, Any] | None:
    """(id, text, language) of one input line, an error output dict, or None for a blank line."""
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    if not raw.strip():
        return None
    fallback_id = f"line-{lineno}"
    try:
        obj = json.loads(raw)
    except (json.JSONDecodeError, RecursionError) as exc:
        return {
            "id": fallback_id,
            "error": f"line {lineno}: invalid JSON ({getattr(exc, 'msg', 'too deep')})",
        }
    if not isinstance(obj, dict):
        return {"id": fallback_id, "error": f"line {lineno}: expected a JSON object with a text field"}
    item_id = obj.get("id", fallback_id)
    if not isinstance(item_id, str | int) or isinstance(item_id, bool):
        item_id = fallback_id
    text = obj.get("text")
    if not isinstance(text, str):
        return {"id": item_id, "error": f"line {lineno}: text must be a string"}
    lang = obj.get("language")
    return item_id, text, lang if isinstance(lang, str) else language


def _output(item_id: Any, assessment: Assessment) -> dict[str, Any]:
    return {
        "id": item_id,
        "label": assessment.label,
        "types": list(assessment.types),
        "confidence": assessment.confidence,
        "engine": assessment.engine,
    }


async def aclassify_jsonl(
    classifier: Classifier, in_lines: Iterable[str | bytes], language: str
) -> AsyncIterator[dict[str, Any]]:
    """Async form of `classify_jsonl`, for callers already inside an event loop."""
    for lineno, raw in enumerate(in_lines, 1):
        request = _request(raw, lineno, language)
        if request is None:
            continue
        if isinstance(request, dict):
            yield request
            continue
        item_id, text, lang = request
        try:
            assessment = await classifier.assess(text, language=lang)
        except Exception as exc:  # an engine failure on one line must not stop the batch
            yield {"id": item_id, "error": f"line {lineno}: classifier failed ({type(exc).__name__})"}
            continue
        yield _output(item_id, assessment)


def classify_jsonl(
    classifier: Classifier, in_lines: Iterable[str | bytes], language: str
) -> Iterator[dict[str, Any]]:
    """One output dict {"id","label","types","confidence","engine"} per input line {"id","text"}.

    A bad input line gives {"id", "error"} instead. Runs its own event loop, so call it from synchronous
    code (use `aclassify_jsonl` inside a running loop).
    """
    loop = asyncio.new_event_loop()
    try:
        agen = aclassify_jsonl(classifier, in_lines, language)
        while True:
            try:
                yield loop.run_until_complete(agen.__anext__())
            except StopAsyncIteration:
                break
    finally:
        loop.close()


def main(argv: list[str] | None = None) -> int:
    """`python -m bot.classifier.evaluation FILE...`: the offline engine's report on labelled files."""
    import argparse

    from bot.classifier.offline import OfflineClassifier

    parser = argparse.ArgumentParser(description="Evaluate the offline classifier on labelled JSONL files.")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument(
        "--language", choices=("ja", "en"), help="tenant language (default: each item's lang)"
    )
    args = parser.parse_args(argv)
    for path in args.files:
        try:
            items = load_labelled(path)
        except (OSError, EvalDataError) as exc:
            print(f"{path}: {exc}")
            return 2
        print(f"== {path}")
        print(format_report(asyncio.run(evaluate(OfflineClassifier(), items, language=args.language))))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
