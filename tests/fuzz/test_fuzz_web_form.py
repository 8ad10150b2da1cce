"""Property: `POST /form/{slug}` with any fields, files, encodings, sizes and content types, with the
session's CSRF token or without; what is accepted (303 to its receipt) is stored once, nothing else is."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from urllib.parse import quote

import httpx
import pytest
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.intake.form_fields import FIELDS
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from sandbox.form_visitor import hidden_fields
from storage.db import Database
from storage.models import InboxEvent, Tenant
from tests.clock import TestClock
from tests.conftest import RunningApp, launch_app
from tests.fuzz.conftest import Invariants, form, huge_text, random_bytes, run_examples, weird_text

pytestmark = pytest.mark.usefixtures("watch_uvicorn")

SLUGS = ["sakura", "maple"]
STORY = "駅前店の受付で、職員の説明が足りず30分待たされました。改善をお願いします。"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 200 + b"\xff\xd9"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MAX_BODY = 256 * 1024  # the app's body cap here: an oversize body is cheap to send
MAX_FILE = 64 * 1024
PAGES = 4  # form pages per tenant: a page sent again is the back button (its submission id again)

# The page's fields, and what else a post may carry: the language, the honeypot, the form's own tokens.
FIELD_NAMES = [*FIELDS, "lang", "website", "csrf", "submission"]
FIELD_VALUES = st.one_of(
    weird_text,
    huge_text,
    st.sampled_from(
        [
            "anonymous",
            "named",
            "yes",
            "no",
            "駅前店",
            "__other__",
            "2026-11-29T19:00",
            "9999-12-31T23:59",
            "0001-01-01T00:00",
            "2026-02-30T25:61",
            "a@example.com",
            "@",
            "090-1234-5678",
            "+8190",
            "ja",
            "en",
            "x" * 8001,
        ]
    ),
)
FILE_DATA = st.one_of(
    st.sampled_from([JPEG, PDF, b"", JPEG[:10], b"GIF89a", b"MZ\x90\x00", b"\x00" * (MAX_FILE + 1)]),
    st.binary(max_size=256),
)
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "multipart/form-data",  # no boundary
    "multipart/form-data; boundary=",
    "multipart/form-data; boundary=x",
    "text/plain",
    "application/json",
    "",
    "ÿ",
]


@dataclass(frozen=True)
class FilePart:
    field_name: str
    file_name: str
    data: bytes
    content_type: str


@dataclass(frozen=True)
class Submission:
    """One POST: where, with which page's session and tokens, and what body."""

    slug: str  # as written in the URL
    page: int  # which form page's hidden fields (and cookie) it carries
    cookie: str  # "right", "missing", "other" (a well-formed session that issued no token), "garbage"
    tokens: str  # "right", "other_page", "missing", "garbage"
    fields: tuple[tuple[str, str], ...]
    files: tuple[FilePart, ...]
    encoding: str  # "multipart", "urlencoded", "raw"
    raw: bytes = b""
    content_type: str = ""
    lang: str | None = None


