"""Every rule of the offline engine has a name of its own: explanations and the learned engine's features
name rules, so two rules with one name would be one feature and one explanation for two constructions."""

from __future__ import annotations

import importlib
import pkgutil
from collections import Counter

import bot.classifier.offline as offline
from bot.classifier.offline.lexicon import HARASSMENT_RULES
from bot.classifier.offline.rules import Rule


def all_rules() -> list[Rule]:
    found: dict[int, Rule] = {}
    for info in pkgutil.walk_packages(offline.__path__, offline.__name__ + "."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            items = value if isinstance(value, (tuple, list)) else (value,)
            for item in items:
                if isinstance(item, Rule):
                    found[id(item)] = item
    return list(found.values())


def test_rule_names_are_unique() -> None:
    rules = all_rules()
    assert len(rules) > 250
    repeated = sorted(name for name, n in Counter(r.name for r in rules).items() if n > 1)
    assert repeated == []


def test_a_harassment_cue_is_its_own_kind_or_split_from_one() -> None:
    """The means score takes the best weight per kind: a cue split into pieces keeps the old cue's name as
    its kind (and as the start of each piece's name), so the pieces count once."""
    for r in HARASSMENT_RULES:
        stem = r.kind.removesuffix("_en")
        split_from_kind = r.name.startswith(stem + "_") and r.name.endswith("_en") == r.kind.endswith("_en")
        assert r.name == r.kind or split_from_kind, r.name
