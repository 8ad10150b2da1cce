"""Every branch of the engines' decisions reads in the desk's language in the triage post."""

from __future__ import annotations

from bot.classifier.evaluation import load_labelled
from bot.classifier.learned.corpus import ROOT
from bot.classifier.learned.decide import Thresholds, decide
from bot.classifier.learned.engine import load_learned
from bot.classifier.offline import OfflineClassifier, analyse
from bot.texts import branch_text


def test_the_branches_the_engines_take_on_varied_texts_are_all_translated() -> None:
    items = load_labelled(ROOT / "eval/classification.jsonl") + load_labelled(
        ROOT / "training/register.jsonl"
    )
    rules, learned = OfflineClassifier(), load_learned()
    branches = set()
    for item in items:
        for engine in (rules, learned):
            explanation = engine.assess_sync(item.text, language=item.tenant_language).explanation
            assert explanation is not None
            branches.add(explanation.branch)
    assert len(branches) >= 12
    untranslated = {b for b in branches if branch_text(b) == b}
    assert untranslated == set()


def test_every_branch_of_the_learned_decision_is_translated() -> None:
    t = Thresholds(notice=0.8, possible_threat=0.9, rules_veto=0.1, out_of_scope=0.7)
    threat, calm, scope = (
        analyse("殺すぞ", "ja"),
        analyse("返金してください", "ja"),
        analyse("ありがとう", "ja"),
    )
    cases = [
        ([0.1, 0.0, 0.9, 0.0], threat),
        ([0.7, 0.0, 0.3, 0.0], threat),
        ([0.05, 0.0, 0.95, 0.0], calm),
        ([0.0, 0.0, 0.0, 1.0], scope),
        ([0.0, 0.0, 0.0, 1.0], calm),
        ([0.3, 0.1, 0.0, 0.6], calm),
        ([0.1, 0.3, 0.0, 0.6], calm),
        ([0.9, 0.1, 0.0, 0.0], calm),
        ([0.1, 0.9, 0.0, 0.0], calm),
        ([0.9, 0.1, 0.0, 0.0], threat),
    ]
    branches = {decide(p, an, t).branch for p, an in cases}
    assert len(branches) == 10
    assert {b for b in branches if branch_text(b) == b} == set()
    assert (
        branch_text("legitimate: the model (a threat rule overruled)")
        == "正当な苦情: モデルの判定（脅迫ルールを覆した）"
    )
    assert branch_text("rules: threat rule") == "ルール: 脅迫ルールに該当"
    assert branch_text("something new") == "something new"
