"""A case report as a PDF (A4) with the Japanese font embedded (subset), via fpdf2."""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from bot.reports.case_data import CaseReportData
from bot.reports.fonts import japanese_font_path

FONT = "IPAexGothic"


def new_document(title: str) -> FPDF:
    """An A4 document with the Japanese font, its first page open."""
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_creator("kasuhara-desk")
    pdf.add_font(FONT, fname=str(japanese_font_path()))
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(18, 18, 18)
    pdf.add_page()
    return pdf


def paragraph(pdf: FPDF, text: str, *, size: float = 10.5, height: float = 6.0) -> None:
    """A block of text across the page."""
    pdf.set_font(FONT, size=size)
    pdf.multi_cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def render_case_report_pdf(report: CaseReportData) -> bytes:
    """The PDF bytes of one report version."""
    pdf = new_document(report.title)
    paragraph(pdf, report.title, size=16, height=9)
    if report.corrected_note:
        pdf.set_text_color(180, 0, 0)
        paragraph(pdf, report.corrected_note, size=10.5)
        pdf.set_text_color(0, 0, 0)
    pdf.ln(2)
    paragraph(pdf, report.intro)
    label_width = 42.0
    for section in report.sections:
        pdf.ln(3)
        pdf.set_fill_color(235, 238, 243)
        pdf.set_font(FONT, size=12)
        pdf.cell(0, 8, section.title, fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT, size=10.5)
        for label, value in section.rows:
            y = pdf.get_y()
            pdf.multi_cell(label_width, 6, label, new_x=XPos.RIGHT, new_y=YPos.TOP)
            pdf.multi_cell(0, 6, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_y(max(pdf.get_y(), y + 6))
        for text in section.paragraphs:
            paragraph(pdf, text)
    pdf.ln(4)
    pdf.set_text_color(90, 90, 90)
    paragraph(pdf, report.footer, size=9, height=5)
    return bytes(pdf.output())
