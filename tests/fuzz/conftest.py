"""Property-based tests of the inbound surfaces: Hypothesis profiles, shared strategies and the invariants.

Two profiles: `default` (a few dozen derandomized examples per surface, part of `make test`) and `fuzz`
(`HYPOTHESIS_PROFILE=fuzz`, `make fuzz`: ten thousand per surface). Each surface's test starts one app (the
existing fixtures) and runs every example against it through real HTTP; Hypothesis runs in a thread of its
own while the test's event loop serves the app, so that the test can check, once the examples are done,
that the worker still keeps up.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import logging
import os
import secrets
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote_plus

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase
from sqlalchemy import func, select

from storage.models import InboxEvent, OutboxEffect
from storage.repos import inbox
from tests.conftest import TRIAGE, RunningApp
from tests.handlers.conftest import desk  # noqa: F401  (the review tests' running desk, shared)

T = TypeVar("T")

_SUPPRESSED = [
    HealthCheck.function_scoped_fixture,  # one running app per surface is intentional
    HealthCheck.too_slow,  # every example is a real HTTP request
    HealthCheck.data_too_large,
    HealthCheck.large_base_example,
]
settings.register_profile(
    "default",
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=_SUPPRESSED,
)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_MAX_EXAMPLES", "10000")),
    deadline=None,
    database=DirectoryBasedExampleDatabase(Path(__file__).resolve().parents[2] / ".hypothesis" / "fuzz"),
    print_blob=True,
    suppress_health_check=_SUPPRESSED,
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
settings.load_profile(PROFILE)


@dataclass(frozen=True)
class FuzzSettings:
    """What the profiles set besides Hypothesis's own settings."""

    keeps_up_within: float  # seconds for a fresh LINE message to reach the triage channel after a run
    example_timeout: float  # seconds one example may take before it counts as hung


FUZZ_SETTINGS = {
    "default": FuzzSettings(keeps_up_within=5.0, example_timeout=60.0),
    "fuzz": FuzzSettings(keeps_up_within=1.0, example_timeout=60.0),
}[PROFILE]


# strategies ------------------------------------------------------------------

# Any code point, lone surrogates and controls included.
any_char = st.characters(codec=None, categories=None)
awkward_chars = st.sampled_from(
    [
        "\x00",
        "\x1b",
        "\r",
        "\n",
        "\t",
        "\u200b",
        "\u202e",
        "\ufeff",
        "\ud800",
        "\udfff",
        "\U0001f600",
        "ｶ",
        "〜",
    ]
)
huge_text = st.sampled_from([10_000, 100_000, 300_000]).map(lambda n: "あ" * n)
weird_text = st.one_of(
    st.text(any_char, max_size=40),
    st.text(st.one_of(awkward_chars, any_char), max_size=12),
    st.sampled_from(["", " ", "0", "-1", "null", "true", "1e999", "NaN", "%00", "%ZZ", "<@U0>", "${HOME}"]),
)
big_ints = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([2**63, -(2**63) - 1, 2**64, 10**400, -(10**400), 253_402_300_800_000]),
)
floats = st.floats(allow_nan=True, allow_infinity=True)


# Any value JSON can carry (and a few it cannot: NaN, infinities, lone surrogates).
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), big_ints, floats, weird_text),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(weird_text, inner, max_size=4)),
    max_leaves=8,
)


def deeply_nested(depth: int, *, leaf: Any = 1) -> Any:
    """`depth` levels of alternating lists and objects, built without recursion."""
    value = leaf
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


nesting_depths = st.sampled_from([17, 65, 200, 500])
MAX_PATH_DEPTH = 12  # mutations reach this deep into a document


