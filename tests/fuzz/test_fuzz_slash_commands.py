"""Property: `/kasuhara <anything>`, signed, from reviewers, an admin, a client and strangers, anywhere."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

import pytest
from hypothesis import strategies as st

from handlers.slack.commands import SUBCOMMANDS
from sandbox.slack_client import SignedSlack
from tests.conftest import TRIAGE
from tests.fuzz.conftest import Invariants, big_ints, form, huge_text, run_examples, weird_text
from tests.slack_desk import ADMIN, CLIENT, ELSEWHERE, REPORTS, REVIEWER, REVIEWER2, STRANGER, Desk

pytestmark = pytest.mark.usefixtures("watch_uvicorn")

# (user, channel): a reviewer and the admin in the triage channel, the client in its report channel, and
# everyone where they have no business.
PLACES = [
    (REVIEWER, TRIAGE),
    (REVIEWER, TRIAGE),
    (ADMIN, TRIAGE),
    (CLIENT, REPORTS),
    (CLIENT, REPORTS),
    (ADMIN, REPORTS),
    (STRANGER, ELSEWHERE),
    (STRANGER, TRIAGE),
    (REVIEWER, ELSEWHERE),
    (CLIENT, TRIAGE),
    (REVIEWER, REPORTS),
]
WORDS = [
    "correct",
    "approve",
    "decline",
    "sakura",
    "maple",
    "nobody",
    "0001-01",
    "9999-12",
    "2026-13",
    "2026-00",
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "2026-11",
    "tenant:sakura",
    "tenant:",
    "status:新規",
    "status:",
    "label:threat",
    "label:harassment",
    "from:0001-01-01",
    "to:9999-12-31",
    "from:9999-12-31",
    "to:0001-01-01",
    "from:2026-11-30",
    "from:x",
    "complainant:",
    "<@U0REVIEWER2>",
    f"<@{REVIEWER2}|r2>",
    f"<@{STRANGER}>",
    "<@W0ABC>",
    "<@>",
    "<#C0TRIAGE01>",
    "@here",
    "KH-0000-000000",
    "KH-9999-999999",
    "kh-2026-0",
    "2026-99999999999999999999",
    "ＫＨ－２０２６－１",
    "-1",
    "0",
    "x" * 5000,
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\ud800",
]


@dataclass(frozen=True)
class Command:
    """Who types what where."""

    user: str
    channel: str
    text: str


@st.composite
def commands(draw: st.DrawFn, numbers: list[str]) -> Command:
    """A subcommand (real or not) and arguments from case numbers, dates, filters, mentions and noise."""
    user, channel = draw(_PLACES)
    sub = draw(_SUBS)
    numbered = st.sampled_from(numbers) | st.sampled_from(numbers).map(_respell)
    args = draw(
        st.lists(
            st.one_of(numbered, numbered, _WORDS, filters(numbers), weird_text, _INTS, huge_text), max_size=5
        )
    )
    separator = draw(_SEPARATORS)
    return Command(user=user, channel=channel, text=separator.join([sub, *args]))


def _respell(number: str) -> str:
    """`KH-2026-000001` as `2026-1`."""
    _kh, year, seq = number.split("-")
    return f"{year}-{int(seq)}"


def filters(numbers: list[str]) -> st.SearchStrategy[str]:
    """`find`'s filters with any value."""
    keys = st.sampled_from(["tenant:", "status:", "label:", "from:", "to:", "complainant:"])
    values = st.one_of(st.sampled_from(numbers), _WORDS, weird_text)
    return st.builds(lambda k, v: k + v, keys, values)


_PLACES = st.sampled_from(PLACES)
_SUBS = st.one_of(
    st.sampled_from(SUBCOMMANDS),
    st.sampled_from(SUBCOMMANDS).map(str.upper),
    st.sampled_from(SUBCOMMANDS),
    weird_text,
)
_WORDS = st.sampled_from(WORDS)
_INTS = big_ints.map(str)
_SEPARATORS = st.sampled_from([" ", " ", "  ", "\n", "\t", "\u3000"])


async def test_slash_commands_take_any_text(desk: Desk, caplog: pytest.LogCaptureFixture) -> None:
    app = desk.app
    check = Invariants(app, caplog, quiet_polls=2)
    await desk.allow_feedback("sakura")
    numbers = [
        await desk.open_case(),
        await desk.open_case(user="U_BOB"),
        await desk.open_case("maple", "U_CAROL"),
    ]

    async def one(command: Command) -> None:
        before = await check.snapshot()
        fields = SignedSlack.command_body(user=command.user, channel=command.channel, text="").decode()
        body = form(
            [(k, command.text if k == "text" else v) for k, v in parse_qsl(fields, keep_blank_values=True)]
        )
        response = await desk.slack.post(body)
        check.assert_not_5xx(response.status_code, "/kasuhara")
        # Answered, unless over the body cap (Slack itself never sends that much).
        expected = 413 if len(body) > app.services.settings.max_body_bytes else 200
        assert response.status_code == expected, response.text
        if expected == 200 and response.content:
            assert isinstance(response.json().get("text"), str)
        await check.settle()
        check.assert_logs_clean(before)

    await run_examples("slash_commands", commands(numbers), one)
    await check.assert_worker_keeps_up()
