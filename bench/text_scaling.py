"""How the cost of reading complainant text grows with its length: every entry point, and every pattern.

    .venv/bin/python -m bench.text_scaling [--max-chars N] [--budget S] [--all] [--entry-only | --probe-only]

Part 1 times each public entry point that reads complainant text (the dialogue extractors, the progress
question, the commands, the classifier's normalisation and redaction, the offline engine) on adversarial
texts at sizes growing 4x at a time (1 Ki to 1 Mi characters; a case stops growing once one call costs
more than the budget) and prints the time per size and the ratio per 4x. A linear cost gives about 4.

Part 2 walks every module under `bot/`, collects each compiled pattern (module globals, the patterns held
in lists, tuples, dicts and rule objects, and the literal patterns of `re.search(...)`-style calls inside
functions), builds adversarial strings from the pattern's own literals and character sets, and times the
pattern as the code uses it (finditer, capped as `scan` caps it for rules, or match where it is only ever
matched at a position) at 1,000 and 4,000 characters, and over two steps to 16,000 when that looks
superlinear.

Times are the CPU time of this process (other processes share the machine), the best of several runs,
and a superlinear step is measured again before it counts. A single step up to ISOLATED_JUMP next to a
linear one is the text outgrowing a cache of the machine (it happens once, at one size), and a step to
under ENTRY_FLOOR says nothing; quadratic growth gives about 16 at every step.

A measurement, not a test: it prints tables and exits 1 if anything grows superlinearly (a ratio over
SUPERLINEAR per 4x), so it can gate a `make` target. Timings are never asserted in pytest.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import functools
import importlib
import inspect
import json
import math
import pkgutil
import re
import signal
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

SUPERLINEAR = 6.0  # per 4x length; linear is ~4, quadratic ~16
ENTRY_FLOOR = 0.001  # s: a step to a time under this says nothing (see `Measured.worst_at`)
ISOLATED_JUMP = 10.0  # a single step above SUPERLINEAR but below this may be a cache (see `counts`)
SIZES = (1024, 4096, 16_384, 65_536, 262_144, 1_048_576)
MIN_SIZES = 3  # every case is measured at 1 Ki, 4 Ki and 16 Ki whatever the budget
CALL_TIMEOUT = 30.0  # seconds; a call still running then is cut off and counts as superlinear
PROBE_SIZES = (1000, 4000)
PROBE_FLOOR = 0.001  # s at the larger probe size: below this, no scan can be quadratic (see _probe_one)
PROBE_TIMEOUT = 3.0
REPO = Path(__file__).resolve().parent.parent

# --- adversarial texts -------------------------------------------------------------------------------

# Runs of one character class, repeated short words and alternations of two classes. Each unit is
# repeated to the size measured.
ADVERSARIAL: dict[str, str | tuple[str, str, str]] = {
    "ascii letters": "a",
    "mixed case": "aB",
    "digits": "1",
    "full-width digits": "１",
    "spaces": " ",
    "ideographic spaces": "\u3000",
    "tabs": "\t",
    "dots": ".",
    "hyphens": "-",
    "at signs": "@",
    "hiragana": "あ",
    "katakana": "ア",
    "half-width katakana": "ｱ",
    "kanji": "漢",
    "kanji 田中": "田中",
    "。": "。",
    "、": "、",
    "！": "！",
    "？": "？",
    "newlines": "\n",
    "emoji": "😀",
    "knife emoji": "🔪",
    "zero-width": "\u200b",
    "long vowel": "ー",
    "mask": "〇",
    "brackets": "「",
    "殺す": "殺す",
    "ころす": "ころす",
    "100万円": "100万円",
    "090-": "090-",
    "@a.": "@a.",
    "a@": "a@",
    "http://": "http://",
    "店": "店",
    "時": "時",
    "1時": "1時",
    "さん": "さん",
    "様": "様",
    "1 1 1": "1 ",
    "a.a.a.": "a.",
    "1-1-1-": "1-",
    "a a a": "a ",
    "1,1,1,": "1,",
    "1:1:1:": "1:",
    "あ。あ。": "あ。",
    "kill you ": "kill you ",
    "w": "w",
    "digits+kana": "1あ",
    "殺すぞ。": "殺すぞ。",
    "お前を殺すぞ。": "お前を殺すぞ。",
    "100万円払え": "100万円払え",
    # A long run with something at its end that turns it into a match: (head, unit, tail).
    "a…@example.com": ("", "a", "@example.com"),
    "店長…さん": ("", "店長", "さん"),
    "店員…田中さん": ("", "店員", "田中さん"),
    "A'…さん": ("", "A'", "さん"),
    "1…万円払え": ("", "1", "万円払え"),
    "spaces…土曜": ("", " ", "土曜"),
    "はい。。。": ("はい", "。", ""),
    "x。。。x": ("x", "。", "x"),
    "x   x": ("x", " ", "x"),
    "spaces…進捗は？": ("", " ", "進捗は？"),
}
SHOPS = [
    "新宿店",
    "渋谷店",
    "池袋東口店",
    "横浜駅前店",
    "大宮支店",
    "梅田本店",
    "なんば店",
    "天神店",
    "札幌大通店",
    "仙台店",
    "名古屋栄店",
    "京都四条店",
    "神戸三宮店",
    "広島店",
    "博多駅店",
    "Shibuya Store",
    "Ginza branch",
    "Roppongi Hills shop",
    "Kichijoji",
    "Omotesando Hills",
]
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def real_sample() -> str:
    """A sample of the labelled texts in eval/ (every 37th line of each file), one per line."""
    texts: list[str] = []
    for path in sorted((REPO / "eval").glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        texts += [json.loads(line)["text"] for line in lines[::37] if line.strip()]
    return "\n".join(texts) + "\n"


def repeated(unit: str | tuple[str, str, str], n: int) -> str:
    """`unit` repeated to exactly `n` characters (for (head, unit, tail): between the two)."""
    if isinstance(unit, tuple):
        head, body, tail = unit
        return head + repeated(body, max(0, n - len(head) - len(tail))) + tail
    return (unit * (n // len(unit) + 1))[:n]


# --- timing ------------------------------------------------------------------------------------------


class CallTimeout(BaseException):
    """Raised inside a call that ran past its time limit (a BaseException: `except Exception` lets it
    through). The regex engine checks for signals while it runs, so even one long scan is cut off."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise CallTimeout


