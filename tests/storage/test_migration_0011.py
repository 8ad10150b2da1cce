"""Migration 0011: effects the previous version queued (Slack posts, edits, uploads, deletions, evidence
shares, LINE messages), written as it wrote them, are converted to the neutral form and, after the
upgrade, delivered once by the real dispatcher against the fake Slack and LINE (a post that was in doubt
is found, not posted again); without the key the upgrade refuses, changing nothing; a downgrade waits for
them to be sent."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import select

from bot.blobs import LocalBlobStore
from bot.config import Settings
from bot.crypto import PiiCipher, generate_key
from bot.intake.follow_ups import note_follow_up
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from storage.db import Database, open_database
from storage.migrate import current_revision, downgrade, head_revision, upgrade
from storage.models import Case, Evidence, OutboxEffect, Tenant
from storage.repos import cases
from tests.clock import TestClock
from tests.conftest import TENANTS_YAML, TEST_AUDIT_KEY, TRIAGE, launch_app, make_settings
from tests.storage.old_rows import add_tenants_as_of
from tests.storage.test_audit_chain_migration import empty_url  # noqa: F401 (a fixture)

BEFORE = "0010"
KEY, HASH_KEY = generate_key(), "migration 0011 hash key"
CIPHER = PiiCipher(keys=KEY, hash_key=HASH_KEY)
REPORTS = "C0REPORTS1"
NUMBER = "KH-2026-000001"
PDF = b"%PDF-1.4 the report the previous version rendered"
PHOTO = b"\xff\xd8\xff\xe0 a photo"
OLD_KINDS = {"slack.post", "slack.update", "slack.upload", "slack.delete", "slack.file", "line.message"}


def _blocks(text: str) -> list[dict[str, Any]]:
    return [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]


def _post(key: str, channel: str, text: str, role: str, **more: Any) -> dict[str, Any]:
    """A `slack.post` payload as the previous version's enqueue_slack_post wrote it."""
    return {
        "channel": channel,
        "text": text,
        "blocks": more.pop("blocks", None) or _blocks(text),
        "role": role,
        "reply_broadcast": more.pop("reply_broadcast", False),
        "metadata": {"event_type": "kasuhara_effect", "event_payload": {"key": key}},
        **more,
    }


class OldOutbox:
    """Writes outbox rows at revision 0010, sealed as that version sealed them."""

    def __init__(self, db: Database, clock: TestClock, tenant_id: int, case_id: int) -> None:
        self.db, self.clock, self.tenant_id, self.case_id = db, clock, tenant_id, case_id

    async def add(self, key: str, kind: str, ordering: str, payload: dict[str, Any], **row: Any) -> None:
        async with self.db.transaction() as session:
            session.add(
                OutboxEffect(
                    idempotency_key=key,
                    kind=kind,
                    tenant_id=self.tenant_id,
                    case_id=row.pop("case_id", self.case_id),
                    ordering_key=ordering,
                    parent_key=row.pop("parent_key", None),
                    payload_enc=CIPHER.encrypt(json.dumps(payload, ensure_ascii=False)),
                    status=row.pop("status", "pending"),
                    attempts=row.pop("attempts", 0),
                    next_attempt_at=self.clock.now(),
                    created_at=self.clock.now(),
                    **row,
                )
            )


async def _old_database(url: str, schema: str | None, clock: TestClock) -> Database:
    """A database at 0010 with the test tenants."""
    db = open_database(url, search_path=schema, audit_key=TEST_AUDIT_KEY, sealer=CIPHER)
    await upgrade(db, BEFORE)
    async with db.transaction() as session:
        await add_tenants_as_of(session, CIPHER, text=TENANTS_YAML, now=clock.now())
    return db


