"""Property: `POST /slack/events` with any body and any Slack headers, signed or not."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, quote_plus

import httpx
import pytest
from hypothesis import strategies as st

from handlers.slack.actions import ACTION_IDS
from handlers.slack.modals import FEEDBACK_CALLBACK, INFO_CALLBACK, VERDICT_CALLBACK
from sandbox.slack_client import SignedSlack, multi_value, slack_signature, text_value
from tests.conftest import TRIAGE
from tests.fuzz.conftest import (
    Invariants,
    form,
    huge_text,
    json_bytes,
    json_values,
    mutated,
    random_bytes,
    run_examples,
    weird_text,
)
from tests.slack_desk import (
    ADMIN,
    CLIENT,
    ELSEWHERE,
    REPORTS,
    REVIEWER,
    STRANGER,
    Desk,
    verdict_values,
)

pytestmark = pytest.mark.usefixtures("watch_uvicorn")

USERS = [REVIEWER, ADMIN, CLIENT, STRANGER]
CHANNELS = [TRIAGE, REPORTS, ELSEWHERE]

# How the timestamp header is written (computed from the test clock when the request is sent).
FRESH_TIMESTAMPS = ["now", "now", "now", "a_minute_ago"]
ODD_TIMESTAMPS = [
    "missing",
    "",
    "x",
    "1.7e9",
    "0x10",
    "400_digits",
    "non_ascii",
    "arabic_digits",
    "fraction",
    "stale",
    "future",
    "negative",
    "spaced",
]
SIGNATURES = [
    "right",
    "right",
    "right",
    "missing",
    "",
    "zeros",
    "wrong_secret",
    "upper",
    "non_ascii",
    "v1",
    "longer",
]


_ANY_VALUE = st.one_of(weird_text, json_values)
_USERS = st.sampled_from(USERS)
_CHANNELS = st.sampled_from(CHANNELS)
_FORM_EDITS = st.sampled_from(["replace", "drop", "repeat", "add"])
_FORM_KEYS = st.sampled_from(["type", "payload", "ssl_check", "command", "user_id", "x"]) | weird_text
_CALLBACKS = st.sampled_from([VERDICT_CALLBACK, INFO_CALLBACK, FEEDBACK_CALLBACK])
_VIEW_IDS = st.sampled_from(["V0FUZZ1", "V0FUZZ2"]) | st.text(
    st.sampled_from("ABCDEF0123456789"), max_size=11
)
_KINDS = st.sampled_from(["block_actions", "block_actions", "view_submission", "view_closed", "other"])
_ACTION_IDS = st.sampled_from(ACTION_IDS) | weird_text
_TRIGGERS = st.sampled_from(["1.2.a", "1.2.b"]) | weird_text


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


@st.composite
def command_bodies(draw: st.DrawFn) -> tuple[bytes, bytes]:
    """A slash command's form, each field maybe replaced, dropped, repeated, or with fields added."""
    command = SignedSlack.command_body(user=draw(_USERS), channel=draw(_CHANNELS), text="help")
    pairs = parse_qsl(command.decode(), keep_blank_values=True)
    for _ in range(draw(st.integers(0, 4))):
        i = draw(st.integers(0, len(pairs) - 1)) if pairs else 0
        kind = draw(_FORM_EDITS)
        if kind == "replace" and pairs:
            pairs[i] = (pairs[i][0], _text(draw(_ANY_VALUE)))
        elif kind == "drop" and pairs:
            del pairs[i]
        elif kind == "repeat" and pairs:
            pairs.append((pairs[i][0], draw(weird_text)))
        else:
            key = draw(_FORM_KEYS)
            pairs.append((key, _text(draw(_ANY_VALUE))))
    return form(pairs), b"application/x-www-form-urlencoded"


@st.composite
def views(draw: st.DrawFn, numbers: list[str]) -> dict[str, Any]:
    """One of the desk's modals as Slack returns it on submission."""
    callback = draw(_CALLBACKS)
    number = draw(st.sampled_from(numbers) | weird_text)
    metadata = draw(
        st.one_of(
            st.just(json.dumps({"number": number, "channel": draw(_CHANNELS)})),
            st.sampled_from(["", "{", "[]", "null", "[" * 3000 + "]" * 3000]),
            weird_text,
        )
    )
    if callback == VERDICT_CALLBACK:
        values = verdict_values()
    else:
        field = "question" if callback == INFO_CALLBACK else "message"
        values = {
            field: {field: text_value(draw(weird_text | huge_text))},
            "confirm": {"confirm": multi_value(["yes"])},
        }
    view_id = draw(_VIEW_IDS)
    return {
        "id": view_id,
        "type": "modal",
        "callback_id": callback,
        "private_metadata": metadata,
        "hash": "1.a",
        "state": {"values": values},
    }


@st.composite
def payloads(draw: st.DrawFn, numbers: list[str]) -> dict[str, Any]:
    """An interaction payload of the kinds the app handles (and others), then maybe mutated."""
    user, channel = draw(_USERS), draw(_CHANNELS)
    kind = draw(_KINDS)
    if kind == "block_actions":
        payload = SignedSlack.block_action_payload(
            user=user,
            channel=channel,
            action_id=draw(_ACTION_IDS),
            value=draw(st.sampled_from(numbers) | weird_text),
        )
        payload["actions"][0]["action_ts"] = "1700000000.000100"
        payload["trigger_id"] = draw(_TRIGGERS)
    elif kind in ("view_submission", "view_closed"):
        payload = SignedSlack.view_submission_payload(user=user, view=draw(views(numbers)), values={})
        payload["view"]["state"] = draw(views(numbers))["state"]
        payload["type"] = kind
        payload["trigger_id"] = "1.2.c"
    else:
        payload = {
            "type": draw(
                st.sampled_from(
                    [
                        "shortcut",
                        "message_action",
                        "block_suggestion",
                        "interactive_message",
                        "event_callback",
                    ]
                )
                | weird_text
            ),
            "user": {"id": user},
            "callback_id": draw(weird_text),
        }
    return draw(st.one_of(st.just(payload), mutated(payload)))


