"""Shared-account mode: one LINE account for several clients; the complainant sends the flyer's code first."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.dialogue.messages import postback_data
from bot.tenants.file import TenantFileError, parse_tenant_file
from bot.tenants.sync import sync_tenant_yaml
from sandbox.line_events import LineComplainant
from storage.models import Case, Tenant
from tests.chat import Chat
from tests.conftest import TENANTS_YAML, RunningApp

SHARED_SECRET = "shared-secret-0123456789abcdef"
SHARED = """
  - slug: desk-shared
    name: カスハラ対応窓口（共通）
    shared_account: true
    line:
      channel_id: "2000000009"
      channel_secret: shared-secret-0123456789abcdef
      access_token: line-token-sakura
  - slug: hinode-city
    name: 日の出市役所
    shared_line_account: desk-shared
    code: HINODE1
    shops: [市民課, 福祉課]
  - slug: lake-inn
    name: Lake Inn
    language: en
    shared_line_account: desk-shared
    code: LAKE2
"""


async def _shared(app: RunningApp) -> None:
    services = app.services
    await sync_tenant_yaml(
        services.db, services.cipher, text=TENANTS_YAML + SHARED, now=services.clock.now(), actor="test"
    )


def _chat(app: RunningApp, user_id: str) -> Chat:
    chat = Chat(app, "sakura", user_id)
    chat.line = LineComplainant(
        app.webhook_url("desk-shared"), SHARED_SECRET, user_id, app.fake_line, clock=app.clock
    )
    return chat


async def _cases(app: RunningApp) -> list[tuple[Case, Tenant]]:
    async with app.services.db.reader() as session:
        rows = await session.execute(select(Case, Tenant).join(Tenant, Tenant.id == Case.tenant_id))
        return [(c, t) for c, t in rows]


async def test_the_code_comes_first_then_the_dialogue_runs_as_the_client(running_app: RunningApp) -> None:
    await _shared(running_app)
    chat = _chat(running_app, "U_SHARED_1")
    assert "窓口コード" in (await chat.send(chat.line.follow()))[0]
    assert "窓口コード" in (await chat.say("こんにちは、苦情です"))[0]
    assert "見つかりませんでした" in (await chat.say("ABC999"))[0]
    assert await _cases(running_app) == []
    assert "日の出市役所の窓口におつなぎしました" in (await chat.say("hinode1"))[0]
    reply = await chat.say("市民課で2時間待たされました")
    ((case, tenant),) = await _cases(running_app)
    assert tenant.slug == "hinode-city" and case.number in reply[0] and "日の出市役所" in reply[0]
    assert "お名前" in reply[-1]
    post = str(running_app.fake_slack.all_posts()[0]["blocks"])
    assert "日の出市役所" in post
    # Replies go out on the shared account's channel (its token).
    assert all(d["token"] == "line-token-sakura" for d in running_app.fake_line.delivered_to("U_SHARED_1"))


async def test_code_and_complaint_in_one_message(running_app: RunningApp) -> None:
    await _shared(running_app)
    chat = _chat(running_app, "U_SHARED_2")
    reply = await chat.say("LAKE2 The room was cold all night")
    ((case, tenant),) = await _cases(running_app)
    assert tenant.slug == "lake-inn" and "Reference: " + case.number in reply[0]
    assert "May we have your name" in reply[-1]


async def test_a_menu_button_before_the_code_asks_for_it(running_app: RunningApp) -> None:
    await _shared(running_app)
    chat = _chat(running_app, "U_SHARED_4")
    assert "窓口コード" in (await chat.send(chat.line.postback(postback_data(a="new"))))[0]
    assert await _cases(running_app) == []


async def test_change_organisation(running_app: RunningApp) -> None:
    await _shared(running_app)
    chat = _chat(running_app, "U_SHARED_3")
    await chat.say("HINODE1")
    assert "窓口コード" in (await chat.say("組織を選び直す"))[0]
    await chat.say("LAKE2")
    await chat.say("Rude receptionist")
    ((_, tenant),) = await _cases(running_app)
    assert tenant.slug == "lake-inn"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "  - slug: x-client\n    name: X\n    shared_line_account: nowhere\n    code: XCODE\n",
            "no tenant 'nowhere' with `shared_account: true`",
        ),
        ("  - slug: x-client\n    name: X\n    shared_line_account: desk-shared\n", "needs a `code`"),
        (
            "  - slug: x-client\n    name: X\n    shared_line_account: desk-shared\n    code: hinode1\n",
            "code also used by 'hinode-city'",
        ),
        ("  - slug: x-shared\n    name: X\n    shared_account: true\n", "a shared account needs `line`"),
    ],
)
def test_shared_account_mistakes_are_named(extra: str, message: str) -> None:
    with pytest.raises(TenantFileError) as err:
        parse_tenant_file("tenants:" + SHARED + extra)
    assert message in str(err.value)
