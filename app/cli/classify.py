"""`kasuhara classify` and `kasuhara eval`: the classifier on the command line."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import TextIO

from app.cli.commands import Commands
from bot.classifier.evaluation import EvalDataError, aclassify_jsonl, evaluate, format_report, load_labelled
from bot.classifier.fallback import build_classifier
from bot.classifier.learned.engine import load_learned
from bot.classifier.learned.model import ModelFileError
from bot.classifier.model import Assessment, Classifier
from bot.classifier.offline import OfflineClassifier
from bot.config import Settings
from handlers.llm.openai_chat import OpenAIChat

ENGINES = ("configured", "offline", "learned")


def _classifier(engine: str) -> Classifier:
    if engine == "offline":
        return OfflineClassifier()
    if engine == "learned":
        return load_learned()
    return build_classifier(Settings(), chat_factory=OpenAIChat)


def explain(assessment: Assessment) -> str:
    """Why the engine gave its label, in a few lines for a person."""
    lines = [f"label: {assessment.label} ({assessment.confidence:.2f}), engine {assessment.engine}"]
    if assessment.label == "threat":
        notice = "yes" if assessment.sends_threat_notice else "no (possible threat: reviewers only)"
        lines.append(f"threat notice to the complainant: {notice}")
    why = assessment.explanation
    if why is None:
        lines.append("(this engine gives no explanation)")
        return "\n".join(lines)
    lines.append(f"decided by: {why.branch}")
    lines.append("rules fired: " + (", ".join(why.rules) or "none"))
    if why.probabilities:
        lines.append("model: " + ", ".join(f"{k} {v:.3f}" for k, v in why.probabilities.items()))
    if why.features:
        lines.append("features that pushed most: " + "; ".join(why.features))
    if assessment.evidence:
        lines.append("evidence: " + " / ".join(assessment.evidence))
    return "\n".join(lines)


async def _close(classifier: Classifier) -> None:
    closer = getattr(classifier, "aclose", None)
    if closer is not None:
        await closer()


def _open_lines(name: str) -> TextIO:
    # Invalid UTF-8 from a form becomes U+FFFD and still gets an answer.
    if name == "-":
        return sys.stdin
    return Path(name).open(encoding="utf-8", errors="replace")


async def _classify(args: argparse.Namespace) -> int:
    try:
        classifier = _classifier(args.engine)
    except ModelFileError as exc:
        print(f"error: the learned model: {exc}", file=sys.stderr)
        return 2
    try:
        if args.jsonl:
            with _open_lines(args.jsonl) as stream:
                async for output in aclassify_jsonl(classifier, stream, args.language):
                    print(json.dumps(output, ensure_ascii=False), flush=True)
            return 0
        if args.text is None:
            print("error: give TEXT or --jsonl FILE", file=sys.stderr)
            return 2
        assessment = await classifier.assess(args.text, language=args.language)
        if args.explain:
            print(explain(assessment))
        else:
            print(json.dumps(assessment.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return 0
    finally:
        await _close(classifier)


async def _eval(args: argparse.Namespace) -> int:
    try:
        items = load_labelled(args.file)
    except (EvalDataError, OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        classifier = _classifier(args.engine)
    except ModelFileError as exc:
        print(f"error: the learned model: {exc}", file=sys.stderr)
        return 2
    try:
        report = await evaluate(classifier, items, language=args.language)
    finally:
        await _close(classifier)
    print(format_report(report))
    return 0


def register(sub: Commands) -> None:
    """Add the two commands to the `kasuhara` parser."""
    classify = sub.add_parser("classify", help="suggest a classification for a text (or a JSONL file)")
    classify.add_argument("text", nargs="?")
    classify.add_argument("--jsonl", metavar="FILE", help='lines of {"id", "text"}; "-" reads stdin')
    classify.add_argument("--language", choices=["ja", "en"], default="ja", help="the tenant's language")
    classify.add_argument("--engine", choices=ENGINES, default="configured")
    classify.add_argument("--explain", action="store_true", help="say why: branch, rules, model features")
    classify.set_defaults(func=lambda a: asyncio.run(_classify(a)))

    evaluation = sub.add_parser("eval", help="score the classifier on labelled JSONL lines {id, text, label}")
    evaluation.add_argument("file")
    evaluation.add_argument("--language", choices=["ja", "en"], help="default: each item's own lang")
    evaluation.add_argument("--engine", choices=ENGINES, default="configured")
    evaluation.set_defaults(func=lambda a: asyncio.run(_eval(a)))