def timed(fn: Callable[[], object], timeout: float, min_total: float = 0.02) -> float | None:
    """The best CPU time of one call of `fn` (repeated while cheap), or None when the calls ran past `timeout`
    seconds of wall time. CPU time, because other processes share the machine: waiting for a core is not
    the cost of the text. (The cut-off is a wall-time alarm: a CPU-time one, ITIMER_PROF, coarsens the
    process's CPU clock to milliseconds on some machines.)"""
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        best = float("inf")
        spent = 0.0
        runs = 0
        while runs < 3 or (spent < min_total and runs < 10_000):
            started = time.process_time()
            fn()
            took = time.process_time() - started
            best = min(best, took)
            spent += took
            runs += 1
            if took > 0.25:  # an expensive call says enough at once
                break
        return best
    except CallTimeout:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def ratio(small: float | None, large: float | None) -> float:
    """The growth from one size to the next; a call cut off (None) is beyond any bound."""
    if small is None or large is None or large == math.inf:
        return math.inf
    return large / max(small, 1e-9)


def fmt_time(t: float | None, timeout: float) -> str:
    if t is None or t == math.inf:
        return f">{timeout:.0f}s"
    if t >= 1:
        return f"{t:.2f}s"
    if t >= 1e-3:
        return f"{t * 1e3:.1f}ms"
    return f"{t * 1e6:.0f}µs"


def fmt_ratio(r: float) -> str:
    return "∞" if r == math.inf else f"{r:.1f}"


# --- part 1: entry points ----------------------------------------------------------------------------


@dataclasses.dataclass(eq=False)
class Measured:
    """One entry point on one input at growing sizes."""

    entry: str
    case: str
    times: list[float | None]  # per size in SIZES measured so far (None: cut off)

    def ratios(self) -> list[float]:
        """The growth of each 4x step."""
        return [ratio(a, b) for a, b in zip(self.times, self.times[1:], strict=False)]

    def worst_at(self, i: int) -> float:
        """The growth of step i if it counts (see `counts`; nor does a step to under ENTRY_FLOOR, where
        allocating the text costs more than reading it), else 0."""
        ratios = self.ratios()
        large = self.times[i + 1]
        if large is not None and large < ENTRY_FLOOR:
            return 0.0
        return ratios[i] if counts(ratios, i) else 0.0

    def worst(self) -> float:
        """The largest growth of a step that counts; a call cut off, even at the first size, is beyond any
        bound."""
        if None in self.times:
            return math.inf
        return max((self.worst_at(i) for i in range(len(self.times) - 1)), default=0.0)


