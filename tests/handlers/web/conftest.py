"""The web form's tests share the app with the form's tenants: sakura with shops, feedback and a note, and a
tenant whose form is off."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.tenants.sync import sync_tenant_yaml
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from storage.db import Database
from tests.clock import TestClock
from tests.conftest import TENANTS_YAML, RunningApp, launch_app

SHOPS_YAML = TENANTS_YAML.replace(
    "    contract: {start: 2026-04-01, end: 2027-03-31}\n",
    "    contract: {start: 2026-04-01, end: 2027-03-31}\n"
    "    shops: [駅前店, 本院]\n"
    "    feedback_allowed: true\n"
    "    web_form: {note: 日時と診療科をお書きください。}\n",
    1,
) + (
    "  - slug: closed-shop\n"
    "    name: 休止中商店\n"
    "    web_form: {enabled: false}\n"
    "    contact: {phone: 0120-000-000, phone_hours: 24時間, email: desk@example.jp}\n"
)


@pytest.fixture
async def app(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, clock: TestClock
) -> AsyncIterator[RunningApp]:
    """The app with the form's tenants, the address limit lifted."""
    async with launch_app(
        database, fake_slack, fake_line, clock=clock, form_rate_per_address="1000/minute"
    ) as running:
        await sync_tenant_yaml(database, running.services.cipher, text=SHOPS_YAML, now=clock.now(), actor="t")
        yield running
