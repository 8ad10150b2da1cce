"""Tenant isolation, entry by entry: every `/kasuhara` subcommand, button, modal, web route and CLI command
the code registers is listed here with how another tenant's client manager and an outsider are kept out
of tenant A's (sakura's) case. The inventory is read from the code at test time, so a new entry without
an isolation case fails `test_every_entry_has_an_isolation_case`.

One app per database (SQLite, and PostgreSQL with TEST_DATABASE_URL) for the whole module: the callers
only read or are refused, and every test checks that nothing changed. Requests go over HTTP, signed as
Slack, the LINE platform and the telephony provider sign them.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from pydantic import SecretStr
from sqlalchemy import func, select
from starlette.routing import Mount, Route

from app.cli import build_parser
from bot.review.texts import review_text
from bot.tenants.sync import sync_tenant_yaml
from handlers.slack import actions, commands, views
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from sandbox.fake_telephony import FakeTelephony
from sandbox.form_visitor import FormVisitor, hidden_fields
from sandbox.line_events import LineComplainant
from storage.db import Database, open_database
from storage.models import (
    AuditEntry,
    Case,
    ClientReport,
    InboxEvent,
    Message,
    OutboxEffect,
    Tenant,
    Verdict,
)
from tests.clock import TestClock
from tests.conftest import SECRET_PREFIXES, SECRETS, TENANTS_YAML, TEST_AUDIT_KEY, TEST_SEALER, TRIAGE
from tests.conftest import _empty_tables as empty_tables
from tests.slack_desk import CLIENT, REPORTS, REVIEWER, STRANGER, Desk, decide, open_desk, wish_feedback

pytestmark = pytest.mark.asyncio(loop_scope="module")

MAPLE_REPORTS, MAPLE_CLIENT = "C0REPORTS2", "U0MAPLE001"  # tenant B's report channel and its manager
ELSEWHERE = "C0RANDOM01"
PUBLIC = "http://desk.example.jp"  # http: the form's cookie is not Secure-only
STORY = "受付の田中さんに三時間待たされ、説明もなく追い返されました。謝罪を求めます。"
SAKURA_NAME = "さくら総合クリニック"
OPINION = "暴言が繰り返されており"  # the verdict's opinion (tests.slack_desk.verdict_values)
TWO_TENANTS_YAML = TENANTS_YAML.replace(
    "      access_token: line-token-maple\n",
    "      access_token: line-token-maple\n    slack: {report_channels: [C0REPORTS2]}\n",
)

# -- the inventory, read from the code ---------------------------------------------------------------


def bolt_inventory() -> list[str]:
    """The slash command, its subcommands, the buttons and the modals the bolt wiring registers."""
    return [
        f"slash:{commands.COMMAND}",
        *(f"sub:{name}" for name in commands.SUBCOMMANDS),
        *(f"action:{action_id}" for action_id in actions.ACTION_IDS),
        *(f"view:{callback_id}" for callback_id in views.CALLBACK_IDS),
    ]


def route_inventory(app: Any) -> list[str]:
    """The Starlette app's routes as `METHOD path` (a mount as `MOUNT path`)."""
    found = []
    for route in app.routes:
        if isinstance(route, Mount):
            found.append(f"route:MOUNT {route.path}")
        elif isinstance(route, Route):
            found.extend(
                f"route:{method} {route.path}" for method in sorted((route.methods or set()) - {"HEAD"})
            )
        else:
            found.append(f"route:? {getattr(route, 'path', route)!r}")
    return found


def cli_inventory(parser: argparse.ArgumentParser | None = None, prefix: str = "") -> list[str]:
    """Every leaf command of `kasuhara` (`report case`, `db upgrade`...), read from the parser."""
    parser = parser or build_parser()
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not groups:
        return [f"cli:{prefix.strip()}"]
    return [
        entry
        for group in groups
        for name, child in group.choices.items()
        for entry in cli_inventory(child, f"{prefix}{name} ")
    ]


# -- the table of isolation cases ---------------------------------------------------------------------


@dataclass(frozen=True)
class SlackCase:
    """How to call a Slack entry on case `{n}`, and whether a client manager may use it at all."""

    call: str  # "command", "action" or "view"
    text: str = ""  # the command text after /kasuhara ({n}: the case number)
    client_may: bool = False  # in CLIENT_SUBCOMMANDS' sense: a manager may use it on their own cases


