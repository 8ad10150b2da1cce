"""Driving the intake dialogue as a complainant would: send, wait, read the reply, tap its buttons."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.cases.items import ReportItems, decrypt_report_items
from bot.tenants.sync import sync_tenant_yaml
from sandbox.line_events import LineComplainant
from storage.models import Case, Dialogue
from tests.conftest import TENANTS_YAML, TRIAGE, RunningApp

SHOPS = ["駅前店", "本店", "渋谷支店"]
TENANTS_WITH_SHOPS = TENANTS_YAML.replace(
    "    contract: {start: 2026-04-01, end: 2027-03-31}\n",
    "    contract: {start: 2026-04-01, end: 2027-03-31}\n    shops: [駅前店, 本店, 渋谷支店]\n",
).replace("    language: en\n", "    language: en\n    shops: [Lobby, Restaurant]\n")


async def with_shops(app: RunningApp) -> None:
    """Give both tenants shop lists."""
    services = app.services
    await sync_tenant_yaml(
        services.db, services.cipher, text=TENANTS_WITH_SHOPS, now=services.clock.now(), actor="test"
    )


class Chat:
    """One complainant's chat: each call sends one event and returns the texts of the reply."""

    def __init__(self, app: RunningApp, slug: str, user_id: str) -> None:
        self.app = app
        self.user_id = user_id
        self.line: LineComplainant = app.complainant(slug, user_id)
        self.seen = 0

    async def send(self, event: dict[str, Any]) -> list[str]:
        """Send an event, wait until everything settled, and return the texts delivered since."""
        await self.line.asend(event)
        await self.app.idle()
        return self.new_texts()

    def new_texts(self) -> list[str]:
        deliveries = self.app.fake_line.delivered_to(self.user_id)
        fresh = deliveries[self.seen :]
        self.seen = len(deliveries)
        return [t for d in fresh for t in d.texts]

    async def say(self, words: str) -> list[str]:
        return await self.send(self.line.text(words))

    def last_message(self) -> dict[str, Any]:
        return self.app.fake_line.delivered_to(self.user_id)[-1]["messages"][-1]

    def buttons(self) -> dict[str, dict[str, Any]]:
        """The quick reply actions of the last message, by label."""
        items = (self.last_message().get("quickReply") or {}).get("items") or []
        return {item["action"]["label"]: item["action"] for item in items}

    async def tap(self, label: str, params: dict[str, str] | None = None) -> list[str]:
        action = self.buttons()[label]
        return await self.send(self.line.postback(action["data"], params))

    def postback_event(self, label: str, params: dict[str, str] | None = None) -> dict[str, Any]:
        return self.line.postback(self.buttons()[label]["data"], params)


async def file_and_submit(chat: Chat, words: str, submit: str = "送信する", skip: str = "スキップ") -> None:
    """File a complaint and submit it, skipping every question."""
    await chat.say(words)
    while submit not in chat.buttons():
        await chat.tap(skip)
    await chat.tap(submit)


async def only_case(app: RunningApp) -> Case:
    async with app.services.db.reader() as session:
        return (await session.scalars(select(Case))).one()


async def cases_of(app: RunningApp) -> list[Case]:
    async with app.services.db.reader() as session:
        return list(await session.scalars(select(Case).order_by(Case.id)))


async def items_of(app: RunningApp, case: Case) -> ReportItems:
    return decrypt_report_items(app.services.cipher, case.intake_enc)


async def dialogue_step(app: RunningApp) -> str:
    async with app.services.db.reader() as session:
        return (await session.scalars(select(Dialogue))).one().step


def triage_text(app: RunningApp, case: Case) -> str:
    """The triage post as it stands now (after every edit)."""
    assert case.triage_ts
    message = app.fake_slack.message(TRIAGE, case.triage_ts)
    assert message is not None
    return str(message["blocks"])


def all_slack_text(app: RunningApp) -> str:
    """Everything the desk's Slack ever received: posts, thread replies and every edit."""
    posts = [str(p.get("blocks")) + str(p.get("text")) for p in app.fake_slack.all_posts()]
    edits = [str(c) for c in app.fake_slack.calls("chat.update")]
    return "\n".join(posts + edits)