async def _sakura_case(db: Database, clock: TestClock) -> tuple[int, int]:
    async with db.transaction() as session:
        tenant_id = await session.scalar(select(Tenant.id).where(Tenant.slug == "sakura"))
        assert tenant_id is not None
        case = await cases.add_case(
            session,
            tenant_id=tenant_id,
            complainant_id=None,
            number=NUMBER,
            channel="line",
            received_at=clock.now(),
            sla_due=date(2026, 12, 3),
        )
        return tenant_id, case.id


async def _posted_before(fake_slack: FakeSlack, text: str, key: str) -> str:
    """A post the previous version made (with its effect's key in the metadata, as it posted them)."""
    client = AsyncWebClient(token=fake_slack.token, base_url=fake_slack.api_url)
    response = await client.chat_postMessage(
        channel=TRIAGE,
        text=text,
        blocks=_blocks(text),
        metadata={"event_type": "kasuhara_effect", "event_payload": {"key": key}},
    )
    return str(response["ts"])


LINE_MESSAGES = [
    {"type": "text", "text": "受け付けました"},
    {
        "type": "text",
        "text": "匿名をご希望ですか",
        "quickReply": {
            "items": [
                {
                    "type": "action",
                    "action": {
                        "type": "postback",
                        "label": "はい",
                        "data": "kh=1&a=1",
                        "displayText": "はい",
                    },
                }
            ]
        },
    },
]


@dataclass(frozen=True)
class Queued:
    """What the previous version left in the outbox: its case, and the Slack messages it had made."""

    case_id: int
    triage_ts: str  # the triage post, out but not recorded (its lease ran out mid-send)
    reply_ts: str  # a reply it was deleting


async def _queue_as_previous_version(
    db: Database, clock: TestClock, fake_slack: FakeSlack, blobs: Path
) -> Queued:
    tenant_id, case_id = await _sakura_case(db, clock)
    old = OldOutbox(db, clock, tenant_id, case_id)
    case_key, triage = f"slack:case:{case_id}", f"triage:{case_id}"
    in_thread = {"parent_key": triage}
    triage_ts = await _posted_before(fake_slack, f"旧版の案件 {NUMBER}", triage)
    await old.add(
        triage,
        "slack.post",
        case_key,
        _post(triage, TRIAGE, f"旧版の案件 {NUMBER}", "triage"),
        status="sending",
        attempts=1,
        lease_owner="dispatcher-old",
        lease_until=clock.now() - timedelta(minutes=1),
    )
    note = _post("msg:2:slack", TRIAGE, "旧版のメモ", "thread")
    await old.add("msg:2:slack", "slack.post", case_key, note, **in_thread)
    update = _post("triage-intake:1", TRIAGE, "旧版の更新", "post")
    await old.add("triage-intake:1", "slack.update", case_key, update, **in_thread)
    threat = _post("alert:threat", TRIAGE, "旧版の警報", "alert", reply_broadcast=True)
    await old.add("alert:threat", "slack.post", case_key, threat, **in_thread)
    # A batch of further messages still collecting (the new version adds the next message to it).
    first = {"received_at": clock.now().isoformat(), "body": "一通目です", "kind": "follow_up"}
    batch = _post("msg:4:slack", TRIAGE, "旧版の追加", "thread", follow_ups=[first])
    await old.add("msg:4:slack", "slack.post", f"{case_key}:follow-ups", batch, **in_thread)
    alert = _post("alert:inbox:7", TRIAGE, "旧版の受信警報", "alert")
    await old.add("alert:inbox:7", "slack.post", "slack:alerts", alert)
    report, reports_key = f"report:{case_id}:v1:{REPORTS}", f"slack:report:{case_id}:{REPORTS}"
    await old.add(report, "slack.post", reports_key, _post(report, REPORTS, "旧版の報告", "report"))
    upload = {
        "channel": REPORTS,
        "filename": f"{NUMBER}_v1.pdf",
        "title": f"案件報告書 {NUMBER}",
        "content_b64": base64.b64encode(PDF).decode(),
        "initial_comment": "報告書（PDF）を添付します。",
        "role": "upload",
        "on_dead": [{"channel": REPORTS, "text": "PDF failed", "parent_key": report, "role": "report_note"}],
        "metadata": {"event_type": "kasuhara_effect", "event_payload": {"key": f"{report}:pdf"}},
    }
    await old.add(f"{report}:pdf", "slack.upload", reports_key, upload)
    reply_ts = await _posted_before(fake_slack, "消される返信", "some-reply")
    await old.add(
        "purge:delete:9", "slack.delete", f"purge:case:{case_id}", {"channel": TRIAGE, "ts": reply_ts}
    )
    line = {"to": "U_OLD", "messages": LINE_MESSAGES, "reply_token": None, "event_time": None}
    await old.add("line:inbox:5", "line.message", "line:1", line)
    async with db.transaction() as session:
        message = await cases.add_message(
            session, tenant_id=tenant_id, case_id=case_id, complainant_id=None, direction="in", kind="image",
            body_enc=None, source_message_id="m1", at=clock.now(),
        )  # fmt: skip
        evidence = Evidence(
            tenant_id=tenant_id, case_id=case_id, message_id=message.id, kind="image", status="stored",
            blob_key=await LocalBlobStore(blobs, CIPHER).put(PHOTO), content_type="image/jpeg",
            size=len(PHOTO), sha256=None, created_at=clock.now(),
        )  # fmt: skip
        session.add(evidence)
        await session.flush()
        evidence_id = evidence.id
    await old.add(
        f"slack-file:{evidence_id}", "slack.file", case_key, {"evidence_id": evidence_id}, **in_thread
    )
    # Sent, or given up, before the upgrade: left as they are, never sent again.
    await old.add("sent", "slack.post", "k:sent", _post("sent", TRIAGE, "送信済み", "thread"), status="done")
    await old.add("gave-up", "line.message", "line:2", {**line, "to": "U_GONE"}, status="dead")
    return Queued(case_id=case_id, triage_ts=triage_ts, reply_ts=reply_ts)


