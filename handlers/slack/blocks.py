"""Pure Block Kit builders for the desk's Slack posts."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.cases.lifecycle import status_text as case_status_text
from bot.jst import format_day, format_jst
from bot.texts import DESK, branch_text, desk_text

SECTION_TEXT_LIMIT = 2900  # Slack's section text limit is 3000 characters


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
    flags: dict[str, Any] | None = None,
    intake: IntakeView | None = None,
    assignee: str | None = None,
    sla_left: int | None = None,
    police_reported: bool = False,
    with_actions: bool = True,
    outcome_actions: tuple[str, ...] = (),
    closed_at: datetime | None = None,
    close_reason: str | None = None,
) -> list[dict[str, Any]]:
    """The triage post of a case: facts and review state, the complainant's words, what the intake
    dialogue collected and the complainant's history (when known), the suggested classification, buttons
    (a closed case has none, only how to reopen it)."""
    due = format_day(sla_due)
    if sla_left is not None:
        key = (
            "triage.sla_left" if sla_left > 0 else "triage.sla_today" if sla_left == 0 else "triage.sla_over"
        )
        due += "\n" + desk_text(key, days=abs(sla_left))
    status_text = case_status_text("closed" if closed_at else status, close_reason if closed_at else None)
    if closed_at is not None:
        status_text += "\n" + format_jst(closed_at)
    if police_reported:
        status_text += "\n" + desk_text("triage.police_reported")
    fields = [
        (desk_text("triage.tenant"), tenant_name),
        (desk_text("triage.channel"), desk_text(f"channel.{channel}")),
        (desk_text("triage.received"), format_jst(received_at)),
        (desk_text("triage.due"), due),
        (desk_text("triage.status"), status_text),
        (desk_text("triage.assignee"), f"<@{assignee}>" if assignee else desk_text("triage.unassigned")),
    ]
    return [
        {"type": "header", "text": {"type": "plain_text", "text": desk_text("triage.header", number=number)}},
        {
            "type": "section",
            "block_id": "facts",
            "fields": [{"type": "mrkdwn", "text": f"*{label}*\n{value}"} for label, value in fields],
        },
        *_flag_blocks(flags or {}),
        {"type": "section", "block_id": "body", "text": {"type": "mrkdwn", "text": quote(body)}},
        *(build_intake_blocks(intake) if intake is not None else []),
        *build_classification_blocks(assessment),
        *([_actions_or_reopen_hint(number, outcome_actions, closed_at)] if with_actions else []),
    ]


FLOOD_SHOWN_FROM = 3  # further messages in one burst


def build_purged_triage_blocks(
    *,
    number: str,
    tenant_name: str,
    received_at: datetime,
    closed_at: datetime | None,
    label: str | None,
    verdict: str | None,
) -> list[dict[str, Any]]:
    """The triage post of a case whose personal data was purged: what the desk's figures need, no words."""

    def label_text(value: str | None) -> str:
        return desk_text(f"label.{value}") if value else desk_text("triage.none")

    fields = [
        (desk_text("triage.tenant"), tenant_name),
        (desk_text("triage.received"), format_jst(received_at)),
        (desk_text("triage.closed_at"), format_jst(closed_at) if closed_at else desk_text("triage.none")),
        (desk_text("triage.suggested"), label_text(label)),
        (desk_text("triage.verdict"), label_text(verdict)),
    ]
    return [
        {"type": "header", "text": {"type": "plain_text", "text": desk_text("triage.header", number=number)}},
        {
            "type": "section",
            "block_id": "facts",
            "fields": [{"type": "mrkdwn", "text": f"*{name}*\n{value}"} for name, value in fields],
        },
        {"type": "context", "elements": [{"type": "mrkdwn", "text": desk_text("triage.purged")}]},
    ]


def _flag_blocks(flags: dict[str, Any]) -> list[dict[str, Any]]:
    """What reviewers must see before the content: intake after the client's contract ended, a flood of
    further messages from the complainant."""
    notes: list[tuple[str, str]] = []
    if flags.get("contract_expired"):
        end = date.fromisoformat(str(flags["contract_expired"]))
        notes.append(("contract_expired", desk_text("triage.contract_expired", end=format_day(end))))
    follow_ups = flags.get("follow_ups") or {}
    if int(follow_ups.get("count", 0)) >= FLOOD_SHOWN_FROM:
        span = datetime.fromisoformat(follow_ups["last_at"]) - datetime.fromisoformat(follow_ups["first_at"])
        minutes = max(1, math.ceil(span.total_seconds() / 60))
        notes.append(
            ("follow_ups", desk_text("triage.follow_ups", count=follow_ups["count"], minutes=minutes))
        )
    return [
        {"type": "context", "block_id": block_id, "elements": [{"type": "mrkdwn", "text": note}]}
        for block_id, note in notes
    ]


