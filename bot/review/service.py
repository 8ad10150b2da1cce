"""The reviewer's decisions on a case: claim, assign, note, verdict, reopen, questions, police, feedback.

Every action runs in one transaction that also writes its audit entry, an internal note in the case's
thread and the in-place update of the triage post (both through the outbox). An interaction key (Slack's
trigger or view id) is recorded with it, so a retried or resubmitted interaction applies once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import lifecycle as case_lifecycle
from bot.cases.outcomes import report_refusal
from bot.cases.recorder import CaseRecorder
from bot.cases.texts import VerdictTexts, seal_verdict_texts, verdict_texts
from bot.clock import Clock
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.outbox.enqueue import push_to_complainant
from bot.privacy.retention import on_legal_hold
from bot.reports.case_send import ReportError, send_case_report
from bot.review.forms import (
    DECIDED,
    FEEDBACK_LIMITS,
    QUESTION_LIMITS,
    Actor,
    FormInvalid,
    ReviewError,
    VerdictForm,
    check_message,
    validate_close,
    validate_verdict,
)
from bot.review.targets import already_decided, contactable, feedback_allowed, load_case
from bot.review.texts import review_text
from bot.texts import DESK, text
from storage.db import Database
from storage.models import Case, Tenant, Verdict
from storage.repos import reviews, slack_receipts


@dataclass(frozen=True)
class Act:
    """One action under way: its transaction, the case and its tenant, who acts and when."""

    session: AsyncSession
    case: Case
    tenant: Tenant
    actor: Actor
    now: datetime
    recorder: CaseRecorder

    async def record(
        self,
        *,
        action: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        thread: str | None,
        update_post: bool = True,
    ) -> None:
        """The action's audit entry, its note in the case's thread and the triage post's update."""
        await self.recorder.record(
            self.session,
            self.case,
            self.tenant,
            actor=self.actor.audit_name,
            action=action,
            before=before,
            after=after,
            thread=thread,
            now=self.now,
            update_post=update_post,
        )


Step = Callable[[Act], Awaitable[str]]