def counts(ratios: list[float], i: int) -> bool:
    """Whether step i says something about the algorithm. A step up to ISOLATED_JUMP next to a step that
    brings the growth over both back to linear (at most SUPERLINEAR^2) is the text outgrowing a cache of
    the machine, once; a superlinear algorithm grows that much at every step."""
    r = ratios[i]
    if r <= SUPERLINEAR or r > ISOLATED_JUMP:
        return True
    neighbours = [ratios[j] for j in (i - 1, i + 1) if 0 <= j < len(ratios)]
    return not any(r * n <= SUPERLINEAR**2 for n in neighbours)


def entry_points() -> dict[str, Callable[[str], object]]:
    """Every public function that reads complainant text, by name."""
    from bot.classifier import normalize, redact
    from bot.classifier.offline.engine import assess_text
    from bot.dialogue.extract import find_contact, find_shop, find_when
    from bot.dialogue.machine import command_of, first_message
    from bot.dialogue.progress import is_progress_question
    from bot.dialogue.when import FutureDateError, parse_when

    def parse(text: str) -> object:
        try:
            return parse_when(text, now=NOW)
        except FutureDateError:
            return None

    return {
        "find_contact": find_contact,
        "find_shop": lambda t: find_shop(t, SHOPS),
        "find_when": lambda t: find_when(t, now=NOW),
        "parse_when": parse,
        "first_message": lambda t: first_message(t, now=NOW, shops=SHOPS),
        "is_progress_question": is_progress_question,
        "command_of": command_of,
        "normalize": normalize.normalize,
        "fold(romaji=False)": lambda t: normalize.fold(t, romaji=False),
        "fast_fold": normalize.fast_fold,
        "redact": redact.redact,
        "redact(urls=all)": lambda t: redact.redact(t, urls="all"),
        "assess_text ja": lambda t: assess_text(t, "ja"),
        "assess_text en": lambda t: assess_text(t, "en"),
    }


def measure_entry(
    name: str,
    fn: Callable[[str], object],
    case: str,
    unit: str | tuple[str, str, str],
    args: argparse.Namespace,
) -> Measured:
    """`fn` on `unit` repeated to each size, growing while a call stays within the budget."""
    found = Measured(name, case, [])
    for i, n in enumerate(s for s in SIZES if s <= args.max_chars):
        text = repeated(unit, n)
        t = timed(functools.partial(fn, text), args.timeout)
        found.times.append(t)
        if t is None or (i + 1 >= MIN_SIZES and t > args.budget):
            break
    return found


def confirmed(
    m: Measured, fn: Callable[[str], object], unit: str | tuple[str, str, str], args: argparse.Namespace
) -> bool:
    """Whether each superlinear step stays so over three more measurements of both sizes, keeping the best
    time of each size (another process on the machine only ever adds time; a slow run is not a verdict).
    A step that turns out linear takes the best times."""
    for i in range(len(m.times) - 1):
        if m.worst_at(i) <= SUPERLINEAR:
            continue
        if m.times[i] is None or m.times[i + 1] is None:
            return True  # a call cut off: no need to wait for it again
        texts = [repeated(unit, SIZES[j]) for j in (i, i + 1)]
        for _ in range(3):
            time.sleep(0.2)
            for j, text in zip((i, i + 1), texts, strict=True):
                m.times[j] = _best(m.times[j], timed(functools.partial(fn, text), args.timeout, 0.1))
            if m.worst_at(i) <= SUPERLINEAR:
                break
        else:
            return True
    return False


