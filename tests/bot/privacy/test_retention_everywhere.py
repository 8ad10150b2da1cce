"""Retention purges a closed case's personal data everywhere it was copied, the desk's Slack included."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from bot.cases import lifecycle as case_lifecycle
from bot.outbox.effects import DESK_DELETE
from bot.privacy.retention import Purger
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from sandbox.form_visitor import FormVisitor
from storage.audit_verify import verify_chains
from storage.db import Database
from storage.models import AuditEntry, Case, Complainant, Evidence, InboxEvent, Message, OutboxEffect
from storage.repos import audit
from tests.chat import Chat, file_and_submit, items_of, only_case
from tests.conftest import TRIAGE, RunningApp, launch_app

PHOTO = b"\xff\xd8\xff\xe0" + b"photo-of-the-scratch" * 40
WORDS = "山田花子です。090-1234-5678 にご連絡ください。受付で怒鳴られました"
RETENTION = timedelta(days=30)


async def _close(app: RunningApp, case_id: int, **flags: object) -> None:
    async with app.services.db.transaction() as session:
        case = await session.get(Case, case_id)
        assert case is not None
        case_lifecycle.close(case, reason="out_of_scope", now=app.clock.now())
        case.flags = {**case.flags, **flags}


async def _file_case(app: RunningApp, user_id: str) -> Case:
    chat = Chat(app, "sakura", user_id)
    await file_and_submit(chat, WORDS)
    await chat.send(chat.line.image(PHOTO, "image/jpeg"))
    await chat.say("言い忘れました、名札は田中でした")
    return await only_case(app)


def _thread_words(slack: FakeSlack, case: Case) -> str:
    """The case's triage post as it stands and every reply still in its thread."""
    assert case.triage_ts
    return " ".join(str(m.get("blocks")) + str(m.get("text")) for m in slack.thread(TRIAGE, case.triage_ts))


async def test_the_purge_reaches_every_copy_once(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, tmp_path: Path
) -> None:
    blob_dir = tmp_path / "blobs"
    async with launch_app(
        database, fake_slack, fake_line, blob_dir=str(blob_dir), retention_days=RETENTION.days
    ) as app:
        case = await _file_case(app, "U_PURGE")
        assert case.triage_ts and fake_slack.files and "名札は田中" in _thread_words(fake_slack, case)
        replies = fake_slack.thread(TRIAGE, case.triage_ts)[1:]
        fake_slack._store.delete(TRIAGE, replies[0].ts)  # someone deleted one by hand: still fine
        await _close(app, case.id)

        app.clock.advance(RETENTION - timedelta(days=1))
        await app.services.jobs.tick()
        await app.idle()
        assert "名札は田中" in _thread_words(fake_slack, case)  # not yet

        app.clock.advance(timedelta(days=2))
        assert (await app.services.jobs.tick()).get("retention") == 2  # one run per tenant and day
        await app.idle()

        # Slack: the post is an outline, the thread and its files are gone.
        left = fake_slack.thread(TRIAGE, case.triage_ts)
        (post,) = left
        shown = str(post.get("blocks"))
        assert case.number in shown and "保存期間を過ぎた" in shown
        for word in ("山田", "090-1234-5678", "怒鳴られ", "田中"):
            assert word not in shown
        assert [f for f in fake_slack.files if f.channel == TRIAGE] == []
        deletes = fake_slack.calls("chat.delete") + fake_slack.calls("files.delete")

        # The database and the blob folder.
        async with app.services.db.reader() as session:
            purged = await session.get(Case, case.id)
            bodies = list(await session.scalars(select(Message.body_enc).where(Message.case_id == case.id)))
            evidence = list(await session.scalars(select(Evidence).where(Evidence.case_id == case.id)))
            person = await session.get(Complainant, purged.complainant_id if purged else 0)
            effects = await session.scalars(select(OutboxEffect).where(OutboxEffect.case_id == case.id))
            sent = [e for e in effects if e.kind != DESK_DELETE]
            (row,) = await session.scalars(
                select(AuditEntry).where(AuditEntry.action == "case.personal_data_purged")
            )
            entry = audit.opened(session, row)
            trail = [
                audit.opened(session, e)
                for e in await session.scalars(select(AuditEntry).where(AuditEntry.case_id == case.id))
            ]
        async with app.services.db.snapshot() as session:
            key = app.services.db.audit_key
            assert key is not None
            chains = await verify_chains(session, key=key)
        async with app.services.db.inbox_reader() as session:
            raw = list(await session.scalars(select(InboxEvent)))
        assert purged is not None and bodies and all(b is None for b in bodies)
        items = await items_of(app, purged)
        assert items.name is None and items.phone is None and items.what_happened
        assert evidence and all(e.status == "purged" and e.blob_key is None for e in evidence)
        assert not [p for p in blob_dir.rglob("*") if p.is_file()]
        assert person is not None and person.line_user_id_enc is None
        assert all(
            json.loads(app.services.cipher.decrypt(e.payload_enc)) == {}
            for e in sent
            if e.idempotency_key != f"purge:triage:{case.id}"
        )
        assert raw == []  # processed more than INBOX_KEEP_DAYS (30) ago
        assert entry.after is not None and entry.after["slack_deleted"] == len(replies)
        assert entry.after["evidence"] == 1 and entry.after["slack_outlined"] == 1
        # The assessment's text quotes the complainant: dropped; what it concluded stays for the counts.
        assert entry.after["assessment"] == 1 and purged.assessment_enc is None
        assert purged.suggested_label is not None and purged.assessment_engine is not None
        # The case's audit entries keep who did what and when; their values (which may quote) are gone,
        # and the chain still verifies.
        earlier = [e for e in trail if e.id != entry.id]
        assert 0 < entry.after["audit_values"] <= len(earlier)
        assert all(e.before is None and e.after is None for e in earlier)
        assert [c.broken for c in chains] == [None] * len(chains)

        # The next day's run finds nothing to do, and deletes nothing twice.
        app.clock.advance(timedelta(days=1))
        await app.services.jobs.tick()
        await app.idle()
        assert fake_slack.calls("chat.delete") + fake_slack.calls("files.delete") == deletes


