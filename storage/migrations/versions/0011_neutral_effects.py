"""Effects still to be sent, in the channel-neutral form: the domain now says what to show and where, and
the Slack and LINE senders draw it (bot.outbox.effects)

Every outbox row not yet done or dead of the kinds the previous version wrote is converted, keeping its
key, ordering key, parent, attempts, lease and result, so that it goes out once after the upgrade:

- `slack.post` -> `desk.post`: the blocks it rendered become the view "rendered_by_previous_version" (sent
  as they are) in the place its role and parent say (the triage or alerts channel, the case's thread, a
  report channel or a report's thread, naming the channel it was queued for); a triage post remembers its
  result as the case's triage post; an alert stays an alert; a batch of further messages keeps its
  messages (more are added to it as before);
- `slack.update` -> `desk.update`, its blocks likewise;
- `slack.upload` -> `desk.upload`, the same file in the same report channel, its notices if it is given up
  in the new form;
- `slack.delete` -> `desk.delete` of the same message or file;
- `slack.file` -> `desk.evidence` (the payload, an evidence id, is unchanged);
- `line.message` -> `complainant.message` on the "line" channel: a plain text as a text, any other LINE
  message object as "rendered_by_previous_version" (sent as it is).

Payloads are sealed: the service's key comes with the database `kasuhara db upgrade` opens (storage.migrate
hands it to Alembic), and a database holding rows to convert refuses to migrate without it, changing
nothing. A downgrade turns the sent rows' kinds back (so that the previous version's retention finds the
thread replies it deletes) and refuses while an effect of the new form is still to be sent, which the
previous version could not send.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-09
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from alembic import context, op

from storage.sealed import SEALER, Sealer

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

BATCH = 200  # an upload carries its file (a report PDF): a few at a time
OUTBOX = sa.table(
    "outbox",
    sa.column("id", sa.Integer()),
    sa.column("kind", sa.String()),
    sa.column("status", sa.String()),
    sa.column("parent_key", sa.String()),
    sa.column("payload_enc", sa.LargeBinary()),
)
FINISHED = ("done", "dead")
# The kinds, places and views of bot.outbox.effects as of this revision (a migration keeps its own copy).
NEW_KINDS = {
    "slack.post": "desk.post",
    "slack.update": "desk.update",
    "slack.upload": "desk.upload",
    "slack.delete": "desk.delete",
    "slack.file": "desk.evidence",
    "line.message": "complainant.message",
}
PREVIOUS_VERSION = "rendered_by_previous_version"
REPORT_ROLES = ("report", "report_note", "monthly")  # the roles of posts in a client's report channel


def _place(name: str, channel: str | None) -> dict[str, Any]:
    return {"place": name, "channel": channel} if channel else {"place": name}


def _post_place(payload: dict[str, Any], parent_key: str | None) -> dict[str, Any]:
    """Where the previous version posted it: always the channel it names, in the thread of its parent."""
    role, channel = payload.get("role"), payload.get("channel")
    if role in REPORT_ROLES:
        return _place("report_thread" if parent_key else "report_channel", channel)
    if parent_key:
        return _place("case_thread", channel)
    return _place("alerts_channel" if role == "alert" else "triage_channel", channel)


def _post(payload: dict[str, Any], parent_key: str | None) -> dict[str, Any]:
    converted: dict[str, Any] = {
        "to": _post_place(payload, parent_key),
        "view": PREVIOUS_VERSION,
        "data": {"blocks": payload.get("blocks")},
        "text": payload.get("text") or "",
    }
    if "follow_ups" in payload:  # a batch of further messages, which may still grow
        converted["follow_ups"] = payload["follow_ups"]
    if payload.get("role") == "alert":
        converted["alert"] = True
    if payload.get("role") == "triage":
        converted["remember_as"] = "case_triage_post"
    if payload.get("reply_broadcast"):
        converted["also_in_channel"] = True
    return converted


def _update(payload: dict[str, Any], parent_key: str | None) -> dict[str, Any]:
    blocks = payload.get("blocks")
    return {"view": PREVIOUS_VERSION, "data": {"blocks": blocks}, "text": payload.get("text") or ""}


def _notice_if_dead(notice: dict[str, Any]) -> dict[str, Any]:
    """A notice an upload asked for if it is given up (the previous version's default role: an alert)."""
    parent_key = notice.get("parent_key")
    return {
        "to": _place("report_thread" if parent_key else "alerts_channel", notice.get("channel")),
        "text": notice.get("text") or "",
        "ordering_key": notice.get("ordering_key"),
        "parent_key": parent_key,
        "alert": (notice.get("role") or "alert") == "alert",
    }


def _upload(payload: dict[str, Any], parent_key: str | None) -> dict[str, Any]:
    return {
        "to": _place("report_channel", payload.get("channel")),
        "file": {
            "name": payload["filename"],
            "title": payload.get("title"),
            "content_b64": payload["content_b64"],
            "comment": payload.get("initial_comment"),
        },
        "on_dead": [_notice_if_dead(n) for n in payload.get("on_dead") or []],
    }


def _delete(payload: dict[str, Any], parent_key: str | None) -> dict[str, Any]:
    return {"posted": {k: payload[k] for k in ("channel", "ts", "file_id") if k in payload}}


def _line_message(message: dict[str, Any]) -> dict[str, Any]:
    if set(message) == {"type", "text"} and message["type"] == "text":
        return {"text": message["text"]}
    return {PREVIOUS_VERSION: message}


def _line(payload: dict[str, Any], parent_key: str | None) -> dict[str, Any]:
    return {
        "channel": "line",
        "to": payload.get("to"),
        "messages": [_line_message(m) for m in payload.get("messages") or []],
        "reply_token": payload.get("reply_token"),
        "event_time": payload.get("event_time"),
    }


CONVERT = {
    "slack.post": _post,
    "slack.update": _update,
    "slack.upload": _upload,
    "slack.delete": _delete,
    "line.message": _line,
}


def _queued(kinds: list[str]) -> sa.ColumnElement[bool]:
    return sa.and_(OUTBOX.c.kind.in_(kinds), OUTBOX.c.status.not_in(FINISHED))


def _batches(conn: sa.Connection, where: sa.ColumnElement[bool]) -> Iterator[list[Any]]:
    last = 0
    while rows := conn.execute(
        sa.select(OUTBOX.c.id, OUTBOX.c.kind, OUTBOX.c.parent_key, OUTBOX.c.payload_enc)
        .where(where, OUTBOX.c.id > last)
        .order_by(OUTBOX.c.id)
        .limit(BATCH)
    ).all():
        yield list(rows)
        last = rows[-1].id


def _sealer() -> Sealer:
    sealer: Sealer | None = context.config.attributes.get(SEALER)
    if sealer is None:
        raise RuntimeError(
            "migration 0011 converts the effects still to be sent, which are encrypted:"
            " run `kasuhara db upgrade` with PII_ENCRYPTION_KEYS set"
        )
    return sealer


def upgrade() -> None:
    conn = op.get_bind()
    # The evidence shares keep their payload: only their kind changes.
    conn.execute(OUTBOX.update().where(_queued(["slack.file"])).values(kind=NEW_KINDS["slack.file"]))
    where = _queued(list(CONVERT))
    if not conn.execute(sa.select(sa.func.count()).select_from(OUTBOX).where(where)).scalar_one():
        return
    sealer = _sealer()
    for rows in _batches(conn, where):
        for row in rows:
            payload = json.loads(sealer.decrypt_bytes(row.payload_enc))
            converted = CONVERT[row.kind](payload, row.parent_key)
            conn.execute(
                OUTBOX.update()
                .where(OUTBOX.c.id == row.id)
                .values(
                    kind=NEW_KINDS[row.kind],
                    payload_enc=sealer.encrypt_bytes(json.dumps(converted, ensure_ascii=False).encode()),
                )
            )


def downgrade() -> None:
    conn = op.get_bind()
    old_kinds = {new: old for old, new in NEW_KINDS.items()}
    waiting = conn.execute(
        sa.select(sa.func.count()).select_from(OUTBOX).where(_queued(list(old_kinds)))
    ).scalar_one()
    if waiting:
        raise RuntimeError(
            f"{waiting} effects are still to be sent in a form the previous version cannot send:"
            " let the dispatcher send them (or give them up) before downgrading past migration 0011"
        )
    # Sent rows are never sent again; their old kinds let the previous version's retention find them.
    for new, old in old_kinds.items():
        conn.execute(OUTBOX.update().where(OUTBOX.c.kind == new).values(kind=old))