SLACK_CASES: dict[str, SlackCase] = {
    "sub:show": SlackCase("command", "show {n}", client_may=True),
    "sub:find": SlackCase("command", "find complainant:{n}", client_may=True),
    "sub:assign": SlackCase("command", f"assign {{n}} <@{REVIEWER}>"),
    "sub:verdict": SlackCase("command", "verdict {n}"),
    "sub:note": SlackCase("command", "note {n} 他の依頼元からのメモ"),
    "sub:reopen": SlackCase("command", "reopen {n} 理由"),
    "sub:close": SlackCase("command", "close {n} withdrawn"),
    "sub:lift-hold": SlackCase("command", "lift-hold {n} 理由"),
    "sub:stats": SlackCase("command", "stats tenant:sakura"),
    "sub:report": SlackCase("command", "report {n}"),
    "sub:feedback-send": SlackCase("command", "feedback-send {n}"),
    "sub:feedback": SlackCase("command", "feedback {n} approve", client_may=True),
    **{f"action:{action_id}": SlackCase("action") for action_id in actions.ACTION_IDS},
    **{f"view:{callback_id}": SlackCase("view") for callback_id in views.CALLBACK_IDS},
}
SLACK_CASES["action:feedback_approve"] = SlackCase("action", client_may=True)
SLACK_CASES["action:feedback_decline"] = SlackCase("action", client_may=True)

# Public by design, each with the rule its own test checks.
PUBLIC_SLACK = {
    "slash:/kasuhara": "the command's door: each subcommand has its own case; an unknown one answers no data",
    "sub:help": "the usage text, the same for everyone, no case data",
}
ROUTES = {
    "route:POST /line/webhook/{tenant}": "signed per tenant: one tenant's signature never opens another's",
    "route:GET /healthz": "public health check: no tenant's name or case in it",
    "route:GET /form/{slug}": "public form page: shows only that tenant's name",
    "route:POST /form/{slug}": "public form: a token from one tenant's page is refused on another's; "
    "a submission stores under its own tenant only",
    "route:GET /form/{slug}/received/{submission}": "receipt: found only under the tenant it was sent to",
    "route:POST /voice/{slug}": "signed by the provider over the URL: a signature for one tenant is refused "
    "on another's",
    "route:POST /voice/{slug}/recording": "signed like the call",
    "route:MOUNT /form-static": "the form's CSS and images, the same for every tenant",
    "route:POST /slack/events": "signed as Slack (each listener above has its case); unsigned is 401",
}
# The CLI runs on the desk's server with its database URL and keys: whoever runs it is a desk
# administrator, so no client manager or outsider can call it. Listed so a new command is looked at.
OPERATOR = "operator only: runs on the desk's server with its database and keys"
CLI = {
    "cli:serve": OPERATOR,
    "cli:demo": "the sandbox's own story on a throwaway database",
    "cli:db upgrade": OPERATOR,
    "cli:tenants sync": OPERATOR,
    "cli:tenants list": OPERATOR,
    "cli:flyer": OPERATOR + "; one tenant's flyer from its own record",
    "cli:classify": "reads text from its arguments or stdin, no database",
    "cli:eval": "the classifier's evaluation corpus, no tenant data",
    "cli:classifier train": OPERATOR,
    "cli:classifier show": OPERATOR,
    "cli:classifier list": OPERATOR,
    "cli:classifier use": OPERATOR,
    "cli:classifier rollback": OPERATOR,
    "cli:sla due": "business-day arithmetic, no case data",
    "cli:report case": OPERATOR + "; the report goes to the case's own tenant's channel",
    "cli:report monthly": OPERATOR + "; counts only --tenant's cases (tests/app/test_cli_reports.py)",
    "cli:audit": OPERATOR,
    "cli:line setup": OPERATOR,
    "cli:inbox list": OPERATOR,
    "cli:inbox show": OPERATOR,
    "cli:inbox retry": OPERATOR,
    "cli:privacy export": OPERATOR,
    "cli:privacy erase": OPERATOR,
    "cli:keys generate": OPERATOR,
    "cli:keys rotate": OPERATOR,
}
TABLE = {**SLACK_CASES, **PUBLIC_SLACK, **ROUTES, **CLI}


@dataclass(frozen=True)
class Caller:
    """Someone who is not entitled to sakura's cases, and the channel they act in."""

    user: str
    channel: str


CALLERS = {
    "other-tenant-manager": Caller(MAPLE_CLIENT, MAPLE_REPORTS),
    "other-tenant-manager-in-sakuras-channel": Caller(MAPLE_CLIENT, REPORTS),
    "outsider": Caller(STRANGER, ELSEWHERE),
    "outsider-in-triage": Caller(STRANGER, TRIAGE),
}


