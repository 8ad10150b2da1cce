"""The words stored about a case that may quote the complainant, sealed at rest: the classifier's
assessment and each verdict's texts. The only place they are sealed and opened."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from bot.classifier.model import Assessment
from bot.crypto import PiiCipher
from storage.models import Case, Verdict
from storage.sealed import open_json, seal_json

ENGINE_CHARS = 120


def store_assessment(cipher: PiiCipher, case: Case, assessment: Assessment) -> None:
    """Keep the assessment sealed on the case, and its label, types, confidence and engine in clear."""
    case.suggested_label = assessment.label
    case.assessment_types = list(assessment.types)
    case.assessment_confidence = assessment.confidence
    case.assessment_engine = assessment.engine[:ENGINE_CHARS]
    # Not the model's top features: n-grams of the complainant's words, which the redactor never saw.
    stored = assessment.model_dump(mode="json", exclude={"explanation": {"features"}})
    case.assessment_enc = seal_json(cipher, stored)


def assessment_of(cipher: PiiCipher, case: Case) -> dict[str, Any] | None:
    """The case's assessment as it was stored (None before the classifier's first answer)."""
    if case.assessment_enc is None:
        return None
    value: dict[str, Any] = open_json(cipher, case.assessment_enc)
    return value


@dataclass(frozen=True)
class VerdictTexts:
    """What a reviewer wrote in a verdict."""

    opinion: str
    advice: str
    recommendation: str
    police_reference: str | None = None


def seal_verdict_texts(cipher: PiiCipher, texts: VerdictTexts) -> bytes:
    """The sealed form kept in `verdict.texts_enc`."""
    return seal_json(cipher, asdict(texts))


def verdict_texts(cipher: PiiCipher, verdict: Verdict) -> VerdictTexts:
    """The texts of a verdict."""
    return VerdictTexts(**open_json(cipher, verdict.texts_enc))
