"""A running app with reviewers, an admin and a client manager, and a signed Slack client into it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import select

from bot.cases.items import decrypt_report_items, encrypt_report_items
from bot.cases.texts import VerdictTexts, verdict_texts
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from sandbox.slack_client import SignedSlack, multi_value, select_value, text_value
from storage.db import Database
from storage.models import Case, Tenant, Verdict
from storage.repos import audit, reviews
from tests.clock import TestClock
from tests.conftest import TRIAGE, RunningApp, launch_app

REVIEWER, REVIEWER2 = "U0REVIEWER1", "U0REVIEWER2"  # the sandbox's S0REVIEW group
ADMIN = "U0ADMIN01"
CLIENT = "U0CLIENT01"  # a member of sakura's report channel
STRANGER = "U0STRANGER"
REPORTS = "C0REPORTS1"  # sakura's report channel
ELSEWHERE = "C0RANDOM01"


@dataclass
class Desk:
    """The app, the signed Slack client and shortcuts the review tests share."""

    app: RunningApp
    slack: SignedSlack

    @property
    def fake_slack(self) -> FakeSlack:
        return self.app.fake_slack

    async def open_case(self, slug: str = "sakura", user: str = "U_ALICE", words: str | None = None) -> str:
        """A complainant writes; returns the new case's number once the triage post is out."""
        before = await self.numbers()
        complainant = self.app.complainant(slug, user)
        await complainant.asend(
            complainant.text(words or "受付で1時間以上待たされ、説明もありませんでした。改善してください。")
        )
        await self.app.idle()
        (number,) = [n for n in await self.numbers() if n not in before]
        return number

    async def numbers(self) -> list[str]:
        async with self.app.services.db.reader() as session:
            return list(await session.scalars(select(Case.number).order_by(Case.id)))

    async def case(self, number: str) -> Case:
        async with self.app.services.db.reader() as session:
            return (await session.scalars(select(Case).where(Case.number == number))).one()

    async def verdicts(self, number: str) -> list[Verdict]:
        case = await self.case(number)
        async with self.app.services.db.reader() as session:
            return list(await session.scalars(select(Verdict).where(Verdict.case_id == case.id)))

    async def audit(self, number: str) -> list[audit.Entry]:
        case = await self.case(number)
        async with self.app.services.db.reader() as session:
            return await reviews.audit_trail(session, case_id=case.id)

    async def verdict_texts(self, verdict: Verdict) -> VerdictTexts:
        return verdict_texts(self.app.services.cipher, verdict)

    async def allow_feedback(self, slug: str) -> None:
        async with self.app.services.db.transaction() as session:
            tenant = (await session.scalars(select(Tenant).where(Tenant.slug == slug))).one()
            tenant.feedback_allowed = True

    async def command(self, text: str, *, user: str = REVIEWER, channel: str = TRIAGE, **kw: Any) -> str:
        """Run /kasuhara; returns the ephemeral answer (asserting a 200 JSON reply)."""
        response = await self.slack.command(user=user, channel=channel, text=text, **kw)
        assert response.status_code == 200, response.text
        return str(response.json().get("text", "")) if response.content else ""

    async def click(self, action_id: str, value: str, *, user: str = REVIEWER, channel: str = TRIAGE) -> str:
        """Press a button; returns the ephemeral answer the user got (empty if none)."""
        seen, views = len(self.fake_slack.ephemerals), len(self.fake_slack.views)
        response = await self.slack.click(user=user, channel=channel, action_id=action_id, value=value)
        assert response.status_code == 200, response.text
        # The answer is an ephemeral message sent after the ack, or a modal opened in it.
        for _ in range(200):
            answers = [e.text for e in self.fake_slack.ephemerals[seen:] if e.user == user]
            if answers or len(self.fake_slack.views) > views:
                return "\n".join(answers)
            await asyncio.sleep(0.02)
        raise AssertionError(f"no answer to {action_id} {value}")

    def last_view(self, callback_id: str) -> dict[str, Any]:
        """The newest modal the app opened with views.open, as Slack would return it."""
        record = [v for v in self.fake_slack.views if v.view.get("callback_id") == callback_id][-1]
        return {**record.view, "id": record.view_id}

    async def submit(
        self, view: dict[str, Any], values: dict[str, Any], *, user: str = REVIEWER
    ) -> httpx.Response:
        return await self.slack.submit(user=user, view=view, values=values)

    def triage_post(self, number: str) -> Any:
        return next(m for m in self.fake_slack.messages(TRIAGE) if number in str(m.blocks))

    def thread_texts(self, number: str) -> list[str]:
        parent = self.triage_post(number)
        return [m.text for m in self.fake_slack.thread(TRIAGE, parent.ts)[1:]]


def verdict_values(
    *,
    label: str | None = "harassment",
    types: tuple[str, ...] = ("verbal_abuse",),
    opinion: str = "暴言が繰り返されており、社会通念上相当な範囲を超えています。",
    advice: str = "記録を残し、複数名で対応してください。必要に応じて警察に相談を。",
    recommendation: str = "警告文の送付",
    feedback: str | None = "no",
    police: str | None = "no",
    police_reference: str = "",
) -> dict[str, Any]:
    """The state values of a filled verdict modal."""
    return {
        "label": {"label": select_value(label)},
        "types": {"types": multi_value(list(types))},
        "opinion": {"opinion": text_value(opinion)},
        "advice": {"advice": text_value(advice)},
        "recommendation": {"recommendation": text_value(recommendation)},
        "feedback": {"feedback": select_value(feedback)},
        "police": {"police": select_value(police)},
        "police_reference": {"police_reference": text_value(police_reference)},
    }


async def decide(desk: Desk, number: str, **values: Any) -> None:
    """A reviewer records a verdict through the modal (values as `verdict_values` takes them)."""
    await desk.click("case_verdict", number)
    response = await desk.submit(desk.last_view("verdict_modal"), verdict_values(**values))
    assert response.status_code == 200 and not response.content, response.text
    await desk.app.idle()


async def wish_feedback(desk: Desk, number: str) -> None:
    """The complainant answered the intake dialogue's question: feedback wished."""
    cipher = desk.app.services.cipher
    async with desk.app.services.db.transaction() as session:
        case = (await session.scalars(select(Case).where(Case.number == number))).one()
        items = decrypt_report_items(cipher, case.intake_enc).model_copy(update={"feedback_wanted": True})
        case.intake_enc = encrypt_report_items(cipher, items)


@asynccontextmanager
async def open_desk(
    database: Database,
    fake_slack: FakeSlack,
    fake_line: FakeLine,
    *,
    clock: TestClock | None = None,
    **overrides: Any,
) -> AsyncIterator[Desk]:
    """The app configured with the sandbox's reviewer group, one admin and sakura's report channel
    (settings overridable)."""
    fake_slack.channel_members = {REPORTS: [CLIENT, "U0CLIENT02"], ELSEWHERE: [REVIEWER, STRANGER]}
    async with launch_app(
        database,
        fake_slack,
        fake_line,
        clock=clock,
        **{"slack_reviewer_group": "S0REVIEW", "slack_admin_users": ADMIN, **overrides},
    ) as app:
        secret = app.services.settings.slack_signing_secret.get_secret_value()
        async with SignedSlack(f"{app.base_url}/slack/events", secret, clock=app.clock) as slack:
            yield Desk(app=app, slack=slack)