async def _one_more_follow_up(db: Database, settings: Settings, case_id: int, clock: TestClock) -> None:
    """A further message from the complainant, noted by this version on the batch still collecting."""
    async with db.transaction() as session:
        case = await session.get(Case, case_id)
        assert case is not None
        later = clock.now() + timedelta(seconds=5)
        await note_follow_up(
            session,
            CIPHER,
            settings,
            case=case,
            message_id=5,
            body="二通目です",
            received_at=later,
            now=later,
        )


async def test_effects_queued_by_the_previous_version_are_delivered_once_after_the_upgrade(
    empty_url: tuple[str, str | None],  # noqa: F811
    fake_slack: FakeSlack,
    fake_line: FakeLine,
    tmp_path: Path,
) -> None:
    url, schema = empty_url
    clock = TestClock()
    db = await _old_database(url, schema, clock)
    queued = await _queue_as_previous_version(db, clock, fake_slack, tmp_path / "blobs")

    await upgrade(db)
    assert await current_revision(db.engine) == head_revision()
    async with db.reader() as session:
        kinds = {row.idempotency_key: row.kind for row in await session.scalars(select(OutboxEffect))}
    assert kinds.pop("sent") == "slack.post" and kinds.pop("gave-up") == "line.message"
    assert not OLD_KINDS & set(kinds.values())
    await _one_more_follow_up(db, make_settings(url, fake_slack, fake_line), queued.case_id, clock)
    async with launch_app(
        db,
        fake_slack,
        fake_line,
        clock=clock,
        pii_encryption_keys=SecretStr(KEY),
        pii_hash_key=SecretStr(HASH_KEY),
        blob_dir=str(tmp_path / "blobs"),
    ) as app:
        await app.idle()
        async with db.reader() as session:
            rows = list(await session.scalars(select(OutboxEffect).order_by(OutboxEffect.id)))
            case = await session.get(Case, queued.case_id)
    assert {r.idempotency_key: r.status for r in rows if r.status != "done"} == {"gave-up": "dead"}
    assert case is not None and case.triage_ts == queued.triage_ts  # found in doubt, kept as the triage post

    # Each posted once (the triage post by the previous version only: found, not posted again).
    texts = [str(call.get("text")) for call in fake_slack.calls("chat.postMessage")]
    for text in ("旧版の案件", "旧版のメモ", "旧版の警報", "旧版の受信警報", "旧版の報告"):
        assert len([t for t in texts if t.startswith(text)]) == 1, text
    assert "送信済み" not in texts
    replies = fake_slack.thread(TRIAGE, queued.triage_ts)
    assert {"旧版のメモ", "旧版の警報"} <= {m.text for m in replies}
    (batch_reply,) = [m for m in replies if "一通目です" in str(m.blocks)]
    assert "二通目です" in str(batch_reply.blocks)  # one reply with both messages
    (threat,) = [c for c in fake_slack.calls("chat.postMessage") if c.get("text") == "旧版の警報"]
    assert str(threat.get("reply_broadcast")).lower() == "true"
    triage_post = fake_slack.message(TRIAGE, queued.triage_ts)
    assert triage_post is not None and triage_post.blocks == _blocks("旧版の更新")
    assert fake_slack.message(TRIAGE, queued.reply_ts) is None
    (pdf,) = [f for f in fake_slack.files if f.channel == REPORTS]
    assert pdf.data == PDF and pdf.filename == f"{NUMBER}_v1.pdf"
    (photo,) = [f for f in fake_slack.files if f.channel == TRIAGE]
    assert photo.data == PHOTO and photo.thread_ts == queued.triage_ts
    (delivery,) = fake_line.delivered_to("U_OLD")
    assert delivery["messages"] == LINE_MESSAGES
    assert fake_line.delivered_to("U_GONE") == []


