"""The learned engine loaded once per process: the classifier's fork server imports this module first, so
every worker process it starts has the model and the tokenizer's dictionary in memory already."""

from __future__ import annotations

import logging

from bot.classifier.learned import MODEL_UNAVAILABLE
from bot.classifier.learned.engine import SHIPPED_MODEL, LearnedClassifier
from bot.classifier.learned.model import LinearModel, ModelFileError
from bot.classifier.model import Assessment
from bot.classifier.offline import OfflineClassifier

log = logging.getLogger(__name__)


def _ready(model: LinearModel) -> LearnedClassifier:
    engine = LearnedClassifier(model)
    engine.assess_sync("", language="ja")  # loads the tokenizer's dictionary now, not on the first case
    return engine


def _load() -> LearnedClassifier | None:
    try:
        return _ready(LinearModel.load(SHIPPED_MODEL))
    except ModelFileError as exc:
        log.error("the learned model cannot be used (%s): the rules answer alone", exc)
        return None


ENGINE = _load()


def use_model(data: bytes) -> None:
    """Answer with the model in `data` (the desk's active one) rather than the shipped one; on a model
    that cannot be used, the shipped one answers."""
    global ENGINE
    try:
        ENGINE = _ready(LinearModel.from_bytes(data))
    except ModelFileError as exc:
        log.error("the desk's model cannot be used (%s): the shipped one answers", exc)


def assess(text: str, language: str) -> Assessment:
    """The learned engine's assessment, or the rules' saying the model is unavailable."""
    if ENGINE is not None:
        return ENGINE.assess_sync(text, language=language)
    rules = OfflineClassifier().assess_sync(text, language=language)
    return rules.model_copy(update={"engine": f"{rules.engine} ({MODEL_UNAVAILABLE})"})
