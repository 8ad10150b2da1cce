"""The web form in a real browser (Debian's chromium driven by Playwright): filled in and sent in Japanese
and English with a photo, by keyboard only, with every kind of error to fix; each page checked by axe-core
(no serious or critical violation) and photographed at desktop and phone width (var/test-artefacts/).

`scripts/ensure-browser-tools` (run by `make test` and .ci/run) installs chromium and axe-core when
missing; where either cannot be found these tests skip and say why. SQLite only: test_form.py covers the
storage on both databases.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.async_api import Browser, Page, ViewportSize, async_playwright, expect

from bot.intake.form_texts import form_text
from tests.conftest import TRIAGE, RunningApp
from tests.handlers.web.test_form import STORY

ROOT = Path(__file__).parents[3]
AXE = ROOT / "var" / "node" / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = ViewportSize(width=1280, height=900)
PHONE = ViewportSize(width=390, height=844)
CASE_NUMBER = re.compile(r"^KH-\d{4}-\d{6}$")
HONEYPOT_ID = "f-website"

pytestmark = pytest.mark.parametrize("database", ["sqlite"], indirect=True)


def _chromium() -> str | None:
    """Debian's chromium (the binary itself, not its shell launcher), or CHROMIUM_PATH."""
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        "/usr/lib/chromium/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    executable = _chromium()
    if executable is None:
        pytest.skip("no chromium found (scripts/ensure-browser-tools installs Debian's package)")
    if not AXE.is_file():
        pytest.skip(f"axe-core not found at {AXE} (scripts/ensure-browser-tools installs it from npm)")
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        await launched.close()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context(viewport=DESKTOP, locale="ja-JP", timezone_id="Asia/Tokyo")
    opened = await context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    await context.close()


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    """A small real JPEG photograph."""
    path = tmp_path / "photo.jpg"
    image = Image.new("RGB", (64, 48), (200, 120, 40))
    image.paste((30, 60, 150), (16, 12, 48, 36))
    image.save(path, "JPEG", quality=85)
    return path


# -- helpers ------------------------------------------------------------------------------------------


async def _axe_problems(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is."""
    await page.add_script_tag(path=str(AXE))
    result = await page.evaluate("async () => await axe.run(document)")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def _shown(violations: list[dict[str, Any]]) -> str:
    return json.dumps(
        [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5],
                "summary": v["nodes"][0].get("failureSummary") if v["nodes"] else None,
            }
            for v in violations
        ],
        ensure_ascii=False,
        indent=1,
    )


async def _check_page(page: Page, artefacts: Path, name: str) -> None:
    """No serious or critical axe violation; full-page screenshots at desktop and phone width, with nothing
    wider than the phone's screen."""
    problems = await _axe_problems(page)
    assert not problems, f"{name}: axe-core violations:\n{_shown(problems)}"
    await page.screenshot(path=artefacts / f"{name}-desktop.png", full_page=True)
    await page.set_viewport_size(PHONE)
    await page.screenshot(path=artefacts / f"{name}-phone.png", full_page=True)
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name}: {width} px wide at phone width"
    await page.set_viewport_size(DESKTOP)


async def _case_number(page: Page) -> str:
    """The confirmation page's case number (the page refreshes itself until the case is opened)."""
    await page.wait_for_url(re.compile(r"/form/[a-z-]+/received/"))
    number = page.locator(".number strong")
    await expect(number).to_have_text(CASE_NUMBER, timeout=20_000)
    return await number.inner_text()


async def _triage_post_of(app: RunningApp, number: str) -> str:
    await app.idle()
    posts = [m for m in app.fake_slack.messages(TRIAGE) if not m.is_reply]
    shown = [json.dumps(m.blocks, ensure_ascii=False) + m.text for m in posts]
    found = [s for s in shown if number in s]
    assert found, f"no triage post names {number}: {shown}"
    return found[0]


