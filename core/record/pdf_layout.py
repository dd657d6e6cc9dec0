"""The page layout every Minga PDF shares: the acta, its constancia, the agreement and the final report.

A4 portrait with the acta's margins, the core Helvetica fonts (Latin-1: Spanish letters are there, a few
typographic signs are replaced), a footer that names the document and its page, bold section headings,
paragraphs, tables with a green heading row and signature lines. Each document module builds its own content
from these pieces, so the public documents of a parish look alike.
"""

from __future__ import annotations

import re

from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos

from core.exports import CONTROL
from core.texts import t

# The PDF core fonts cover Latin-1: Spanish letters are there; a few typographic signs are not.
_REPLACEMENTS = str.maketrans({"—": "-", "–": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "…": "...",
                               "≥": ">=", "≤": "<=", "·": "-", "×": "x", "€": "EUR"})
# A line never breaks between "$" and its amount (a non-breaking space, which Latin-1 has).
_MONEY = re.compile(r"\$ (?=\d)")
_CONTROL = re.compile(CONTROL)  # pasted control characters print as nothing


def latin1(text: object) -> str:
    """`text` as the core fonts can print it."""
    text = _MONEY.sub("$\u00a0", _CONTROL.sub("", str(text)).translate(_REPLACEMENTS))
    return text.encode("latin-1", "replace").decode("latin-1")


class DocumentPDF(FPDF):
    """An A4 page with the documents' margins and a footer: `footer_text` on the left, «Página n de m» right."""

    def __init__(self, footer_text: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 16, 18)
        self.alias_nb_pages()
        self.add_page()
        self.set_font("helvetica", size=9.5)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font("helvetica", size=7)
        self.set_text_color(110)
        self.cell(0, 4, latin1(self.footer_text), align="L")
        self.cell(0, 4, t("acta.page", page=self.page_no(), pages="{nb}"), align="R")
        self.set_text_color(0)


def title(pdf: FPDF, text: str, size: float = 13) -> None:
    """A bold centred title line (wrapped when long)."""
    pdf.set_font("helvetica", "B", size)
    pdf.multi_cell(0, 7, latin1(text), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", size=9.5)


def heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    pdf.set_font("helvetica", "B", 11)
    pdf.cell(0, 7, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", size=9.5)


def paragraph(pdf: FPDF, text: str) -> None:
    pdf.multi_cell(0, 5, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def table(pdf: FPDF, headers: list[str], rows: list[list[str]], widths: list[int],
          align: list[str] | None = None) -> None:
    """A table with a bold heading row; `widths` in mm, `align` per column (LEFT, RIGHT, CENTER)."""
    align = align or ["LEFT"] * len(headers)
    pdf.set_font("helvetica", size=9)
    with pdf.table(col_widths=widths, text_align=align, line_height=5,
                   headings_style=FontFace(emphasis="BOLD", fill_color=(225, 235, 228))) as grid:
        head = grid.row()
        for header in headers:
            head.cell(latin1(header))
        for values in rows:
            row = grid.row()
            for value in values:
                row.cell(latin1(value))
    pdf.set_font("helvetica", size=9.5)


def keep_space(pdf: FPDF, height: float) -> None:
    """Start a new page when less than `height` mm are left above the footer."""
    if pdf.get_y() + height > pdf.h - 20:
        pdf.add_page()


def signatures(pdf: FPDF, signers: list[list[str]]) -> None:
    """Signature lines side by side, two to a row; under each, its lines (the name, then the office if any)."""
    pdf.ln(8)
    for start in range(0, len(signers), 2):
        keep_space(pdf, 28)
        y = pdf.get_y()
        for column, lines in enumerate(signers[start:start + 2]):
            x = pdf.l_margin + column * 92
            pdf.line(x, y + 10, x + 78, y + 10)
            for n, line in enumerate(lines):
                pdf.set_xy(x, y + 11 + 5 * n)
                pdf.cell(78, 5, latin1(line), align="C")
        pdf.set_y(y + 16 + 5 * max(len(lines) for lines in signers[start:start + 2]))
