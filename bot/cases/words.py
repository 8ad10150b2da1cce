"""A case's own words as the classifier reads them: the complainant's text messages (and transcripts of
their recordings), and what they gave
in the dialogue (never to appear in those words once redacted or scrubbed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.cases.items import decrypt_report_items
from bot.classifier.redact import PiiKind
from bot.crypto import PiiCipher
from storage.models import Case, Message

# Messages holding the complainant's words: what they wrote, and the transcripts of what they said
WORD_KINDS = ("text", "transcript")


@dataclass(frozen=True)
class CaseWords:
    """The text a case is classified on, and the personal data the dialogue collected."""

    body: str
    known: dict[PiiKind, list[str]]


def case_words(cipher: PiiCipher, case: Case, messages: Sequence[Message]) -> CaseWords:
    """The complainant's text messages and transcripts of the case, oldest first, one per line (purged
    ones are gone)."""
    words = [
        cipher.decrypt(m.body_enc)
        for m in messages
        if m.direction == "in" and m.kind in WORD_KINDS and m.body_enc is not None
    ]
    items = decrypt_report_items(cipher, case.intake_enc)
    known: dict[PiiKind, list[str]] = {
        "name": [items.name or ""],
        "phone": [items.phone or ""],
        "email": [items.email or ""],
    }
    return CaseWords(body="\n".join(words), known=known)