def paths_of(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value inside a JSON document (the document itself included), to a bounded depth."""
    yield prefix
    if len(prefix) >= MAX_PATH_DEPTH:
        return
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths_of(child, (*prefix, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from paths_of(child, (*prefix, i))


def _get(document: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        document = document[part]
    return document


def _replace(document: Any, path: tuple[Any, ...], new: Any, *, delete: bool = False) -> Any:
    """A copy of `document` (containers copied along `path` only) with the value at `path` replaced."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    copy = dict(document) if isinstance(document, dict) else list(document)
    if rest:
        copy[head] = _replace(document[head], rest, new, delete=delete)
    elif delete:
        del copy[head]
    else:
        copy[head] = new
    return copy


_MUTATIONS = st.sampled_from(["replace", "replace", "replace", "delete", "empty", "deep", "add"])
_EMPTY: st.SearchStrategy[object] = st.sampled_from([[], {}, "", 0, None])


@st.composite
def mutated(draw: st.DrawFn, document: Any, *, max_mutations: int = 3) -> Any:
    """`document` with a few of its values replaced by other JSON values, removed, or nested deeply."""
    for _ in range(draw(st.integers(0, max_mutations))):
        paths = list(paths_of(document))
        path = paths[draw(st.integers(0, len(paths) - 1))]
        kind = draw(_MUTATIONS)
        if kind == "delete" and path:
            document = _replace(document, path, None, delete=True)
        elif kind == "empty":
            document = _replace(document, path, draw(_EMPTY))
        elif kind == "deep":
            document = _replace(document, path, deeply_nested(draw(nesting_depths)))
        elif kind == "add" and isinstance(_get(document, path), dict):
            document = _replace(document, (*path, draw(weird_text)), draw(json_values))
        else:
            document = _replace(document, path, draw(json_values))
    return document


_SEPARATORS = st.sampled_from([(",", ":"), None])


@st.composite
def json_bytes(draw: st.DrawFn, document: Any) -> bytes:
    """A document serialised as a sender might: compact or not, escaped or raw (broken UTF-8 for lone
    surrogates), NaN and huge numbers as Python writes them."""
    ascii_only = draw(st.booleans())
    text = json.dumps(document, ensure_ascii=ascii_only, separators=draw(_SEPARATORS))
    return text.encode("utf-8", "surrogatepass")


random_bytes = st.one_of(
    st.binary(max_size=64),
    st.sampled_from([b"", b"{", b"\xff\xfe\x00", b'{"events":[', b"\xed\xa0\x80", b'{"a":"\\ud800"}']),
    # Past orjson's 1,024 levels, and far past Python's recursion limit.
    st.sampled_from([1_100, 100_000]).map(lambda n: b'{"events":[' + b"[" * n + b"]" * n + b"]}"),
)


def form(pairs: list[tuple[str, str]]) -> bytes:
    """Form-encode fields (text no UTF-8 encoder takes is written as its surrogate bytes)."""
    return "&".join(
        f"{quote_plus(k.encode('utf-8', 'surrogatepass'))}={quote_plus(v.encode('utf-8', 'surrogatepass'))}"
        for k, v in pairs
    ).encode()


# the invariants -----------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """What the fakes and the app's tables held at one moment."""

    slack_requests: int
    line_requests: int
    inbox_rows: int
    outbox_rows: int
    log_records: int


class Invariants:
    """The checks every example makes, written once."""

    def __init__(self, app: RunningApp, caplog: pytest.LogCaptureFixture, *, quiet_polls: int = 0) -> None:
        self.app = app
        self.caplog = caplog
        # Slack listeners answer some requests after the ack, outside the outbox: the fakes must then be
        # quiet for a few polls before a request's effects are known.
        self.quiet_polls = quiet_polls

    async def snapshot(self) -> Snapshot:
        """The current counts."""
        db = self.app.services.db
        async with db.inbox_reader() as session:
            inbox_rows = int(await session.scalar(select(func.count()).select_from(InboxEvent)) or 0)
        async with db.reader() as session:
            outbox_rows = int(await session.scalar(select(func.count()).select_from(OutboxEffect)) or 0)
        return Snapshot(
            slack_requests=len(self.app.fake_slack.requests),
            line_requests=len(self.app.fake_line.requests),
            inbox_rows=inbox_rows,
            outbox_rows=outbox_rows,
            log_records=len(self.caplog.records),
        )

    async def settle(self, *, poll: float = 0.01) -> None:
        """Wait until the worker and the dispatcher are idle (and the fakes got nothing new for
        `quiet_polls` polls)."""
        await self.app.idle()
        if not self.quiet_polls:
            return
        seen = (len(self.app.fake_slack.requests), len(self.app.fake_line.requests))
        quiet = 0
        while quiet < self.quiet_polls:
            await asyncio.sleep(poll)
            now = (len(self.app.fake_slack.requests), len(self.app.fake_line.requests))
            quiet = quiet + 1 if now == seen else 0
            seen = now
        await self.app.idle()

    def assert_not_5xx(self, status: int, what: str) -> None:
        """The server answered, and not with an error of its own."""
        assert status < 500, f"{what}: answered {status}"

    def assert_logs_clean(self, since: Snapshot) -> None:
        """No traceback and nothing at ERROR or above since `since` (refusals log at WARNING)."""
        bad = [
            f"{r.levelname} {r.name}: {r.getMessage()}" + (" (with a traceback)" if r.exc_info else "")
            for r in self.caplog.records[since.log_records :]
            if r.exc_info or r.levelno >= logging.ERROR
        ]
        assert not bad, "unexpected log records:\n" + "\n".join(bad)

    async def assert_no_effect(self, before: Snapshot, what: str) -> None:
        """Nothing stored, queued or sent since `before` (for a request that is not authenticated)."""
        await self.settle()
        after = await self.snapshot()
        assert (after.inbox_rows, after.outbox_rows) == (before.inbox_rows, before.outbox_rows), what
        assert after.slack_requests == before.slack_requests, f"{what}: a request reached the fake Slack"
        assert after.line_requests == before.line_requests, f"{what}: a request reached the fake LINE"

    async def assert_nothing_set_aside(self) -> None:
        """Every stored event was processed: none failed or was set aside by the worker (each carries
        only the name of the exception it met, so any is a crash on the event)."""
        await self.settle()
        async with self.app.services.db.inbox_reader() as session:
            rows = await session.execute(
                select(InboxEvent.id, InboxEvent.status, InboxEvent.last_error).where(
                    InboxEvent.status.in_(inbox.SET_ASIDE)
                )
            )
            kept = [f"#{row_id} {status}: {error}" for row_id, status, error in rows]
        assert not kept, "events the worker could not process:\n" + "\n".join(kept)

    async def assert_worker_keeps_up(self, slug: str = "sakura") -> None:
        """A fresh text message from a new user reaches the triage channel within the profile's deadline."""
        user = "U" + secrets.token_hex(16)
        complainant = self.app.complainant(slug, user)
        before = len(self.app.fake_slack.messages(TRIAGE))
        response = await complainant.asend(complainant.text("窓口で長時間待たされ、説明もありませんでした。"))
        assert response.status_code == 200
        within = FUZZ_SETTINGS.keeps_up_within
        try:
            await self.app.fake_slack.wait_for(
                lambda: len(self.app.fake_slack.messages(TRIAGE)) > before, timeout=within
            )
        except TimeoutError:
            raise AssertionError(f"no triage post within {within} s after the run") from None


@pytest.fixture
def watch_uvicorn(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """uvicorn's loggers do not propagate to the root: let caplog see them too."""
    logger = logging.getLogger("uvicorn")
    logger.addHandler(caplog.handler)
    try:
        yield
    finally:
        logger.removeHandler(caplog.handler)


async def run_examples(
    surface: str, strategy: st.SearchStrategy[T], check: Callable[[T], Coroutine[Any, Any, None]]
) -> int:
    """Run `check` on the profile's examples of `strategy`, on this event loop; returns how many ran.

    Hypothesis drives the examples from a thread while this loop serves the app; a failing example is
    shrunk and reported as Hypothesis does.
    """
    loop = asyncio.get_running_loop()
    ran = 0
    started = time.monotonic()

    def run_one(example: T) -> None:
        nonlocal ran
        ran += 1
        future = asyncio.run_coroutine_threadsafe(check(example), loop)
        try:
            future.result(FUZZ_SETTINGS.example_timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise AssertionError(
                f"{surface}: an example took over {FUZZ_SETTINGS.example_timeout} s"
            ) from None

    run_one.__name__ = run_one.__qualname__ = f"fuzz_{surface}"
    # Named after the surface: each keeps its own examples in the example database.
    property_test = given(strategy)(run_one)
    await asyncio.to_thread(property_test)
    print(f"\n{surface}: {ran} examples in {time.monotonic() - started:.1f} s ({PROFILE} profile)")
    return ran
