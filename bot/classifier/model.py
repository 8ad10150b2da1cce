"""The assessment: what an engine suggests about a complainant's text (advisory; a human decides)."""

from __future__ import annotations

from typing import Literal, Protocol

from pydantic import BaseModel, Field

Label = Literal["legitimate", "harassment", "threat", "out_of_scope"]
LABELS: tuple[Label, ...] = ("legitimate", "harassment", "threat", "out_of_scope")

# The MHLW manual's behaviour types, plus excessive demand.
BehaviourType = Literal[
    "time_binding",  # 時間拘束型
    "repeat",  # リピート型
    "verbal_abuse",  # 暴言型
    "violence",  # 暴力型
    "intimidation",  # 威嚇・脅迫型
    "authority",  # 権威型
    "off_premises",  # 店舗外拘束型
    "online_defamation",  # SNS/インターネット上での誹謗中傷型
    "sexual_harassment",  # セクシュアルハラスメント型
    "excessive_demand",  # 過剰要求（金銭・土下座・解雇要求など）
]
SUMMARY_MAX_CHARS = 200
REASON_MAX_CHARS = 200

BEHAVIOUR_TYPES: tuple[BehaviourType, ...] = (
    "time_binding",
    "repeat",
    "verbal_abuse",
    "violence",
    "intimidation",
    "authority",
    "off_premises",
    "online_defamation",
    "sexual_harassment",
    "excessive_demand",
)


class AxisJudgement(BaseModel):
    """One of the two questions of the official criterion, with a short reason."""

    ok: bool | None = Field(description="True: valid / acceptable; False: not; None: cannot tell")
    reason: str = Field(max_length=REASON_MAX_CHARS)


class Explanation(BaseModel):
    """Why an engine gave its label: the branch of its decision, the rules that fired, the model's view."""

    branch: str = Field(description="which branch of the engine's decision produced the label")
    rules: list[str] = Field(default_factory=list, description="the rules that fired, by name")
    features: list[str] = Field(default_factory=list, description="the model's features that pushed most")
    probabilities: dict[str, float] = Field(default_factory=dict, description="the model's, per label")


class Assessment(BaseModel):
    """A suggested classification of one text."""

    label: Label
    types: list[BehaviourType] = Field(default_factory=list)
    demand_valid: AxisJudgement  # 要求内容の妥当性
    means_acceptable: AxisJudgement  # 手段・態様の社会通念上の相当性
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: list[str] = Field(
        default_factory=list, description="quoted spans of the complainant's own words"
    )
    summary: str = Field(max_length=SUMMARY_MAX_CHARS)
    engine: str = Field(description="e.g. offline-4, openai:gpt-4o-mini, or offline-4 (fallback: timeout)")
    # None: every threat gets the complainant's fixed notice (the rules, the LLM). The learned engine sends it
    # only when more than the model says so; a possible threat alerts the reviewers alone.
    threat_notice: bool | None = None
    explanation: Explanation | None = None

    @property
    def sends_threat_notice(self) -> bool:
        """Whether this threat gets the fixed notice to the complainant (and stops the dialogue)."""
        return self.label == "threat" and self.threat_notice is not False


class Classifier(Protocol):
    """An engine that assesses a text; never raises for any input."""

    async def assess(self, text: str, *, language: str) -> Assessment:
        """The assessment of `text` for a tenant using `language` (ja or en)."""
        ...