@st.composite
def submissions(draw: st.DrawFn) -> Submission:
    """Mostly a real tenant's page sent back with its tokens, its fields changed; sometimes anything."""
    slug = draw(
        st.one_of(
            st.sampled_from(SLUGS),
            st.sampled_from(SLUGS),
            st.sampled_from(SLUGS),
            st.sampled_from(["SAKURA", "nobody", "a" * 300, "さくら", "sakura%00", "..", "%ZZ"]),
        )
    )
    fields = [("what_happened", STORY), ("anonymity", "anonymous")]
    for _ in range(draw(st.sampled_from([0, 0, 1, 2, 5]))):
        kind = draw(st.sampled_from(["set", "set", "drop", "repeat", "odd"]))
        if kind == "set":
            fields.append((draw(st.sampled_from(FIELD_NAMES)), draw(FIELD_VALUES)))
        elif kind == "drop" and fields:
            del fields[draw(st.integers(0, len(fields) - 1))]
        elif kind == "repeat" and fields:
            fields.append((fields[draw(st.integers(0, len(fields) - 1))][0], draw(weird_text)))
        else:
            fields.append((draw(weird_text), draw(FIELD_VALUES)))
    files = draw(
        st.lists(
            st.builds(
                FilePart,
                field_name=st.sampled_from(["attachments", "attachments", "other"]) | weird_text,
                file_name=st.sampled_from(["photo.jpg", "a.pdf", "", "../../etc/passwd", "x" * 300])
                | weird_text,
                data=FILE_DATA,
                content_type=st.sampled_from(["image/jpeg", "application/pdf", "text/html", "\x00"]),
            ),
            max_size=7,
        )
        | st.just([])
    )
    encoding = draw(st.sampled_from(["multipart", "multipart", "multipart", "urlencoded", "raw"]))
    return Submission(
        slug=slug,
        page=draw(st.integers(0, PAGES - 1)),
        cookie=draw(st.sampled_from(["right", "right", "right", "right", "missing", "other", "garbage"])),
        tokens=draw(
            st.sampled_from(["right", "right", "right", "right", "other_page", "missing", "garbage"])
        ),
        fields=tuple(fields),
        files=tuple(files),
        encoding=encoding,
        raw=draw(random_bytes) if encoding == "raw" else b"",
        content_type=draw(st.sampled_from(CONTENT_TYPES)),
        lang=draw(st.sampled_from([None, None, "ja", "en", "xx"])),
    )


@dataclass
class Browser:
    """One browser per tenant: its session cookie and the pages it opened (their hidden fields)."""

    session: str
    pages: list[dict[str, str]] = field(default_factory=list)


def _cookie(request: Submission, browser: Browser | None) -> str | None:
    return {
        "right": browser.session if browser else "A" * 32,
        "missing": None,
        "other": "B" * 32,
        "garbage": "\u3042;=",
    }[request.cookie]


def _hidden(request: Submission, browser: Browser | None) -> dict[str, str]:
    if browser is None or request.tokens == "missing":
        return {}
    hidden = dict(browser.pages[request.page])
    if request.tokens == "other_page":
        hidden["csrf"] = browser.pages[(request.page + 1) % PAGES]["csrf"]
    elif request.tokens == "garbage":
        hidden["csrf"] = "x" * len(hidden["csrf"])
    return hidden


def _body(request: Submission, hidden: dict[str, str]) -> tuple[bytes, str]:
    """The body and its content type."""
    pairs = [*hidden.items(), *request.fields]
    if request.encoding == "raw":
        return request.raw, request.content_type
    if request.encoding == "urlencoded":
        return form(pairs), "application/x-www-form-urlencoded"
    boundary = "fuzzBoundary7MA4YWxkTrZu0gW"
    chunks: list[bytes] = []
    for name, value in pairs:
        chunks.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode(
                "utf-8", "surrogatepass"
            )
        )
    for part in request.files:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{part.field_name}"; '
            f'filename="{part.file_name}"\r\nContent-Type: {part.content_type}\r\n\r\n'
        )
        chunks.append(head.encode("utf-8", "surrogatepass") + part.data + b"\r\n")
    return b"".join(chunks) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


@pytest.fixture
async def form_app(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, clock: TestClock
) -> AsyncIterator[RunningApp]:
    """The app with small body and file caps, the rate limits lifted (every example comes from one
    address on a clock that does not move)."""
    async with launch_app(
        database,
        fake_slack,
        fake_line,
        clock=clock,
        form_rate_per_address="1000000/minute",
        form_rate_per_tenant="1000000/minute",
        form_max_body_bytes=MAX_BODY,
        form_max_file_bytes=MAX_FILE,
    ) as running:
        yield running


