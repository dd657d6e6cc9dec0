"""The page layout every Minga PDF shares: the acta, its constancia, the agreement and the final report.

A4 portrait with the acta's margins, DejaVu Sans (Unicode: a name prints as typed, in any script the font has;
core.record.pdf_fonts) or, where that font is not installed, the core Helvetica fonts (Latin-1: Spanish letters are
there, a few typographic signs are replaced, other letters print as «?»), a footer that names the document and its
page, bold section headings, paragraphs, tables with a green heading row and signature lines. Each document module
builds its own content from these pieces, so the public documents of a parish look alike.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos

from core.exports import CONTROL
from core.record import pdf_fonts
from core.texts import t

# The PDF core fonts cover Latin-1: Spanish letters are there; a few typographic signs are not.
_REPLACEMENTS = str.maketrans({"—": "-", "–": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "…": "...",
                               "≥": ">=", "≤": "<=", "·": "-", "×": "x", "€": "EUR",
                               "\t": " "})  # a tab has no glyph: words pasted from a spreadsheet would run together
# A line never breaks between "$" and its amount (a non-breaking space, which Latin-1 has).
_MONEY = re.compile(r"\$ (?=\d)")
_CONTROL = re.compile(CONTROL)  # pasted control characters print as nothing
# … and so do the C1 controls (U+0080 to U+009F): the fonts' encoding (WinAnsi) would print them as «€», «“», «™»
_C1_CONTROL = re.compile("[\x80-\x9f]")


def _printable(char: str) -> str:
    """A character outside Latin-1 as the core fonts can print it: an invisible format mark (a right-to-left
    override, a zero-width space) as nothing, a space or line separator as a space or a line break, a letter with a sign Latin-1 lacks («ŝ», «ā») as its Latin-1 base, and
    anything else (an emoji, a lone surrogate) as «?»."""
    if unicodedata.category(char) == "Cf":
        return ""
    if char.isspace():  # a line or paragraph separator, an em or ideographic space
        return "\n" if unicodedata.category(char) in ("Zl", "Zp") else " "
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if ord(c) < 256 and not unicodedata.combining(c))
    return base or "?"


def latin1(text: object) -> str:
    """`text` as the core fonts can print it. Accents typed as a letter and a combining sign («e» + «´», as some
    keyboards and pasted text give them) are joined first, so «José» prints «José», not «Jose?»."""
    text = _C1_CONTROL.sub("", _CONTROL.sub("", str(text)))
    text = _MONEY.sub("$\u00a0", unicodedata.normalize("NFC", text).translate(_REPLACEMENTS))
    return "".join(char if ord(char) < 256 else _printable(char) for char in text)


@dataclass(frozen=True)
class SignatureSlot:
    """The blank space above one signature line, in PDF points from the page's lower left corner (as an
    annotation's /Rect): a visible electronic signature placed inside it covers nothing the document prints."""

    page: int
    left: float
    bottom: float
    right: float
    top: float

    def holds(self, page: int, rect: tuple[float, float, float, float]) -> bool:
        """Whether `rect` (left, bottom, right, top) on `page` lies inside the slot (half a point of rounding)."""
        left, bottom, right, top = rect
        return page == self.page and left >= self.left - 0.5 and bottom >= self.bottom - 0.5 \
            and right <= self.right + 0.5 and top <= self.top + 0.5


class DocumentPDF(FPDF):
    """An A4 page with the documents' margins and a footer: `footer_text` on the left, «Página n de m» right."""

    def __init__(self, footer_text: str, *, unicode: bool | None = None):
        """`unicode`: print with DejaVu Sans (True; FileNotFoundError when it is not installed) or with the core
        Latin-1 Helvetica (False); None: with DejaVu Sans when it is installed."""
        super().__init__(orientation="P", unit="mm", format="A4")
        files = pdf_fonts.font_files() if unicode is not False else None
        if unicode and files is None:
            raise FileNotFoundError(", ".join(pdf_fonts.FILES.values()))
        self.unicode = files is not None
        self.family = pdf_fonts.FAMILY if files else pdf_fonts.LATIN1_FAMILY
        if files:
            pdf_fonts.register(self, files)
        self.footer_text = footer_text
        self.signature_slots: list[SignatureSlot] = []  # where `signatures` left room to sign, page by page
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 16, 18)
        self.alias_nb_pages()
        self.add_page()
        self.set_font(self.family, size=9.5)

    def printable(self, text: object) -> str:
        """`text` as this document's font prints it (`pdf_fonts.unicode_text`, or `latin1` with Helvetica)."""
        if not self.unicode:
            return latin1(text)
        glyphs = self.fonts[pdf_fonts.FAMILY].cmap
        return pdf_fonts.unicode_text(text, lambda char: ord(char) in glyphs)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(self.family, size=7)
        self.set_text_color(110)
        self.cell(0, 4, self.printable(self.footer_text), align="L")
        self.cell(0, 4, t("acta.page", page=self.page_no(), pages="{nb}"), align="R")
        self.set_text_color(0)


