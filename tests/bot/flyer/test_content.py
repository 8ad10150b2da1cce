"""What the flyer shows for a tenant: its ways in and the URLs of their QR codes (no PDF here)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.flyer import FlyerError, load_flyer_content
from bot.flyer.content import FlyerContent, LineEntry, flyer_content
from bot.tenants.sync import sync_tenant_yaml
from storage.db import Database
from storage.models import Tenant
from tests.clock import TEST_NOW
from tests.conftest import TEST_SEALER

BASE = "https://desk.example.jp/"


def tenant(**values: Any) -> Tenant:
    """A tenant as the tenants file leaves it: the web form on, no basic id, no contact."""
    defaults: dict[str, Any] = {
        "slug": "sakura",
        "name": "さくら総合クリニック",
        "language": "ja",
        "active": True,
        "line_shared": False,
        "web_form_enabled": True,
    }
    return Tenant(**{**defaults, **values})


def test_own_line_account_web_form_and_contact() -> None:
    sakura = tenant(
        line_basic_id="@123abcde",
        desk_email="desk+sakura@example.jp",
        desk_phone="0120-000-000",
        desk_phone_hours="24時間受付（留守番電話）",
    )
    content = flyer_content(sakura, line_account=None, base_url=BASE, language="ja")
    assert content == FlyerContent(
        slug="sakura",
        organisation="さくら総合クリニック",
        language="ja",
        line=LineEntry(basic_id="@123abcde", url="https://line.me/R/ti/p/%40123abcde"),
        web_form_url="https://desk.example.jp/form/sakura",
        email="desk+sakura@example.jp",
        phone="0120-000-000",
        phone_hours="24時間受付（留守番電話）",
    )
    assert content.qr_urls == ["https://line.me/R/ti/p/%40123abcde", "https://desk.example.jp/form/sakura"]


def test_an_english_flyer_of_a_japanese_tenant_opens_the_english_form() -> None:
    content = flyer_content(tenant(), line_account=None, base_url=BASE, language="en")
    assert content.web_form_url == "https://desk.example.jp/form/sakura?lang=en"
    maple = tenant(slug="maple", name="Maple Hotel", language="en")
    assert flyer_content(maple, line_account=None, base_url=BASE, language="en").web_form_url == (
        "https://desk.example.jp/form/maple"
    )


def test_a_client_on_a_shared_account_gets_its_code_in_the_link() -> None:
    account = tenant(slug="desk-shared", line_shared=True, line_basic_id="@deskshared")
    hinode = tenant(
        slug="hinode-city", name="日の出市役所", shared_line_account="desk-shared", flyer_code="HINODE1"
    )
    content = flyer_content(hinode, line_account=account, base_url=BASE, language="ja")
    assert content.line == LineEntry(
        basic_id="@deskshared", url="https://line.me/R/oaMessage/%40deskshared/?HINODE1", code="HINODE1"
    )
    assert content.qr_urls == [
        "https://line.me/R/oaMessage/%40deskshared/?HINODE1",
        "https://desk.example.jp/form/hinode-city",
    ]
    # Its own basic id (if any) is not the account complainants write to.
    stray = tenant(slug="x", shared_line_account="desk-shared", flyer_code="X1", line_basic_id="@own")
    assert flyer_content(stray, line_account=account, base_url=BASE, language="ja").line == LineEntry(
        basic_id="@deskshared", url="https://line.me/R/oaMessage/%40deskshared/?X1", code="X1"
    )


def test_a_shared_account_without_basic_id_or_inactive_prints_no_line() -> None:
    hinode = tenant(slug="hinode-city", shared_line_account="desk-shared", flyer_code="HINODE1")
    for account in (
        tenant(slug="desk-shared", line_shared=True),
        tenant(slug="desk-shared", line_shared=True, line_basic_id="@deskshared", active=False),
        None,
    ):
        assert flyer_content(hinode, line_account=account, base_url=BASE, language="ja").line is None


def test_web_form_off_and_no_contact() -> None:
    content = flyer_content(
        tenant(line_basic_id="@123abcde", web_form_enabled=False, desk_phone="  ", desk_phone_hours="9-17"),
        line_account=None,
        base_url=BASE,
        language="ja",
    )
    assert content.web_form_url is None
    assert (content.email, content.phone, content.phone_hours) == (None, None, None)  # hours need a phone
    assert content.qr_urls == ["https://line.me/R/ti/p/%40123abcde"]
    assert content.has_a_way_in
    nothing = flyer_content(tenant(web_form_enabled=False), line_account=None, base_url=BASE, language="ja")
    assert nothing.qr_urls == [] and not nothing.has_a_way_in


SAKURA = """
  - slug: sakura
    name: さくら総合クリニック
    line: {channel_id: "1", channel_secret: sakura-secret, access_token: tok-1, basic_id: "@123abcde"}"""
OTHERS = """
  - slug: maple
    name: Maple Hotel
    language: en
    web_form: {enabled: false}
    contact: {email: desk+maple@example.jp}
  - slug: desk-shared
    name: カスハラ対応窓口（共通）
    shared_account: true
    line: {channel_id: "9", channel_secret: shared-secret, access_token: tok-9, basic_id: "@deskshared"}
  - slug: hinode-city
    name: 日の出市役所
    shared_line_account: desk-shared
    code: HINODE1
  - slug: closed
    name: 閉店した店
    web_form: {enabled: false}
"""
TENANTS = "tenants:" + SAKURA + OTHERS


async def _sync(database: Database, text: str) -> None:
    await sync_tenant_yaml(database, TEST_SEALER, text=text, now=TEST_NOW, actor="test")


async def test_loaded_from_the_database(database: Database) -> None:
    await _sync(database, TENANTS)
    async with database.reader() as session:
        hinode = await load_flyer_content(session, slug="hinode-city", base_url=BASE)
        maple = await load_flyer_content(session, slug="maple", base_url=BASE)
        maple_ja = await load_flyer_content(session, slug="maple", base_url=BASE, language="ja")
    assert hinode.qr_urls == [
        "https://line.me/R/oaMessage/%40deskshared/?HINODE1",
        "https://desk.example.jp/form/hinode-city",
    ]
    assert (maple.language, maple.qr_urls, maple.email) == ("en", [], "desk+maple@example.jp")
    assert maple_ja.language == "ja"


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("nobody", "no tenant with slug 'nobody'"),
        ("desk-shared", "'desk-shared' is a shared LINE account"),
        ("closed", "tenant 'closed' has no way in to print"),
        ("sakura", "tenant 'sakura' is not active"),
    ],
)
async def test_what_gets_no_flyer(database: Database, slug: str, message: str) -> None:
    await _sync(database, TENANTS)
    await _sync(database, "tenants:" + OTHERS)  # sakura left the file: deactivated
    async with database.reader() as session:
        with pytest.raises(FlyerError, match=message):
            await load_flyer_content(session, slug=slug, base_url=BASE)
