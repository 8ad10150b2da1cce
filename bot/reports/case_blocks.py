"""A case report as Block Kit for the client's report channel."""

from __future__ import annotations

from typing import Any

from bot.reports.case_data import CaseReportData
from bot.reports.texts import report_text

SECTION_LIMIT = 2900  # Slack allows 3000 characters in a section text
FEEDBACK_APPROVE = "feedback_approve"
FEEDBACK_DECLINE = "feedback_decline"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cut(text: str) -> str:
    return text if len(text) <= SECTION_LIMIT else text[:SECTION_LIMIT] + "…"


def build_case_report_blocks(report: CaseReportData, *, feedback_buttons: bool) -> list[dict[str, Any]]:
    """Header, sections, the footer, and (when the complainant wished feedback) the decision buttons."""
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": report.title[:150]}},
    ]
    if report.corrected_note:
        blocks.append(
            {"type": "context", "elements": [{"type": "mrkdwn", "text": f"*{report.corrected_note}*"}]}
        )
    blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _escape(report.intro)}})
    for index, section in enumerate(report.sections):
        lines = [f"*{_escape(section.title)}*"]
        lines += [f"*{_escape(label)}*: {_escape(value)}" for label, value in section.rows]
        lines += [_escape(p) for p in section.paragraphs]
        blocks.append({"type": "divider"})
        blocks.append(
            {
                "type": "section",
                "block_id": f"report_section_{index}",
                "text": {"type": "mrkdwn", "text": _cut("\n".join(lines))},
            }
        )
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": _escape(report.footer)}]})
    if feedback_buttons:
        blocks.append(
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": report_text(report.language, "feedback.question")},
            }
        )
        blocks.append(
            {
                "type": "actions",
                "block_id": "feedback_decision",
                "elements": [
                    {
                        "type": "button",
                        "action_id": FEEDBACK_APPROVE,
                        "style": "primary",
                        "value": report.number,
                        "text": {
                            "type": "plain_text",
                            "text": report_text(report.language, "button.approve"),
                        },
                    },
                    {
                        "type": "button",
                        "action_id": FEEDBACK_DECLINE,
                        "value": report.number,
                        "text": {
                            "type": "plain_text",
                            "text": report_text(report.language, "button.decline"),
                        },
                    },
                ],
            }
        )
    return blocks
