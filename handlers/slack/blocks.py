"""Pure Block Kit builders for the desk's Slack posts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.calendar import TOKYO
from bot.texts import desk_text

SECTION_TEXT_LIMIT = 2900  # Slack's section text limit is 3000 characters
WEEKDAYS_JA = "月火水木金土日"


def format_jst(at: datetime) -> str:
    """A timestamp as reviewers read it: 2026-11-28(土) 09:05 JST."""
    local = at.astimezone(TOKYO)
    return f"{local:%Y-%m-%d}({WEEKDAYS_JA[local.weekday()]}) {local:%H:%M} JST"


def format_day(day: date) -> str:
    """A date with its weekday: 2026-12-02(水)."""
    return f"{day:%Y-%m-%d}({WEEKDAYS_JA[day.weekday()]})"


def quote(body: str) -> str:
    """The complainant's words as a Slack quote, escaped and cut to fit one section."""
    escaped = _escape(body)
    if len(escaped) > SECTION_TEXT_LIMIT:
        escaped = escaped[:SECTION_TEXT_LIMIT] + "…（省略）"
    return "\n".join("> " + line for line in (escaped.splitlines() or [""]))


def build_triage_blocks(
    *,
    number: str,
    tenant_name: str,
    channel: str,
    received_at: datetime,
    sla_due: date,
    status: str,
    body: str,
    assessment: dict[str, Any] | None = None,
    intake: IntakeView | None = None,
) -> list[dict[str, Any]]:
    """The triage post of a case: facts, the complainant's words, what the intake dialogue collected and
    the complainant's history (when known), and the suggested classification."""
    fields = [
        (desk_text("triage.tenant"), tenant_name),
        (desk_text("triage.channel"), desk_text(f"channel.{channel}")),
        (desk_text("triage.received"), format_jst(received_at)),
        (desk_text("triage.due"), format_day(sla_due)),
        (desk_text("triage.status"), desk_text(f"status.{status}")),
    ]
    return [
        {"type": "header", "text": {"type": "plain_text", "text": desk_text("triage.header", number=number)}},
        {
            "type": "section",
            "block_id": "facts",
            "fields": [{"type": "mrkdwn", "text": f"*{label}*\n{value}"} for label, value in fields],
        },
        {"type": "section", "block_id": "body", "text": {"type": "mrkdwn", "text": quote(body)}},
        *(build_intake_blocks(intake) if intake is not None else []),
        *build_classification_blocks(assessment),
    ]


@dataclass(frozen=True)
class IntakeView:
    """The intake dialogue as reviewers see it: its status, item lines (already privacy-filtered), history."""

    status: str  # collecting | complete | incomplete | withdrawn
    items: list[tuple[str, str]]
    history: str | None = None


def build_intake_blocks(intake: IntakeView) -> list[dict[str, Any]]:
    """The report items collected so far, and how many earlier cases the complainant has."""
    lines = [desk_text("intake.heading", status=desk_text(f"intake.{intake.status}"))]
    lines.extend(f"*{label}*: {_escape(value)}" for label, value in intake.items)
    blocks: list[dict[str, Any]] = [
        {
            "type": "section",
            "block_id": "intake",
            "text": {"type": "mrkdwn", "text": "\n".join(lines)[:SECTION_TEXT_LIMIT]},
        }
    ]
    if intake.history:
        blocks.append(
            {
                "type": "context",
                "block_id": "history",
                "elements": [{"type": "mrkdwn", "text": _escape(intake.history)}],
            }
        )
    return blocks


def build_classification_blocks(assessment: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The advisory suggestion: label, types, the two axes, evidence and summary (or a pending note)."""
    if assessment is None:
        return [
            {
                "type": "context",
                "block_id": "classification",
                "elements": [{"type": "mrkdwn", "text": desk_text("triage.classification_pending")}],
            }
        ]
    types = "、".join(desk_text(f"type.{t}") for t in assessment.get("types") or []) or "—"
    lines = [
        desk_text("triage.suggestion"),
        desk_text("triage.label", label=desk_text(f"label.{assessment['label']}")),
        desk_text("triage.types", types=types),
        _axis("triage.demand", assessment.get("demand_valid") or {}),
        _axis("triage.means", assessment.get("means_acceptable") or {}),
        desk_text("triage.summary", summary=_escape(assessment.get("summary", ""))),
    ]
    evidence = assessment.get("evidence") or []
    if evidence:
        lines.append(desk_text("triage.evidence"))
        lines.extend(f"> 「{_escape(e)}」" for e in evidence[:5])
    return [
        {
            "type": "section",
            "block_id": "classification",
            "text": {"type": "mrkdwn", "text": "\n".join(lines)[:SECTION_TEXT_LIMIT]},
        },
        {
            "type": "context",
            "block_id": "classification_engine",
            "elements": [
                {
                    "type": "mrkdwn",
                    "text": desk_text(
                        "triage.engine",
                        engine=assessment.get("engine", "?"),
                        confidence=assessment.get("confidence", 0),
                    ),
                }
            ],
        },
    ]


def _axis(key: str, axis: dict[str, Any]) -> str:
    ok = axis.get("ok")
    verdict = desk_text("axis.unknown" if ok is None else "axis.ok" if ok else "axis.not_ok")
    return desk_text(key, verdict=verdict, reason=_escape(axis.get("reason", "")))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_thread_message_blocks(*, heading: str, body: str | None) -> list[dict[str, Any]]:
    """A thread reply: a heading and, when there is text, the complainant's words."""
    blocks: list[dict[str, Any]] = [{"type": "context", "elements": [{"type": "mrkdwn", "text": heading}]}]
    if body:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": quote(body)}})
    return blocks


def build_alert_blocks(*, text: str) -> list[dict[str, Any]]:
    """An operational alert in the triage channel."""
    return [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]
