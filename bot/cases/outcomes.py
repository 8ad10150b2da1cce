"""When a case may be worked on (not while closed), when a decided case may be reported to the client, and
when the client-approved feedback may be sent.

Shared by the Slack actions and the command line, so both refuse the same things the same way.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.items import decrypt_report_items
from bot.cases.lifecycle import CLOSED
from bot.crypto import PiiCipher
from bot.jst import format_jst
from bot.review.texts import review_text
from bot.texts import DESK
from storage.models import Case, Verdict
from storage.repos import reviews

REPORT_FIRST, REPORT_CORRECTION = "first", "correction"


def closed_refusal(case: Case) -> str | None:
    """Why nothing may be done to a closed case until it is reopened (None while it is open)."""
    if case.closed_at is None:
        return None
    reason = case.close_reason or CLOSED
    label = DESK.get(f"close_reason.{reason}", DESK["status.closed"])
    return review_text("error.closed", number=case.number, reason=label, at=format_jst(case.closed_at))


async def report_refusal(session: AsyncSession, case: Case, *, correct: bool) -> str | None:
    """Why the case's report cannot be sent now (None when it can).

    The first report (v1) is sent once; a second press says it was sent. A correction (v2, v3...) is a
    distinct action and reports a verdict recorded after `reopen`: without a newer verdict there is
    nothing to correct, which also makes a double click on it harmless. A closed case is reopened first.
    """
    closed = closed_refusal(case)
    if closed is not None:
        return closed
    latest = await reviews.latest_verdict(session, case_id=case.id)
    if latest is None:
        return review_text("error.not_decided", number=case.number)
    last = await reviews.latest_client_report(session, case_id=case.id)
    if not correct and last is not None:
        return review_text(
            "report.already_sent", number=case.number, version=last.version, by=_who(last.sent_by)
        )
    if correct and last is None:
        return review_text("report.nothing_to_correct", number=case.number)
    if case.status not in ("decided", "reported"):
        return review_text("report.in_review", number=case.number)
    if correct and last is not None and latest.version <= (last.verdict_version or 0):
        return review_text(
            "report.no_new_verdict", number=case.number, version=last.version, verdict=latest.version
        )
    return None


def _who(actor: str) -> str:
    return f"<@{actor.removeprefix('slack:')}>" if actor.startswith("slack:") else actor


def feedback_refusal(case: Case, latest: Verdict | None, cipher: PiiCipher) -> str | None:
    """Why no feedback may go to the complainant (None when the client approved the feedback the
    complainant wished for and the verdict foresees). Reachability on LINE is checked separately."""
    if latest is None or case.status not in ("decided", "reported"):
        return review_text("error.not_decided", number=case.number)
    sent: dict[str, Any] = case.flags.get("feedback_sent") or {}
    if sent:
        return review_text("feedback_send.already", number=case.number, by=sent.get("by", "?"))
    if decrypt_report_items(cipher, case.intake_enc).feedback_wanted is not True:
        return review_text("feedback_send.not_wished", number=case.number)
    if not latest.feedback_to_complainant:
        return review_text("error.no_feedback_planned", number=case.number)
    decision: dict[str, Any] = case.flags.get("client_feedback") or {}
    if decision.get("decision") != "approved" or decision.get("version") != latest.version:
        return review_text("feedback_send.not_approved", number=case.number)
    return None


async def next_actions(session: AsyncSession, cipher: PiiCipher, case: Case) -> list[str]:
    """The outcome buttons the triage post shows now: report, correction, feedback."""
    shown: list[str] = []
    if case.status == "decided":
        last = await reviews.latest_client_report(session, case_id=case.id)
        shown.append("case_send_correction" if last is not None else "case_send_report")
    if case.status in ("decided", "reported") and (case.flags.get("client_feedback") or {}):
        latest = await reviews.latest_verdict(session, case_id=case.id)
        if feedback_refusal(case, latest, cipher) is None:
            shown.append("case_send_feedback")
    return shown
