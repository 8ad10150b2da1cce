"""The LINE webhook through real HTTP: verification, durability, every event type, bad input."""

from __future__ import annotations

import json

import httpx
from sqlalchemy import func, select

from sandbox.line_events import sign_body
from storage.models import AuditEntry, Case, InboxEvent
from tests.conftest import SECRETS, RunningApp


async def _count(app: RunningApp, model: type) -> int:
    db = app.services.db
    async with db.inbox_reader() if model is InboxEvent else db.reader() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def _post(app: RunningApp, slug: str, body: bytes, signature: str | None) -> httpx.Response:
    headers = {"content-type": "application/json"}
    if signature is not None:
        headers["x-line-signature"] = signature
    async with httpx.AsyncClient() as client:
        return await client.post(app.webhook_url(slug), content=body, headers=headers)


async def test_bad_signature_is_400_and_nothing_is_stored(running_app: RunningApp) -> None:
    body = json.dumps(
        {"destination": "U0", "events": [running_app.complainant("sakura", "U1").text("hello")]}
    )
    wrong = sign_body("not-the-secret", body.encode())
    assert (await _post(running_app, "sakura", body.encode(), wrong)).status_code == 400
    assert (await _post(running_app, "sakura", body.encode(), None)).status_code == 400
    # The other tenant's secret is not this tenant's.
    assert (
        await _post(running_app, "sakura", body.encode(), sign_body(SECRETS["maple"], body.encode()))
    ).status_code == 400
    assert await _count(running_app, InboxEvent) == 0


async def test_malformed_json_is_400(running_app: RunningApp) -> None:
    for body in (b"{not json", b'{"events": "nope"}', b"[1, 2]", b'{"events": [1]}', b"\xff\xfe\x00garbage"):
        response = await _post(running_app, "sakura", body, sign_body(SECRETS["sakura"], body))
        assert response.status_code == 400, body
    assert await _count(running_app, InboxEvent) == 0


async def test_oversize_body_is_413(running_app: RunningApp) -> None:
    body = b'{"events": [], "pad": "' + b"x" * (1024 * 1024) + b'"}'
    response = await _post(running_app, "sakura", body, sign_body(SECRETS["sakura"], body))
    assert response.status_code == 413
    assert await _count(running_app, InboxEvent) == 0


async def test_unknown_tenant_is_404(running_app: RunningApp) -> None:
    body = b'{"events": []}'
    assert (await _post(running_app, "nobody", body, sign_body("x", body))).status_code == 404


async def test_verification_request_with_no_events_is_200(running_app: RunningApp) -> None:
    body = b'{"destination": "U0", "events": []}'
    assert (await _post(running_app, "sakura", body, sign_body(SECRETS["sakura"], body))).status_code == 200


async def test_redelivered_event_is_processed_once(running_app: RunningApp) -> None:
    alice = running_app.complainant("sakura", "U_ALICE")
    event = alice.text("駅前店で長時間待たされました。")
    assert (await alice.asend(event)).status_code == 200
    await running_app.idle()
    assert (await alice.asend(event, redelivery=True)).status_code == 200
    await running_app.idle()
    assert await _count(running_app, InboxEvent) == 1
    assert await _count(running_app, Case) == 1
    assert len(running_app.fake_slack.all_posts()) == 1
    assert len(running_app.fake_line.delivered_to("U_ALICE")) == 1


async def test_every_event_type_is_accepted(running_app: RunningApp) -> None:
    bob = running_app.complainant("sakura", "U_BOB")
    events = [
        bob.follow(),
        bob.text("最初の苦情です"),
        bob.sticker("11537", "52002734"),
        bob.image(),
        bob.video(),
        bob.audio(),
        bob.file("receipt.pdf", 2048),
        bob.location("駅前店", "東京都千代田区1-1", 35.68, 139.76),
        bob.postback("action=menu"),
        bob.unfollow(),
        bob.follow(),
    ]
    for name in (
        "join",
        "leave",
        "member_joined",
        "member_left",
        "beacon",
        "account_link",
        "video_play_complete",
    ):
        builder = getattr(bob, name, None)
        if builder is not None:
            events.append(builder())
    events.append({"type": "somethingNew", "timestamp": 1, "mode": "active", "webhookEventId": "01NEWTYPE"})
    for event in events:
        assert (await bob.asend(event)).status_code == 200
    await running_app.idle()
    async with running_app.services.db.inbox_reader() as session:
        statuses = list(await session.scalars(select(InboxEvent.status)))
    async with running_app.services.db.reader() as session:
        recorded = await session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "line.event.recorded")
        )
    assert statuses and set(statuses) == {"done"}
    assert recorded and recorded >= 2
    assert await _count(running_app, Case) == 1


async def test_two_events_nested_too_deeply_without_ids_are_both_kept(running_app: RunningApp) -> None:
    # Found by the fuzzer: both were keyed by the delivery's hash, so the second was acknowledged and lost.
    deep: dict[str, object] = {"type": "message"}
    for _ in range(20):
        deep = {"k": deep}
    body = json.dumps({"destination": "U0", "events": [deep, {**deep, "type": "follow"}]}).encode()
    response = await _post(running_app, "sakura", body, sign_body(SECRETS["sakura"], body))
    assert response.status_code == 200
    assert await _count(running_app, InboxEvent) == 2
    # LINE redelivering the same delivery adds nothing.
    assert (await _post(running_app, "sakura", body, sign_body(SECRETS["sakura"], body))).status_code == 200
    assert await _count(running_app, InboxEvent) == 2


async def test_event_ids_and_types_the_inbox_cannot_hold_as_they_are(running_app: RunningApp) -> None:
    # Found by the fuzzer: a NUL in webhookEventId or type was a 503 on PostgreSQL (LINE redelivers it in
    # vain), and two ids longer than the column, alike in their first 128 characters, were one event.
    events = [
        {"type": "follow", "webhookEventId": "01NUL\u0000ID", "timestamp": 1, "mode": "active"},
        {"type": "fol\u0000low", "webhookEventId": "01NULTYPE", "timestamp": 1, "mode": "active"},
        {"type": "follow", "webhookEventId": "0" * 200 + "A", "timestamp": 1, "mode": "active"},
        {"type": "follow", "webhookEventId": "0" * 200 + "B", "timestamp": 1, "mode": "active"},
    ]
    body = json.dumps({"destination": "U0", "events": events}).encode()
    for _ in range(2):  # the second time, LINE redelivering
        response = await _post(running_app, "sakura", body, sign_body(SECRETS["sakura"], body))
        assert response.status_code == 200
        assert await _count(running_app, InboxEvent) == 4
