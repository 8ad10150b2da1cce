"""The client's views as Block Kit: a case report (the data of bot.reports.case_send.report_view) and a
month's totals, for the client's report channel."""

from __future__ import annotations

from typing import Any

from bot.reports.texts import report_text

SECTION_LIMIT = 2900  # Slack allows 3000 characters in a section text
FEEDBACK_APPROVE = "feedback_approve"
FEEDBACK_DECLINE = "feedback_decline"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cut(text: str) -> str:
    return text if len(text) <= SECTION_LIMIT else text[:SECTION_LIMIT] + "…"


def build_case_report_blocks(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Header, sections, the footer, and (with `feedback_buttons`: the complainant wished feedback) the
    decision buttons."""
    language, number = report["language"], report["number"]
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": report["title"][:150]}},
    ]
    if report.get("corrected_note"):
        blocks.append(
            {"type": "context", "elements": [{"type": "mrkdwn", "text": f"*{report['corrected_note']}*"}]}
        )
    blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _escape(report["intro"])}})
    for index, section in enumerate(report["sections"]):
        lines = [f"*{_escape(section['title'])}*"]
        lines += [f"*{_escape(label)}*: {_escape(value)}" for label, value in section["rows"]]
        lines += [_escape(p) for p in section["paragraphs"]]
        blocks.append({"type": "divider"})
        blocks.append(
            {
                "type": "section",
                "block_id": f"report_section_{index}",
                "text": {"type": "mrkdwn", "text": _cut("\n".join(lines))},
            }
        )
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": _escape(report["footer"])}]})
    if report.get("feedback_buttons"):
        blocks.append(
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": report_text(language, "feedback.question")},
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
                        "value": number,
                        "text": {
                            "type": "plain_text",
                            "text": report_text(language, "button.approve"),
                        },
                    },
                    {
                        "type": "button",
                        "action_id": FEEDBACK_DECLINE,
                        "value": number,
                        "text": {
                            "type": "plain_text",
                            "text": report_text(language, "button.decline"),
                        },
                    },
                ],
            }
        )
    return blocks


def build_monthly_blocks(totals: dict[str, Any]) -> list[dict[str, Any]]:
    """A month's totals: a header and the figures."""
    return [
        {"type": "header", "text": {"type": "plain_text", "text": totals["title"][:150]}},
        {"type": "section", "text": {"type": "mrkdwn", "text": totals["body"]}},
    ]