def title(pdf: DocumentPDF, text: str, size: float = 13) -> None:
    """A bold centred title line (wrapped when long)."""
    pdf.set_font(pdf.family, "B", size)
    pdf.multi_cell(0, 7, pdf.printable(text), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(pdf.family, size=9.5)


def heading(pdf: DocumentPDF, text: str) -> None:
    pdf.ln(3)
    pdf.set_font(pdf.family, "B", 11)
    pdf.cell(0, 7, pdf.printable(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(pdf.family, size=9.5)


def paragraph(pdf: DocumentPDF, text: str) -> None:
    pdf.multi_cell(0, 5, pdf.printable(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def table(pdf: DocumentPDF, headers: list[str], rows: list[list[str]], widths: list[float],
          align: list[str] | None = None) -> None:
    """A table with a bold heading row; `widths` in mm, `align` per column (LEFT, RIGHT, CENTER)."""
    align = align or ["LEFT"] * len(headers)
    pdf.set_font(pdf.family, size=9)
    with pdf.table(col_widths=widths, text_align=align, line_height=5,
                   headings_style=FontFace(emphasis="BOLD", fill_color=(225, 235, 228))) as grid:
        head = grid.row()
        for header in headers:
            head.cell(pdf.printable(header))
        for values in rows:
            for part in _page_high_parts(pdf, [pdf.printable(value) for value in values], widths):
                row = grid.row()
                for value in part:
                    row.cell(value)
    pdf.set_font(pdf.family, size=9.5)


def fitted_widths(pdf: DocumentPDF, headers: list[str], rows: list[list[str]], widths: list[float],
                  give: int) -> list[float]:
    """`widths` (mm) widened where a column's longest word (bold in the heading row) would not fit its cell, so a
    table wraps at spaces only and never cuts a word («planificac ión»); the room comes from column `give` (the one
    of long sentences), which keeps at least half its width and its own longest word when that fits in it. Short of
    room, each column grows by the same share of what it lacks. The table keeps the width `widths` add up to."""
    scale = pdf.epw / sum(widths)
    need = [max(_longest_word(pdf, header, "B"), *(_longest_word(pdf, row[c]) for row in rows if c < len(row)))
            / scale for c, header in enumerate(headers)]
    pdf.set_font(pdf.family, size=9.5)
    wanted = [0.0 if c == give else max(0.0, need[c] - width) for c, width in enumerate(widths)]
    own = need[give] if need[give] <= widths[give] else 0.0  # a word wider than its column is cut anyway
    room = widths[give] - max(own, widths[give] / 2)
    share = min(1.0, room / sum(wanted)) if sum(wanted) > 0 else 0.0
    fitted = [float(width) + more * share for width, more in zip(widths, wanted, strict=True)]
    fitted[give] = widths[give] - sum(wanted) * share
    return fitted


def _longest_word(pdf: DocumentPDF, text: object, style: str = "") -> float:
    """The width (mm) a cell of a 9-point table needs for the longest word of `text`, with the cell's margins."""
    pdf.set_font(pdf.family, style, size=9)
    words = pdf.printable(text).split()
    return max((pdf.get_string_width(w) for w in words), default=0.0) + 2 * pdf.c_margin + 0.5


ROW_LINES = 36  # the most lines a table row holds: 36 lines of 5 mm, with the heading row, fit on one page


def _page_high_parts(pdf: FPDF, cells: list[str], widths: list[float]) -> list[list[str]]:
    """A table row as rows that each fit on a page (a page cannot hold a taller row): a cell longer than ROW_LINES
    lines goes on in the rows below it, in the same column, so every word is printed. A row that fits stays whole."""
    scale = pdf.epw / sum(widths)
    # wrapped a little narrower than the cell, so that no line of a part wraps again in the table
    wrapped = [pdf.multi_cell(width * scale - 3, 5, text, dry_run=True, output="LINES") if text else [""]
               for text, width in zip(cells, widths, strict=False)]  # a row may have fewer cells
    if max(len(lines) for lines in wrapped) <= ROW_LINES:
        return [cells]
    parts = range(0, max(len(lines) for lines in wrapped), ROW_LINES)
    return [["\n".join(lines[start:start + ROW_LINES]) for lines in wrapped] for start in parts]


def keep_space(pdf: FPDF, height: float) -> bool:
    """Start a new page when less than `height` mm are left above the footer; whether it did."""
    if pdf.get_y() + height > pdf.h - 20:
        pdf.add_page()
        return True
    return False


def signatures(pdf: DocumentPDF, signers: list[list[str]]) -> None:
    """Signature lines side by side, two to a row; under each, its lines (the name, then the office if any). The
    blank above each line, from the text before it (less a millimetre), is recorded in `pdf.signature_slots`.
    (Where the lines fall is part of the acta's format: an acta printed before must print again the same.)"""
    pdf.ln(8)
    blank_from = pdf.get_y() - 8 + 1  # the first row's blank starts under the heading
    for start in range(0, len(signers), 2):
        if keep_space(pdf, 28):
            blank_from = pdf.get_y()
        y = pdf.get_y()
        for column, lines in enumerate(signers[start:start + 2]):
            x = pdf.l_margin + column * 92
            pdf.line(x, y + 10, x + 78, y + 10)
            pdf.signature_slots.append(SignatureSlot(pdf.page_no(), x * pdf.k, (pdf.h - y - 10) * pdf.k,
                                                     (x + 78) * pdf.k, (pdf.h - blank_from) * pdf.k))
            for n, line in enumerate(_signature_lines(pdf, lines)):
                pdf.set_xy(x, y + 11 + 5 * n)
                pdf.cell(78, 5, line, align="C")
        pdf.set_y(y + 16 + 5 * max(len(_signature_lines(pdf, lines)) for lines in signers[start:start + 2]))
        blank_from = pdf.get_y() + 1  # a later row's blank starts under this row's text


def _signature_lines(pdf: DocumentPDF, lines: list[str]) -> list[str]:
    """The lines under a signature line as printed: a name wider than the line goes on below it, never past it."""
    out = []
    for line in lines:
        text = pdf.printable(line)
        out += pdf.multi_cell(78, 5, text, dry_run=True, output="LINES") if pdf.get_string_width(text) > 76 else [text]
    return out
