"""An assessment's words without personal data: its summary, reasons and evidence redacted (never dropped).

The offline engine quotes the complainant's own sentences; the LLM engine sees a redacted text already.
Both go through here before an assessment is stored, with the values the complainant gave in the intake
dialogue (`known`) found wherever they appear, even where no pattern would recognise them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.classifier.model import REASON_MAX_CHARS, SUMMARY_MAX_CHARS, Assessment, AxisJudgement
from bot.classifier.redact import PiiKind, redact


def scrub_assessment(
    assessment: Assessment, *, known: Mapping[PiiKind, Iterable[str]] | None = None
) -> Assessment:
    """The assessment with every phone number, e-mail address, name (and other personal data) replaced
    by the redactor's placeholders; its label, types and confidence unchanged."""
    known_values = {kind: [v for v in values if v] for kind, values in (known or {}).items()}
    done: dict[str, str] = {}  # the summary is often the evidence sentence again

    def clean(text: str, limit: int | None = None) -> str:
        if text not in done:
            done[text] = redact(text, known=known_values).text
        cleaned = done[text]
        return cleaned if limit is None or len(cleaned) <= limit else cleaned[: limit - 1] + "…"

    def axis(judgement: AxisJudgement) -> AxisJudgement:
        return judgement.model_copy(update={"reason": clean(judgement.reason, REASON_MAX_CHARS)})

    return assessment.model_copy(
        update={
            "summary": clean(assessment.summary, SUMMARY_MAX_CHARS),
            "evidence": [clean(quote) for quote in assessment.evidence],
            "demand_valid": axis(assessment.demand_valid),
            "means_acceptable": axis(assessment.means_acceptable),
        }
    )
