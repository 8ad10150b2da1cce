"""The rules of a case's end: which cases are threat cases, which the SLA still concerns."""

from __future__ import annotations

from typing import Any

from bot.case_lifecycle import is_threat, under_sla
from storage.models import Case


def _case(status: str, **flags: Any) -> Case:
    return Case(number="KH-2026-000001", status=status, flags=flags, suggested_label=None, closed_at=None)


def test_a_verdict_decides_whether_a_case_is_a_threat() -> None:
    flagged = _case("new", out_of_intake=True)
    assert is_threat(flagged, None) and not under_sla(flagged, None)
    assert not is_threat(flagged, "harassment") and under_sla(flagged, "harassment")
    assert is_threat(_case("decided"), "threat")
    suggested = _case("new")
    suggested.suggested_label = "threat"
    assert is_threat(suggested, None)
    assert not under_sla(_case("withdrawn"), None)