def _best(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else min(a, b)


def entry_report(args: argparse.Namespace) -> list[Measured]:
    """Part 1: print the table; the cases that grow superlinearly."""
    cases = {**ADVERSARIAL, "eval sample": real_sample()}
    bad: list[Measured] = []
    sizes = [s for s in SIZES if s <= args.max_chars]
    header = f"{'entry point':<22}{'input':<20}" + "".join(f"{_size(s):>10}" for s in sizes)
    print("Part 1: entry points (time per call; x = ratio per 4x length, linear ~4)")
    print(f"command: {' '.join(['python -m bench.text_scaling', *sys.argv[1:]])}\n")
    print(header)
    for name, fn in entry_points().items():
        rows = [measure_entry(name, fn, case, unit, args) for case, unit in cases.items()]
        flagged = [m for m in rows if m.worst() > SUPERLINEAR and confirmed(m, fn, cases[m.case], args)]
        bad += flagged
        # The case that grows fastest and the largest time, unless every case is asked for.
        shown = rows if args.all else [max(rows, key=Measured.worst), max(rows, key=_largest), *flagged]
        for m in dict.fromkeys(shown):
            _print_row(m, sizes, args.timeout)
    return bad


def _largest(m: Measured) -> tuple[int, float]:
    """The largest size reached, then the time there (a call cut off is the largest)."""
    last = m.times[-1] if m.times else 0.0
    return len(m.times), float("inf") if last is None else last


def _size(n: int) -> str:
    return f"{n // 1_048_576}Mi" if n >= 1_048_576 else f"{n // 1024}Ki"


def _print_row(m: Measured, sizes: list[int], timeout: float) -> None:
    cells = [fmt_time(t, timeout) for t in m.times] + ["-"] * (len(sizes) - len(m.times))
    ratios = " ".join(fmt_ratio(r) for r in m.ratios())
    mark = "  SUPERLINEAR" if m.worst() > SUPERLINEAR else ""
    print(f"{m.entry:<22}{m.case[:19]:<20}" + "".join(f"{c:>10}" for c in cells) + f"   x {ratios}{mark}")


# --- part 2: every pattern ---------------------------------------------------------------------------

_RE_FUNCS = {"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split"}
_FLAGS_AT = {"compile": 1, "search": 2, "match": 2, "fullmatch": 2, "findall": 2, "finditer": 2, "split": 3}
_FLAGS_AT |= {"sub": 4, "subn": 4}


@dataclasses.dataclass
class Found:
    """A compiled pattern, where it is written, and how the code calls it."""

    pattern: re.Pattern[str]
    where: str  # module:line
    how: str  # finditer | finditer<=N (rules: scan stops after N hits) | match


def bot_modules() -> Iterator[ModuleType]:
    """Every module of the `bot` package that imports."""
    import bot

    yield bot
    for info in pkgutil.walk_packages(bot.__path__, "bot."):
        try:
            yield importlib.import_module(info.name)
        except Exception as exc:  # a module that needs a service is not text code; say so and go on
            print(f"  (skipped {info.name}: {type(exc).__name__})")


def _source_tree(module: ModuleType) -> ast.Module | None:
    try:
        return ast.parse(inspect.getsource(module))
    except (OSError, TypeError, SyntaxError):
        return None


def _assigned_lines(tree: ast.Module) -> dict[str, int]:
    """Module-level names and the line they are assigned on."""
    lines: dict[str, int] = {}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        for target in targets:
            if isinstance(target, ast.Name) and isinstance(node, ast.Assign | ast.AnnAssign):
                lines.setdefault(target.id, node.lineno)
    return lines


def _held_patterns(
    value: object, holder: object = None, depth: int = 0
) -> Iterator[tuple[re.Pattern[str], object]]:
    """Patterns in a value (itself, its items, a dataclass's fields), each with the innermost container or
    rule object holding it (None: the value is the pattern)."""
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield value, holder
        return
    if depth > 4:
        return
    children: list[object] = []
    if isinstance(value, list | tuple | set | frozenset):
        children = list(value)
    elif isinstance(value, dict):
        children = list(value.values())
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        children = [getattr(value, f.name) for f in dataclasses.fields(value)]
    for child in children:
        yield from _held_patterns(child, value, depth + 1)


class Literals:
    """Every string literal of 6+ characters in bot/, to say where a pattern held in a rule is written:
    a rule built in one module is often gathered into a tuple of another."""

    def __init__(self, trees: dict[str, ast.Module]) -> None:
        from bot.classifier.normalize import fold_pattern

        self.items: list[tuple[str, str, int]] = []  # (literal as compiled, module, line)
        for module, tree in trees.items():
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) >= 6:
                    self.items.append((fold_pattern(node.value), module, node.lineno))

    def where(self, pattern: str, default: str) -> str:
        """module:line of the longest literal inside `pattern`, else `default`."""
        best = max((item for item in self.items if item[0] in pattern), key=lambda i: len(i[0]), default=None)
        return f"{best[1]}:{best[2]}" if best else default