async def test_a_case_reported_to_the_police_is_kept_until_the_hold_is_lifted(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, tmp_path: Path
) -> None:
    async with launch_app(
        database, fake_slack, fake_line, blob_dir=str(tmp_path / "blobs"), retention_days=RETENTION.days
    ) as app:
        case = await _file_case(app, "U_HOLD")
        await _close(app, case.id, police_reported=True)
        app.clock.advance(RETENTION + timedelta(days=1))
        await app.services.jobs.tick()
        await app.idle()
        assert "名札は田中" in _thread_words(fake_slack, case)
        kept = await only_case(app)
        assert "personal_data_purged_at" not in kept.flags

        async with app.services.db.transaction() as session:
            await session.execute(
                update(Case)
                .where(Case.id == case.id)
                .values(flags={**kept.flags, "legal_hold_lifted_at": app.clock.now().isoformat()})
            )
        app.clock.advance(timedelta(days=1))
        await app.services.jobs.tick()
        await app.idle()
        assert "名札は田中" not in _thread_words(fake_slack, case)
        assert "personal_data_purged_at" in (await only_case(app)).flags


class _CrashingBlobs:
    """A blob store whose first delete works and whose second dies, as a process killed mid-purge."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.deleted = inner, 0

    async def put(self, data: bytes) -> str:
        return str(await self.inner.put(data))

    async def get(self, key: str) -> bytes:
        return bytes(await self.inner.get(key))

    async def delete(self, key: str) -> None:
        self.deleted += 1
        if self.deleted > 1:
            raise OSError("killed")
        await self.inner.delete(key)


async def test_a_purge_cut_short_is_done_whole_by_the_next_run(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, tmp_path: Path
) -> None:
    async with launch_app(
        database, fake_slack, fake_line, blob_dir=str(tmp_path / "blobs"), retention_days=RETENTION.days
    ) as app:
        case = await _file_case(app, "U_CRASH")
        chat = Chat(app, "sakura", "U_CRASH")
        await chat.send(chat.line.image(b"\xff\xd8second-photo" * 30, "image/jpeg"))
        await _close(app, case.id)
        app.clock.advance(RETENTION + timedelta(days=1))
        jobs = app.services.jobs
        real = jobs._purger
        jobs._purger = Purger(cipher=real.cipher, settings=real.settings, blobs=_CrashingBlobs(real.blobs))
        await jobs.tick()  # the purge fails half way: its transaction, and its claim, are rolled back
        await app.idle()
        assert "名札は田中" in _thread_words(fake_slack, case) and fake_slack.calls("chat.delete") == []
        jobs._purger = real
        await jobs.tick()
        await app.idle()
        (post,) = fake_slack.thread(TRIAGE, case.triage_ts or "")
        assert "保存期間を過ぎた" in str(post.get("blocks"))
        deleted = len(fake_slack.calls("chat.delete")) + len(fake_slack.calls("files.delete"))
        app.clock.advance(timedelta(days=1))
        await jobs.tick()
        await app.idle()
        assert len(fake_slack.calls("chat.delete")) + len(fake_slack.calls("files.delete")) == deleted
        assert not [p for p in (tmp_path / "blobs").rglob("*") if p.is_file()]


async def test_a_web_form_case_is_purged_everywhere_with_its_contact_hash(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, tmp_path: Path
) -> None:
    blob_dir = tmp_path / "blobs"
    async with launch_app(
        database, fake_slack, fake_line, blob_dir=str(blob_dir), retention_days=RETENTION.days
    ) as app:
        visitor = FormVisitor(app.base_url)
        fields = {
            "what_happened": WORDS,
            "anonymity": "named",
            "name": "山田花子",
            "email": "hanako@example.jp",
        }
        receipt = await visitor.send("sakura", fields, files=[("scratch.jpg", PHOTO, "image/jpeg")])
        await visitor.aclose()
        assert receipt.status_code == 200
        await app.idle()
        case = await only_case(app)
        assert any(blob_dir.rglob("*")) and fake_slack.files
        await _close(app, case.id)
        app.clock.advance(RETENTION + timedelta(days=1))
        await app.services.jobs.tick()
        await app.idle()
        async with app.services.db.reader() as session:
            complainant = await session.get(Complainant, case.complainant_id)
            bodies = list(await session.scalars(select(Message.body_enc).where(Message.case_id == case.id)))
            evidence = list(await session.scalars(select(Evidence).where(Evidence.case_id == case.id)))
            purged = await session.get(Case, case.id)
        assert complainant is not None and complainant.contact_hash is None
        assert bodies and all(body is None for body in bodies)
        assert evidence and all(e.blob_key is None for e in evidence)
        assert not [p for p in blob_dir.rglob("*") if p.is_file()]
        assert purged is not None
        left = await items_of(app, purged)
        assert left.name is None and left.email is None
        thread = _thread_words(fake_slack, case)
        assert "山田花子" not in thread and "受付で怒鳴られました" not in thread