def expected_refusals(who: str, entry: SlackCase, number: str) -> set[str]:
    """What the caller may be told: refused, or sakura's case not found from maple's channel."""
    if who == "other-tenant-manager":
        if not entry.client_may:
            return {review_text("refuse.client_only")}
        return {
            review_text("error.other_tenant", number=number, tenants="Maple Hotel"),
            review_text("error.unknown_case", number=number),
        }
    if who == "other-tenant-manager-in-sakuras-channel":
        return {review_text("refuse.not_member" if entry.client_may else "refuse.client_only")}
    return {review_text("refuse.not_reviewer")}


# -- one app for the module ---------------------------------------------------------------------------


@dataclass
class World:
    desk: Desk
    number: str  # sakura's case, decided, feedback wished and allowed
    telephony: FakeTelephony


@pytest.fixture(scope="module")
def _module_environment() -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as patch:
        for name in list(os.environ):
            if name.startswith(SECRET_PREFIXES):
                patch.delenv(name)
        yield Path()


async def _module_database(
    kind: str, sqlite_template: Path, postgres_schema: str | None, folder: Path
) -> Database:
    """A migrated, empty database of the module's own (PostgreSQL: the session's schema, emptied)."""
    if kind == "sqlite":
        for template in sqlite_template.iterdir():
            (folder / template.name).write_bytes(template.read_bytes())
        url = f"sqlite+aiosqlite:///{folder / 'test.db'}"
        return open_database(url, audit_key=TEST_AUDIT_KEY, sealer=TEST_SEALER)
    url = os.environ.get("TEST_DATABASE_URL") or ""
    if not url or postgres_schema is None:
        pytest.skip("no PostgreSQL server at TEST_DATABASE_URL (PostgreSQL runs are skipped)")
    db = open_database(url, search_path=postgres_schema, audit_key=TEST_AUDIT_KEY, sealer=TEST_SEALER)
    await empty_tables(db)
    return db


