"""Property: the tenants file either parses into specs that sync, or is refused with a TenantFileError."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import assume
from hypothesis import strategies as st

from bot.tenants.file import TenantFileError, parse_tenant_file
from bot.tenants.sync import sync_tenant_yaml
from tests.conftest import TENANTS_YAML, RunningApp
from tests.fuzz.conftest import Invariants, any_char, big_ints, json_values, mutated, run_examples, weird_text

pytestmark = pytest.mark.usefixtures("watch_uvicorn")

VALID = (
    TENANTS_YAML
    + """
  - slug: line-shared
    name: 共有アカウント
    shared_account: true
    line: {channel_id: "2000000003", channel_secret: "${FUZZ_SECRET}", access_token: shared-token}
  - slug: kaede
    name: かえで薬局
    shared_line_account: line-shared
    code: KAEDE-1
    shops: [駅前店, 本店]
    extra_closed_days: [2026-12-28]
    feedback_allowed: true
    retention_days: 365
"""
)
LINES = VALID.splitlines()
# Aliases of aliases (four levels of nine: 6,561 values once expanded).
ALIASES = (
    "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 4))
    + "tenants: [*a3]\n"
)
YAML_TOKENS = [
    "tenants:",
    "- ",
    "slug: ",
    "name: ",
    "line:",
    "  ",
    ": ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "&a ",
    "*a",
    "<<: *a",
    "!!python/object:os.system ",
    "!!binary ",
    "!!timestamp ",
    "!!int ",
    "!!str ",
    "? ",
    "|",
    ">-",
    "---",
    "...",
    "#",
    "%YAML 1.1",
    "%TAG ! tag:x,2000:",
    "\n",
    "\t",
    "${FUZZ_SECRET}",
    "${NOT_SET}",
    "'",
    '"',
    '"\\ud800"',
    '"\\0"',
    '"\\x00"',
    "~",
    ".nan",
    "-.inf",
    "0x1F",
    "0o17",
    "1_000",
    "2026-02-30",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "yes",
    "off",
]
SCALARS = st.one_of(
    weird_text,
    big_ints.map(str),
    st.sampled_from(
        [
            "~",
            "null",
            "[]",
            "{}",
            ".nan",
            "yes",
            "2026-02-30",
            "0001-01-01",
            "9999-12-31",
            "2026-04-01T10:00:00",
            '"\\0"',
            '"\\ud800"',
            '"' + "x" * 300 + '"',
            "${FUZZ_SECRET}",
            "${NOT_SET}",
            "!!binary aGVsbG8=",
            "*a",
            "&a x",
            "C" + "0" * 100,
            '"' + "2" * 65 + '"',
            '"a\\0b"',
            '"\\x00"',
            "!!int",
            "!!timestamp",
            "!!float x",
            "2026-13-01",
        ]
    ),
)


@st.composite
def line_mutations(draw: st.DrawFn) -> str:
    """The valid file with lines dropped, repeated, swapped, re-indented, their values replaced, or noise."""
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(_LINE_EDITS)
        if kind == "drop":
            del lines[i]
        elif kind == "repeat":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "indent":
            lines[i] = " " * draw(st.integers(0, 7)) + lines[i].lstrip()
        elif kind == "value" and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            lines[i] = f"{key}: {draw(SCALARS)}"
        else:
            lines.insert(i, draw(weird_text | _TOKEN_LINE))
        if not lines:
            break
    return "\n".join(lines)


# Values at the edges of what a field takes: lengths around the limits, NUL and other controls, numbers.
_EDGE_LENGTHS = st.sampled_from([1, 32, 33, 60, 61, 63, 64, 65, 200, 201, 1000]).flatmap(
    lambda n: st.sampled_from(["x" * n, "1" * n, "あ" * n, "C" + "0" * (n - 1)])
)
_CONTROLS = st.sampled_from(["a\x00b", "\x00", "\x7f", "\u200b", "\ufffe", "\U0010ffff", "  ", "C0\x00"])
EDGE_VALUES = st.one_of(
    _EDGE_LENGTHS,
    _EDGE_LENGTHS,
    _CONTROLS,
    _CONTROLS,
    big_ints,
    st.booleans(),
    st.sampled_from([[], {}, None, ["C0A\x00"], ["駅前店", "駅前店 "], ["\x00"], [0]]),
)


@st.composite
def field_edges(draw: st.DrawFn) -> str:
    """The valid file with one or two fields of a tenant (or of its line, slack, contract) at an edge."""
    document = yaml.safe_load(VALID)
    for _ in range(draw(st.integers(1, 2))):
        tenant = document["tenants"][draw(st.integers(0, len(document["tenants"]) - 1))]
        holder = tenant
        nested = [k for k, v in tenant.items() if isinstance(v, dict) and v]
        if bool(nested) and draw(st.booleans()):  # bool(): else mypy types the draw as the list
            holder = tenant[draw(st.sampled_from(sorted(nested)))]
        holder[draw(st.sampled_from(sorted(holder)))] = draw(EDGE_VALUES)
    return yaml.safe_dump(document, allow_unicode=draw(st.booleans()), sort_keys=False)


@st.composite
def structural_mutations(draw: st.DrawFn) -> str:
    """The valid file loaded, its values replaced by other values (any JSON, deep nesting), written back."""
    document = draw(mutated(yaml.safe_load(VALID), max_mutations=4))
    try:
        return yaml.safe_dump(document, allow_unicode=draw(st.booleans()), sort_keys=False)
    except RecursionError:
        assume(False)
        raise


_LINE_EDITS = st.sampled_from(
    ["drop", "repeat", "swap", "indent", "value", "value", "value", "value", "insert"]
)
_TOKEN_LINE = st.lists(st.sampled_from(YAML_TOKENS), max_size=6).map("".join)
tenant_files = st.one_of(
    line_mutations(),
    line_mutations(),
    field_edges(),
    field_edges(),
    structural_mutations(),
    st.lists(st.sampled_from(YAML_TOKENS) | weird_text, max_size=12).map("".join),
    st.text(any_char, max_size=80),
    st.sampled_from([100, 5_000, 100_000]).map(lambda n: "tenants: " + "[" * n + "]" * n),
    st.sampled_from([100, 1_000]).map(lambda n: "tenants:\n" + "".join(f"{' ' * i}- a:\n" for i in range(n))),
    st.just(ALIASES),
    json_values.map(lambda value: yaml.safe_dump({"tenants": value}) if _dumps(value) else "tenants: []"),
)


def _dumps(value: object) -> bool:
    try:
        yaml.safe_dump(value)
    except (RecursionError, yaml.YAMLError):
        return False
    return True


async def test_tenants_file_parses_or_is_refused(
    running_app: RunningApp, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = running_app
    check = Invariants(app, caplog)
    monkeypatch.setenv("FUZZ_SECRET", "shared-secret-0123456789")
    services = app.services

    async def one(text: str) -> None:
        before = await check.snapshot()
        try:
            specs = parse_tenant_file(text)
        except TenantFileError:
            specs = None
        if specs is not None:
            await sync_tenant_yaml(services.db, services.cipher, text=text, now=app.clock.now(), actor="fuzz")
        check.assert_logs_clean(before)

    await run_examples("tenants_file", tenant_files, one)
    # The real tenants again; the worker still keeps up.
    await sync_tenant_yaml(services.db, services.cipher, text=TENANTS_YAML, now=app.clock.now(), actor="fuzz")
    await check.assert_worker_keeps_up()