def _method_uses(trees: dict[str, ast.Module]) -> dict[str, set[str]]:
    """For each name, the methods called on it anywhere in bot/ (`_X.match(...)` -> {"match"})."""
    uses: dict[str, set[str]] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                owner = node.func.value
                name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", None)
                if name:
                    uses.setdefault(name, set()).add(node.func.attr)
    return uses


_SCANS = {"search", "finditer", "findall", "sub", "subn", "split", "match", "fullmatch"}


def _how(name: str | None, uses: dict[str, set[str]]) -> str:
    """match where the code only ever matches the pattern at one position, else finditer (the worst that
    search, sub, findall and split cost)."""
    called = uses.get(name or "", set()) & _SCANS
    return "match" if called and called <= {"match", "fullmatch"} else "finditer"


def _inline_calls(module: ModuleType, tree: ast.Module) -> Iterator[Found]:
    """Patterns written inside calls such as `re.sub(r"...", ...)`, evaluated in the module's namespace
    (the project's own source: literals and module constants; a pattern built from local values is
    skipped)."""
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.func.attr in _RE_FUNCS
            and node.args
        ):
            continue
        flags_expr = next((k.value for k in node.keywords if k.arg == "flags"), None)
        at = _FLAGS_AT.get(node.func.attr, 99)
        if flags_expr is None and len(node.args) > at:
            flags_expr = node.args[at]
        try:
            source = eval(compile(ast.Expression(node.args[0]), module.__name__, "eval"), vars(module))
            flags = eval(compile(ast.Expression(flags_expr), "", "eval"), vars(module)) if flags_expr else 0
            compiled = re.compile(source, flags)
        except Exception:
            continue  # built from local values: nothing to probe statically
        if isinstance(compiled.pattern, str):
            how = "match" if node.func.attr in ("match", "fullmatch") else "finditer"
            yield Found(compiled, f"{module.__name__}:{node.lineno}", how)


def collect_patterns() -> list[Found]:
    """Every compiled pattern of bot/, once each, with where it is written and how it is used."""
    from bot.classifier.offline.rules import MAX_HITS_PER_RULE, Rule

    modules = [(m, _source_tree(m)) for m in bot_modules()]
    trees = {m.__name__: t for m, t in modules if t is not None}
    uses = _method_uses(trees)
    literals = Literals(trees)
    found: dict[tuple[str, int], Found] = {}
    for module, tree in modules:
        if tree is None:
            continue
        lines = _assigned_lines(tree)
        for name, value in vars(module).items():
            if name not in lines:
                continue  # imported here, collected where it is defined
            for pattern, holder in _held_patterns(value):
                where = f"{module.__name__}:{lines[name]}"
                if holder is not None:
                    where = literals.where(pattern.pattern, where)
                how = f"finditer<={MAX_HITS_PER_RULE}" if isinstance(holder, Rule) else _how(name, uses)
                if holder is not None and not isinstance(holder, Rule):
                    how = "finditer"
                found.setdefault((pattern.pattern, pattern.flags), Found(pattern, where, how))
        for inline in _inline_calls(module, tree):
            found.setdefault((inline.pattern.pattern, inline.pattern.flags), inline)
    return list(found.values())


_POOL = "a1 あ漢。\n.-@ア,:/(「"
_CATEGORY_CHARS = {"DIGIT": "1", "SPACE": " ", "WORD": "a", "LINEBREAK": "\n"}


