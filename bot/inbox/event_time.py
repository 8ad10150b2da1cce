"""When an inbound event happened, by the channel's own account of it, within reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

# How far LINE's own time of an event may lie from the time it is processed (a backlog after downtime;
# clock skew): beyond, the processing time stands, so that no case is dated in another year.
EVENT_TIME_MAX_AGE = timedelta(days=30)
EVENT_TIME_MAX_AHEAD = timedelta(minutes=5)


def event_time(event: dict[str, Any], fallback: datetime) -> datetime:
    """When LINE says the event happened (ms since epoch), else (or when implausible) the fallback."""
    ms = event.get("timestamp")
    if not isinstance(ms, int) or isinstance(ms, bool):
        return fallback
    try:
        at = datetime.fromtimestamp(ms / 1000, UTC)
    except (OverflowError, OSError, ValueError):
        return fallback
    if not fallback - EVENT_TIME_MAX_AGE <= at <= fallback + EVENT_TIME_MAX_AHEAD:
        return fallback
    return at
