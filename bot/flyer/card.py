"""The hand-out card: business-card size (91 × 55 mm), 10 on an A4 page with crop marks, for staff to
give a customer, with a blank for the hand-off code they write in."""

from __future__ import annotations

from datetime import datetime

from fpdf import FPDF

from bot.flyer.content import FlyerContent
from bot.flyer.drawing import draw_lines, draw_qr, draw_text, fit_lines, new_document, printable, shortened
from bot.flyer.texts import flyer_text

PAGE_W, PAGE_H = 210.0, 297.0
CARD_W, CARD_H = 91.0, 55.0
COLUMNS, ROWS = 2, 5
# The grid of cards centred on the page; crop marks in the margins around it.
LEFT = (PAGE_W - COLUMNS * CARD_W) / 2
TOP = (PAGE_H - ROWS * CARD_H) / 2
MARK_GAP, MARK_LEN = 2.0, 5.0
PAD = 4.0
QR_SIDE = 24.0  # quiet zone included
NAME_IN_TEXT = 24


def render_card(content: FlyerContent, *, created: datetime) -> bytes:
    """The PDF bytes of a page of 10 cards."""
    lang = content.language
    pdf = new_document(
        title=flyer_text(lang, "subtitle") + " " + content.organisation, language=lang, created=created
    )
    _crop_marks(pdf)
    for row in range(ROWS):
        for column in range(COLUMNS):
            _card(pdf, content, x=LEFT + column * CARD_W, y=TOP + row * CARD_H)
    return bytes(pdf.output())


def card_origins() -> list[tuple[float, float]]:
    """The top-left corner (mm) of each card on the page, row by row."""
    return [(LEFT + c * CARD_W, TOP + r * CARD_H) for r in range(ROWS) for c in range(COLUMNS)]


def _crop_marks(pdf: FPDF) -> None:
    pdf.set_draw_color(120, 120, 120)
    pdf.set_line_width(0.15)
    right, bottom = LEFT + COLUMNS * CARD_W, TOP + ROWS * CARD_H
    for column in range(COLUMNS + 1):
        x = LEFT + column * CARD_W
        pdf.line(x, TOP - MARK_GAP, x, TOP - MARK_GAP - MARK_LEN)
        pdf.line(x, bottom + MARK_GAP, x, bottom + MARK_GAP + MARK_LEN)
    for row in range(ROWS + 1):
        y = TOP + row * CARD_H
        pdf.line(LEFT - MARK_GAP, y, LEFT - MARK_GAP - MARK_LEN, y)
        pdf.line(right + MARK_GAP, y, right + MARK_GAP + MARK_LEN, y)


def _card(pdf: FPDF, content: FlyerContent, *, x: float, y: float) -> None:
    lang = content.language
    name = printable(pdf, content.organisation, fallback=content.slug)
    width = CARD_W - 2 * PAD
    pdf.set_text_color(0, 0, 0)
    size, lines = fit_lines(pdf, name, width=width, size=11, min_size=7, max_lines=2)
    top = draw_lines(pdf, lines, x=x + PAD, y=y + PAD - 0.5, width=width, size=size)
    pdf.set_text_color(70, 70, 70)
    policy = flyer_text(lang, "card.policy", tenant=shortened(name, NAME_IN_TEXT))
    draw_text(pdf, policy, x=x + PAD, y=top + 0.5, width=width, size=6, min_size=5, max_lines=2)

    codes: list[tuple[str, list[str]]] = []
    if content.line is not None:
        labels = [flyer_text(lang, "card.line")]
        if content.line.code:
            labels.append(flyer_text(lang, "card.line_code", code=printable(pdf, content.line.code)))
        codes.append((content.line.url, labels))
    if content.web_form_url is not None:
        codes.append((content.web_form_url, [flyer_text(lang, "card.form")]))
    qr_top = y + CARD_H - PAD - 5.5 - QR_SIDE + 1.5
    qr_x = x + 1.0  # the quiet zone is the card's inner margin
    for url, labels in codes:
        draw_qr(pdf, url, x=qr_x, y=qr_top, side=QR_SIDE)
        draw_lines(pdf, labels, x=qr_x, y=qr_top + QR_SIDE - 0.3, width=QR_SIDE, size=5.5, align="C")
        qr_x += QR_SIDE
    right = x + CARD_W - PAD
    if not codes:  # no QR code: the address and number instead
        contact = [printable(pdf, v) for v in (content.phone, content.email) if v]
        draw_lines(pdf, contact[:2], x=x + PAD, y=qr_top + 6, width=45, size=7)
        qr_x = x + PAD + 45
    _handoff_blank(pdf, lang, x=qr_x + 2, right=right, y=qr_top + 6)


def _handoff_blank(pdf: FPDF, lang: str, *, x: float, right: float, y: float) -> None:
    """「受付コード」 and a line to write it on, and a hint under it."""
    width = right - x
    pdf.set_text_color(0, 0, 0)
    below = draw_text(
        pdf, flyer_text(lang, "card.handoff"), x=x, y=y, width=width, size=8, min_size=6, max_lines=1
    )
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.3)
    pdf.line(x, below + 7, right, below + 7)
    pdf.set_text_color(90, 90, 90)
    draw_text(
        pdf,
        flyer_text(lang, "card.handoff_hint"),
        x=x,
        y=below + 8,
        width=width,
        size=5.5,
        min_size=4.5,
        max_lines=2,
    )