# -- tests --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "lang"), [("/form/sakura", "ja"), ("/form/sakura?lang=en", "en"), ("/form/maple", "en")]
)
async def test_a_complaint_with_a_photo_is_received_and_reaches_triage(
    app: RunningApp, page: Page, photo: Path, artefacts: Path, path: str, lang: str
) -> None:
    await page.goto(app.base_url + path)
    assert await page.locator("html").get_attribute("lang") == lang
    slug = path.split("/")[2].split("?")[0]
    name = f"form-{slug}-{lang}"
    await _check_page(page, artefacts, name)
    story = STORY if lang == "ja" else "The receptionist kept me waiting 30 minutes without a word."
    await page.get_by_label(form_text(lang, "field.what_happened")).fill(story)
    await page.locator("#f-wanted").fill("説明の改善" if lang == "ja" else "A better explanation")
    if slug == "sakura":
        await page.locator("#f-shop").select_option("駅前店")
    await page.locator("#f-staff").fill("受付の男性" if lang == "ja" else "the man at the desk")
    await page.locator("#f-occurred").fill("2026-11-29T15:30")
    await page.get_by_label(form_text(lang, "field.anonymity.named")).check()
    await page.locator("#f-name").fill("山田花子" if lang == "ja" else "Hanako Yamada")
    await page.locator("#f-email").fill("hanako@example.jp")
    await page.locator("#f-phone").fill("090-1234-5678")
    await page.locator("#f-consent").check()
    await page.locator("#f-attachments").set_input_files(photo)
    await page.get_by_role("button", name=form_text(lang, "submit")).click()

    number = await _case_number(page)
    assert number.startswith("KH-2026-")
    await expect(page.get_by_role("heading", level=1)).to_have_text(form_text(lang, "received.title"))
    await _check_page(page, artefacts, f"received-{slug}-{lang}")
    post = await _triage_post_of(app, number)
    assert "Web" in post
    assert [f.data for f in app.fake_slack.files] == [photo.read_bytes()]  # the photo, as chosen


async def test_the_form_is_sent_by_keyboard_alone_and_tab_never_reaches_the_honeypot(
    app: RunningApp, page: Page
) -> None:
    await page.goto(app.base_url + "/form/sakura")
    visited: list[str] = []

    async def tab_until(done: str) -> None:
        for _ in range(60):
            await page.keyboard.press("Tab")
            focused = await page.evaluate(
                "() => { const e = document.activeElement;"
                " return e ? (e.id || e.tagName.toLowerCase()) : ''; }"
            )
            visited.append(focused)
            if focused == done:
                return
        raise AssertionError(f"Tab never reached {done}: {visited}")

    await tab_until("f-what_happened")
    await page.keyboard.type("受付で30分待たされ、説明もありませんでした。")
    await tab_until("button")
    assert HONEYPOT_ID not in visited, visited
    assert visited.index("f-what_happened") < visited.index("f-email") < visited.index("button")
    await page.keyboard.press("Enter")

    number = await _case_number(page)
    assert await page.evaluate("document.activeElement.tagName") == "H1"  # the heading gets the focus
    await _triage_post_of(app, number)


