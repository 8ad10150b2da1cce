"""A complainant's further messages on an open case: every one kept, the desk told in batches.

A complainant who sends many messages in a short time (200 in a minute) must not drown the triage
thread or be answered 200 times. Each message is stored on the case as it comes; the case's thread gets
at most one reply per interval (`follow_up_interval_seconds`), holding the messages that came meanwhile,
and the complainant at most one acknowledgement per interval. The case counts its further messages, and
the triage post shows how many came in how many minutes while they keep coming.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.crypto import PiiCipher
from bot.jst import format_jst
from bot.outbox.desk import desk_post_payload
from bot.outbox.effects import CASE_THREAD, DESK_POST, place
from bot.outbox.effects import FOLLOW_UPS as FOLLOW_UPS_VIEW
from bot.outbox.enqueue import enqueue_effect, triage_key
from bot.texts import desk_text
from storage.models import Case
from storage.repos import outbox

# Messages in one thread reply (two blocks each, under Slack's 50 blocks per message).
MESSAGES_PER_REPLY = 24
FOLLOW_UPS = "follow_ups"  # case.flags: {"count", "first_at", "last_at", "acknowledged_at"}
BURST_GAP = timedelta(minutes=10)
FOLLOW_UP = "follow_up"
PROGRESS_ANSWERED = "progress"  # a question about progress, given the policy answer
PROGRESS_UNANSWERED = "progress_unanswered"  # the same, answered a moment ago already
# Heading of a reply with one message, and the line of each message in a reply with several.
HEADINGS = {
    FOLLOW_UP: ("thread.follow_up", "thread.at"),
    PROGRESS_ANSWERED: ("thread.progress", "thread.progress_at"),
    PROGRESS_UNANSWERED: ("thread.progress_unanswered", "thread.progress_unanswered_at"),
}


def follow_ups_key(case_id: int) -> str:
    """The ordering key of a case's batched thread replies (apart from its other posts, so that a batch
    held back for its interval holds nothing else up; each still waits for the triage post)."""
    return f"slack:case:{case_id}:follow-ups"


def count_follow_up(case: Case, *, at: datetime) -> None:
    """One more message from the complainant on the case, counted in its burst for the triage post
    (a burst ends after BURST_GAP without a message)."""
    seen = dict((case.flags or {}).get(FOLLOW_UPS) or {})
    last = seen.get("last_at")
    if last is None or at - datetime.fromisoformat(str(last)) > BURST_GAP:
        seen.update(count=0, first_at=at.isoformat())
        last = None
    seen["count"] = int(seen["count"]) + 1
    seen["last_at"] = max(at, datetime.fromisoformat(str(last))).isoformat() if last else at.isoformat()
    case.flags = {**(case.flags or {}), FOLLOW_UPS: seen}


def acknowledge_now(case: Case, settings: Settings, *, now: datetime) -> bool:
    """Whether to acknowledge this message (none yet in the interval); records the acknowledgement."""
    seen = dict((case.flags or {}).get(FOLLOW_UPS) or {})
    last = seen.get("acknowledged_at")
    interval = timedelta(seconds=settings.follow_up_interval_seconds)
    if last is not None and now - datetime.fromisoformat(str(last)) < interval:
        return False
    seen["acknowledged_at"] = now.isoformat()
    case.flags = {**(case.flags or {}), FOLLOW_UPS: seen}
    return True


async def note_follow_up(
    session: AsyncSession,
    cipher: PiiCipher,
    settings: Settings,
    *,
    case: Case,
    message_id: int,
    body: str,
    received_at: datetime,
    now: datetime,
    kind: str = FOLLOW_UP,
) -> None:
    """The message (of a kind in HEADINGS) in the case's thread: added to the reply still waiting, or in
    a new one that goes out once an interval has passed since the last; counted in the case's burst."""
    count_follow_up(case, at=received_at)
    ordering_key = follow_ups_key(case.id)
    latest = await outbox.latest_of(session, ordering_key=ordering_key, lock=True)
    item = {"received_at": received_at.isoformat(), "body": body, "kind": kind}
    if latest is not None and outbox.untouched(latest):
        payload = json.loads(cipher.decrypt(latest.payload_enc))
        if len(payload["follow_ups"]) < MESSAGES_PER_REPLY:
            _fill(payload, [*payload["follow_ups"], item])
            latest.payload_enc = cipher.encrypt(json.dumps(payload, ensure_ascii=False))
            return
    interval = timedelta(seconds=settings.follow_up_interval_seconds)
    not_before = (latest.sent_at or latest.next_attempt_at) + interval if latest is not None else now
    key = f"msg:{message_id}:slack"
    payload = desk_post_payload(to=place(CASE_THREAD), view=FOLLOW_UPS_VIEW, data={}, text="")
    _fill(payload, [item])
    await enqueue_effect(
        session,
        cipher,
        key=key,
        kind=DESK_POST,
        ordering_key=ordering_key,
        parent_key=triage_key(case.id),
        payload=payload,
        tenant_id=case.tenant_id,
        case_id=case.id,
        now=now,
        not_before=not_before,
    )


def _fill(payload: dict[str, Any], items: list[dict[str, Any]]) -> None:
    """The reply's view for its messages (which are kept in the payload to add to)."""
    times = [format_jst(datetime.fromisoformat(i["received_at"])) for i in items]
    if len(items) == 1:
        heading = desk_text(HEADINGS[items[0]["kind"]][0], received=times[0])
    else:
        heading = desk_text("thread.follow_ups", count=len(items), first=times[0], last=times[-1])
    lines = [
        (desk_text(HEADINGS[i["kind"]][1], received=t), i["body"]) for t, i in zip(times, items, strict=True)
    ]
    payload["follow_ups"] = items
    payload["text"] = heading
    # A reply queued by a previous version (rendered by it) is drawn from its messages from now on.
    payload["view"] = FOLLOW_UPS_VIEW
    payload["data"] = {"heading": heading, "messages": [list(line) for line in lines]}
