"""What both layouts draw with: the document and its embedded Japanese font, tenant text made printable and
fitted to a box, and QR codes as vector squares (segno encodes them)."""

from __future__ import annotations

import unicodedata
from datetime import datetime

import segno
from fpdf import FPDF
from fpdf.enums import MethodReturnValue
from fpdf.fonts import TTFFont

from bot.reports.fonts import japanese_font_path

FONT = "IPAexGothic"
ELLIPSIS = "…"
# mm per point, and the line height as a multiple of the font size.
PT = 25.4 / 72
LEADING = 1.35
# The QR codes' quiet zone (modules of white around the symbol; the standard asks for 4).
QUIET_ZONE = 4


def new_document(*, title: str, language: str, created: datetime) -> FPDF:
    """An empty A4 document with the Japanese font (embedded as a subset) and a fixed creation date."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_title(title)
    pdf.set_creator("kasuhara-desk")
    pdf.set_lang(language)
    pdf.set_creation_date(created)
    pdf.add_font(FONT, fname=str(japanese_font_path()))
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(0, 0, 0)
    pdf.c_margin = 0
    pdf.add_page()
    pdf.set_font(FONT, size=10)
    return pdf


def line_height(size: float) -> float:
    """The height in mm of one line of text at `size` points."""
    return size * PT * LEADING


def printable(pdf: FPDF, value: str, *, fallback: str = "") -> str:
    """`value` on one line with only characters the font can draw (emoji, control characters and other
    glyphs it lacks are left out; runs of spaces become one); `fallback` when nothing is left."""
    font = pdf.fonts[FONT.lower()]
    assert isinstance(font, TTFFont)
    cmap = font.cmap
    kept: list[str] = []
    for char in unicodedata.normalize("NFC", value):
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            if kept and kept[-1] != " ":
                kept.append(" ")
        elif ord(char) in cmap:
            kept.append(char)
    return "".join(kept).strip() or fallback


def shortened(value: str, limit: int) -> str:
    """`value` cut to `limit` characters (with an ellipsis) for running text."""
    return value if len(value) <= limit else value[: limit - 1].rstrip() + ELLIPSIS


def fit_lines(
    pdf: FPDF, text: str, *, width: float, size: float, min_size: float, max_lines: int
) -> tuple[float, list[str]]:
    """The largest size from `size` down to `min_size` at which `text` wraps into `max_lines` lines of
    `width` mm, and those lines (the last cut with an ellipsis when even `min_size` needs more)."""
    current = size
    while True:
        pdf.set_font(FONT, size=current)
        lines = _wrap(pdf, text, width)
        if len(lines) <= max_lines or current <= min_size:
            break
        current = max(min_size, current - 0.5)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and pdf.get_string_width(last + ELLIPSIS) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + ELLIPSIS
    return current, lines


def _wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    lines = pdf.multi_cell(width, 1, text, align="L", dry_run=True, output=MethodReturnValue.LINES)
    assert isinstance(lines, list)
    return [str(line) for line in lines] or [""]


def draw_lines(
    pdf: FPDF, lines: list[str], *, x: float, y: float, width: float, size: float, align: str = "L"
) -> float:
    """Draw `lines` at `size` points from (x, y); the y below them."""
    pdf.set_font(FONT, size=size)
    height = line_height(size)
    for line in lines:
        pdf.set_xy(x, y)
        pdf.cell(width, height, line, align=align)
        y += height
    return y


def draw_text(
    pdf: FPDF,
    text: str,
    *,
    x: float,
    y: float,
    width: float,
    size: float,
    min_size: float | None = None,
    max_lines: int = 99,
    align: str = "L",
) -> float:
    """Wrap `text` into the box (shrinking to `min_size`, then cutting, past `max_lines`); the y below."""
    fitted, lines = fit_lines(
        pdf, text, width=width, size=size, min_size=min_size or size, max_lines=max_lines
    )
    return draw_lines(pdf, lines, x=x, y=y, width=width, size=fitted, align=align)


def draw_qr(pdf: FPDF, data: str, *, x: float, y: float, side: float) -> None:
    """A QR code of `data` in the square at (x, y) of `side` mm, its quiet zone included."""
    code = segno.make(data, error="m", micro=False)
    rows = list(code.matrix_iter(border=QUIET_ZONE))
    module = side / len(rows)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, side, side, style="F")
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(rows):
        start: int | None = None
        for c, dark in enumerate([*row, 0]):
            if dark and start is None:
                start = c
            elif not dark and start is not None:
                # A run of dark modules as one rectangle, a hair taller so rows leave no seams.
                pdf.rect(x + start * module, y + r * module, (c - start) * module, module * 1.02, style="F")
                start = None
