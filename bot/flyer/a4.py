"""The A4 flyer hung in shops: the organisation, the desk's policy and every way in, with QR codes."""

from __future__ import annotations

from datetime import datetime

from fpdf import FPDF

from bot.flyer.content import FlyerContent
from bot.flyer.drawing import draw_lines, draw_qr, draw_text, fit_lines, new_document, printable, shortened
from bot.flyer.texts import flyer_text

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 18.0
WIDTH = PAGE_W - 2 * MARGIN
QR_SIDE = 40.0  # quiet zone included: about 1 mm a module for the longest LINE link
GREY = (90, 90, 90)
ACCENT = (31, 78, 121)
# How much of the organisation's name running text quotes (the title shows it whole, or cut to 2 lines).
NAME_IN_TEXT = 40


def render_a4(content: FlyerContent, *, created: datetime) -> bytes:
    """The PDF bytes of the A4 flyer."""
    lang = content.language
    pdf = new_document(
        title=flyer_text(lang, "subtitle") + " " + content.organisation, language=lang, created=created
    )
    name = printable(pdf, content.organisation, fallback=content.slug)
    short = shortened(name, NAME_IN_TEXT)

    def t(key: str, **values: object) -> str:
        return flyer_text(lang, key, **{"tenant": short, **values})

    pdf.set_text_color(*GREY)
    y = draw_text(pdf, t("subtitle"), x=MARGIN, y=MARGIN, width=WIDTH, size=14)
    pdf.set_text_color(0, 0, 0)
    size, lines = fit_lines(pdf, t("title", tenant=name), width=WIDTH, size=28, min_size=16, max_lines=2)
    y = draw_lines(pdf, lines, x=MARGIN, y=y + 1, width=WIDTH, size=size)
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.8)
    pdf.line(MARGIN, y + 2, PAGE_W - MARGIN, y + 2)
    y = draw_text(pdf, t("intro"), x=MARGIN, y=y + 6, width=WIDTH, size=11.5)

    y = _heading(pdf, t("policy.heading"), y + 5)
    for key in ("policy.1", "policy.2", "policy.3", "policy.4"):
        pdf.set_xy(MARGIN, y)
        pdf.set_font(pdf.font_family, size=10.5)
        pdf.cell(5, 6, "・")
        y = draw_text(pdf, t(key), x=MARGIN + 5, y=y, width=WIDTH - 5, size=10.5) + 1
    y = draw_text(pdf, t("policy.thanks"), x=MARGIN, y=y + 1, width=WIDTH, size=10.5)

    y = _heading(pdf, t("channels.heading"), y + 6)
    if content.line is not None:
        line = content.line
        body = [t("line.shared" if line.code else "line.own")]
        strong = [t("line.id", basic_id=printable(pdf, line.basic_id))]
        if line.code:
            strong.insert(0, t("line.code", code=printable(pdf, line.code)))
        y = _qr_block(pdf, y, url=line.url, title=t("line.title"), body=body, strong=strong)
    if content.web_form_url is not None:
        y = _qr_block(
            pdf, y, url=content.web_form_url, title=t("form.title"), body=[t("form.text")], link=True
        )
    if content.email is not None:
        y = _contact_block(pdf, y, title=t("email.title"), value=printable(pdf, content.email))
    if content.phone is not None:
        hours = printable(pdf, content.phone_hours or "")
        y = _contact_block(
            pdf,
            y,
            title=t("phone.title"),
            value=printable(pdf, content.phone),
            note=t("phone.hours", hours=hours) if hours else None,
        )

    pdf.set_text_color(*GREY)
    draw_text(pdf, t("footer"), x=MARGIN, y=PAGE_H - MARGIN - 6, width=WIDTH, size=9, max_lines=1)
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str, y: float) -> float:
    pdf.set_text_color(*ACCENT)
    y = draw_text(pdf, text, x=MARGIN, y=y, width=WIDTH, size=13.5)
    pdf.set_text_color(0, 0, 0)
    return y + 2


def _qr_block(
    pdf: FPDF,
    y: float,
    *,
    url: str,
    title: str,
    body: list[str],
    strong: list[str] | None = None,
    link: bool = False,
) -> float:
    """A QR code on the left, its title, explanation and what to type on the right; the y below."""
    draw_qr(pdf, url, x=MARGIN - 3, y=y, side=QR_SIDE)  # the quiet zone reaches into the margin
    x = MARGIN + QR_SIDE + 2
    width = PAGE_W - MARGIN - x
    text_y = draw_text(pdf, title, x=x, y=y + 4, width=width, size=13) + 1
    for paragraph in body:
        text_y = draw_text(pdf, paragraph, x=x, y=text_y, width=width, size=10.5) + 1
    for value in strong or []:
        text_y = draw_text(pdf, value, x=x, y=text_y, width=width, size=13, min_size=9, max_lines=2)
    if link:
        text_y = draw_text(pdf, url, x=x, y=text_y, width=width, size=11, min_size=8, max_lines=2)
    return max(y + QR_SIDE, text_y) + 3


def _contact_block(pdf: FPDF, y: float, *, title: str, value: str, note: str | None = None) -> float:
    """A way in without a QR code: its title, the address or number, and a note; the y below."""
    x = MARGIN + QR_SIDE + 2
    width = PAGE_W - MARGIN - x
    pdf.set_xy(MARGIN, y)
    text_y = draw_text(pdf, title, x=MARGIN, y=y + 1, width=QR_SIDE, size=12, min_size=9, max_lines=2)
    value_y = draw_text(pdf, value, x=x, y=y, width=width, size=15, min_size=9, max_lines=2)
    if note:
        value_y = draw_text(pdf, note, x=x, y=value_y, width=width, size=10.5, min_size=8, max_lines=2)
    return max(text_y, value_y) + 3
