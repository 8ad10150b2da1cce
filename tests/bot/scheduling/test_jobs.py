"""Calendar jobs through the real worker (scheduler, dispatcher) against FakeSlack, with a clock we move."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update

from bot.calendar import TOKYO, BusinessCalendar, business_days_left
from bot.cases.items import ReportItems, decrypt_report_items
from bot.outbox.backlog import wait_until_idle
from bot.outbox.enqueue import enqueue_complainant_message
from bot.scheduling.jobs import CalendarJobs
from bot.scheduling.timing import previous_business_day, tokyo_today
from bot.tenants.sync import sync_tenant_yaml
from bot.texts import desk_text
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from sandbox.line_events import LineComplainant
from storage.db import Database
from storage.models import AuditEntry, Case, Complainant, Message, OutboxEffect, ScheduledRun
from storage.repos import audit
from tests.case_rows import ManualClock, add_case, add_verdict, reload_case
from tests.clock import TestClock
from tests.conftest import SECRETS, TENANTS_YAML, TRIAGE, make_settings, start_app, stop_app

REPORTS = "C0REPORTS1"


def jst(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=TOKYO)


@dataclass
class Desk:
    app: Any
    base_url: str
    clock: ManualClock | TestClock
    fake_slack: FakeSlack

    @property
    def services(self) -> Any:
        return self.app.state.services

    async def tick(self) -> dict[str, int]:
        ran = await self.services.jobs.tick()
        await wait_until_idle(self.services.db, within=20)
        return dict(ran)


@asynccontextmanager
async def desk(
    database: Database,
    fake_slack: FakeSlack,
    fake_line: FakeLine,
    clock: ManualClock | TestClock,
    *,
    tenants_yaml: str | None = TENANTS_YAML,
    **overrides: Any,
) -> AsyncIterator[Desk]:
    """The app (web + worker + scheduler) on the manual clock; tenants applied at the clock's time."""
    settings = make_settings(
        "sqlite+aiosqlite:///unused.db", fake_slack, fake_line, scheduler_tick_seconds=3600, **overrides
    )
    server, app, base_url = await start_app(settings, database, clock=clock)
    async with asyncio.timeout(10):  # the scheduler's catch-up tick at start has finished
        while app.state.services.jobs.ticks_done == 0:
            await asyncio.sleep(0.01)
    if tenants_yaml is not None:
        await sync_tenant_yaml(
            database, app.state.services.cipher, text=tenants_yaml, now=clock.now(), actor="t"
        )
    try:
        yield Desk(app=app, base_url=base_url, clock=clock, fake_slack=fake_slack)
    finally:
        await stop_app(server)


async def _october_cases(d: Desk) -> None:
    services = d.services
    items = ReportItems(what_happened="待たされた")
    first = await add_case(
        services.db,
        services.cipher,
        slug="sakura",
        received_at=jst(2026, 10, 1, 0, 30),
        sla_due=date(2026, 10, 6),
        items=items,
    )
    second = await add_case(
        services.db,
        services.cipher,
        slug="sakura",
        received_at=jst(2026, 10, 15, 12),
        sla_due=date(2026, 10, 20),
        items=items,
    )
    await add_case(
        services.db,
        services.cipher,
        slug="sakura",
        received_at=jst(2026, 10, 31, 23, 59),
        sla_due=date(2026, 11, 5),
        items=items,
    )
    await add_case(
        services.db,
        services.cipher,
        slug="sakura",
        received_at=jst(2026, 11, 1, 0, 0),
        sla_due=date(2026, 11, 5),
        items=items,
    )  # November: not in October's totals
    await add_verdict(services.db, services.cipher, first.id)
    await add_verdict(services.db, services.cipher, second.id, label="legitimate", behaviour_types=[])
    async with services.db.transaction() as session:
        for case_id, outcome, at in (
            (first.id, "met", jst(2026, 10, 5, 15)),
            (second.id, "missed", jst(2026, 10, 22, 9)),
        ):
            case = await session.get(Case, case_id)
            assert case is not None
            case.status, case.reported_at, case.flags = "reported", at, {"sla": outcome}


def _monthly_posts(fake_slack: FakeSlack) -> list[Any]:
    return [m for m in fake_slack.messages(REPORTS) if not m.get("files")]


