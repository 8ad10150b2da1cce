"""The readable form of a complainant's data export (the JSON, as a PDF a person can read)."""

from __future__ import annotations

import json
from typing import Any

from bot.reports.case_pdf import new_document, paragraph

TITLE = "保有個人データの開示 / Personal data held by the desk"


def render_subject_pdf(data: dict[str, Any], *, generated_at: str) -> bytes:
    """Every field of the export, section by section, in the embedded Japanese font."""
    pdf = new_document(TITLE)
    paragraph(pdf, TITLE, size=15, height=9)
    paragraph(pdf, f"作成日時 / generated: {generated_at}", size=9)
    pdf.ln(3)
    paragraph(pdf, "申立人 / Complainant", size=12, height=8)
    paragraph(pdf, _lines(data.get("complainant") or {}))
    for case in data.get("cases") or []:
        pdf.ln(3)
        paragraph(pdf, f"案件 / Case {case['number']}", size=12, height=8)
        paragraph(pdf, _lines({k: v for k, v in case.items() if k not in ("messages", "audit_trail")}))
        for message in case.get("messages") or []:
            arrow = "→ 窓口" if message["direction"] == "in" else "← 窓口"
            paragraph(
                pdf, f"{message['at']} {arrow} ({message['kind']}): {message['text'] or '（削除済み）'}"
            )
        for entry in case.get("audit_trail") or []:
            paragraph(pdf, f"{entry['at']} {entry['actor']} {entry['action']}", size=9, height=5)
    return bytes(pdf.output())


def _lines(values: dict[str, Any]) -> str:
    """`name: value` lines; nested values as compact JSON."""
    shown = []
    for name, value in values.items():
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        shown.append(f"{name}: {text}")
    return "\n".join(shown) or "-"
