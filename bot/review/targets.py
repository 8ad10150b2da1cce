"""What a reviewer's modal is about, read before any action: the case as the actor may see it, and the
refusals every action shares (unknown case, another tenant's case, closed, already decided, no contact)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.outcomes import closed_refusal, feedback_refusal
from bot.crypto import PiiCipher
from bot.outbox.enqueue import reachable
from bot.review.forms import BEHAVIOUR_TYPES, DECIDED, Actor, CaseRef, ReviewError
from bot.review.texts import review_text
from bot.texts import text
from storage.db import Database
from storage.models import Case, Complainant, Tenant
from storage.repos import reviews


class ReviewTargets:
    """The cases the verdict, close, question and feedback modals open on; each read, never written."""

    def __init__(self, *, db: Database, cipher: PiiCipher) -> None:
        self._db = db
        self._cipher = cipher

    async def case_ref(self, *, number: str, actor: Actor, for_verdict: bool = False) -> CaseRef:
        """The case a modal is about; for a verdict, refused when the case is already decided."""
        async with self._db.reader() as session:
            case, tenant = await load_case(session, number, actor, open_only=for_verdict)
            if for_verdict and case.status in DECIDED:
                raise ReviewError(await already_decided(session, case))
        return CaseRef(
            number=case.number,
            tenant_name=tenant.name,
            label=case.suggested_label,
            types=tuple(t for t in case.assessment_types or [] if t in BEHAVIOUR_TYPES),
        )

    async def info_target(self, *, number: str, actor: Actor) -> CaseRef:
        """The case a question may be sent about: the tenant allows contact and the complainant is on LINE."""
        async with self._db.reader() as session:
            case, tenant = await load_case(session, number, actor)
            await contactable(session, case, tenant)
        return _plain_ref(case, tenant)

    async def close_target(self, *, number: str, actor: Actor) -> CaseRef:
        """The case the close modal is about; refused when it is already closed."""
        async with self._db.reader() as session:
            case, tenant = await load_case(session, number, actor, open_only=True)
        return _plain_ref(case, tenant)

    async def feedback_target(self, *, number: str, actor: Actor) -> tuple[CaseRef, str]:
        """The case whose complainant may get the client-approved feedback, and the message's template."""
        async with self._db.reader() as session:
            case, tenant = await load_case(session, number, actor)
            await feedback_allowed(session, self._cipher, case, tenant)
        return _plain_ref(case, tenant), text(tenant.language, "feedback.template", tenant=tenant.name)


async def load_case(
    session: AsyncSession, number: str, actor: Actor, *, lock: bool = False, open_only: bool = False
) -> tuple[Case, Tenant]:
    """The case and its tenant, as the actor may see it (`lock`ed for update; `open_only`: refused once
    it is closed)."""
    finder = reviews.case_by_number_for_update if lock else reviews.case_by_number
    case = await finder(session, number=number)
    if case is None:
        raise ReviewError(review_text("error.unknown_case", number=number))
    if actor.tenant_ids is not None and case.tenant_id not in actor.tenant_ids:
        raise ReviewError(review_text("error.other_tenant", number=number, tenants=actor.tenant_names))
    if open_only:
        refuse_closed(case)
    tenant = await session.get(Tenant, case.tenant_id)
    assert tenant is not None
    return case, tenant


def refuse_closed(case: Case) -> None:
    """Refuse to work on a closed case (it is reopened first)."""
    refusal = closed_refusal(case)
    if refusal is not None:
        raise ReviewError(refusal)


async def already_decided(session: AsyncSession, case: Case) -> str:
    """Why a decided case takes no new verdict: its latest version and who decided it."""
    latest = await reviews.latest_verdict(session, case_id=case.id)
    return review_text(
        "error.already_decided",
        number=case.number,
        version=latest.version if latest else "?",
        by=latest.decided_by if latest else "?",
    )


async def contactable(session: AsyncSession, case: Case, tenant: Tenant) -> Complainant:
    """The complainant the desk may write to about an open case, or a refusal saying why not."""
    refuse_closed(case)
    if not tenant.feedback_allowed:
        raise ReviewError(review_text("error.feedback_not_allowed", tenant=tenant.name))
    complainant = await session.get(Complainant, case.complainant_id) if case.complainant_id else None
    if complainant is None or not reachable(case, complainant):
        raise ReviewError(review_text("error.no_line_contact"))
    return complainant


async def feedback_allowed(
    session: AsyncSession, cipher: PiiCipher, case: Case, tenant: Tenant
) -> Complainant:
    """The complainant who may get the client-approved feedback, or a refusal saying why not."""
    latest = await reviews.latest_verdict(session, case_id=case.id)
    refusal = feedback_refusal(case, latest, cipher)
    if refusal is not None:
        raise ReviewError(refusal)
    return await contactable(session, case, tenant)


def _plain_ref(case: Case, tenant: Tenant) -> CaseRef:
    return CaseRef(number=case.number, tenant_name=tenant.name, label=None, types=())