@st.composite
def payload_bodies(draw: st.DrawFn, numbers: list[str]) -> tuple[bytes, bytes]:
    """`payload=<json>` as Slack posts interactions (the JSON escaped or not, maybe broken)."""
    document = draw(st.one_of(payloads(numbers), json_values))
    raw = draw(json_bytes(document))
    return b"payload=" + quote_plus(raw).encode(), b"application/x-www-form-urlencoded"


@st.composite
def other_bodies(draw: st.DrawFn) -> tuple[bytes, bytes]:
    """Events API JSON, url_verification, ssl_check, or anything at all."""
    content_type = draw(st.sampled_from([b"application/json", b"application/x-www-form-urlencoded", b"\xff"]))
    document = draw(
        st.sampled_from(
            [
                {"type": "url_verification", "challenge": "abc", "token": "t"},
                {"type": "event_callback", "event": {"type": "message", "text": "hi"}, "team_id": "T0"},
                {"ssl_check": "1", "token": "t"},
            ]
        ).flatmap(mutated)
        | json_values
    )
    body = draw(st.one_of(json_bytes(document), random_bytes, st.just(b"ssl_check=1&token=x")))
    return body, content_type


@dataclass(frozen=True)
class SlackRequest:
    """A body and how its Slack headers are written."""

    body: bytes
    content_type: bytes
    timestamp: str
    signature: str

    def headers(self, secret: str, now: int) -> list[tuple[bytes, bytes]]:
        """The headers, as of `now` (the test clock's seconds)."""
        stamp = {
            "now": str(now).encode(),
            "a_minute_ago": str(now - 60).encode(),
            "x": b"x",
            "1.7e9": b"1.7e9",
            "0x10": b"0x10",
            "400_digits": b"9" * 400,
            "non_ascii": b"\xff\xfe17",
            "arabic_digits": "١٧٠٠٠٠٠٠٠٠".encode(),
            "fraction": f"{now}.5".encode(),
            "stale": str(now - 6 * 60).encode(),
            "future": str(now + 6 * 60).encode(),
            "negative": str(-now).encode(),
            "spaced": f"{now} 1".encode(),
        }.get(self.timestamp, b"")
        right = slack_signature(secret, stamp.decode("latin-1"), self.body).encode()
        signature = {
            "right": right,
            "zeros": b"v0=" + b"0" * 64,
            "wrong_secret": slack_signature("not-the-secret", stamp.decode("latin-1"), self.body).encode(),
            "upper": b"v0=" + right[3:].upper(),
            "non_ascii": "v0=署名".encode(),
            "v1": b"v1=" + right[3:],
            "longer": right + b"0",
        }.get(self.signature, b"")
        headers = [(b"content-type", self.content_type)]
        if self.timestamp != "missing":
            headers.append((b"x-slack-request-timestamp", stamp))
        if self.signature != "missing":
            headers.append((b"x-slack-signature", signature))
        return headers

    def authentic(self) -> bool:
        """Signed with the app's secret at a time Slack's window accepts."""
        return self.signature == "right" and self.timestamp in FRESH_TIMESTAMPS


@st.composite
def slack_requests(draw: st.DrawFn, numbers: list[str]) -> SlackRequest:
    """Any body, mostly signed and fresh."""
    body, content_type = draw(
        st.one_of(command_bodies(), payload_bodies(numbers), payload_bodies(numbers), other_bodies())
    )
    if draw(st.integers(0, 2)):
        return SlackRequest(body=body, content_type=content_type, timestamp="now", signature="right")
    timestamp = draw(st.sampled_from(FRESH_TIMESTAMPS + ODD_TIMESTAMPS))
    return SlackRequest(body, content_type, timestamp, draw(st.sampled_from(SIGNATURES)))


async def test_slack_events_take_any_request(desk: Desk, caplog: pytest.LogCaptureFixture) -> None:
    app = desk.app
    check = Invariants(app, caplog, quiet_polls=2)
    numbers = [await desk.open_case(), await desk.open_case(user="U_BOB")]
    secret = app.services.settings.slack_signing_secret.get_secret_value()
    url = f"{app.base_url}/slack/events"

    async def one(request: SlackRequest) -> None:
        before = await check.snapshot()
        headers = request.headers(secret, int(app.clock.now().timestamp()))
        response = await http.post(url, content=request.body, headers=headers)
        check.assert_not_5xx(response.status_code, "POST /slack/events")
        if request.authentic():
            await check.settle()
        else:
            assert response.status_code >= 400, f"unauthenticated request answered {response.status_code}"
            await check.assert_no_effect(before, "unauthenticated Slack request")
        check.assert_logs_clean(before)

    async with httpx.AsyncClient(timeout=30, trust_env=False) as http:
        await run_examples("slack_events", slack_requests(numbers), one)
    await check.assert_worker_keeps_up()
