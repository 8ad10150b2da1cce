"""When a case ends: why it may be closed, what keeps a reported case open, which cases the SLA concerns.

A case is closed by a reviewer (out of scope, a duplicate, handed to the police, another reason), at once
when the complainant withdraws it (its status stays 取り下げ), or by the scheduler once its report was sent
and nothing is pending for `close_after_business_days` business days. `reopen` undoes any of them.

A *threat case* is one the reviewer's latest verdict labels threat or, before any verdict, one the
classifier flagged as a threat (taken out of intake, alerted at once). The verdict decides both ways: the
suggestion is advisory, and a reviewer who finds a flagged message is no threat puts the case back under
the 3-business-day promise. Threats go to the police, not into the report queue, so they get no reminders.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot.calendar import TOKYO, BusinessCalendar
from bot.texts import desk_text
from storage.models import Case, ClientReport, Verdict

CLOSED, WITHDRAWN, COMPLETED, THREAT = "closed", "withdrawn", "completed", "threat"
ENDED_STATUSES = (WITHDRAWN, CLOSED)
REVIEWER_REASONS = ("out_of_scope", "duplicate", "police", "other")
CLOSE_REASONS = (*REVIEWER_REASONS, WITHDRAWN, COMPLETED)
NOTE_LIMIT = 300


def status_text(status: str, close_reason: str | None) -> str:
    """A case's status as reviewers read it: 終了（理由） once it is closed."""
    if close_reason in CLOSE_REASONS:
        return desk_text("triage.closed", reason=desk_text(f"close_reason.{close_reason}"))
    return desk_text(f"status.{status}")


def is_threat(case: Case, verdict_label: str | None) -> bool:
    """The latest verdict says threat; before any verdict, the classifier suggests or flagged one."""
    if verdict_label is not None:
        return verdict_label == THREAT
    return case.suggested_label == THREAT or bool((case.flags or {}).get("out_of_intake"))


def under_sla(case: Case, verdict_label: str | None) -> bool:
    """Whether the report promise still concerns the case: not closed, not withdrawn, not a threat."""
    return case.closed_at is None and case.status not in ENDED_STATUSES and not is_threat(case, verdict_label)


def close(case: Case, *, reason: str, now: datetime) -> tuple[dict[str, Any], dict[str, Any]]:
    """Mark the case closed for `reason` (status 取り下げ when withdrawn, else 終了); (before, after)."""
    before = {"status": case.status}
    case.status = WITHDRAWN if reason == WITHDRAWN else CLOSED
    case.closed_at, case.close_reason, case.updated_at = now, reason, now
    return before, {"status": case.status, "reason": reason, "closed_at": now.isoformat()}


def reopen(case: Case, *, now: datetime) -> dict[str, Any]:
    """Put a decided or closed case back in review, open again; the state before, for the audit."""
    before: dict[str, Any] = {"status": case.status}
    if case.closed_at is not None:
        before.update(closed_at=case.closed_at.isoformat(), reason=case.close_reason)
    case.status, case.closed_at, case.close_reason, case.updated_at = "in_review", None, None, now
    return before


def settled_at(
    case: Case,
    *,
    verdict: Verdict | None,
    report: ClientReport | None,
    feedback_expected: bool,
) -> datetime | None:
    """When a reported case had nothing pending any more: its last report or, when feedback is expected
    (the complainant wished it, the client allows it, the verdict foresees it), the feedback sent or the
    client's decline, whichever came later (None while something is pending)."""
    if case.status != "reported" or report is None or verdict is None:
        return None
    if not feedback_expected:
        return report.sent_at
    sent: dict[str, Any] = (case.flags or {}).get("feedback_sent") or {}
    decision: dict[str, Any] = (case.flags or {}).get("client_feedback") or {}
    declined = decision.get("decision") == "declined" and decision.get("version") == verdict.version
    moment = sent.get("at") if sent else decision.get("at") if declined else None
    if moment is None:
        return None
    return max(report.sent_at, datetime.fromisoformat(str(moment)))


def close_day(settled: datetime, calendar: BusinessCalendar, business_days: int) -> date:
    """The day a settled case is closed: `business_days` business days after the day it settled (Tokyo)."""
    return calendar.add_business_days(settled.astimezone(TOKYO).date(), business_days)
