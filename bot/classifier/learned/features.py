"""What the learned engine reads in a text: character n-grams of the normalised text, word lemmas and
word pairs, and what the rule engine found (its rules by name, its label, types and scope).

Each group is weighted by sublinear term frequency and scaled to unit length on its own, so a long text
does not outvote a short one and no group drowns the others.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from bot.classifier.offline.report import Analysis

# Single characters are left out: alone, a kana of a casual ending (る, っ, よ) says how someone writes, not
# what they mean, and a model fed them learns register instead of harm.
NGRAM_SIZES = (2, 3, 4)
# The words of a very long text beyond this are not read (the rules still scan all of it for threats).
WORD_CHARS = 4000
_SPACES = re.compile(r"\s+")
# Parts of speech whose words carry no meaning of their own for this task: punctuation, and the particles
# and auxiliaries (ね, よ, な, です, る), which say how someone writes rather than what they mean (they
# still count inside the character n-grams, next to the words they follow). Leaving them out found more
# threats in the k-fold figure with no more false ones (0.724 → 0.748 recall, 17 false threats either way).
_SKIPPED_POS = frozenset({"補助記号", "空白", "助詞", "助動詞"})

Features = dict[str, float]


@dataclass(frozen=True, slots=True)
class Groups:
    """The feature groups' scales: how much each counts against the others."""

    chars: float = 1.0
    words: float = 1.0
    rules: float = 1.0


def extract(analysis: Analysis, groups: Groups = Groups()) -> Features:
    """The features of one analysed text, each group scaled to length `groups.<name>`."""
    features: Features = {}
    _add(features, _char_ngrams(analysis.folded), groups.chars)
    _add(features, _words(analysis.original[:WORD_CHARS]), groups.words)
    _add(features, _rule_features(analysis), groups.rules)
    return features


def _add(features: Features, counts: Counter[str], scale: float) -> None:
    if not counts or scale <= 0:
        return
    weights = {name: 1.0 + math.log(n) for name, n in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    for name, w in weights.items():
        features[name] = scale * w / norm


def _char_ngrams(folded: str) -> Counter[str]:
    text = " " + _SPACES.sub(" ", folded).strip() + " "
    counts: Counter[str] = Counter()
    if len(text) <= 2:
        return counts
    for n in NGRAM_SIZES:
        counts.update("c:" + text[i : i + n] for i in range(len(text) - n + 1))
    counts.pop("c:  ", None)
    return counts


def _words(text: str) -> Counter[str]:
    # MeCab reads UTF-8 up to a NUL: a lone surrogate becomes "?", a NUL a space.
    clean = text.encode("utf-8", "replace").decode("utf-8").replace("\x00", " ")
    lemmas = list(_lemmas(unicodedata.normalize("NFKC", clean).lower()))
    counts: Counter[str] = Counter("w:" + w for w in lemmas)
    counts.update(f"w2:{a} {b}" for a, b in itertools.pairwise(lemmas))
    return counts


def _lemmas(text: str) -> Iterable[str]:
    for word in _tagger()(text):
        feature: Any = word.feature
        if getattr(feature, "pos1", None) in _SKIPPED_POS:
            continue
        # The written base form (刺す stays 刺す, where unidic's lemma merges it with 差す); words unknown to
        # the dictionary (English, slang) as written.
        yield str(getattr(feature, "orthBase", None) or word.surface)


@cache
def _tagger() -> Any:
    """MeCab through fugashi with unidic-lite, the dictionary shipped in its Python package (imported on
    first use: the commands that never tokenize do not load it)."""
    import fugashi

    return fugashi.Tagger()


def _rule_features(an: Analysis) -> Counter[str]:
    counts: Counter[str] = Counter()
    for found in (*an.threats, *an.means, *an.excessive, *an.problems, *an.demands, *an.scope):
        counts[f"r:{found.hit.rule.category}:{found.hit.rule.name}"] += 1
    for found in an.neutral:
        counts[f"n:{found.verdict}:{found.hit.rule.category}"] += 1
    counts[f"label:{an.label}"] += 1
    counts.update(f"type:{t}" for t in an.types)
    if an.scope_kind:
        counts[f"scope:{an.scope_kind}"] += 1
    counts[f"lang:{an.text_lang or '?'}"] += 1
    counts[f"size:{_size(len(an.original))}"] += 1
    return counts


def _size(chars: int) -> str:
    for limit, name in ((10, "tiny"), (40, "short"), (200, "medium"), (800, "long")):
        if chars < limit:
            return name
    return "very long"
