"""What the model must answer (a pydantic model sent as a strict JSON schema) and its conversion."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, Field

from bot.classifier.model import (
    REASON_MAX_CHARS,
    SUMMARY_MAX_CHARS,
    Assessment,
    AxisJudgement,
    BehaviourType,
    Label,
)

SCHEMA_NAME = "kasuhara_assessment"
MAX_EVIDENCE = 5

# Length and range limits are enforced after parsing (clipped, clamped), not in the schema: strict
# structured outputs and local OpenAI-compatible servers support different subsets of JSON Schema.


class AxisVerdict(BaseModel):
    """The model's answer to one question of the criterion."""

    ok: bool | None = Field(description="true: yes; false: no; null: cannot tell from the text")
    reason: str = Field(description="short reason")


class LlmVerdict(BaseModel):
    """The model's structured answer; the field order puts the grounds before the conclusion."""

    evidence: list[str] = Field(description="verbatim quotes of the complainant's own words")
    demand_valid: AxisVerdict = Field(description="is the demand valid (要求内容の妥当性)")
    means_acceptable: AxisVerdict = Field(
        description="are the means socially acceptable (手段・態様の相当性)"
    )
    types: list[BehaviourType] = Field(description="behaviour types that fit; empty when none")
    label: Label
    confidence: float = Field(description="0.0 to 1.0")
    summary: str = Field(description="what happened and what the complainant wants")


def strict_json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema in the strict form: refs inlined, every property required, no extras."""
    schema = model.model_json_schema()
    definitions = schema.pop("$defs", {})

    def visit(node: Any) -> Any:
        if isinstance(node, list):
            return [visit(item) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            target = copy.deepcopy(definitions[node["$ref"].rsplit("/", 1)[-1]])
            extra = {k: v for k, v in node.items() if k != "$ref"}
            return visit({**target, **extra})
        out = {k: visit(v) for k, v in node.items() if k not in ("title", "default", "properties")}
        if "properties" in node:  # a map of field names, not a schema: visit its values only
            out["properties"] = {name: visit(sub) for name, sub in node["properties"].items()}
        if out.get("type") == "object" or "properties" in out:
            out["additionalProperties"] = False
            out["required"] = list(out.get("properties", {}))
        return out

    result: dict[str, Any] = visit(schema)
    return result


def response_format() -> dict[str, Any]:
    """The `response_format` parameter asking for a strict structured output of `LlmVerdict`."""
    return {
        "type": "json_schema",
        "json_schema": {"name": SCHEMA_NAME, "strict": True, "schema": strict_json_schema(LlmVerdict)},
    }


_QUOTES = (("「", "」"), ("『", "』"), ('"', '"'), ("“", "”"), ("'", "'"), ("‘", "’"))


def verbatim_evidence(quotes: Iterable[str], text: str, *, limit: int = MAX_EVIDENCE) -> list[str]:
    """The quotes that occur verbatim in `text` (surrounding quote marks and spaces ignored), deduplicated."""
    kept: list[str] = []
    for quote in quotes:
        candidate = quote.strip()
        for opening, closing in _QUOTES:
            if len(candidate) >= 2 and candidate[0] == opening and candidate[-1] == closing:
                candidate = candidate[1:-1].strip()
        if candidate and candidate in text and candidate not in kept:
            kept.append(candidate)
        if len(kept) >= limit:
            break
    return kept


def _clip(value: str, limit: int) -> str:
    value = value.strip()
    return value if len(value) <= limit else value[: limit - 1] + "…"


def to_assessment(verdict: LlmVerdict, *, sent_text: str, engine: str) -> Assessment:
    """The Assessment for a validated verdict about `sent_text` (the redacted text the model saw)."""
    return Assessment(
        label=verdict.label,
        types=list(dict.fromkeys(verdict.types)),
        demand_valid=AxisJudgement(
            ok=verdict.demand_valid.ok, reason=_clip(verdict.demand_valid.reason, REASON_MAX_CHARS)
        ),
        means_acceptable=AxisJudgement(
            ok=verdict.means_acceptable.ok, reason=_clip(verdict.means_acceptable.reason, REASON_MAX_CHARS)
        ),
        confidence=min(1.0, max(0.0, verdict.confidence)),
        evidence=verbatim_evidence(verdict.evidence, sent_text),
        summary=_clip(verdict.summary, SUMMARY_MAX_CHARS),
        engine=engine,
    )
