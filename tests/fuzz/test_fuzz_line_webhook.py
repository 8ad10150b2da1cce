"""Property: `POST /line/webhook/{slug}` with any body, headers and slug, signed or not."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx
import orjson
import pytest
from hypothesis import strategies as st
from sqlalchemy import func, select

from handlers.line.events import MAX_DEPTH
from handlers.web.limits import nesting_exceeds
from sandbox.line_events import LineComplainant, sign_body
from storage.models import InboxEvent, Tenant
from tests.conftest import SECRETS, RunningApp
from tests.fuzz.conftest import (
    Invariants,
    huge_text,
    json_bytes,
    json_values,
    mutated,
    random_bytes,
    run_examples,
    weird_text,
)

pytestmark = pytest.mark.usefixtures("watch_uvicorn")

# Every event the complainant simulator builds (LINE's real shapes), with the arguments they need.
BUILDERS: dict[str, tuple[Any, ...]] = {
    "text": ("",),
    "sticker": (),
    "image": (),
    "video": (),
    "audio": (),
    "file": (),
    "location": (),
    "follow": (),
    "unfollow": (),
    "postback": ("",),
    "beacon": (),
    "account_link": (),
    "video_play_complete": (),
    "membership": (),
    "join": (),
    "leave": (),
    "member_joined": (),
    "member_left": (),
    "activated": (),
    "deactivated": (),
    "bot_suspended": (),
    "bot_resumed": (),
    "module_attached": (),
    "module_detached": (),
    "delivery_completed": (),
    "edited": ("1", ""),
    "unsend": ("1",),
}
_ULID = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# A few ids recur, so that redeliveries (and reuses of an id) are common.
event_ids = st.one_of(
    st.sampled_from([f"01JFUZZ{n:019d}" for n in range(6)]),
    st.text(st.sampled_from(_ULID), min_size=26, max_size=26),
    # Ids no real delivery has: NUL, and long ones alike in their first 128 characters.
    st.sampled_from(["01\x00NUL", "\x00", "1" * 126, "1" * 127, "1" * 200 + "A", "1" * 200 + "B"]),
)
user_ids = st.sampled_from([f"U{n:032x}" for n in range(1, 5)])
dialogue_words = st.sampled_from(
    [
        "スキップ",
        "やり直す",
        "キャンセル",
        "送信する",
        "Skip",
        "cancel",
        "restart",
        "どうなりましたか",
        "匿名",
        "昨日の夜7時ごろ",
        "先週の土曜",
        "9999年12月31日",
        "0001-01-01",
        "090-1234-5678",
        "a@example.com",
        "駅前店",
        "殺すぞ",
        "受付で1時間以上待たされ、説明もありませんでした。",
    ]
)
message_texts = st.one_of(dialogue_words, weird_text, huge_text)


_POSTBACK_ACTIONS = st.sampled_from(["answer", "lang", "new", "how", "org", ""]) | weird_text
_POSTBACK_STEPS = st.sampled_from(["anonymity", "name", "place", "when", "confirm", "done", ""]) | weird_text
_POSTBACK_VALUES = st.sampled_from(["yes", "no", "skip", "shop", "picked", "en", "ja"]) | weird_text
_BUILDER_NAMES = st.sampled_from(sorted(BUILDERS))


@st.composite
def postback_data(draw: st.DrawFn) -> str:
    """Data of the desk's own postbacks (kh=1&a=...&s=...&v=...&c=...), with any values, or anything."""
    values = {
        "kh": draw(st.sampled_from(["1", "0", ""])),
        "a": draw(_POSTBACK_ACTIONS),
        "s": draw(_POSTBACK_STEPS),
        "v": draw(_POSTBACK_VALUES),
        "c": draw(st.sampled_from(["1", "2", "-1", "999999999999999999999", "x"])),
        "i": draw(st.sampled_from(["0", "1", "49", "50", "-1", "1e3"])),
    }
    chosen = draw(st.lists(st.sampled_from(sorted(values)), unique=True))
    pairs = "&".join(f"{k}={quote(values[k].encode('utf-8', 'surrogatepass'))}" for k in chosen)
    return draw(st.one_of(st.just(pairs), weird_text))


