"""Media evidence: download what the complainant sent, keep it in the blob store, share it in the thread.

Two outbox effects, each retried like any other and never run inside intake's transaction:
`line.media` downloads the content (size-limited) and records it as the case's evidence, then enqueues
`desk.evidence`, which shares it in the case's thread. Both go through ports (bot.intake.media_ports).
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.blobs import BlobStore
from bot.cases.triage import enqueue_thread_note
from bot.clock import Clock
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.intake.media_ports import DeskFiles, Download, MediaContent, SharedFile
from bot.intake.transcripts import enqueue_transcription
from bot.outbox.effects import CASE_THREAD, DESK_EVIDENCE, Effect, SendError, place
from bot.outbox.enqueue import case_ordering_key, enqueue_effect, triage_key
from bot.tenants.directory import TenantDirectory
from bot.texts import desk_text
from storage.db import Database
from storage.models import Case, Evidence

LINE_MEDIA = "line.media"
EXTENSIONS = {"image": ".jpg", "video": ".mp4", "audio": ".m4a"}


async def enqueue_media_fetch(
    session: AsyncSession,
    cipher: PiiCipher,
    *,
    case: Case,
    message_row_id: int,
    line_message: dict[str, Any],
    now: datetime,
) -> bool:
    """Fetch a media message's content later, as evidence of the case."""
    payload = {
        "case_id": case.id,
        "message_row_id": message_row_id,
        "line_message_id": str(line_message.get("id", "")),
        "kind": str(line_message.get("type", "file")),
        "file_name": str(line_message.get("fileName") or ""),
        "external": (line_message.get("contentProvider") or {}).get("type") == "external",
    }
    return await enqueue_effect(
        session,
        cipher,
        key=f"media:{message_row_id}",
        kind=LINE_MEDIA,
        ordering_key=f"media:case:{case.id}",
        payload=payload,
        tenant_id=case.tenant_id,
        case_id=case.id,
        now=now,
    )


@dataclass(frozen=True)
class StoredMedia:
    """A piece of media as it was kept (or why not): `status` stored | too_large | unavailable."""

    kind: str  # image, video, audio, file
    status: str
    blob_key: str | None
    size: int | None
    content_type: str | None
    file_name: str = ""


def evidence_row(
    cipher: PiiCipher, *, case: Case, message_row_id: int, stored: StoredMedia, now: datetime
) -> Evidence:
    """The evidence row of a file kept (or refused) from one of the case's messages."""
    return Evidence(
        tenant_id=case.tenant_id,
        case_id=case.id,
        message_id=message_row_id,
        kind=stored.kind,
        status=stored.status,
        blob_key=stored.blob_key,
        content_type=stored.content_type,
        size=stored.size,
        sha256=stored.blob_key,
        file_name_enc=cipher.encrypt(stored.file_name) if stored.file_name else None,
        created_at=now,
    )


async def record_evidence(
    session: AsyncSession,
    cipher: PiiCipher,
    settings: Settings,
    *,
    case: Case,
    message_row_id: int,
    stored: StoredMedia,
    now: datetime,
) -> int:
    """The case's evidence from one message (once: a second call finds the first), shared in the case's
    thread when it was kept, or a note there saying why not; its id."""
    found = await session.scalar(select(Evidence).where(Evidence.message_id == message_row_id))
    if found is not None:
        return found.id  # recorded by an earlier attempt
    evidence = evidence_row(cipher, case=case, message_row_id=message_row_id, stored=stored, now=now)
    session.add(evidence)
    await session.flush()
    if stored.status == "stored":
        await enqueue_effect(
            session,
            cipher,
            key=f"slack-file:{evidence.id}",
            kind=DESK_EVIDENCE,
            ordering_key=case_ordering_key(case.id),
            parent_key=triage_key(case.id),
            payload={"evidence_id": evidence.id},
            tenant_id=case.tenant_id,
            case_id=case.id,
            now=now,
        )
        if evidence.kind == "audio":
            await enqueue_transcription(session, cipher, evidence=evidence, now=now)
    else:
        limit_mb = settings.media_max_bytes / (1024 * 1024)
        heading = desk_text(
            f"thread.media_{stored.status}", kind=desk_text(f"kind.{evidence.kind}"), limit=limit_mb
        )
        await enqueue_thread_note(
            session, cipher, case=case, key=f"media-note:{evidence.id}", heading=heading, body=None, now=now
        )
    return evidence.id


