"""Classifying a case in the background: assess its words, show the suggestion, act on threats.

Runs as an outbox effect, so it is retried like any other and never delays intake. The classifier is
called outside any transaction (it may be a network call).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.texts import store_assessment
from bot.cases.triage import enqueue_thread_alert, enqueue_triage_update
from bot.cases.words import case_words
from bot.classifier.learned import DESK_MODEL_UNUSABLE, MODEL_UNAVAILABLE
from bot.classifier.model import Assessment, Classifier
from bot.classifier.redact import PiiKind
from bot.classifier.scrub import scrub_assessment
from bot.clock import Clock
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.dialogue import service as dialogue_service
from bot.outbox.desk import enqueue_admin_alert
from bot.outbox.effects import Effect, SendError
from bot.outbox.enqueue import push_to_complainant, reachable
from bot.texts import desk_text, text
from storage.db import Database
from storage.models import Case, Complainant, Tenant
from storage.repos import audit, cases

THREAT = "threat"


@dataclass(frozen=True)
class _CaseText:
    language: str
    body: str
    known: dict[PiiKind, list[str]]  # what the complainant gave in the dialogue: never in the words


class CaseClassification:
    """The `case.classify` effect: classify, record, update the triage post, alert on threats."""

    def __init__(
        self, *, db: Database, cipher: PiiCipher, classifier: Classifier, settings: Settings, clock: Clock
    ) -> None:
        self._db = db
        self._cipher = cipher
        self._classifier = classifier
        self._settings = settings
        self._clock = clock

    async def send(self, effect: Effect) -> dict[str, Any]:
        """Classify the case named in the effect; returns the label and engine."""
        case_id = int(effect.payload["case_id"])
        case_text = await self._read(case_id)
        assessment = scrub_assessment(
            await self._classifier.assess(case_text.body, language=case_text.language), known=case_text.known
        )
        async with self._db.transaction() as session:
            await self._record(session, case_id, assessment, now=self._clock.now())
        return {"label": assessment.label, "engine": assessment.engine}

    async def _read(self, case_id: int) -> _CaseText:
        async with self._db.reader() as session:
            case = await cases.case_by_id(session, case_id=case_id)
            if case is None:
                raise SendError(f"case {case_id} not found", permanent=True)
            tenant = await session.get(Tenant, case.tenant_id)
            messages = await cases.messages_of_case(session, case_id=case_id)
        words = case_words(self._cipher, case, messages)
        return _CaseText(language=tenant.language if tenant else "ja", body=words.body, known=words.known)

    async def _record(
        self, session: AsyncSession, case_id: int, assessment: Assessment, *, now: datetime
    ) -> None:
        case = await cases.case_by_id(session, case_id=case_id)
        tenant = await session.get(Tenant, case.tenant_id) if case else None
        if case is None or tenant is None:
            raise SendError(f"case {case_id} not found", permanent=True)
        before = {"label": case.suggested_label}
        store_assessment(self._cipher, case, assessment)
        case.updated_at = now
        audit.record(
            session,
            at=now,
            actor=f"classifier:{assessment.engine}",
            action="case.classified",
            tenant_id=case.tenant_id,
            case_id=case.id,
            before=before,
            after={
                "label": assessment.label,
                "types": list(assessment.types),
                "confidence": assessment.confidence,
            },
        )
        threat = assessment.label == THREAT and not case.flags.get("threat_alerted")
        # A possible threat (the learned engine, the model's word alone) alerts the reviewers and sends the
        # complainant nothing; a threat that more than the model says so takes the case out of intake.
        notice = threat and assessment.sends_threat_notice
        if notice:
            # Out of intake: the dialogue asks nothing more.
            await dialogue_service.stop_for_threat(session, case=case, now=now)
        await self._update_triage_post(session, case, tenant, now=now)
        if notice:
            await self._raise_threat(session, case, tenant, now=now)
        elif threat:
            await self._raise_possible_threat(session, case, tenant, now=now)
        for trouble, alert in (
            (MODEL_UNAVAILABLE, "learned_model_unavailable"),
            (DESK_MODEL_UNUSABLE, "desk_model_unusable"),
        ):
            if trouble in assessment.engine:
                # Once a day at most: the model is missing, damaged or stale, and another answers for it.
                await enqueue_admin_alert(
                    session,
                    self._cipher,
                    self._settings,
                    key=f"alert:{alert}:{now.date().isoformat()}",
                    now=now,
                    text=desk_text(f"alert.{alert}"),
                )

    async def _update_triage_post(
        self, session: AsyncSession, case: Case, tenant: Tenant, *, now: datetime
    ) -> None:
        messages = await cases.messages_of_case(session, case_id=case.id)
        # One key per assessment: each new message gives a new suggestion and a new edit.
        version = len([m for m in messages if m.direction == "in"])
        await enqueue_triage_update(
            session,
            self._cipher,
            case,
            tenant,
            key=f"triage-update:{case.id}:{version}:{case.suggested_label}",
            now=now,
        )

    async def _raise_threat(
        self, session: AsyncSession, case: Case, tenant: Tenant, *, now: datetime
    ) -> None:
        """Out of intake, a police candidate, an alert to reviewers now, the fixed notice to the sender."""
        flags = {"out_of_intake": True, "police_candidate": True}
        await self._alert(
            session, case, tenant, flags=flags, action="case.threat_flagged", alert="alert.threat", now=now
        )
        complainant = await session.get(Complainant, case.complainant_id) if case.complainant_id else None
        if complainant is None or not reachable(case, complainant):
            return
        await push_to_complainant(
            session,
            self._cipher,
            key=f"line:threat:{case.id}",
            now=now,
            case=case,
            complainant=complainant,
            text=text(tenant.language, "notice.threat"),
            mail_domain=self._settings.mail_domain,
            automatic=True,
        )

    async def _raise_possible_threat(
        self, session: AsyncSession, case: Case, tenant: Tenant, *, now: datetime
    ) -> None:
        """An alert to the reviewers now; the case stays in intake and the sender is told nothing."""
        flags = {"possible_threat": True}
        await self._alert(
            session,
            case,
            tenant,
            flags=flags,
            action="case.possible_threat_flagged",
            alert="alert.possible_threat",
            now=now,
        )

    async def _alert(
        self,
        session: AsyncSession,
        case: Case,
        tenant: Tenant,
        *,
        flags: dict[str, bool],
        action: str,
        alert: str,
        now: datetime,
    ) -> None:
        """The case flagged and audited, and the reviewers alerted (text `alert`) in its thread and the
        channel, once."""
        case.flags = {**case.flags, **flags, "threat_alerted": True}
        audit.record(
            session,
            at=now,
            actor="classifier",
            action=action,
            tenant_id=tenant.id,
            case_id=case.id,
            after={"flags": case.flags},
        )
        words = desk_text(
            alert, mention=self._settings.slack_alert_mention, number=case.number, tenant=tenant.name
        ).replace("  ", " ")
        await enqueue_thread_alert(
            session,
            self._cipher,
            case=case,
            key=f"alert:threat:{case.id}",
            text=words,
            now=now,
            alert=True,
            also_in_channel=True,
        )

    async def close(self) -> None:
        """Close the classifier's connections, if it has any."""
        closer = getattr(self._classifier, "aclose", None)
        if closer is not None:
            await closer()