@st.composite
def line_event(draw: st.DrawFn, template: LineComplainant) -> dict[str, Any]:
    """A real event shape, from a few users, with its id from a small pool, then maybe mutated."""
    name = draw(_BUILDER_NAMES)
    event: dict[str, Any] = getattr(template, name)(*BUILDERS[name])
    if name in ("text", "edited"):
        event["message"]["text"] = draw(message_texts)
    if name == "postback":
        event["postback"]["data"] = draw(postback_data())
        if draw(st.booleans()):
            event["postback"]["params"] = {
                "datetime": draw(st.sampled_from(["2026-11-29T19:00", "9999-12-31T23:59", "x"]))
            }
    event["webhookEventId"] = draw(event_ids)
    event["source"]["userId"] = draw(user_ids)
    if draw(st.booleans()):
        event["deliveryContext"] = {"isRedelivery": True}
    return draw(st.one_of(st.just(event), mutated(event)))


@st.composite
def delivery_body(draw: st.DrawFn, template: LineComplainant) -> bytes:
    """A webhook delivery of real events (some mutated), the delivery itself maybe mutated."""
    events = draw(st.lists(line_event(template), max_size=4))
    document: Any = {"destination": template.destination, "events": events}
    if draw(st.integers(0, 4)) == 0:
        document = draw(mutated(document, max_mutations=2))
    return draw(json_bytes(document))


@dataclass(frozen=True)
class Delivery:
    """One HTTP request to the webhook."""

    slug: str
    path: str  # the slug as it appears in the URL
    body: bytes
    signature: bytes | None
    content_type: bytes

    def authentic(self) -> bool:
        """Signed with the tenant's own channel secret."""
        secret = SECRETS.get(self.slug)
        return secret is not None and self.signature == sign_body(secret, self.body).encode()


@st.composite
def deliveries(draw: st.DrawFn, template: LineComplainant) -> Delivery:
    """Any slug, body and signature; most are signed with the tenant's secret."""
    body = draw(
        st.one_of(
            delivery_body(template), delivery_body(template), json_values.flatmap(json_bytes), random_bytes
        )
    )
    content_type = draw(
        st.sampled_from([b"application/json; charset=utf-8", b"application/json", b"text/plain", b"\xff"])
    )
    if draw(st.integers(0, 2)):
        slug = draw(st.sampled_from(sorted(SECRETS)))
        signed = sign_body(SECRETS[slug], body).encode()
        return Delivery(slug=slug, path=slug, body=body, signature=signed, content_type=content_type)
    slug = draw(
        st.one_of(
            st.sampled_from(sorted(SECRETS)),
            st.sampled_from(sorted(SECRETS)),
            st.sampled_from(["SAKURA", "sakura-", "nobody", "a" * 300, "さくら", "..", "sakura/x"]),
            weird_text,
        )
    )
    raw = slug.encode("utf-8", "surrogatepass")
    path = draw(
        st.sampled_from(
            [quote(raw, safe=""), "".join(f"%{b:02X}" for b in raw)]
            + ([slug] if slug.isascii() and slug.isalnum() else [])
        )
    )
    secret = SECRETS.get(slug, "sakura-secret-0123456789abcdef")
    right = sign_body(secret, body).encode()
    signature = draw(
        st.sampled_from(
            [
                right,
                right,
                right,
                None,
                b"",
                sign_body(SECRETS["maple" if slug == "sakura" else "sakura"], body).encode(),
                sign_body("not-the-secret", body).encode(),
                right[:-2] + (b"AA" if right[-2:] != b"AA" else b"BB"),
                b"\xff\xfe\x80signature",
                "署名".encode(),
                b"=" * 44,
            ]
        )
    )
    return Delivery(slug=slug, path=path, body=body, signature=signature, content_type=content_type)


