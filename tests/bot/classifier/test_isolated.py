"""The offline engine in its own process: the same assessments, a time budget, a process that dies."""

from __future__ import annotations

from bot.classifier.isolated import IsolatedClassifier
from bot.classifier.offline import OfflineClassifier
from tests.bot.classifier.engines import dies, never_finishes

TEXTS = [
    ("店員に「殺すぞ」と言われて怖かったです。", "ja"),
    ("お前の家は知っている。燃やしてやる", "ja"),
    ("The bill was wrong and nobody helped me.", "en"),
]


async def test_the_same_assessment_as_in_process() -> None:
    isolated = IsolatedClassifier(budget_seconds=30)
    for text, language in TEXTS:
        assert await isolated.assess(text, language=language) == OfflineClassifier().assess_sync(
            text, language=language
        )


async def test_a_text_over_its_budget_is_left_unclassified_and_the_next_one_is_not() -> None:
    slow = IsolatedClassifier(budget_seconds=0.5, run=never_finishes)
    given_up = await slow.assess("遅い", language="ja")
    assert given_up.engine == "offline-4 (over time budget)" and given_up.confidence <= 0.05
    assert "未判定" in given_up.summary
    # The process was replaced: the next text is assessed as usual.
    text, language = TEXTS[1]
    assessment = await IsolatedClassifier(budget_seconds=30).assess(text, language=language)
    assert assessment.label == "threat"


async def test_a_dead_engine_process_is_survived() -> None:
    assessment = await IsolatedClassifier(budget_seconds=30, run=dies).assess("x", language="en")
    assert assessment.engine == "offline-4 (engine process died)" and "reviewer" in assessment.summary
    text, language = TEXTS[0]
    assert (await IsolatedClassifier(budget_seconds=30).assess(text, language=language)).engine == "offline-4"
