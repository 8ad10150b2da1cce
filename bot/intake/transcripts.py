"""Transcripts of audio evidence: every stored recording (a LINE voice message, a voicemail, a web form's
audio attachment) is transcribed, and the transcript becomes the case's words.

The `media.transcribe` effect is enqueued with the evidence (bot.intake.media.record_evidence). Its sender
reads the audio, has it transcribed outside any transaction, then in one transaction keeps the transcript
on the case (encrypted, an inbound message of kind "transcript", which the classifier reads), shows it in
the case's thread and has the case classified again: a threat spoken is alerted like a threat written.
A service that keeps failing is given up after `transcription_max_attempts` with a note in the thread
(the audio stays there for the reviewers to listen to): a reviewer's matter, not an admin alert.
"""

from __future__ import annotations

import mimetypes
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.blobs import BlobStore
from bot.cases.triage import enqueue_thread_note
from bot.clock import Clock
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.intake.transcription_ports import Transcriber, TranscriptionError, TranscriptionNotConfigured
from bot.outbox.effects import Effect, SendError
from bot.outbox.enqueue import enqueue_classification, enqueue_effect
from bot.texts import desk_text
from storage.db import Database
from storage.models import Case, Evidence, Tenant
from storage.repos import cases

MEDIA_TRANSCRIBE = "media.transcribe"
TRANSCRIPT = "transcript"  # the kind of a transcript's message: machine-made words of the complainant
AUDIO_EXTENSION = ".m4a"  # LINE's voice messages, when the content type names no extension


def transcript_source_id(evidence_id: int) -> str:
    """The source id of a recording's transcript message (one per recording)."""
    return f"{TRANSCRIPT}:{evidence_id}"


async def enqueue_transcription(
    session: AsyncSession, cipher: PiiCipher, *, evidence: Evidence, now: datetime
) -> bool:
    """Transcribe a stored recording later (its own order per case: a slow service delays no post)."""
    return await enqueue_effect(
        session,
        cipher,
        key=f"transcribe:{evidence.id}",
        kind=MEDIA_TRANSCRIBE,
        ordering_key=f"transcribe:case:{evidence.case_id}",
        payload={"evidence_id": evidence.id},
        tenant_id=evidence.tenant_id,
        case_id=evidence.case_id,
        now=now,
    )


class TranscriptMaker:
    """The `media.transcribe` effect: the recording transcribed, kept on the case, shown and classified."""

    def __init__(
        self,
        *,
        db: Database,
        cipher: PiiCipher,
        settings: Settings,
        clock: Clock,
        blobs: BlobStore,
        transcriber: Transcriber,
    ) -> None:
        self._db = db
        self._cipher = cipher
        self._clock = clock
        self._blobs = blobs
        self._transcriber = transcriber
        self._max_attempts = min(settings.transcription_max_attempts, settings.outbox_max_attempts)

    async def send(self, effect: Effect) -> dict[str, Any]:
        """Transcribe (outside any transaction), then record the outcome in one transaction."""
        evidence_id = int(effect.payload["evidence_id"])
        async with self._db.reader() as session:
            evidence = await session.get(Evidence, evidence_id)
            case = await session.get(Case, evidence.case_id) if evidence else None
            tenant = await session.get(Tenant, case.tenant_id) if case else None
            done = await self._transcript_of(session, evidence) if evidence else None
        if evidence is None or case is None or tenant is None or evidence.blob_key is None:
            raise SendError("audio evidence not found", permanent=True)
        if done is not None:  # an earlier attempt kept it, and its answer was lost
            return {"status": "transcribed", "message_id": done}
        try:
            audio = await self._blobs.get(evidence.blob_key)
        except KeyError:
            raise SendError("audio missing from the blob store", permanent=True) from None
        extension = mimetypes.guess_extension(evidence.content_type or "") or AUDIO_EXTENSION
        try:
            transcript = await self._transcriber.transcribe(
                audio=audio,
                content_type=evidence.content_type,
                file_name=f"evidence-{evidence.id}{extension}",  # never the complainant's own file name
                language=tenant.language or "ja",
            )
        except TranscriptionNotConfigured:
            await self._note(
                case, key=f"transcript-off:{case.id}", heading=desk_text("thread.transcript_off")
            )
            return {"status": "not_configured"}
        except TranscriptionError as exc:
            if exc.retryable and effect.attempts < self._max_attempts:
                raise SendError(str(exc), retry_after=exc.retry_after) from None
            heading = desk_text("thread.transcript_failed", kind=desk_text(f"kind.{evidence.kind}"))
            await self._note(case, key=f"transcript-failed:{evidence.id}", heading=heading)
            return {"status": "failed", "error": str(exc), "attempts": effect.attempts}
        async with self._db.transaction() as session:
            message_id = await self._keep(session, evidence, case, transcript.text)
        return {"status": "transcribed", "message_id": message_id, "characters": len(transcript.text)}

    async def _transcript_of(self, session: AsyncSession, evidence: Evidence) -> int | None:
        found = await cases.inbound_message_by_source_id(
            session, tenant_id=evidence.tenant_id, source_message_id=transcript_source_id(evidence.id)
        )
        return found.id if found is not None else None

    async def _keep(self, session: AsyncSession, evidence: Evidence, case: Case, text: str) -> int:
        """The transcript as the case's words, in its thread, and the case classified again (once)."""
        done = await self._transcript_of(session, evidence)
        if done is not None:
            return done
        now = self._clock.now()
        message = await cases.add_message(
            session,
            tenant_id=case.tenant_id,
            case_id=case.id,
            complainant_id=case.complainant_id,
            direction="in",
            kind=TRANSCRIPT,
            body_enc=self._cipher.encrypt(text),
            source_message_id=transcript_source_id(evidence.id),
            at=now,
        )
        heading = desk_text("thread.transcript", kind=desk_text(f"kind.{evidence.kind}"))
        await enqueue_thread_note(
            session,
            self._cipher,
            case=case,
            key=f"transcript:{evidence.id}",
            heading=heading,
            body=text,
            now=now,
        )
        await enqueue_classification(
            session, self._cipher, case_id=case.id, message_id=message.id, tenant_id=case.tenant_id, now=now
        )
        return message.id

    async def _note(self, case: Case, *, key: str, heading: str) -> None:
        async with self._db.transaction() as session:
            await enqueue_thread_note(
                session, self._cipher, case=case, key=key, heading=heading, body=None, now=self._clock.now()
            )

    async def close(self) -> None:
        """Close the transcription client."""
        await self._transcriber.close()
