"""Recognising a progress question (「どうなりましたか」, "any update?"): the desk never answers it."""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 80  # a longer message is a complaint (or an addition), not a bare progress question
_PATTERNS = re.compile(
    r"どうなり(まし|ます)|どうなって(い|る|ま)|進捗|進み具合|対応状況|状況を教え|返事(は|が|を)|返信(は|が|を)|回答(は|が|を)まだ"
    r"|連絡(は|が)まだ|まだですか|まだでしょうか|結果(は|を教え)|"
    r"any update|an update|progress|status of my|what happened (to|with) my|heard back|any news|any response"
)


def is_progress_question(text: str) -> bool:
    """Whether a short message asks what became of an earlier complaint."""
    if len(text.strip()) > 4 * MAX_LENGTH:  # NFKC shortens at most by half: a long text is no question
        return False
    plain = unicodedata.normalize("NFKC", text).strip().lower()
    return len(plain) <= MAX_LENGTH and _PATTERNS.search(plain) is not None
