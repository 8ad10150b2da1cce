"""The Japanese font embedded in PDFs and charts: IPAex Gothic (IPA Font License, embedding allowed),
shipped inside the `matplotlib-fontja` package so a fresh install has it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import matplotlib_fontja


@cache
def japanese_font_path() -> Path:
    """The TrueType file; raises FileNotFoundError when the package is broken."""
    path = Path(matplotlib_fontja.get_font_ttf_path())
    if not path.is_file():
        raise FileNotFoundError(f"the Japanese font is missing: {path}")
    return path