class ReviewService:
    """Reviewer and client-manager actions on cases, each one transaction, audited."""

    def __init__(self, *, db: Database, cipher: PiiCipher, settings: Settings, clock: Clock) -> None:
        self._db = db
        self._cipher = cipher
        self._settings = settings
        self._clock = clock
        self._recorder = CaseRecorder(cipher=cipher, settings=settings)

    async def _perform(
        self, number: str, actor: Actor, key: str, step: Step, *, lock: bool = True, open_only: bool = False
    ) -> str:
        """What every action shares: one transaction; the interaction key recorded first (a retried or
        resubmitted interaction is answered as a duplicate and changes nothing); the case loaded as the actor
        may see it (`lock`ed against a concurrent action, refused once closed if `open_only`); then `step`."""
        now = self._clock.now()
        async with self._db.transaction() as session:
            if not await slack_receipts.first_time(session, key=key, actor=actor.user_id, now=now):
                return review_text("done.duplicate")
            case, tenant = await load_case(session, number, actor, lock=lock, open_only=open_only)
            return await step(Act(session, case, tenant, actor, now, self._recorder))

    # actions -----------------------------------------------------------------

    async def claim(self, *, number: str, actor: Actor, key: str) -> str:
        """Take the case (new → in review); an already-taken case says who has it."""

        async def step(act: Act) -> str:
            session, case = act.session, act.case
            if case.status in DECIDED:
                return await already_decided(session, case)
            if case.assignee == actor.user_id:
                return review_text("done.claimed_already_yours", number=case.number)
            if case.assignee:
                return review_text("done.claimed_by_other", number=case.number, user=case.assignee)
            before = {"status": case.status, "assignee": case.assignee}
            case.status, case.assignee = "in_review", actor.user_id
            await act.record(
                action="case.claimed",
                before=before,
                after={"status": case.status, "assignee": case.assignee},
                thread=review_text("thread.claimed", user=actor.user_id),
            )
            return review_text("done.claimed", number=case.number)

        return await self._perform(number, actor, key, step, open_only=True)

    async def assign(self, *, number: str, actor: Actor, assignee: str, key: str) -> str:
        """Give the case to a reviewer (checked by the caller)."""

        async def step(act: Act) -> str:
            session, case = act.session, act.case
            if case.status in DECIDED:
                return await already_decided(session, case)
            before = {"status": case.status, "assignee": case.assignee}
            case.status, case.assignee = "in_review", assignee
            await act.record(
                action="case.assigned",
                before=before,
                after={"status": case.status, "assignee": assignee},
                thread=review_text("thread.assigned", actor=actor.user_id, user=assignee),
            )
            return review_text("done.assigned", number=case.number, user=assignee)

        return await self._perform(number, actor, key, step, open_only=True)

    async def note(self, *, number: str, actor: Actor, body: str, key: str) -> str:
        """An internal note in the case's thread (never sent to the complainant)."""
        if not body.strip():
            raise ReviewError(review_text("error.empty_note"))

        async def step(act: Act) -> str:
            case = act.case
            await act.record(
                action="case.note",
                before=None,
                after={"chars": len(body.strip())},
                thread=review_text("thread.note", user=actor.user_id, text=body.strip()[:2800]),
                update_post=False,
            )
            return review_text("done.noted", number=case.number)

        return await self._perform(number, actor, key, step, lock=False)

    async def reopen(self, *, number: str, actor: Actor, key: str, reason: str = "") -> str:
        """A decided or closed case back in review (a verdict stays; the next one is a new version)."""
        why = reason.strip()[: case_lifecycle.NOTE_LIMIT]

        async def step(act: Act) -> str:
            case, now = act.case, act.now
            if case.closed_at is None and case.status not in DECIDED:
                return review_text("done.not_reopenable", number=case.number)
            was_closed = case.closed_at is not None
            before = case_lifecycle.reopen(case, now=now)
            after: dict[str, Any] = {"status": case.status, **({"reason": why} if why else {})}
            thread = review_text("thread.reopened", user=actor.user_id)
            await act.record(
                action="case.reopened",
                before=before,
                after=after,
                thread=thread + (review_text("thread.reason", reason=why) if why else ""),
            )
            return review_text("done.reopened_closed" if was_closed else "done.reopened", number=case.number)

        return await self._perform(number, actor, key, step)

    async def close(self, *, number: str, actor: Actor, reason: str, note: str, key: str) -> str:
        """Close the case for a reviewer's reason (out of scope, duplicate, police, other with a text);
        raises FormInvalid with field errors."""
        errors = validate_close(reason, note)
        if errors:
            raise FormInvalid(errors)
        why = note.strip()

        async def step(act: Act) -> str:
            case, now = act.case, act.now
            before, after = case_lifecycle.close(case, reason=reason, now=now)
            label = DESK[f"close_reason.{reason}"]
            await act.record(
                action="case.closed",
                before=before,
                after={**after, **({"note": why} if why else {})},
                thread=review_text("thread.closed", user=actor.user_id, reason=label)
                + (review_text("thread.reason", reason=why) if why else ""),
            )
            return review_text("done.closed", number=case.number, reason=label)

        return await self._perform(number, actor, key, step, open_only=True)

    async def record_verdict(self, *, number: str, actor: Actor, form: VerdictForm, key: str) -> str:
        """Save the verdict as the case's next version; raises FormInvalid with field errors."""

        async def step(act: Act) -> str:
            session, case, tenant, now = act.session, act.case, act.tenant, act.now
            latest = await reviews.latest_verdict(session, case_id=case.id)
            if case.status in DECIDED:
                version = latest.version if latest else "?"
                raise FormInvalid({"label": review_text("invalid.decided", version=version)})
            errors = validate_verdict(form, feedback_allowed=tenant.feedback_allowed)
            if errors:
                raise FormInvalid(errors)
            assert form.label is not None
            texts = VerdictTexts(
                opinion=form.opinion.strip(),
                advice=form.advice.strip(),
                recommendation=form.recommendation.strip(),
                police_reference=form.police_reference.strip() or None,
            )
            verdict = Verdict(
                case_id=case.id,
                version=(latest.version + 1) if latest else 1,
                label=form.label,
                behaviour_types=list(form.types),
                texts_enc=seal_verdict_texts(self._cipher, texts),
                feedback_to_complainant=bool(form.feedback),
                police_report=bool(form.police),
                decided_by=actor.user_id,
                decided_at=now,
            )
            session.add(verdict)
            before = {"status": case.status, "assignee": case.assignee}
            case.status, case.decided_at = "decided", now
            case.assignee = case.assignee or actor.user_id
            if form.police:
                case.flags = {**case.flags, "police_reported": True}
            await act.record(
                action="verdict.recorded",
                before=before,
                after={
                    "status": case.status,
                    "version": verdict.version,
                    "label": verdict.label,
                    "types": verdict.behaviour_types,
                    "feedback": verdict.feedback_to_complainant,
                    "police": verdict.police_report,
                },
                thread=review_text(
                    "thread.verdict",
                    user=actor.user_id,
                    version=verdict.version,
                    label=DESK[f"label.{verdict.label}"],
                    opinion=texts.opinion[:1500],
                ),
            )
            return review_text("done.verdict", number=case.number, version=verdict.version)

        return await self._perform(number, actor, key, step, open_only=True)

    async def request_info(
        self, *, number: str, actor: Actor, question: str, confirmed: bool, key: str
    ) -> str:
        """Send the reviewer's question to the complainant by LINE push, once confirmed; audited."""
        check_message("question", question.strip(), QUESTION_LIMITS, confirmed=confirmed)

        async def step(act: Act) -> str:
            session, case, tenant, now = act.session, act.case, act.tenant, act.now
            complainant = await contactable(session, case, tenant)
            message = text(tenant.language, "info.request", number=case.number, question=question.strip())
            stored = await push_to_complainant(
                session,
                self._cipher,
                key=f"info:{key}",
                now=now,
                case=case,
                complainant=complainant,
                text=message,
                mail_domain=self._settings.mail_domain,
            )
            await act.record(
                action="case.info_requested",
                before=None,
                after={"message_id": stored.id, "chars": len(question.strip())},
                thread=review_text("thread.info_sent", user=actor.user_id, question=question.strip()[:2800]),
                update_post=False,
            )
            return review_text("done.info_sent", number=case.number)

        return await self._perform(number, actor, key, step)

    async def mark_police_reported(self, *, number: str, actor: Actor, key: str) -> str:
        """Record that the case was reported to the police."""

        async def step(act: Act) -> str:
            session, case = act.session, act.case
            if case.flags.get("police_reported"):
                return review_text("done.police_already", number=case.number)
            latest = await reviews.latest_verdict(session, case_id=case.id)
            reference = (verdict_texts(self._cipher, latest).police_reference if latest else None) or ""
            case.flags = {**case.flags, "police_reported": True}
            await act.record(
                action="case.police_reported",
                before={"police_reported": False},
                after={"police_reported": True},
                thread=review_text("thread.police", user=actor.user_id, reference=reference),
            )
            return review_text("done.police", number=case.number)

        return await self._perform(number, actor, key, step)

    async def lift_legal_hold(self, *, number: str, actor: Actor, key: str, reason: str) -> str:
        """Lift the legal hold of a case reported to the police: retention may purge it once due."""
        why = reason.strip()[: case_lifecycle.NOTE_LIMIT]
        if not why:
            raise ReviewError(review_text("error.hold_reason"))

        async def step(act: Act) -> str:
            case, now = act.case, act.now
            if not on_legal_hold(case):
                return review_text("done.no_hold", number=case.number)
            case.flags = {**case.flags, "legal_hold_lifted_at": now.isoformat()}
            await act.record(
                action="case.legal_hold_lifted",
                before={"legal_hold": True},
                after={"legal_hold": False, "reason": why},
                thread=review_text("thread.hold_lifted", user=actor.user_id)
                + review_text("thread.reason", reason=why),
            )
            return review_text("done.hold_lifted", number=case.number)

        return await self._perform(number, actor, key, step)

    async def client_feedback(self, *, number: str, actor: Actor, approve: bool, key: str) -> str:
        """A client manager approves or declines the feedback the verdict foresees for the complainant."""
        decision = "approved" if approve else "declined"
        words = {"decision": review_text(f"feedback.{decision}"), "decision_en": decision}

        async def step(act: Act) -> str:
            session, case, now = act.session, act.case, act.now
            latest = await reviews.latest_verdict(session, case_id=case.id)
            if latest is None or case.status not in DECIDED:
                raise ReviewError(review_text("error.not_decided", number=case.number))
            if not latest.feedback_to_complainant:
                raise ReviewError(review_text("error.no_feedback_planned", number=case.number))
            previous = case.flags.get("client_feedback") or {}
            if previous.get("decision") == decision and previous.get("version") == latest.version:
                return review_text("done.feedback_same", number=case.number, **words)
            record = {
                "decision": decision,
                "by": actor.user_id,
                "at": now.isoformat(),
                "version": latest.version,
            }
            case.flags = {**case.flags, "client_feedback": record}
            await act.record(
                action=f"feedback.{decision}",
                before={"client_feedback": previous.get("decision")},
                after={"client_feedback": decision, "version": latest.version},
                thread=review_text("thread.feedback", user=actor.user_id, decision=words["decision"]),
            )
            return review_text("done.feedback", number=case.number, **words)

        return await self._perform(number, actor, key, step, open_only=True)

    async def send_report(self, *, number: str, actor: Actor, correct: bool, key: str) -> str:
        """Send the case's report to the client (v1), or a correction reporting a newer verdict; audited
        by `send_case_report`, the triage post shows 報告済み."""

        async def step(act: Act) -> str:
            session, case, tenant, now = act.session, act.case, act.tenant, act.now
            refusal = await report_refusal(session, case, correct=correct)
            if refusal is not None:
                return refusal
            try:
                sent = await send_case_report(
                    session,
                    cipher=self._cipher,
                    settings=self._settings,
                    now=now,
                    case=case,
                    actor=actor.audit_name,
                )
            except ReportError as exc:
                # The admins' alert (no report channel) commits with the receipt; nothing was sent.
                return review_text("report.failed", number=case.number, reason=str(exc))
            channels = ", ".join(f"<#{c}>" for c in sent.channels)
            what = "thread.correction_sent" if sent.version > 1 else "thread.report_sent"
            await self._recorder.announce(
                session,
                case,
                tenant,
                tag=f"report-v{sent.version}",
                thread=review_text(what, user=actor.user_id, version=sent.version, channels=channels),
                now=now,
            )
            done = "done.correction_sent" if sent.version > 1 else "done.report_sent"
            return review_text(done, number=case.number, version=sent.version, channels=channels)

        return await self._perform(number, actor, key, step)

    async def send_feedback(
        self, *, number: str, actor: Actor, message: str, confirmed: bool, key: str
    ) -> str:
        """Send the feedback the client approved to the complainant by LINE push, once; audited."""
        body = message.strip()
        check_message("message", body, FEEDBACK_LIMITS, confirmed=confirmed)

        async def step(act: Act) -> str:
            session, case, tenant, now = act.session, act.case, act.tenant, act.now
            complainant = await feedback_allowed(session, self._cipher, case, tenant)
            sent_text = text(tenant.language, "feedback.message", number=case.number, body=body)
            stored = await push_to_complainant(
                session,
                self._cipher,
                key=f"feedback:{case.id}",  # one feedback per case, whatever submits it
                now=now,
                case=case,
                complainant=complainant,
                text=sent_text,
                mail_domain=self._settings.mail_domain,
            )
            case.flags = {**case.flags, "feedback_sent": {"by": f"<@{actor.user_id}>", "at": now.isoformat()}}
            await act.record(
                action="feedback.sent",
                before={"feedback_sent": False},
                after={"feedback_sent": True, "message_id": stored.id, "chars": len(body)},
                thread=review_text("thread.feedback_sent", user=actor.user_id, message=body[:2800]),
            )
            return review_text("done.feedback_sent", number=case.number)

        return await self._perform(number, actor, key, step)
