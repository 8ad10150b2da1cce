"""The evaluation set must keep meeting the targets, and the data files must stay well-formed."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from bot.classifier.evaluation import evaluate, format_report, load_labelled
from bot.classifier.normalize import normalize
from bot.classifier.offline import OfflineClassifier
from bot.classifier.offline.complaints import COMPLAINT_RULES
from bot.classifier.offline.lexicon import HARASSMENT_RULES
from bot.classifier.offline.scope import SCOPE_RULES
from bot.classifier.offline.threats import THREAT_RULES

EVAL_DIR = Path(__file__).resolve().parents[3] / "eval"
EVAL_SET = EVAL_DIR / "classification.jsonl"
HOLDOUT = EVAL_DIR / "classification_holdout.jsonl"
HOLDOUTS = sorted(EVAL_DIR.glob("classification_holdout*.jsonl"))
# Non-threats with the surface of a threat (victims' reports, hazards, idioms, stories), for the safety test.
HARD_NEGATIVES = EVAL_DIR / "classification_hard_negatives.jsonl"
HARD_NEGATIVES2 = EVAL_DIR / "classification_hard_negatives2.jsonl"
HARD_NEGATIVES3 = EVAL_DIR / "classification_hard_negatives3.jsonl"
PROBES = EVAL_DIR / "classification_probes.jsonl"
# False threats the engine makes on held-out sets whose first run is recorded and that were deliberately not
# tuned on (eval/README.md). Listed by id so that any other false threat still fails the test, and fixing
# one by principle shows up here.
# The three listed until the fifth round (holdout9 v127 "heard one of your staff say", v153 a novel's
# 犯人が毒で殺す; holdout10 f133 ゴキブリを殺す) were fixed then by principle (context.py: heard someone
# say it, a story's agent, a thing as the object of 殺す).
# Fixed after their first runs, by principle: holdout12 g130 (殺す気で, all-out effort); holdout13 h094
# (ぶん殴るくらい, cooking), h178 (banter sent to the wrong chat), h179 (a villain in a D&D campaign).
KNOWN_FALSE_THREATS: dict[str, set[str]] = {
    # Written as eval/final_round8.jsonl and run once on the finished engine; left as run.
    "classification_holdout15.jsonl": {"q087"},  # a game boss (マレニア、今夜こそ絶対殺す), no game named
    # Written as eval/final_round9.jsonl and run once at the end of the session; left as run.
    "classification_holdout16.jsonl": {"r044"},  # "We're gonna murder them in the finals" (sport)
}
# holdout9 (written in another session) repeats one trivial test message of holdout4; kept as run.
# holdout10 repeats seven short items of earlier files (written independently; kept as run, since the file's
# first-run figure counts them).
# holdout11 (written by a helper that never saw the data) repeats four items of earlier files; kept as run.
# holdout12 (final_round4) repeats six trivial items of earlier files, holdout13-15 three each, holdout16 nine
# (two whole complaints written the same way by different helpers); kept as run.
KNOWN_DUPLICATES = {
    "What time do you open on Saturdays?",
    "年末年始の営業日を教えてください",
    "ポイントカードの残高ってどこで確認できますか",
    "弁当に髪の毛入ってた。慰謝料100万払え。払うまで毎日電話するからな",
    "どうなっても知らないからな",
    "あ",
    "営業時間は何時までですか？",
    "test",
    "ｔｅｓｔ",
    "What time do you close on Sundays?",
    "テスト送信",
    "テスト",
    "こんにちは",
    "I was charged twice for the same order. Please refund the duplicate charge.",
    "test 123",
    "ｺﾛｽｿﾞ",
    "営業時間を教えてください",
    "テスト送信です",
    "駐車場はありますか？",
    "間違えて送りました、すみません",
    "Click here to claim your free iPhone!!!",
    "hello?",
}


async def test_eval_set_meets_the_targets() -> None:
    report = await evaluate(OfflineClassifier(), load_labelled(EVAL_SET))
    summary = format_report(report)
    assert report.macro_f1 >= 0.90, summary
    assert report.per_label["threat"].recall >= 0.97, summary
    assert report.false_threats == 0, summary


async def test_no_legitimate_or_out_of_scope_item_anywhere_is_labelled_threat() -> None:
    """The safety property on every file, held-out ones included (their other scores are not targets)."""
    engine = OfflineClassifier()
    for path in [EVAL_SET, *HOLDOUTS, PROBES, HARD_NEGATIVES, HARD_NEGATIVES2, HARD_NEGATIVES3]:
        report = await evaluate(engine, load_labelled(path))
        false_threats = {
            m.id for m in report.misclassified if m.predicted == "threat" and m.expected != "harassment"
        }
        assert false_threats == KNOWN_FALSE_THREATS.get(path.name, set()), (path.name, format_report(report))


@pytest.mark.parametrize(
    ("path", "minimum"), [(EVAL_SET, 300)] + [(p, 80) for p in HOLDOUTS], ids=lambda v: getattr(v, "name", v)
)
def test_data_files_are_well_formed(path: Path, minimum: int) -> None:
    items = load_labelled(path)
    assert len(items) >= minimum
    labels = Counter(i.label for i in items)
    assert set(labels) == {"legitimate", "harassment", "threat", "out_of_scope"}
    ja_share = sum(i.lang == "ja" for i in items) / len(items)
    assert 0.6 <= ja_share <= 0.9


def test_holdouts_are_separate_from_the_eval_set_and_each_other() -> None:
    assert HOLDOUT in HOLDOUTS
    seen = {i.text for i in load_labelled(EVAL_SET)}
    for path in HOLDOUTS:
        texts = {i.text for i in load_labelled(path)}
        assert not (seen & texts) - KNOWN_DUPLICATES, path.name
        seen |= texts


def test_rule_gates_never_skip_a_possible_match() -> None:
    """A gate (characters one of which every match contains) must only skip rules that cannot match."""
    rng = random.Random(11)
    texts = [normalize(i.text).text for path in [EVAL_SET, *HOLDOUTS] for i in load_labelled(path)]
    alphabet = "".join(sorted({c for t in texts for c in t}))
    texts += ["".join(rng.choice(alphabet) for _ in range(60)) for _ in range(200)]
    for rule in THREAT_RULES + HARASSMENT_RULES + COMPLAINT_RULES + SCOPE_RULES:
        assert rule.gate is not None, rule.name
        for text in texts:
            if rule.regex.search(text):
                assert not rule.gate.isdisjoint(text), (rule.name, text)