@dataclass(frozen=True)
class EvidenceKeeper:
    """Keeps a downloaded file as the evidence of the message it came with, for the effects that fetch one."""

    db: Database
    cipher: PiiCipher
    settings: Settings
    clock: Clock
    blobs: BlobStore

    async def keep(
        self, payload: dict[str, Any], download: Download | None, *, kind: str, file_name: str = ""
    ) -> dict[str, Any]:
        """Put the bytes in the blob store (outside any transaction), then record the evidence of the
        payload's case and message in one transaction; `download` None or empty: unavailable."""
        status, key = "unavailable", None
        if download is not None and download.too_large:
            status = "too_large"
        elif download is not None and download.data is not None:
            key = await self.blobs.put(download.data)
            status = "stored"
        async with self.db.transaction() as session:
            case = await session.get(Case, int(payload["case_id"]))
            if case is None:
                raise SendError("case not found", permanent=True)
            evidence = await record_evidence(
                session,
                self.cipher,
                self.settings,
                case=case,
                message_row_id=int(payload["message_row_id"]),
                stored=StoredMedia(
                    kind=kind,
                    status=status,
                    blob_key=key,
                    size=download.size if download else None,
                    content_type=download.content_type if download else None,
                    file_name=file_name,
                ),
                now=self.clock.now(),
            )
        return {"evidence_id": evidence, "status": status}


class MediaFetcher:
    """The `line.media` effect: download, store, record the evidence, enqueue its share with the desk."""

    def __init__(self, *, keeper: EvidenceKeeper, tenants: TenantDirectory, content: MediaContent) -> None:
        self._keeper = keeper
        self._tenants = tenants
        self._content = content

    async def send(self, effect: Effect) -> dict[str, Any]:
        """Download the content, then keep it as the case's evidence."""
        payload = effect.payload
        tenant = await self._tenants.by_id(effect.tenant_id) if effect.tenant_id is not None else None
        if tenant is None or not tenant.line_access_token:
            raise SendError("tenant has no LINE access token", permanent=True)
        download = None
        if not payload.get("external"):
            token = tenant.line_access_token
            message_id = str(payload["line_message_id"])
            if payload["kind"] in ("video", "audio") and not await self._content.ready(
                message_id=message_id, token=token
            ):
                raise SendError("LINE is still preparing the content", retry_after=5.0)
            download = await self._content.fetch(message_id=message_id, token=token)
        return await self._keeper.keep(
            payload, download, kind=str(payload["kind"]), file_name=payload.get("file_name") or ""
        )

    async def close(self) -> None:
        """Close the content client."""
        await self._content.close()


class EvidenceUploader:
    """The `desk.evidence` effect: share a stored piece of evidence in the case's thread."""

    def __init__(self, *, db: Database, cipher: PiiCipher, blobs: BlobStore, files: DeskFiles) -> None:
        self._db = db
        self._cipher = cipher
        self._blobs = blobs
        self._files = files

    async def send(self, effect: Effect) -> dict[str, Any]:
        """Share the file next to the triage post."""
        async with self._db.reader() as session:
            evidence = await session.get(Evidence, int(effect.payload["evidence_id"]))
            case = await session.get(Case, evidence.case_id) if evidence else None
        if evidence is None or case is None or evidence.blob_key is None:
            raise SendError("evidence not found", permanent=True)
        try:
            data = await self._blobs.get(evidence.blob_key)
        except KeyError:
            raise SendError("evidence missing from the blob store", permanent=True) from None
        name = self._cipher.decrypt(evidence.file_name_enc) if evidence.file_name_enc else ""
        extension = mimetypes.guess_extension(evidence.content_type or "") or EXTENSIONS.get(
            evidence.kind, ""
        )
        # Unique in the thread, so that a retry can find an upload whose answer was lost.
        filename = f"{case.number}-evidence-{evidence.id}" + (f"-{name}" if name else extension)
        title = desk_text("thread.media_title", number=case.number, kind=desk_text(f"kind.{evidence.kind}"))
        shared = SharedFile(name=filename, title=title, data=data, comment=title)
        return await self._files.share(effect, shared, to=place(CASE_THREAD))

    async def close(self) -> None:
        """The desk's sender is shared and closed on its own."""