def _actions_or_reopen_hint(
    number: str, outcome_actions: tuple[str, ...], closed_at: datetime | None
) -> dict[str, Any]:
    if closed_at is None:
        return build_case_actions_block(number, outcome_actions)
    return {
        "type": "context",
        "block_id": "case_actions",
        "elements": [{"type": "mrkdwn", "text": desk_text("triage.reopen_hint", number=number)}],
    }


# Action ids of the triage post's buttons (their value is the case number).
CASE_ACTION_IDS = ("case_claim", "case_verdict", "case_request_info", "case_mark_police", "case_close")
# Shown once they apply: the report (after a verdict), its correction (after a re-decided verdict), the
# feedback the client approved.
CASE_OUTCOME_IDS = ("case_send_report", "case_send_correction", "case_send_feedback")
CONFIRMED_OUTCOMES = ("case_send_report", "case_send_correction")


def build_case_actions_block(number: str, outcome_actions: tuple[str, ...] = ()) -> dict[str, Any]:
    """The triage post's buttons: claim, record verdict, request more information, reported to police,
    close, then the outcome buttons that apply now."""

    def button(action_id: str, style: str | None = None, confirm: bool = False) -> dict[str, Any]:
        element: dict[str, Any] = {
            "type": "button",
            "action_id": action_id,
            "value": number,
            "text": {"type": "plain_text", "text": desk_text(f"button.{action_id}")},
        }
        if style:
            element["style"] = style
        if confirm:
            element["confirm"] = {
                "title": {"type": "plain_text", "text": desk_text("button.confirm_title")},
                "text": {"type": "mrkdwn", "text": desk_text(f"button.{action_id}.confirm", number=number)},
                "confirm": {
                    "type": "plain_text",
                    "text": DESK.get(f"button.{action_id}.yes") or desk_text("button.confirm_yes"),
                },
                "deny": {"type": "plain_text", "text": desk_text("button.confirm_no")},
            }
        return element

    return {
        "type": "actions",
        "block_id": "case_actions",
        "elements": [
            button("case_claim"),
            button("case_verdict", style="primary"),
            button("case_request_info"),
            button("case_mark_police", style="danger", confirm=True),
            button("case_close"),
            *(button(a, confirm=a in CONFIRMED_OUTCOMES) for a in outcome_actions if a in CASE_OUTCOME_IDS),
        ],
    }


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


MAX_RULES_SHOWN = 8


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
        desk_text("triage.label", label=desk_text(_label_key(assessment))),
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
                    )
                    + _why(assessment.get("explanation")),
                }
            ],
        },
    ]


def _label_key(assessment: dict[str, Any]) -> str:
    # A threat without the complainant's notice: the learned engine's possible threat, for a reviewer.
    if assessment["label"] == "threat" and assessment.get("threat_notice") is False:
        return "label.possible_threat"
    return f"label.{assessment['label']}"


def _why(explanation: dict[str, Any] | None) -> str:
    """Which branch of the engine's decision gave the label, and the rules that fired (by name)."""
    if not explanation:
        return ""
    rules = [str(r) for r in explanation.get("rules") or []]
    shown = ", ".join(rules[:MAX_RULES_SHOWN]) + (" …" if len(rules) > MAX_RULES_SHOWN else "")
    branch = branch_text(str(explanation.get("branch", "?")))
    return desk_text("triage.why", branch=_escape(branch), rules=shown or "—")


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


def build_follow_up_blocks(*, heading: str, messages: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """A thread reply holding the complainant's further messages: a heading, then each (time, words)."""
    if len(messages) == 1:
        return build_thread_message_blocks(heading=heading, body=messages[0][1])
    blocks: list[dict[str, Any]] = [{"type": "context", "elements": [{"type": "mrkdwn", "text": heading}]}]
    for received, body in messages:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": received}]})
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": quote(body or " ")}})
    return blocks


def build_alert_blocks(*, text: str) -> list[dict[str, Any]]:
    """An operational alert in the triage channel."""
    return [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]
