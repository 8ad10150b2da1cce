"""Rules (one compiled pattern each) and the hits they produce on a normalised text."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any

from bot.classifier.normalize import fold_pattern

# A text that repeats one word thousands of times must not cost thousands of context checks.
MAX_HITS_PER_RULE = 6


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern in the normalised alphabet, what it signals and how much it weighs."""

    name: str
    category: str  # "threat", a BehaviourType, "problem", "demand", "topic" or "oos"
    kind: str  # threat kind (life, body, ...), topic key, demand key or out-of-scope kind
    regex: re.Pattern[str]
    weight: float = 1.0
    contextual: bool = True  # subject to quotation / negation / idiom checks
    script: str = "ja"  # "ja": needs Japanese in the text, "en": needs Latin letters, "any"
    gate: frozenset[str] | None = None  # every match contains one of these characters (None: unknown)


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's match at normalised positions [start, end)."""

    rule: Rule
    start: int
    end: int


def rule(
    name: str,
    category: str,
    kind: str,
    pattern: str,
    weight: float = 1.0,
    *,
    contextual: bool = True,
    script: str | None = None,
) -> Rule:
    """A rule whose `pattern` may use katakana and ー (folded like the text is); `*_en` rules are English."""
    if script is None:
        script = "en" if name.endswith("_en") else "ja"
    folded = fold_pattern(pattern)
    return Rule(name, category, kind, re.compile(folded), weight, contextual, script, required_chars(folded))


# Gates: most rules cannot match most texts, and a set intersection is far cheaper than a regex scan.
# The parser is CPython's own (re._parser); whatever it returns that is not understood gives no gate,
# so a gate can only skip a rule that could not have matched.
try:
    _PARSER: Any = importlib.import_module("re._parser")
    _OPS: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - other Python implementations
    _PARSER = _OPS = None
_COMMON = frozenset("etaoinsrhl のにをはがてたしいるとかなですんっまらりれくこもうあよけだつ")


def _cost(chars: frozenset[str]) -> float:
    return sum(1.0 if c in _COMMON else 0.3 if c.isascii() else 0.05 for c in chars)


def _must(items: Any) -> frozenset[str] | None:
    """Characters one of which every match of the sequence `items` contains (the rarest such set)."""
    best: frozenset[str] | None = None
    for op, av in items:
        found = _must_node(op, av)
        if found is not None and (best is None or _cost(found) < _cost(best)):
            best = found
    return best


def _must_node(op: Any, av: Any) -> frozenset[str] | None:
    if op is _OPS.LITERAL:
        return frozenset(chr(av))
    if op is _OPS.IN:
        chars: set[str] = set()
        for item_op, item_av in av:
            if item_op is _OPS.LITERAL:
                chars.add(chr(item_av))
            elif item_op is _OPS.RANGE and item_av[1] - item_av[0] < 64:
                chars.update(chr(x) for x in range(item_av[0], item_av[1] + 1))
            else:
                return None
        return frozenset(chars)
    if op is _OPS.SUBPATTERN:
        return _must(av[-1])
    if op is _OPS.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _must(branch)
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if op in (_OPS.MAX_REPEAT, _OPS.MIN_REPEAT):
        low, _, item = av
        return _must(item) if low >= 1 else None
    return None  # assertions, anchors, categories, any: no requirement


def required_chars(pattern: str) -> frozenset[str] | None:
    """Characters one of which any match of `pattern` must contain, or None when unknown."""
    if _PARSER is None:
        return None
    try:
        return _must(_PARSER.parse(pattern))
    except Exception:
        return None


_JAPANESE = re.compile(r"[\u3005\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[a-z]")


def scripts(text: str) -> frozenset[str]:
    """The scripts whose rules can match `text`: any, plus ja and/or en."""
    found = {"any"}
    if _JAPANESE.search(text):
        found.add("ja")
    if _LATIN.search(text):
        found.add("en")
    return frozenset(found)


def scan(rules: tuple[Rule, ...], text: str, present: frozenset[str] | None = None) -> list[Hit]:
    """Every rule's hits on `text` (at most MAX_HITS_PER_RULE each), in rule order.

    Rules for a script absent from the text are skipped (`present`, see `scripts`): most texts are
    in one language, so this halves the work.
    """
    if present is None:
        present = scripts(text)
    chars = frozenset(text)
    hits: list[Hit] = []
    for r in rules:
        if r.script not in present or (r.gate is not None and r.gate.isdisjoint(chars)):
            continue
        count = 0
        for m in r.regex.finditer(text):
            if m.end() > m.start():
                hits.append(Hit(r, m.start(), m.end()))
                count += 1
                if count >= MAX_HITS_PER_RULE:
                    break
    return hits


def threat_rule(
    name: str, kind: str, pattern: str, weight: float = 1.0, *, script: str | None = None
) -> Rule:
    """A threat rule of `kind` (life, body, freedom, honour, property, extortion, family)."""
    return rule(name, "threat", kind, pattern, weight, script=script)


def cue(name: str, category: str, pattern: str, weight: float = 1.0, *, kind: str | None = None) -> Rule:
    """A harassment cue: its kind is its own name, or the rule it was split from (`kind`)."""
    return rule(name, category, kind or name, pattern, weight)