async def _open_browsers(http: httpx.AsyncClient, app: RunningApp) -> dict[str, Browser]:
    browsers: dict[str, Browser] = {}
    for slug in SLUGS:
        browser: Browser | None = None
        for _ in range(PAGES):
            http.cookies.clear()  # each request says its own cookie
            headers = {"cookie": f"kasuhara_form={browser.session}"} if browser else {}
            page = await http.get(f"{app.base_url}/form/{slug}", headers=headers)
            assert page.status_code == 200
            browser = browser or Browser(session=page.cookies["kasuhara_form"])
            browser.pages.append(hidden_fields(page.text))
        assert browser is not None
        browsers[slug] = browser
    return browsers


async def _rows_with(app: RunningApp, event_ids: list[str]) -> dict[str, int]:
    async with app.services.db.inbox_reader() as session:
        query = (
            select(InboxEvent.event_id, func.count())
            .where(InboxEvent.event_id.in_(event_ids))
            .group_by(InboxEvent.event_id)
        )
        return {event_id: int(n) for event_id, n in await session.execute(query)}


async def test_web_form_takes_any_submission(form_app: RunningApp, caplog: pytest.LogCaptureFixture) -> None:
    app = form_app
    check = Invariants(app, caplog)
    async with app.services.db.reader() as session:
        tenant_ids = {t.slug: t.id for t in await session.scalars(select(Tenant))}
    accepted: set[str] = set()  # the event ids of the submissions answered 303

    async def one(request: Submission) -> None:
        browser = browsers.get(request.slug)
        hidden = _hidden(request, browser)
        body, content_type = _body(request, hidden)
        cookie = _cookie(request, browser)
        headers = [(b"content-type", content_type.encode())]
        if cookie is not None:
            headers.append((b"cookie", f"kasuhara_form={cookie}".encode()))
        path = quote(request.slug.encode("utf-8", "surrogatepass"), safe="%")
        url = f"{app.base_url}/form/{path}" + (f"?lang={request.lang}" if request.lang else "")
        authentic = (
            browser is not None
            and request.cookie == "right"
            and request.tokens == "right"
            and request.encoding != "raw"
            # a field of the noise may carry other tokens (the last of a repeated name counts)
            and all(name not in ("csrf", "submission") for name, _value in request.fields)
        )
        before = await check.snapshot()
        http.cookies.clear()
        response = await http.post(url, content=body, headers=headers)
        check.assert_not_5xx(response.status_code, f"POST /form/{request.slug[:40]}")
        if response.status_code == 303:
            assert authentic, "a submission without the session's tokens was accepted"
            event_id = f"{tenant_ids[request.slug]}:form:{hidden['submission']}"
            new = event_id not in accepted
            accepted.add(event_id)
            after = await check.snapshot()
            assert after.inbox_rows - before.inbox_rows == int(new), "an accepted submission not stored once"
            assert (await _rows_with(app, [event_id])).get(event_id) == 1
            await check.settle()
        else:
            assert not 200 <= response.status_code < 400, f"answered {response.status_code} yet not accepted"
            await check.assert_no_effect(before, f"refused form submission ({response.status_code})")
        check.assert_logs_clean(before)

    async with httpx.AsyncClient(timeout=30, trust_env=False) as http:
        browsers = await _open_browsers(http, app)
        await run_examples("web_form", submissions(), one)
        print(f"web_form: {len(accepted)} distinct submissions accepted")
        # A plain submission on a fresh page after the noise is stored once and becomes a case.
        http.cookies.clear()
        page = await http.get(f"{app.base_url}/form/sakura")
        hidden = hidden_fields(page.text)
        valid = Submission(
            "sakura",
            0,
            "right",
            "right",
            (("what_happened", STORY), ("anonymity", "anonymous")),
            (),
            "multipart",
        )
        body, content_type = _body(valid, hidden)
        response = await http.post(
            f"{app.base_url}/form/sakura",
            content=body,
            headers={
                "content-type": content_type,
                "cookie": f"kasuhara_form={page.cookies['kasuhara_form']}",
            },
        )
        http.cookies.clear()
        assert response.status_code == 303
        event_id = f"{tenant_ids['sakura']}:form:{hidden['submission']}"
        assert (await _rows_with(app, [event_id])).get(event_id) == 1
    await check.assert_nothing_set_aside()
    await check.assert_worker_keeps_up()