@dataclass
class InboxModel:
    """What the inbox must hold: one row per distinct event LINE acknowledged (by webhookEventId)."""

    tenant_ids: dict[str, int]
    seen: set[tuple[str, str, str]] = field(default_factory=set)

    @staticmethod
    def identity(event: dict[str, Any], body: bytes, index: int) -> tuple[str, str]:
        """LINE's key for an event: its webhookEventId, else (older deliveries) its whole content, or for an
        event nested too deeply to be LINE's, where it came."""
        event_id = event.get("webhookEventId")
        if isinstance(event_id, str) and event_id:
            return ("id", event_id)
        if nesting_exceeds(event, MAX_DEPTH):
            return ("occurrence", f"{hashlib.sha256(body).hexdigest()}:{index}")
        return ("content", json.dumps(event, sort_keys=True, ensure_ascii=True, separators=(",", ":")))

    def acknowledge(self, slug: str, body: bytes) -> tuple[int, list[str]]:
        """Record an acknowledged delivery: (how many new rows it must add, the ids to find)."""
        events = orjson.loads(body)["events"]
        new = {(slug, *self.identity(e, body, i)) for i, e in enumerate(events)} - self.seen
        self.seen |= new
        # The ids stored as they are (one with a NUL, or too long for the column, goes by its hash).
        ids = [
            value for _slug, kind, value in new if kind == "id" and len(value) <= 100 and "\x00" not in value
        ]
        return len(new), [f"{self.tenant_ids[slug]}:{value}" for value in ids]


async def _post(http: httpx.AsyncClient, app: RunningApp, delivery: Delivery) -> httpx.Response:
    headers = [(b"content-type", delivery.content_type), (b"user-agent", b"LineBotWebhook/2.0")]
    if delivery.signature is not None:
        headers.append((b"x-line-signature", delivery.signature))
    return await http.post(
        f"{app.base_url}/line/webhook/{delivery.path}", content=delivery.body, headers=headers
    )


async def _rows_with(app: RunningApp, event_ids: list[str]) -> dict[str, int]:
    async with app.services.db.inbox_reader() as session:
        query = (
            select(InboxEvent.event_id, func.count())
            .where(InboxEvent.event_id.in_(event_ids))
            .group_by(InboxEvent.event_id)
        )
        return {event_id: int(n) for event_id, n in await session.execute(query)}


async def test_line_webhook_takes_any_delivery(
    running_app: RunningApp, caplog: pytest.LogCaptureFixture
) -> None:
    app = running_app
    check = Invariants(app, caplog)
    async with app.services.db.reader() as session:
        tenant_ids = {t.slug: t.id for t in await session.scalars(select(Tenant))}
    model = InboxModel(tenant_ids=tenant_ids)
    template = LineComplainant(
        app.webhook_url("sakura"), SECRETS["sakura"], "U0TEMPLATE", app.fake_line, clock=app.clock
    )

    async def one(delivery: Delivery) -> None:
        before = await check.snapshot()
        response = await _post(http, app, delivery)
        check.assert_not_5xx(response.status_code, f"POST /line/webhook/{delivery.path[:60]}")
        if not delivery.authentic():
            assert not 200 <= response.status_code < 300, (
                f"unauthenticated delivery answered {response.status_code}"
            )
            await check.assert_no_effect(before, "unauthenticated LINE delivery")
        elif response.status_code == 200:
            added, ids = model.acknowledge(delivery.slug, delivery.body)
            after = await check.snapshot()
            assert after.inbox_rows - before.inbox_rows == added, (
                "acknowledged events not stored exactly once"
            )
            rows = await _rows_with(app, ids)
            assert all(rows.get(event_id) == 1 for event_id in ids), f"inbox rows by event id: {rows}"
            await check.settle()
        else:
            after = await check.snapshot()
            assert after.inbox_rows == before.inbox_rows, f"refused ({response.status_code}) yet stored"
        check.assert_logs_clean(before)

    async with httpx.AsyncClient(timeout=30, trust_env=False) as http:
        await run_examples("line_webhook", deliveries(template), one)
    await check.assert_worker_keeps_up()
