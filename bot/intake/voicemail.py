"""The phone answering machine: a stored call or recording turned into case state (one transaction, no
network), and the `voice.recording` effect that downloads the recording as the case's evidence.

The provider's recording callback does not carry the caller's number, so the call webhook stores the call
itself (the number encrypted, keyed by the call's id) and the recording callback takes the number from it.
A call that left no recording opens no case; it is audited. Nothing is deleted at the provider.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import phonenumbers
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.items import ReportItems
from bot.crypto import PiiCipher
from bot.intake.complete_case import open_complete_case
from bot.intake.context import IntakeContext
from bot.intake.form_submission import contact_key
from bot.intake.media import EvidenceKeeper
from bot.intake.voicemail_ports import RecordingContent
from bot.outbox.effects import ALERTS_CHANNEL, CASE_THREAD, Effect, SendError, place
from bot.outbox.enqueue import case_ordering_key, enqueue_effect, triage_key
from bot.texts import desk_text
from storage.models import Case, Complainant
from storage.repos import audit, cases

VOICE = "voice"  # the inbox source
PHONE = "phone"  # the case channel
VOICE_RECORDING = "voice.recording"  # the effect that downloads a recording
CALL, RECORDING = "call", "recording"  # the inbox event types
# What providers send as From when the caller withholds their number (Twilio's "+266696687" among them).
WITHHELD = {"", "anonymous", "restricted", "unknown", "private", "unavailable", "+266696687", "266696687"}


def call_event_id(tenant_id: int, call_sid: str) -> str:
    """The inbox key of a call (its webhook), by which its recording finds the caller's number."""
    return f"{tenant_id}:voice-call:{call_sid}"


def recording_event_id(tenant_id: int, recording_sid: str) -> str:
    """The inbox key of a recording (a redelivered callback is stored once)."""
    return f"{tenant_id}:voice:{recording_sid}"


def caller_number(raw: str | None) -> str | None:
    """The caller's number in E.164, or None when withheld or not a phone number."""
    value = (raw or "").strip()
    if value.lower() in WITHHELD:
        return None
    try:
        number = phonenumbers.parse(value, "JP")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def caller_partition(cipher: PiiCipher, tenant_id: int, raw_from: str | None, call_sid: str) -> str:
    """One caller's calls and recordings taken in order (a withheld number: the call alone)."""
    caller = caller_number(raw_from)
    who = f"phone:{caller}" if caller else f"call:{call_sid}"
    return f"voice:{tenant_id}:{cipher.lookup_hash(who)[:32]}"


async def process_voice_event(
    session: AsyncSession, ctx: IntakeContext, event: dict[str, Any]
) -> Case | None:
    """Apply a stored call (audited) or recording (a case when it completed, else audited)."""
    if event.get("type") == CALL:
        audit.record(
            session,
            at=ctx.now,
            actor=VOICE,
            action="voice.call_received",
            tenant_id=ctx.tenant.id,
            after={
                "call_sid": str(event.get("call_sid", "")),
                "withheld": caller_number(event.get("from")) is None,
            },
        )
        return None
    if event.get("status") != "completed" or not event.get("recording_url"):
        audit.record(
            session,
            at=ctx.now,
            actor=VOICE,
            action="voice.no_recording",
            tenant_id=ctx.tenant.id,
            after={"call_sid": str(event.get("call_sid", "")), "status": str(event.get("status", ""))},
        )
        return None
    return await _open_case(session, ctx, event)


async def _open_case(session: AsyncSession, ctx: IntakeContext, event: dict[str, Any]) -> Case:
    received_at = datetime.fromisoformat(event["received_at"])
    caller = caller_number(event.get("from"))
    duration = int(event.get("duration") or 0)
    recording_sid = str(event["recording_sid"])
    # The caller's number is their contact (shown to a client only with consent, like any contact); the
    # message is all the answering machine asks for.
    case, message = await open_complete_case(
        session,
        ctx,
        complainant=await _complainant_for(session, ctx, caller),
        channel=PHONE,
        actor=VOICE,
        received_at=received_at,
        items=ReportItems(phone=caller) if caller else ReportItems(anonymous=True),
        audited={"duration": duration},
        first_kind="audio",
        first_body=None,
        source_id=f"voice:{recording_sid}",
        triage_body=desk_text("voice.triage_body", seconds=duration),
        items_in_triage=True,  # no classification comes to show them
    )
    await enqueue_effect(
        session,
        ctx.cipher,
        key=f"voice-recording:{ctx.tenant.id}:{recording_sid}",
        kind=VOICE_RECORDING,
        ordering_key=f"voice:recording:{recording_sid}",
        payload={
            "case_id": case.id,
            "message_row_id": message,
            "recording_url": str(event["recording_url"]),
            # Given up: a note in the case's thread, and the admins alerted.
            "on_dead": [
                {
                    "to": place(CASE_THREAD),
                    "text": desk_text("voice.no_audio", number=case.number, error="{error}"),
                    "ordering_key": case_ordering_key(case.id),
                    "parent_key": triage_key(case.id),
                    "alert": False,
                },
                {
                    "to": place(ALERTS_CHANNEL),
                    "text": desk_text(
                        "alert.dead_letter",
                        kind=VOICE_RECORDING,
                        attempts=ctx.settings.outbox_max_attempts,
                        error="{error}",
                    ),
                },
            ],
        },
        tenant_id=ctx.tenant.id,
        case_id=case.id,
        now=ctx.now,
    )
    return case


async def _complainant_for(session: AsyncSession, ctx: IntakeContext, caller: str | None) -> Complainant:
    """The caller known again by their number (the same key as the web form's phone contact), or someone
    new; a withheld number is always someone new, with no contact."""
    if caller is None:
        return await cases.add_contact_complainant(
            session, tenant_id=ctx.tenant.id, contact_hash=None, now=ctx.now
        )
    key = contact_key(ReportItems(phone=caller))
    assert key is not None
    contact_hash = ctx.cipher.lookup_hash(key)
    found = await cases.complainant_by_contact_hash(
        session, tenant_id=ctx.tenant.id, contact_hash=contact_hash
    )
    if found is not None:
        return found
    complainant = await cases.add_contact_complainant(
        session, tenant_id=ctx.tenant.id, contact_hash=contact_hash, now=ctx.now
    )
    complainant.contact_enc = ctx.cipher.encrypt(caller)
    return complainant


class RecordingFetcher:
    """The `voice.recording` effect: download the recording, store it, record it as the case's evidence."""

    def __init__(self, *, keeper: EvidenceKeeper, content: RecordingContent) -> None:
        self._keeper = keeper
        self._content = content

    async def send(self, effect: Effect) -> dict[str, Any]:
        """Download the recording, then keep it as the case's evidence."""
        download = await self._content.fetch(url=str(effect.payload["recording_url"]))
        if not download.too_large and download.data is None:
            raise SendError("the recording came back empty")
        return await self._keeper.keep(effect.payload, download, kind="audio")

    async def close(self) -> None:
        """Close the provider's client."""
        await self._content.close()
