"""Case numbers as people type them: KH-2026-000123, kh-2026-123, 2026-123, ＫＨ－２０２６－１２３."""

from __future__ import annotations

import re
import unicodedata

_PATTERN = re.compile(r"^(?:KH)?[-_ ]?(\d{4})[-_ /](\d{1,6})$", re.IGNORECASE)


def parse_case_number(raw: str) -> str | None:
    """The canonical number (KH-2026-000123), or None when `raw` is not a case number."""
    cleaned = unicodedata.normalize("NFKC", raw).strip().strip("#")
    cleaned = cleaned.replace("−", "-").replace("ー", "-")
    match = _PATTERN.match(cleaned)
    if match is None:
        return None
    year, seq = int(match.group(1)), int(match.group(2))
    if not 2000 <= year <= 2999 or seq == 0:
        return None
    return f"KH-{year}-{seq:06d}"
