"""Reads of a complainant's consented identity are audited: `/kasuhara show` and the client report,
through signed Slack requests into the running app; every chain the desk wrote along the way verifies."""

from __future__ import annotations

from sqlalchemy import select

from app.resources import audit_key_of
from bot.cases.items import decrypt_report_items, encrypt_report_items
from storage.audit_verify import verify_chains
from storage.models import Case
from tests.slack_desk import CLIENT, REPORTS, REVIEWER, Desk, decide

NAME, PHONE = "山田太郎", "090-1234-5678"


async def give_identity(desk: Desk, number: str, *, consent: bool) -> None:
    """The complainant gave a name and a phone number in the intake dialogue, and answered the consent."""
    cipher = desk.app.services.cipher
    async with desk.app.services.db.transaction() as session:
        case = (await session.scalars(select(Case).where(Case.number == number))).one()
        items = decrypt_report_items(cipher, case.intake_enc).model_copy(
            update={"anonymous": False, "name": NAME, "phone": PHONE, "consent_to_disclose": consent}
        )
        case.intake_enc = encrypt_report_items(cipher, items)


async def reads(desk: Desk, number: str) -> list[tuple[str, str, object]]:
    return [(e.actor, e.action, e.after) for e in await desk.audit(number) if e.action.startswith("read.")]


async def test_show_of_a_consented_identity_is_audited_before_the_answer(desk: Desk) -> None:
    number = await desk.open_case()
    await give_identity(desk, number, consent=True)
    shown = await desk.command(f"show {number}")
    assert NAME in shown and PHONE in shown
    by_client = await desk.command(f"show {number}", user=CLIENT, channel=REPORTS)
    assert NAME in by_client
    assert await reads(desk, number) == [
        (f"slack:{REVIEWER}", "read.case_shown", {"items": ["name", "phone"]}),
        (f"slack:{CLIENT}", "read.case_shown", {"items": ["name", "phone"]}),
    ]


async def test_show_without_consent_hides_the_identity_and_reads_nothing_to_audit(desk: Desk) -> None:
    number = await desk.open_case()
    await give_identity(desk, number, consent=False)
    shown = await desk.command(f"show {number}")
    assert NAME not in shown and PHONE not in shown and "非表示" in shown
    assert await reads(desk, number) == []


async def test_a_report_carrying_the_identity_is_audited_and_every_chain_holds(desk: Desk) -> None:
    number = await desk.open_case()
    await give_identity(desk, number, consent=True)
    await desk.click("case_claim", number)
    await decide(desk, number)
    assert "報告書（第1版）を依頼元へ送りました" in await desk.click("case_send_report", number)
    await desk.app.idle()
    assert await reads(desk, number) == [
        (f"slack:{REVIEWER}", "read.case_report", {"items": ["name", "phone"], "version": 1}),
    ]
    # Intake, classification, claim, verdict, report and tenants sync all wrote entries: all chained.
    key = audit_key_of(desk.app.services.settings)
    assert key is not None
    async with desk.app.services.db.snapshot() as session:
        checks = await verify_chains(session, key=key)
    assert [c.broken for c in checks] == [None] * len(checks) and sum(c.entries for c in checks) > 8
