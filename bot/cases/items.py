"""The facts a client report needs (docs/domain.md, "The report items").

The intake dialogue fills them; the client report reads them. They hold personal data, so a case stores
them only encrypted (`case.intake_enc`). Every item is optional except the content (`what_happened`).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from bot.crypto import PiiCipher


class ReportItems(BaseModel):
    """What the complainant told the desk, item by item; None means not given (or skipped)."""

    model_config = ConfigDict(extra="forbid")

    anonymous: bool | None = None
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    place: str | None = None  # organisation, branch or shop (●●店)
    staff: str | None = None  # the staff member's name or description
    occurred_at: datetime | None = None  # timezone-aware when understood
    occurred_text: str | None = None  # the complainant's own words for when, e.g. 「昨日の夜7時ごろ」
    what_happened: str | None = None
    wanted: str | None = None  # what the complainant asks for
    feedback_wanted: bool | None = None
    consent_to_disclose: bool | None = None  # identity and contact may be shown to the organisation

    def disclosable(self) -> ReportItems:
        """The items a client may see: identity and contact only with the complainant's consent."""
        if self.consent_to_disclose:
            return self.model_copy()
        return self.model_copy(update={"name": None, "phone": None, "email": None})

    def disclosed_identity(self) -> list[str]:
        """Which of name, phone and e-mail may be shown (given, with consent): a read of them is audited."""
        shown = self.disclosable()
        return [item for item in ("name", "phone", "email") if getattr(shown, item)]


def encrypt_report_items(cipher: PiiCipher, items: ReportItems) -> bytes:
    """The encrypted form stored in `case.intake_enc`."""
    return cipher.encrypt(items.model_dump_json(exclude_none=True))


def decrypt_report_items(cipher: PiiCipher, token: bytes | None) -> ReportItems:
    """The items of a case; empty when the dialogue collected nothing."""
    if token is None:
        return ReportItems()
    return ReportItems.model_validate_json(cipher.decrypt(token))