async def test_the_upgrade_needs_the_key_when_effects_wait(
    empty_url: tuple[str, str | None],  # noqa: F811
) -> None:
    url, schema = empty_url
    clock = TestClock()
    db = await _old_database(url, schema, clock)
    tenant_id, case_id = await _sakura_case(db, clock)
    await OldOutbox(db, clock, tenant_id, case_id).add(
        "a", "slack.post", "k", _post("a", TRIAGE, "a", "alert")
    )
    await db.dispose()
    db = open_database(url, search_path=schema, audit_key=TEST_AUDIT_KEY)  # no PII_ENCRYPTION_KEYS
    try:
        with pytest.raises(RuntimeError, match="PII_ENCRYPTION_KEYS"):
            await upgrade(db)
        assert await current_revision(db.engine) == BEFORE  # nothing half done
        async with db.reader() as session:
            assert [r.kind for r in await session.scalars(select(OutboxEffect))] == ["slack.post"]
    finally:
        await db.dispose()


async def test_a_downgrade_waits_until_the_new_effects_are_sent(
    empty_url: tuple[str, str | None],  # noqa: F811
) -> None:
    url, schema = empty_url
    clock = TestClock()
    db = await _old_database(url, schema, clock)
    try:
        tenant_id, case_id = await _sakura_case(db, clock)
        old = OldOutbox(db, clock, tenant_id, case_id)
        await old.add("waiting", "slack.post", "k", _post("waiting", TRIAGE, "a", "thread"), parent_key="p")
        await old.add("sent", "slack.file", "k2", {"evidence_id": 1}, status="done")  # left as it is
        await upgrade(db)
        with pytest.raises(RuntimeError, match="1 effects are still to be sent"):
            await downgrade(db, BEFORE)
        async with db.transaction() as session:
            for row in await session.scalars(select(OutboxEffect)):
                row.status = "done"
        await downgrade(db, BEFORE)
        async with db.reader() as session:
            kinds = {r.idempotency_key: r.kind for r in await session.scalars(select(OutboxEffect))}
        assert kinds == {"waiting": "slack.post", "sent": "slack.file"}  # as the previous version names them
    finally:
        await db.dispose()