@pytest_asyncio.fixture(scope="module", loop_scope="module", params=["sqlite", "postgresql"])
async def world(
    request: pytest.FixtureRequest,
    _module_environment: Path,
    sqlite_template: Path,
    postgres_schema: str | None,
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[World]:
    db = await _module_database(
        request.param, sqlite_template, postgres_schema, tmp_path_factory.mktemp("isolation")
    )
    fake_slack = FakeSlack(token="xoxb-test-isolation")
    fake_line = FakeLine(tokens={"line-token-sakura", "line-token-maple"})
    telephony = FakeTelephony()
    fake_slack.start()
    fake_line.start()
    clock = TestClock()
    try:
        async with open_desk(
            db,
            fake_slack,
            fake_line,
            clock=clock,
            public_base_url=PUBLIC,
            twilio_account_sid=telephony.account_sid,
            twilio_auth_token=SecretStr(telephony.auth_token),
            form_rate_per_address="1000/minute",
        ) as desk:
            await sync_tenant_yaml(
                db, desk.app.services.cipher, text=TWO_TENANTS_YAML, now=clock.now(), actor="t"
            )
            fake_slack.channel_members[MAPLE_REPORTS] = [MAPLE_CLIENT]
            telephony.connect(public_base_url=PUBLIC, app_base_url=desk.app.base_url)
            number = await desk.open_case("sakura", words=STORY)
            await desk.allow_feedback("sakura")
            await wish_feedback(desk, number)
            await decide(desk, number, feedback="yes")
            yield World(desk=desk, number=number, telephony=telephony)
    finally:
        fake_line.stop()
        fake_slack.stop()
        await db.dispose()


async def state(world: World) -> dict[str, Any]:
    """What a refused caller must leave as it was: sakura's case row, and every table a review action
    writes, plus the modals opened and messages posted on Slack."""
    await world.desk.app.idle()
    services = world.desk.app.services
    async with services.db.reader() as session:
        case = (await session.scalars(select(Case).where(Case.number == world.number))).one()
        row = {column.key: getattr(case, column.key) for column in Case.__table__.columns}
        counts = {
            model.__name__: await session.scalar(select(func.count()).select_from(model))
            for model in (AuditEntry, Verdict, ClientReport, OutboxEffect, Message, InboxEvent)
        }
    fake = world.desk.fake_slack
    return {"case": row, "rows": counts, "views": len(fake.views), "posts": len(fake.messages(TRIAGE))}


def assert_no_leak(answer: str) -> None:
    """No word of sakura's case: its client's name, the complaint, the desk's opinion."""
    for secret in (SAKURA_NAME, "田中", "三時間", OPINION):
        assert secret not in answer, answer


# -- completeness -------------------------------------------------------------------------------------


async def test_every_entry_has_an_isolation_case(world: World) -> None:
    app = world.desk.app.app
    inventory = [*bolt_inventory(), *route_inventory(app), *cli_inventory()]
    missing = [entry for entry in inventory if entry not in TABLE]
    assert not missing, f"entries without an isolation case in tests/test_isolation.py: {missing}"
    gone = [entry for entry in TABLE if entry not in inventory]
    assert not gone, f"isolation cases for entries no longer in the code: {gone}"


async def test_bolt_registers_no_listener_outside_the_registries(world: World) -> None:
    """A listener added without its id in COMMAND / ACTION_IDS / CALLBACK_IDS would escape the table."""
    bolt = world.desk.app.app.state.slack_app
    registered = len(bolt._async_listeners)
    named = 1 + len(actions.ACTION_IDS) + len(views.CALLBACK_IDS)
    assert registered == named, f"bolt has {registered} listeners, the registries name {named}"


# -- Slack: every subcommand, button and modal ----------------------------------------------------------


async def _call(world: World, entry: str, case: SlackCase, caller: Caller) -> str:
    desk, number = world.desk, world.number
    name = entry.split(":", 1)[1]
    if case.call == "command":
        return await desk.command(case.text.format(n=number), user=caller.user, channel=caller.channel)
    if case.call == "action":
        return await desk.click(name, number, user=caller.user, channel=caller.channel)
    view = {
        "id": f"V{abs(hash((entry, caller))) % 10**9}",
        "type": "modal",
        "callback_id": name,
        "private_metadata": json.dumps({"number": number, "channel": caller.channel}),
        "state": {"values": {}},
    }
    response = await desk.submit(view, {}, user=caller.user)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body.get("response_action") == "errors", body
    return "\n".join(body["errors"].values())


@pytest.mark.parametrize("who", list(CALLERS))
@pytest.mark.parametrize("entry", list(SLACK_CASES))
async def test_slack_entry_is_refused_to_other_tenants_and_outsiders(
    world: World, entry: str, who: str
) -> None:
    case = SLACK_CASES[entry]
    before = await state(world)
    answer = await _call(world, entry, case, CALLERS[who])
    assert answer in expected_refusals(who, case, world.number)
    assert_no_leak(answer)
    assert await state(world) == before


async def test_the_rightful_callers_do_see_the_case(world: World) -> None:
    """The control of the refusals above: sakura's own manager and a reviewer are shown the case."""
    for user, channel in ((CLIENT, REPORTS), (REVIEWER, TRIAGE)):
        answer = await world.desk.command(f"show {world.number}", user=user, channel=channel)
        assert world.number in answer and SAKURA_NAME in answer and OPINION in answer, answer


@pytest.mark.parametrize("who", list(CALLERS))
async def test_help_and_unknown_subcommands_answer_no_case_data(world: World, who: str) -> None:
    caller = CALLERS[who]
    before = await state(world)
    assert await world.desk.command("help", user=caller.user, channel=caller.channel) == review_text("help")
    unknown = await world.desk.command(f"dump {world.number}", user=caller.user, channel=caller.channel)
    assert unknown == review_text("error.unknown_sub", sub="dump")
    assert await state(world) == before


async def test_the_other_tenants_manager_finds_only_their_own_cases(world: World) -> None:
    """`find` without a filter, from maple's channel, lists no case of sakura's."""
    answer = await world.desk.command("find", user=MAPLE_CLIENT, channel=MAPLE_REPORTS)
    assert world.number not in answer
    assert_no_leak(answer)
    refused = await world.desk.command("find tenant:sakura", user=MAPLE_CLIENT, channel=MAPLE_REPORTS)
    assert refused == review_text("error.unknown_tenant", slug="sakura")


# -- web routes -----------------------------------------------------------------------------------------


async def test_one_tenants_line_signature_does_not_open_anothers_webhook(world: World) -> None:
    app = world.desk.app
    before = await state(world)
    forged = LineComplainant(
        app.webhook_url("maple"), SECRETS["sakura"], "U_MALLORY", app.fake_line, clock=app.clock
    )
    response = await forged.asend(forged.text("さくらの秘密で楓に送る"))
    assert response.status_code == 400 and "invalid signature" in response.text
    assert await state(world) == before


async def test_health_names_no_tenant(world: World) -> None:
    async with httpx.AsyncClient(base_url=world.desk.app.base_url) as client:
        response = await client.get("/healthz")
    assert response.status_code == 200
    assert "sakura" not in response.text and SAKURA_NAME not in response.text and "maple" not in response.text


async def test_the_form_static_files_are_tenant_free(world: World) -> None:
    static = Path(__file__).parents[1] / "handlers" / "web" / "static"
    name = sorted(p.name for p in static.iterdir() if p.is_file())[0]
    async with httpx.AsyncClient(base_url=world.desk.app.base_url) as client:
        response = await client.get(f"/form-static/{name}")
    assert response.status_code == 200
    assert SAKURA_NAME.encode() not in response.content


async def test_a_form_page_shows_only_its_own_tenant(world: World) -> None:
    visitor = FormVisitor(world.desk.app.base_url)
    try:
        page = await visitor.open("maple")
    finally:
        await visitor.aclose()
    assert page.status_code == 200 and "Maple Hotel" in page.text
    assert SAKURA_NAME not in page.text


async def test_a_form_token_from_one_tenant_is_refused_on_anothers(world: World) -> None:
    visitor = FormVisitor(world.desk.app.base_url)
    try:
        sakura_page = await visitor.open("sakura")
        before = await state(world)
        response = await visitor.client.post(
            "/form/maple",
            data={**hidden_fields(sakura_page.text), "what_happened": STORY, "anonymity": "anonymous"},
        )
        assert response.status_code == 403
        assert await state(world) == before
        # The same browser and token on the page's own tenant are accepted: the tenant made the refusal.
        own = await visitor.send("sakura", {"what_happened": STORY}, page=sakura_page, follow=False)
        assert own.status_code == 303, own.text
    finally:
        await visitor.aclose()
        await world.desk.app.idle()


async def test_a_submission_stores_under_its_own_tenant_and_its_receipt_is_not_found_elsewhere(
    world: World,
) -> None:
    visitor = FormVisitor(world.desk.app.base_url)
    before = await cases_by_tenant(world)
    try:
        page = await visitor.open("maple")
        submission = hidden_fields(page.text)["submission"]
        sent = await visitor.send(
            "maple", {"what_happened": "The front desk kept me waiting."}, page=page, follow=False
        )
        assert sent.status_code == 303, sent.text
        await world.desk.app.idle()
        assert await cases_by_tenant(world) == {**before, "maple": before.get("maple", 0) + 1}
        elsewhere = await visitor.client.get(f"/form/sakura/received/{submission}")
        assert elsewhere.status_code == 404
        assert "The front desk" not in elsewhere.text
        own = await visitor.client.get(f"/form/maple/received/{submission}")
        assert own.status_code == 200 and "KH-" in own.text
    finally:
        await visitor.aclose()
        await world.desk.app.idle()


async def cases_by_tenant(world: World) -> dict[str, int]:
    async with world.desk.app.services.db.reader() as session:
        rows = await session.execute(
            select(Tenant.slug, func.count(Case.id))
            .join(Case, Case.tenant_id == Tenant.id)
            .group_by(Tenant.slug)
        )
        return {slug: count for slug, count in rows}


@pytest.mark.parametrize("path", ["/voice/{slug}", "/voice/{slug}/recording"])
async def test_a_voice_signature_for_one_tenant_is_refused_on_anothers(world: World, path: str) -> None:
    from twilio.request_validator import RequestValidator

    params = {"CallSid": "CA" + "0" * 32, "From": "+819012345678", "RecordingSid": "RE" + "0" * 32}
    signature = RequestValidator(world.telephony.auth_token).compute_signature(
        PUBLIC + path.format(slug="sakura"), params
    )
    before = await state(world)
    response = await world.telephony.post_signed(
        PUBLIC + path.format(slug="maple"), params, signature=signature
    )
    assert response.status_code == 403 and response.text == "invalid signature"
    assert await state(world) == before


async def test_an_unsigned_slack_request_is_401_and_changes_nothing(world: World) -> None:
    before = await state(world)
    async with httpx.AsyncClient() as client:
        response = await client.post(
            f"{world.desk.app.base_url}/slack/events",
            content=f"command=/kasuhara&text=close+{world.number}+withdrawn&user_id={REVIEWER}&channel_id={TRIAGE}",
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
    assert response.status_code == 401
    assert await state(world) == before