async def test_monthly_totals_on_the_first_at_nine_exactly_once(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    clock = ManualClock(jst(2026, 10, 20, 12))
    async with desk(database, fake_slack, fake_line, clock) as d:
        await _october_cases(d)
        clock.set(jst(2026, 10, 31, 23, 59))
        assert "monthly_totals" not in await d.tick()
        clock.set(jst(2026, 11, 1, 8, 59))  # the clock crosses the month end, not yet 09:00
        assert "monthly_totals" not in await d.tick()
        clock.set(jst(2026, 11, 1, 9, 0, 30))
        assert (await d.tick())["monthly_totals"] == 2  # sakura and maple
        # the scheduler fires twice, and two workers tick at once: nothing more is sent
        other = CalendarJobs(
            db=database,
            cipher=d.services.cipher,
            settings=d.services.settings,
            clock=clock,
            blobs=d.services.blobs,
        )
        again = await asyncio.gather(d.services.jobs.tick(), other.tick(), d.services.jobs.tick())
        assert all("monthly_totals" not in ran for ran in again)
        await wait_until_idle(database)

    (post,) = _monthly_posts(fake_slack)
    text = str(post["blocks"])
    assert "2026-10 月次集計（さくら総合クリニック）" in text
    for needle in (
        "受付件数: 3",
        "LINE: 3",
        "カスタマーハラスメント: 1",
        "正当なクレーム: 1",
        "未判断: 1",
        "暴言型: 1",
        "過剰要求: 1",
        "1 / 2 件（期限内）",
    ):
        assert needle in text
    (chart,) = fake_slack.files
    assert chart["channel"] == REPORTS and chart["filename"] == "monthly_sakura_2026-10.png"
    assert chart["data"].startswith(b"\x89PNG")
    alerts = [m["text"] for m in fake_slack.messages(TRIAGE)]
    assert len(alerts) == 1 and "Maple Hotel" in alerts[0] and "2026-10 の月次集計" in alerts[0]
    async with database.reader() as session:
        runs = await session.scalar(
            select(func.count()).select_from(ScheduledRun).where(ScheduledRun.job == "monthly_totals")
        )
    assert runs == 2


async def test_month_without_cases_says_so(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    clock = ManualClock(jst(2026, 10, 20, 12))
    async with desk(database, fake_slack, fake_line, clock) as d:
        clock.set(jst(2026, 11, 1, 9, 5))
        await d.tick()
    (post,) = _monthly_posts(fake_slack)
    assert "2026-10 の受付案件はありませんでした。" in str(post["blocks"])
    assert fake_slack.files == []  # no chart of nothing


async def test_clock_jumping_past_two_month_ends_catches_up_both(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    clock = ManualClock(jst(2026, 9, 20, 12))
    async with desk(database, fake_slack, fake_line, clock) as d:
        await _october_cases(d)
        clock.set(jst(2026, 12, 2, 10))
        await d.tick()
    titles = sorted(p["text"] for p in _monthly_posts(fake_slack))
    assert titles == ["2026-10 月次集計（さくら総合クリニック）", "2026-11 月次集計（さくら総合クリニック）"]


async def test_missed_while_down_is_sent_on_restart(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    clock = ManualClock(jst(2026, 10, 20, 12))
    async with desk(database, fake_slack, fake_line, clock) as d:
        await _october_cases(d)
        clock.set(jst(2026, 10, 31, 18))
        await d.tick()
    assert _monthly_posts(fake_slack) == []
    clock.set(jst(2026, 11, 3, 14))  # the service was down on the 1st
    async with desk(database, fake_slack, fake_line, clock, tenants_yaml=None):
        # the scheduler's first tick at start catches up, without anybody calling tick()
        await fake_slack.wait_for(lambda: _monthly_posts(fake_slack), timeout=15)
        await wait_until_idle(database)
    async with desk(database, fake_slack, fake_line, clock, tenants_yaml=None) as d:  # and a second restart
        await d.tick()
    assert len(_monthly_posts(fake_slack)) == 1 and len(fake_slack.files) == 1


async def test_sla_reminders_in_the_thread_then_escalation(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    clock = TestClock()
    async with desk(database, fake_slack, fake_line, clock) as d:
        alice = LineComplainant(
            f"{d.base_url}/line/webhook/sakura", SECRETS["sakura"], "U_ALICE", fake_line, clock=clock
        )
        await alice.asend(alice.text("受付で1時間待たされました。"))
        await wait_until_idle(database)
        async with database.reader() as session:
            case = (await session.scalars(select(Case))).one()
        (triage,) = fake_slack.messages(TRIAGE)
        due = case.sla_due
        reminder_day = previous_business_day(BusinessCalendar(), due)
        clock.set(jst(reminder_day.year, reminder_day.month, reminder_day.day, 8, 59))
        assert "sla_reminder" not in await d.tick()
        clock.set(jst(reminder_day.year, reminder_day.month, reminder_day.day, 9, 0))
        assert (await d.tick()).get("sla_reminder") == 1
        assert "sla_reminder" not in await d.tick()
        clock.set(jst(due.year, due.month, due.day, 9, 1))
        assert (await d.tick()).get("sla_due_today") == 1
        after = due + timedelta(days=1)
        clock.set(jst(after.year, after.month, after.day, 0, 0, 1))
        assert (await d.tick()).get("sla_overdue") == 1
        notes = [m["text"] for m in fake_slack.thread(TRIAGE, triage["ts"])[1:]]
        assert any("あと1営業日" in n for n in notes) and any("本日" in n for n in notes)
        (escalation,) = [m for m in fake_slack.messages(TRIAGE) if "期限" in m["text"]]
        assert case.number in escalation["text"] and "過ぎました" in escalation["text"]
        assert (await reload_case(database, case.id)).flags["sla"] == "missed"
        # a later tick sends nothing again
        before = len(fake_slack.all_posts())
        await d.tick()
        assert len(fake_slack.all_posts()) == before


async def test_the_triage_posts_countdown_is_refreshed_once_a_day(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    clock = TestClock()
    async with desk(database, fake_slack, fake_line, clock) as d:
        alice = LineComplainant(
            f"{d.base_url}/line/webhook/sakura", SECRETS["sakura"], "U_ALICE", fake_line, clock=clock
        )
        await alice.asend(alice.text("受付で1時間待たされました。"))
        await wait_until_idle(database)
        async with database.reader() as session:
            case = (await session.scalars(select(Case))).one()
        assert "triage_countdown" not in await d.tick()  # the day of intake: nothing to refresh
        next_day = tokyo_today(case.received_at) + timedelta(days=1)
        clock.set(jst(next_day.year, next_day.month, next_day.day, 0, 5))
        assert (await d.tick()).get("triage_countdown") == 1
        assert "triage_countdown" not in await d.tick()  # once a day
        left = business_days_left(BusinessCalendar(), today=next_day, due=case.sla_due)
        expected = (
            desk_text("triage.sla_left", days=left)
            if left > 0
            else desk_text("triage.sla_today")
            if left == 0
            else desk_text("triage.sla_over", days=-left)
        )
        (triage,) = fake_slack.messages(TRIAGE)
        assert expected in json.dumps(triage["blocks"], ensure_ascii=False)


async def test_contract_renewal_reminder_thirty_days_before_the_end_once(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    clock = ManualClock(jst(2027, 2, 1, 12))  # sakura's contract ends 2027-03-31
    async with desk(database, fake_slack, fake_line, clock) as d:
        clock.set(jst(2027, 3, 1, 8, 59))
        assert "contract_renewal" not in await d.tick()
        clock.set(jst(2027, 3, 1, 9, 0))
        assert (await d.tick()).get("contract_renewal") == 1
        clock.set(jst(2027, 3, 20, 9, 0))
        assert "contract_renewal" not in await d.tick()
    renewals = [m["text"] for m in fake_slack.messages(TRIAGE) if "契約" in m["text"]]
    assert renewals == [
        ":memo: さくら総合クリニック の契約は 2027-03-31(水) に終了します（あと30日）。"
        "更新の手続きをお願いします。"
    ]


EXPIRED_YAML = TENANTS_YAML.replace(
    "contract: {start: 2026-04-01, end: 2027-03-31}", "contract: {start: 2025-04-01, end: 2026-03-31}"
)


async def test_intake_after_the_contract_ended_is_accepted_and_flagged(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    clock = TestClock()
    async with desk(database, fake_slack, fake_line, clock, tenants_yaml=EXPIRED_YAML) as d:
        alice = LineComplainant(
            f"{d.base_url}/line/webhook/sakura", SECRETS["sakura"], "U_ALICE", fake_line, clock=clock
        )
        await alice.asend(alice.text("受付で1時間待たされました。"))
        await wait_until_idle(database)
        async with database.reader() as session:
            case = (await session.scalars(select(Case))).one()
            actions = [
                a.action
                for a in await session.scalars(select(AuditEntry).where(AuditEntry.case_id == case.id))
            ]
    assert case.flags["contract_expired"] == "2026-03-31" and "case.contract_expired" in actions
    (triage,) = fake_slack.messages(TRIAGE)
    assert "契約期間外（2026-03-31(火) 終了）" in str(triage["blocks"])
    assert fake_line.delivered_to("U_ALICE")  # the complainant got the usual acknowledgement


RETENTION_YAML = TENANTS_YAML.replace(
    "    contract: {start: 2026-04-01, end: 2027-03-31}",
    "    contract: {start: 2026-04-01, end: 2027-03-31}\n    retention_days: 30",
)


async def test_retention_purges_personal_data_after_the_tenants_days_and_keeps_counts(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    clock = ManualClock(jst(2026, 10, 1, 12))
    async with desk(database, fake_slack, fake_line, clock, tenants_yaml=RETENTION_YAML) as d:
        services = d.services
        items = ReportItems(
            name="山田花子", phone="090-1234-5678", place="駅前店", what_happened="待たされた"
        )
        sakura = await add_case(
            database,
            services.cipher,
            slug="sakura",
            received_at=jst(2026, 10, 1, 10),
            sla_due=date(2026, 10, 6),
            items=items,
            complainant_line_id="U_HANAKO",
        )
        maple = await add_case(
            database,
            services.cipher,
            slug="maple",
            received_at=jst(2026, 10, 1, 10),
            sla_due=date(2026, 10, 6),
            items=items,
            complainant_line_id="U_JOHN",
        )
        async with database.transaction() as session:
            for case_id in (sakura.id, maple.id):
                case = await session.get(Case, case_id)
                assert case is not None
                case.status, case.reported_at, case.closed_at = (
                    "closed",
                    jst(2026, 10, 2, 9),
                    jst(2026, 10, 2, 10),
                )
        assert sakura.complainant_id is not None
        async with database.transaction() as session:  # a sent effect of the case (e.g. an acknowledgement)
            await enqueue_complainant_message(
                session,
                services.cipher,
                key="line:test:ack",
                now=clock.now(),
                tenant_id=sakura.tenant_id,
                complainant_id=sakura.complainant_id,
                channel="line",
                to="U_HANAKO",
                texts=["受け付けました"],
                reply_token=None,
                event_time=None,
                case_id=sakura.id,
            )
            await session.execute(update(OutboxEffect).values(status="done"))
        clock.set(jst(2026, 10, 31, 12))  # 29 days after closing: kept
        await d.tick()
        assert (await reload_case(database, sakura.id)).flags.get("personal_data_purged_at") is None
        clock.set(jst(2026, 11, 2, 12))  # 31 days: sakura (30 days) purged, maple (default 365) kept
        assert (await d.tick()).get("retention") == 2  # one run per tenant and day
        assert (await d.tick()).get("retention") is None

        async with database.reader() as session:
            purged = await session.get(Case, sakura.id)
            kept = await session.get(Case, maple.id)
            assert purged is not None and kept is not None
            left = decrypt_report_items(services.cipher, purged.intake_enc)
            assert (left.name, left.phone, left.place, left.what_happened) == (
                None,
                None,
                "駅前店",
                "待たされた",
            )
            assert decrypt_report_items(services.cipher, kept.intake_enc).name == "山田花子"
            bodies = {m.case_id: m.body_enc for m in await session.scalars(select(Message))}
            assert bodies[sakura.id] is None and bodies[maple.id] is not None
            people = {c.id: c for c in await session.scalars(select(Complainant))}
            assert purged.complainant_id is not None and kept.complainant_id is not None
            assert people[purged.complainant_id].line_user_id_enc is None
            assert people[purged.complainant_id].contact_enc is None
            assert people[kept.complainant_id].line_user_id_enc is not None
            (row,) = await session.scalars(
                select(AuditEntry).where(AuditEntry.action == "case.personal_data_purged")
            )
            entry = audit.opened(session, row)
            assert entry.case_id == sakura.id and entry.after == {
                "messages": 1,
                "items": 2,
                "complainant": 1,
                "evidence": 0,
                "slack_deleted": 0,
                "slack_outlined": 0,
                "assessment": 0,  # never classified (the purge of its text: test_retention_everywhere)
                "audit_values": 0,  # no audit entry of its own yet (the values' purge: same test)
            }
            assert await session.scalar(select(func.count()).select_from(Case)) == 2  # the counts stay
            (effect,) = await session.scalars(select(OutboxEffect).where(OutboxEffect.case_id == sakura.id))
            assert b"U_HANAKO" not in effect.payload_enc
            assert services.cipher.decrypt(effect.payload_enc) == "{}"
