"""Hostile input at the door, through real HTTP: garbled headers, bodies no one can parse, slugs that
cannot be slugs, events that do not fit LINE's schema. None gets a 5xx, makes the bot act or blocks anyone."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from sandbox.line_events import sign_body
from sandbox.slack_client import SignedSlack, slack_signature
from storage.models import Case, InboxEvent
from storage.repos import inbox
from tests.conftest import TRIAGE, RunningApp
from tests.slack_desk import REVIEWER, Desk

GARBLED_TIMESTAMPS = [
    "x",
    "",
    "1.7e9",
    "0x10",
    "9" * 400,
    "１７００００００００",
    "1700000000.5",
    "+1700000000",
    "-1",
]


async def _post(url: str, body: bytes, headers: dict[str, Any]) -> httpx.Response:
    async with httpx.AsyncClient(timeout=10) as client:
        return await client.post(url, content=body, headers=headers)


def _click(desk: Desk) -> bytes:
    payload = desk.slack.block_action_payload(
        user=REVIEWER, channel=TRIAGE, action_id="case_claim", value="KH-2026-000001"
    )
    return desk.slack.payload_body(payload)


def _signed_headers(desk: Desk, body: bytes, *, timestamp: str | None = None) -> dict[str, str]:
    stamp = timestamp if timestamp is not None else str(desk.slack.now())
    secret = desk.slack.signing_secret
    base = b"v0:" + stamp.encode("utf-8") + b":" + body
    signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": stamp,
        "x-slack-signature": signature,
    }


async def test_a_garbled_slack_timestamp_is_401_and_the_bot_does_nothing(desk: Desk) -> None:
    body = _click(desk)
    before = len(desk.fake_slack.requests)
    for stamp in GARBLED_TIMESTAMPS:
        headers = {k: v.encode("utf-8") for k, v in _signed_headers(desk, body, timestamp=stamp).items()}
        response = await _post(desk.slack.url, body, headers)
        assert response.status_code == 401, stamp
    # A non-ASCII signature, and a signature of the right shape made with another secret.
    good = _signed_headers(desk, body)
    for signature in (b"v0=\xff" + b"0" * 63, "v0=ｆ".encode() + b"0" * 63, b"v1=" + b"0" * 64):
        response = await _post(desk.slack.url, body, {**good, "x-slack-signature": signature})
        assert response.status_code == 401
    assert len(desk.fake_slack.requests) == before  # no ephemeral, no API call of any kind


async def test_bodies_no_one_can_parse_are_refused_before_bolt(desk: Desk) -> None:
    nested = b"[" * 973 + b"]" * 973
    for body in (b"text=\xff", nested, b"payload=" + nested):
        assert (await desk.slack.post(body, signed=False)).status_code == 401
        assert (await desk.slack.post(body)).status_code == 400
    deep = json.dumps({"type": "block_actions", "x": json.loads("[" * 100 + "]" * 100)})
    assert (await desk.slack.post(b"payload=" + deep.encode())).status_code == 400


async def test_wrong_shaped_interactions_are_400_without_a_traceback(
    desk: Desk, caplog: pytest.LogCaptureFixture
) -> None:
    good = desk.slack.block_action_payload(
        user=REVIEWER, channel=TRIAGE, action_id="case_claim", value="KH-2026-000001"
    )
    view = {"type": "modal", "callback_id": "verdict_modal", "private_metadata": "{}"}
    submission = desk.slack.view_submission_payload(user=REVIEWER, view=view, values={})
    wrong: list[dict[str, Any]] = [
        {**good, "actions": []},
        {**good, "actions": ""},
        {**good, "actions": [{"value": "x"}]},
        {**good, "user": "U1"},
        {**good, "channel": ["C1"]},
        {**good, "message": {"user": ["id"]}},
        {**good, "authorizations": "x"},
        {**submission, "view": {**submission["view"], "private_metadata": 5}},
        {**submission, "view": {**submission["view"], "state": {"values": []}}},
        {**submission, "view": "modal"},
        {"type": "shortcut", "callback_id": "x"},
        {"type": 7},
    ]
    for payload in wrong:
        response = await desk.slack.post(desk.slack.payload_body(payload))
        assert response.status_code == 400, payload
    # A lone surrogate (an escape JSON allows) in the trigger id.
    body = json.dumps({**good, "trigger_id": "x"}).replace('"x"', '"\\ud800"')
    assert (await desk.slack.post(b"payload=" + body.encode())).status_code == 400
    # Our own modal with metadata that is not ours is refused in the modal, not with a traceback.
    foreign = desk.slack.view_submission_payload(
        user=REVIEWER, view={**view, "private_metadata": "not json"}, values={}
    )
    response = await desk.slack.post(desk.slack.payload_body(foreign))
    assert response.status_code == 200 and response.json()["response_action"] == "errors"
    assert not [r for r in caplog.records if r.exc_info]


async def test_an_oversize_slack_body_is_413_signed_or_not(desk: Desk) -> None:
    body = b"text=" + b"x" * (desk.app.services.settings.max_body_bytes + 1)
    assert (await desk.slack.post(body)).status_code == 413
    assert (await desk.slack.post(body, signed=False)).status_code == 413


async def test_months_and_dates_no_calendar_holds_get_a_clear_answer(desk: Desk) -> None:
    for text in ("stats sakura 0001-01", "stats 9999-12", "stats 2026-13"):
        assert "YYYY-MM" in await desk.command(text)
    for text in ("find from:0001-01-01", "find to:9999-12-31", "find from:" + "9" * 300):
        assert "検索条件" in await desk.command(text)


async def test_a_non_ascii_line_signature_is_400(running_app: RunningApp) -> None:
    body = b'{"events": []}'
    for signature in (b"\xff" * 44, "署名".encode(), b""):
        response = await _post(
            running_app.webhook_url("sakura"),
            body,
            {"content-type": "application/json", "x-line-signature": signature},
        )
        assert response.status_code == 400


async def test_a_slug_that_cannot_be_a_slug_is_404_without_a_look_up(running_app: RunningApp) -> None:
    body = b'{"events": []}'
    directory = running_app.services.tenants
    for slug in ("x" * 60_000, "Sakura", "sa kura", "%E3%81%82", "-sakura", "a"):
        response = await _post(
            f"{running_app.base_url}/line/webhook/{slug}", body, {"x-line-signature": sign_body("x", body)}
        )
        assert response.status_code == 404
    assert len(directory._by_slug) == 0  # nothing cached for them


async def test_unknown_slugs_are_remembered_in_a_bounded_cache(running_app: RunningApp) -> None:
    from bot.tenants.directory import TenantDirectory

    services = running_app.services
    directory = TenantDirectory(db=services.db, cipher=services.cipher, max_entries=8)
    for i in range(50):
        assert await directory.by_slug(f"nobody-{i}") is None
    assert len(directory._by_slug) == 8
    assert (await directory.by_slug("sakura")) is not None


async def _inbox(app: RunningApp) -> list[InboxEvent]:
    async with app.services.db.inbox_reader() as session:
        return list(await session.scalars(select(InboxEvent).order_by(InboxEvent.id)))


async def _cases(app: RunningApp) -> list[Case]:
    async with app.services.db.reader() as session:
        return list(await session.scalars(select(Case).order_by(Case.id)))


def _nested(depth: int) -> Any:
    value: Any = "deep"
    for _ in range(depth):
        value = {"x": value}
    return value


async def test_malformed_events_are_kept_aside_and_never_hold_up_the_sender(running_app: RunningApp) -> None:
    alice = running_app.complainant("sakura", "U_ALICE")
    bad: list[dict[str, Any]] = []
    for field, value in (
        ("source", "U_ALICE"),
        ("message", "hello"),
        ("follow", []),
        ("postback", 1),
        ("timestamp", 253_402_300_800_000),  # after year 9999
        ("extra", _nested(254)),
    ):
        event = alice.text("壊れたイベント")
        event[field] = value
        bad.append(event)
    # One delivery with every bad event, then the sender's real message.
    assert (await alice.asend(*bad)).status_code == 200
    assert (await alice.asend(alice.text("受付で1時間待たされました。"))).status_code == 200
    await running_app.idle()
    rows = await _inbox(running_app)
    assert [r.status for r in rows] == [inbox.REJECTED] * len(bad) + [inbox.DONE]
    assert all(r.last_error and r.last_error.startswith("malformed:") for r in rows[:-1])
    assert len(await _cases(running_app)) == 1
    assert running_app.fake_slack.messages(TRIAGE)  # the real message reached the triage channel
    async with httpx.AsyncClient() as client:
        health = (await client.get(f"{running_app.base_url}/healthz")).json()
    assert health["inbox_set_aside"]["rejected"] == len(bad)


async def test_events_without_a_sender_do_not_queue_behind_each_other(running_app: RunningApp) -> None:
    bot = running_app.complainant("sakura", "U_NOBODY")
    senderless = []
    for _ in range(48):
        event = bot.activated()
        event.pop("source")
        senderless.append(event)
    assert (await bot.asend(*senderless)).status_code == 200
    partitions = {r.partition_key for r in await _inbox(running_app)}
    assert len(partitions) == 48
    await running_app.idle()
    assert {r.status for r in await _inbox(running_app)} == {inbox.DONE}


async def test_a_redelivered_malformed_event_is_stored_once(running_app: RunningApp) -> None:
    alice = running_app.complainant("sakura", "U_ALICE")
    event = alice.text("x")
    event["message"] = ["not", "an", "object"]
    for _ in range(3):
        assert (await alice.asend(event, redelivery=True)).status_code == 200
    assert len(await _inbox(running_app)) == 1


@pytest.mark.parametrize("size", [150_000, 900_000])
async def test_a_long_text_neither_stalls_the_worker_nor_blocks_the_door(
    running_app: RunningApp, size: int
) -> None:
    alice = running_app.complainant("sakura", "U_LONG")
    bob = running_app.complainant("sakura", "U_BOB")
    assert (await alice.asend(alice.text("a" * size))).status_code == 200
    # While the worker digests it: the door answers, a look-up for an unknown tenant too.
    async with httpx.AsyncClient(timeout=5) as client:
        assert (await client.get(f"{running_app.base_url}/healthz")).status_code == 200
        body = b'{"events": []}'
        response = await client.post(
            running_app.webhook_url("nobody"), content=body, headers={"x-line-signature": "x"}
        )
        assert response.status_code == 404
    assert (await bob.asend(bob.text("受付で1時間待たされました。"))).status_code == 200
    await running_app.idle(within=60)
    cases = await _cases(running_app)
    assert len(cases) == 2 and all(c.suggested_label for c in cases)  # both classified


async def test_unsigned_slack_requests_to_a_desk_never_reach_slack(desk: Desk) -> None:
    before = len(desk.fake_slack.requests)
    async with SignedSlack(desk.slack.url, "forged-secret", clock=desk.app.clock) as forger:
        for action in ("case_claim", "case_verdict", "case_send_report"):
            response = await forger.click(user=REVIEWER, channel=TRIAGE, action_id=action, value="2026-1")
            assert response.status_code == 401
    stamp = desk.slack.now()
    body = _click(desk)
    signature = slack_signature("forged-secret", stamp, body)
    response = await _post(
        desk.slack.url, body, {"x-slack-request-timestamp": str(stamp), "x-slack-signature": signature}
    )
    assert response.status_code == 401
    assert len(desk.fake_slack.requests) == before
