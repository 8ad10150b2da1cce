"""Building cases the way the other parts of the desk leave them: intake via LINE, items, verdicts."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.cases.items import ReportItems, encrypt_report_items
from bot.cases.texts import VerdictTexts, seal_verdict_texts
from bot.crypto import PiiCipher
from storage.db import Database
from storage.models import Case, Complainant, Tenant, Verdict
from storage.repos import cases
from tests.clock import TEST_NOW


class ManualClock:
    """A clock the test moves."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at

    def set(self, at: datetime) -> None:
        self.at = at


async def tenant_by_slug(db: Database, slug: str) -> Tenant:
    async with db.reader() as session:
        tenant = await session.scalar(select(Tenant).where(Tenant.slug == slug))
    assert tenant is not None
    return tenant


async def add_case(
    db: Database,
    cipher: PiiCipher,
    *,
    slug: str,
    received_at: datetime,
    sla_due: date,
    items: ReportItems | None = None,
    channel: str = "line",
    complainant_line_id: str | None = None,
) -> Case:
    """A case as intake leaves it (with a complainant and one message), optionally with report items."""
    tenant = await tenant_by_slug(db, slug)
    async with db.transaction() as session:
        complainant = None
        if complainant_line_id:
            complainant = Complainant(
                tenant_id=tenant.id,
                line_user_hash=cipher.lookup_hash(f"line:{complainant_line_id}"),
                line_user_id_enc=cipher.encrypt(complainant_line_id),
                contact_enc=cipher.encrypt("090-0000-0000"),
                created_at=received_at,
            )
            session.add(complainant)
            await session.flush()
        number = await cases.next_case_number(session, year=received_at.year)
        case = await cases.add_case(
            session,
            tenant_id=tenant.id,
            complainant_id=complainant.id if complainant else None,
            number=number,
            channel=channel,
            received_at=received_at,
            sla_due=sla_due,
        )
        if items is not None:
            case.intake_enc = encrypt_report_items(cipher, items)
            case.intake_complete = True
        await cases.add_message(
            session,
            tenant_id=tenant.id,
            case_id=case.id,
            complainant_id=complainant.id if complainant else None,
            direction="in",
            kind="text",
            body_enc=cipher.encrypt("店員の態度が悪かった"),
            source_message_id=None,
            at=received_at,
        )
    return case


async def add_verdict(
    db: Database, cipher: PiiCipher, case_id: int, *, version: int = 1, **fields: Any
) -> None:
    """A reviewer's verdict row, as the reviewer workflow writes it."""
    texts = VerdictTexts(
        opinion="要求は過大で、大声で威圧する手段は社会通念上相当とはいえません。",
        advice="複数名で対応し、記録を残してください。",
        recommendation="",
    )
    values: dict[str, Any] = {
        "label": "harassment",
        "behaviour_types": ["verbal_abuse", "excessive_demand"],
        "texts_enc": seal_verdict_texts(cipher, texts),
        "feedback_to_complainant": False,
        "police_report": False,
        "decided_by": "U_REVIEWER",
        "decided_at": TEST_NOW - timedelta(hours=1),
    }
    values.update(fields)
    async with db.transaction() as session:
        session.add(Verdict(case_id=case_id, version=version, **values))
        case = await session.get(Case, case_id)
        assert case is not None
        if case.status in ("new", "in_review"):
            case.status, case.decided_at = "decided", values["decided_at"]


async def reload_case(db: Database, case_id: int) -> Case:
    async with db.reader() as session:
        case = await session.get(Case, case_id)
    assert case is not None
    return case
