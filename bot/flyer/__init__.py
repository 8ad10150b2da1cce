"""The flyer of a tenant's desk (an A4 poster, or a page of hand-out cards): what it shows for the tenant
(`content`), and each layout drawn as a PDF with the Japanese font embedded."""

from __future__ import annotations

from datetime import datetime

from bot.flyer.a4 import render_a4
from bot.flyer.card import render_card
from bot.flyer.content import (
    LAYOUTS,
    FlyerContent,
    FlyerError,
    Layout,
    flyer_file_name,
    load_flyer_content,
)

__all__ = [
    "LAYOUTS",
    "FlyerContent",
    "FlyerError",
    "Layout",
    "flyer_file_name",
    "load_flyer_content",
    "render_flyer",
]


def render_flyer(content: FlyerContent, *, layout: Layout, created: datetime) -> bytes:
    """The PDF bytes of the flyer in `layout`, dated `created` in its metadata."""
    return render_card(content, created=created) if layout == "card" else render_a4(content, created=created)