async def test_each_error_is_listed_shown_beside_its_field_and_the_rest_is_kept(
    app: RunningApp, page: Page, photo: Path, tmp_path: Path, artefacts: Path
) -> None:
    text_as_photo = tmp_path / "fake" / "photo.jpg"
    text_as_photo.parent.mkdir()
    text_as_photo.write_text("just text pretending to be a photo")
    await page.goto(app.base_url + "/form/sakura")
    await page.locator("#f-wanted").fill("説明の改善")
    await page.locator("#f-shop").select_option("駅前店")
    await page.locator("#f-staff").fill("受付の<b>男性</b>")
    await page.get_by_label(form_text("ja", "field.anonymity.named")).check()
    await page.locator("#f-name").fill("山田花子")
    await page.locator("#f-phone").fill("call me")
    await page.locator("#f-email").fill("not-an-address")
    await page.locator("#f-consent").check()
    await page.locator("#f-attachments").set_input_files(text_as_photo)
    await page.get_by_role("button", name=form_text("ja", "submit")).click()

    await _expect_errors(
        page,
        {
            "phone": form_text("ja", "error.phone"),
            "email": form_text("ja", "error.email"),
            "what_happened": form_text("ja", "error.required"),
            "attachments": form_text("ja", "error.file_type", name="photo.jpg"),
        },
    )
    await expect(page.locator("#summary-heading")).to_be_focused()  # read first by a screen reader
    kept = {"wanted": "説明の改善", "shop": "駅前店", "staff": "受付の<b>男性</b>", "name": "山田花子"}
    kept |= {"phone": "call me", "email": "not-an-address"}
    await _expect_kept(page, kept)
    await _check_page(page, artefacts, "errors")

    # A summary link takes the keyboard to its field.
    phone_link = page.get_by_role("alert").get_by_role(
        "link", name=re.compile(form_text("ja", "field.phone"))
    )
    await phone_link.press("Enter")
    await expect(page.locator("#f-phone")).to_be_focused()

    # Too long by one character; the other mistakes left as they were.
    await page.locator("#f-what_happened").fill("あ" * 8001)
    await page.get_by_role("button", name=form_text("ja", "submit")).click()
    await _expect_errors(
        page,
        {
            "phone": form_text("ja", "error.phone"),
            "email": form_text("ja", "error.email"),
            "what_happened": form_text("ja", "error.too_long", max=8000, length=8001),
        },
    )
    assert len(await page.locator("#f-what_happened").input_value()) == 8001
    await _expect_kept(page, kept)

    # Everything fixed: received.
    await page.locator("#f-what_happened").fill(STORY)
    await page.locator("#f-phone").fill("090-1234-5678")
    await page.locator("#f-email").fill("hanako@example.jp")
    await page.locator("#f-attachments").set_input_files(photo)
    await page.get_by_role("button", name=form_text("ja", "submit")).click()
    number = await _case_number(page)
    post = await _triage_post_of(app, number)
    assert "駅前店" in post and "<b>" not in post


async def _expect_errors(page: Page, expected: dict[str, str]) -> None:
    """The summary (role=alert) lists exactly these errors, each linking to its field; each error stands
    beside its field, which is marked invalid and described by it."""
    summary = page.get_by_role("alert")
    await expect(summary).to_be_visible()
    links = summary.get_by_role("link")
    await expect(links).to_have_count(len(expected))
    hrefs = [await link.get_attribute("href") or "" for link in await links.all()]
    assert sorted(hrefs) == sorted(f"#f-{name}" for name in expected), hrefs
    for name, message in expected.items():
        await expect(summary).to_contain_text(message)
        field = page.locator(f"#f-{name}")
        error = page.locator(f"#error-{name}")
        await expect(error).to_have_text(message)
        await expect(field).to_have_attribute("aria-invalid", "true")
        described = (await field.get_attribute("aria-describedby") or "").split()
        assert f"error-{name}" in described, (name, described)
        await expect(field).to_have_accessible_description(re.compile(re.escape(message)))
        await expect(page.locator(f".field:has(#f-{name}) #error-{name}")).to_have_count(1)
        error_box, field_box = await error.bounding_box(), await field.bounding_box()
        assert error_box and field_box
        gap = field_box["y"] - (error_box["y"] + error_box["height"])
        assert 0 <= gap < 40, f"{name}: the error is {gap} px from its field"


async def _expect_kept(page: Page, kept: dict[str, str]) -> None:
    for name, value in kept.items():
        await expect(page.locator(f"#f-{name}")).to_have_value(value)
    await expect(page.locator("#f-anonymity-named")).to_be_checked()
    await expect(page.locator("#f-consent")).to_be_checked()
