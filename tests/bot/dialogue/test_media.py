"""Images, video, audio and files: fetched from LINE, kept encrypted, shared in the case thread."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.blobs import LocalBlobStore, rotate_blobs
from bot.crypto import PiiCipher, generate_key
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from storage.db import Database
from storage.models import Evidence
from tests.chat import Chat, only_case
from tests.conftest import launch_app

PHOTO = b"\xff\xd8\xff\xe0" + b"photo-of-the-receipt" * 50


async def test_media_is_kept_as_evidence_and_uploaded_to_the_thread(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, tmp_path: Path
) -> None:
    blob_dir = tmp_path / "blobs"
    async with launch_app(database, fake_slack, fake_line, blob_dir=str(blob_dir)) as app:
        chat = Chat(app, "sakura", "U_MEDIA")
        await chat.say("レシートの金額が違いました")
        reply = await chat.send(chat.line.image(PHOTO, "image/jpeg"))
        assert "ファイルを受け取り" in reply[0] and "お名前" in reply[-1]  # the question stands
        await chat.send(chat.line.file("見積書.pdf", data=b"%PDF-1.4 quote", content_type="application/pdf"))
        await chat.send(chat.line.audio(b"voice-memo", content_type="audio/m4a"))
        await chat.send(chat.line.video(b"video-bytes", content_type="video/mp4"))
        case = await only_case(app)
        async with app.services.db.reader() as session:
            evidence = list(await session.scalars(select(Evidence).order_by(Evidence.id)))
        assert [e.kind for e in evidence] == ["image", "file", "audio", "video"]
        assert all(e.status == "stored" and e.case_id == case.id for e in evidence)
        store = LocalBlobStore(blob_dir, app.services.cipher)
        assert await store.get(evidence[0].blob_key or "") == PHOTO
        on_disk = b"".join(p.read_bytes() for p in blob_dir.rglob("*") if p.is_file())
        assert b"photo-of-the-receipt" not in on_disk  # encrypted at rest
        files = fake_slack.files
        assert len(files) == 4
        assert all(f.thread_ts == case.triage_ts for f in files)
        assert {f.data for f in files} == {PHOTO, b"%PDF-1.4 quote", b"voice-memo", b"video-bytes"}
        assert any(f.filename.endswith("-見積書.pdf") for f in files)


async def test_media_above_the_limit_is_not_kept_and_the_thread_says_so(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, tmp_path: Path
) -> None:
    async with launch_app(
        database, fake_slack, fake_line, blob_dir=str(tmp_path / "blobs"), media_max_bytes=100
    ) as app:
        chat = Chat(app, "maple", "U_BIG")
        await chat.say("The room smelled of smoke")
        await chat.send(chat.line.image(b"x" * 5000, "image/jpeg"))
        async with app.services.db.reader() as session:
            (evidence,) = list(await session.scalars(select(Evidence)))
        assert evidence.status == "too_large" and evidence.blob_key is None
        assert fake_slack.files == []
        notes = [str(p.get("blocks")) for p in fake_slack.all_posts()]
        assert any("上限" in n for n in notes)
        assert not (tmp_path / "blobs").exists()


async def test_a_redelivered_media_event_is_fetched_once(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, tmp_path: Path
) -> None:
    async with launch_app(database, fake_slack, fake_line, blob_dir=str(tmp_path / "blobs")) as app:
        chat = Chat(app, "sakura", "U_MEDIA_TWICE")
        await chat.say("駐車券を渡されなかった")
        photo = chat.line.image(PHOTO, "image/jpeg")
        await chat.send(photo)
        await chat.line.aredeliver(photo)
        await app.idle()
        assert len(fake_slack.files) == 1
        assert len(fake_line.calls("content")) == 1


async def test_a_photo_sent_before_the_first_text_becomes_evidence_of_the_case(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, tmp_path: Path
) -> None:
    async with launch_app(database, fake_slack, fake_line, blob_dir=str(tmp_path / "blobs")) as app:
        chat = Chat(app, "sakura", "U_PHOTO_FIRST")
        await chat.send(chat.line.image(PHOTO, "image/jpeg"))
        assert fake_slack.files == []
        await chat.say("この写真のとおり、床が濡れていて転びそうになりました")
        case = await only_case(app)
        async with app.services.db.reader() as session:
            (evidence,) = list(await session.scalars(select(Evidence)))
        assert evidence.case_id == case.id and evidence.status == "stored"
        (shared,) = fake_slack.files
        assert shared.data == PHOTO and shared.thread_ts == case.triage_ts


async def test_blobs_are_rotated_to_the_newest_key(tmp_path: Path) -> None:
    old_key, new_key = generate_key(), generate_key()
    old = PiiCipher(keys=old_key, hash_key="h")
    store = LocalBlobStore(tmp_path, old)
    key = await store.put(PHOTO)
    assert await store.put(PHOTO) == key  # the same content is stored once
    both = PiiCipher(keys=f"{new_key},{old_key}", hash_key="h")
    assert await rotate_blobs(tmp_path, both) == 1
    only_new = PiiCipher(keys=new_key, hash_key="h")
    assert await LocalBlobStore(tmp_path, only_new).get(key) == PHOTO