def _class_chars(items: list[tuple[Any, Any]], ops: Any) -> list[str]:
    """Representative characters of a character set (a few per range, one per category)."""
    chars: list[str] = []
    negate = False
    for op, av in items:
        if op is ops.NEGATE:
            negate = True
        elif op is ops.LITERAL:
            chars.append(chr(av))
        elif op is ops.RANGE:
            lo, hi = av
            chars += [chr(lo), chr((lo + hi) // 2), chr(hi)]
        elif op is ops.CATEGORY:
            name = str(av).rsplit("_", 1)[-1]
            chars.append(_CATEGORY_CHARS.get(name, "a") if "NOT" not in str(av) else "。")
    if negate:
        body = re.compile("[" + "".join(re.escape(c) for c in chars) + "]") if chars else None
        return [c for c in _POOL if body is None or not body.match(c)][:3]
    return chars


def pattern_alphabet(pattern: re.Pattern[str]) -> tuple[list[str], list[str]]:
    """(literal runs, characters under a repeat) of a pattern, from CPython's own parser. The characters
    come one from each set first, so that every set is represented when the list is cut short."""
    parser = importlib.import_module("re._parser")
    ops = importlib.import_module("re._constants")
    literals: list[str] = []
    repeated_sets: list[list[str]] = []

    def add(chars: list[str], under_repeat: bool) -> None:
        if under_repeat:
            repeated_sets.append(chars)
        else:
            literals.extend(chars)

    def walk(items: Any, under_repeat: bool) -> None:
        run = ""
        for op, av in items:
            if op is ops.LITERAL:
                run += chr(av)
                if under_repeat:
                    repeated_sets.append([chr(av)])
                continue
            if run:
                literals.append(run)
                run = ""
            if op is ops.IN:
                add(_class_chars(av, ops), under_repeat)
            elif op is ops.NOT_LITERAL:
                add([c for c in _POOL[:4] if ord(c) != av], under_repeat)
            elif op is ops.ANY:
                add(["a"], under_repeat)
            elif op is ops.SUBPATTERN:
                walk(av[-1], under_repeat)
            elif op is ops.BRANCH:
                for branch in av[1]:
                    walk(branch, under_repeat)
            elif op in (ops.MAX_REPEAT, ops.MIN_REPEAT, getattr(ops, "POSSESSIVE_REPEAT", None)):
                walk(av[2], under_repeat or av[1] > 1)
            elif op in (ops.ASSERT, ops.ASSERT_NOT):
                walk(av[1], under_repeat)
            elif op is getattr(ops, "ATOMIC_GROUP", None):
                walk(av, under_repeat)
        if run:
            literals.append(run)

    walk(parser.parse(pattern.pattern, pattern.flags), False)
    longest = max((len(chars) for chars in repeated_sets), default=0)
    interleaved = [chars[i] for i in range(longest) for chars in repeated_sets if i < len(chars)]
    return _dedupe(literals), _dedupe(interleaved)


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def probe_units(pattern: re.Pattern[str], limit: int = 64) -> list[str]:
    """Units to repeat against a pattern: a few common characters, its repeated characters, its literals
    and their prefixes, pairs of a repeated character with another character of the pattern."""
    literals, chars = pattern_alphabet(pattern)
    singles = [lit[0] for lit in literals]
    units = (
        list("a1 あ。\n") + chars[:24] + literals[:12] + [lit[:-1] for lit in literals[:8] if len(lit) > 2]
    )
    units += [a + b for a in chars[:6] for b in (chars + singles)[:8] if a != b]
    units += [lit + c for lit in literals[:4] for c in chars[:3]]
    return _dedupe(units)[:limit]


@dataclasses.dataclass
class Probed:
    """The worst growth of one pattern over its adversarial units."""

    found: Found
    unit: str
    times: tuple[float | None, ...]  # at PROBE_SIZES and 4x the last (None: not measured, or cut off)
    growth: float


def _scan(pattern: re.Pattern[str], how: str, text: str) -> None:
    if how == "match":
        pattern.match(text)
        return
    cap = int(how.partition("<=")[2] or 0)
    for count, _ in enumerate(pattern.finditer(text), 1):
        if cap and count >= cap:
            break


def _probe_one(found: Found, unit: str) -> Probed:
    """The growth per 4x of the pattern on `unit`.

    Measured at the second probe size first: a quadratic scan over n characters costs at least n^2/2 steps
    (8 ms at n=4000), so below PROBE_FLOOR the pattern is linear on this unit. Otherwise at the first size,
    and when that step looks superlinear, over two steps (to 4x the second size), whose mean growth is
    robust to one slow run; a mean still superlinear is measured twice more, keeping the best times
    (another process on the machine only ever adds time)."""
    sizes = (*PROBE_SIZES, 4 * PROBE_SIZES[-1])
    texts = [repeated(unit, n) for n in sizes]

    def best_of(i: int, previous: float | None = None, min_total: float = 0.003) -> float:
        t = timed(lambda: _scan(found.pattern, found.how, texts[i]), PROBE_TIMEOUT, min_total)
        t = math.inf if t is None else t  # cut off
        return t if previous is None else min(previous, t)

    times: list[float | None] = [None, best_of(1, min_total=0.0), None]
    if times[1] is not None and times[1] < PROBE_FLOOR:
        return Probed(found, unit, tuple(times), 0.0)
    times[1] = best_of(1, times[1])
    times[0] = best_of(0)
    growth = ratio(times[0], times[1])
    if growth <= SUPERLINEAR or times[1] == math.inf:
        return Probed(found, unit, tuple(times), growth)
    for _ in range(3):
        times[2] = best_of(2, times[2])
        growth = ratio(times[0], times[2]) ** 0.5
        if growth <= SUPERLINEAR or times[2] == math.inf:
            break
        time.sleep(0.1)
        times[0] = best_of(0, times[0])
    return Probed(found, unit, tuple(times), growth)


def probe_pattern(found: Found, every_unit: bool) -> Probed:
    """The worst unit for one pattern (the first superlinear one unless `every_unit`)."""
    worst: Probed | None = None
    for unit in probe_units(found.pattern):
        probed = _probe_one(found, unit)
        if worst is None or probed.growth > worst.growth:
            worst = probed
        if worst.growth > SUPERLINEAR and not every_unit:
            break
    assert worst is not None
    return worst


def probe_report(args: argparse.Namespace) -> list[Probed]:
    """Part 2: print the patterns that grow superlinearly; those."""
    started = time.perf_counter()
    print("\nPart 2: every pattern under bot/ on strings built from its own literals and sets")
    patterns = collect_patterns()
    worst = [probe_pattern(found, args.all) for found in patterns]
    bad = [p for p in worst if p.growth > SUPERLINEAR]
    print(
        f"{len(patterns)} patterns, {sum(len(probe_units(f.pattern)) for f in patterns)} units, "
        f"{time.perf_counter() - started:.0f} s; sizes {PROBE_SIZES[0]} and {PROBE_SIZES[1]} characters "
        f"(a step over {SUPERLINEAR:g} is confirmed over two steps, to {4 * PROBE_SIZES[1]})"
    )
    shown = sorted(worst if args.all else bad, key=lambda p: -p.growth)
    sizes = (*PROBE_SIZES, 4 * PROBE_SIZES[-1])
    if shown:
        print(f"\n{'where':<50}{'how':<12}{'unit':<12}" + "".join(f"{n:>10}" for n in sizes) + f"{'x':>8}")
    for p in shown:
        cells = "".join(f"{fmt_time(t, PROBE_TIMEOUT) if t is not None else '-':>10}" for t in p.times)
        mark = "  SUPERLINEAR" if p.growth > SUPERLINEAR else ""
        print(f"{p.found.where:<50}{p.found.how:<12}{p.unit[:10]!r:<12}{cells}{fmt_ratio(p.growth):>8}{mark}")
        if p.growth > SUPERLINEAR:
            print(f"    {p.found.pattern.pattern[:150]!r}")
    return bad


def main(argv: list[str] | None = None) -> int:
    """Run both parts; 1 if anything grows superlinearly."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-chars", type=int, default=SIZES[-1], help="largest text (default 1 Mi)")
    parser.add_argument("--budget", type=float, default=1.0, help="stop growing a case past this (s)")
    parser.add_argument("--timeout", type=float, default=CALL_TIMEOUT, help="cut a call off after (s)")
    parser.add_argument("--all", action="store_true", help="print every case and pattern, not the worst")
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--entry-only", action="store_true")
    only.add_argument("--probe-only", action="store_true")
    args = parser.parse_args(argv)
    sys.setrecursionlimit(10_000)
    bad_entries = [] if args.probe_only else entry_report(args)
    bad_patterns = [] if args.entry_only else probe_report(args)
    print()
    for m in bad_entries:
        print(f"superlinear: {m.entry} on {m.case!r} (x {fmt_ratio(m.worst())})")
    for p in bad_patterns:
        print(f"superlinear: pattern at {p.found.where} on {p.unit!r} (x {fmt_ratio(p.growth)})")
    if bad_entries or bad_patterns:
        return 1
    print("every entry point and pattern grows linearly")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
