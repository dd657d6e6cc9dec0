"""The font Minga's PDFs print with, and text as that font can print it.

DejaVu Sans (a Unicode TrueType font: Latin with every diacritic, Greek, Cyrillic, «€», «ŋ», «ā»…) when it is
installed: Debian's package fonts-dejavu-core (`make run` and `make test` install it: scripts/ensure-fonts.sh), or
in the folder MINGA_FONTS names, holding DejaVuSans.ttf and DejaVuSans-Bold.ttf (e.g. on Windows). Only the glyphs a
document uses are embedded. Without it, the PDFs print as before with the core Helvetica font, which holds only
Latin-1: a letter outside it prints as its base letter or «?», and the log says so once.

With DejaVu Sans, what it has no glyph for (an emoji, a Chinese character, half a surrogate pair) prints as its code
point in brackets («[U+1F4A7]», `code_point`), so a reader sees which character it was (the acta's format 4 printed
«�», U+FFFD, the replacement character, for any: `replacement`), never as nothing; invisible format marks as
nothing, as with Helvetica.
"""

from __future__ import annotations

import copy
import functools
import io
import logging
import os
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from core.exports import CONTROL

FAMILY = "dejavu"  # the name the documents register the font under
LATIN1_FAMILY = "helvetica"
FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}  # regular and bold: no document prints italics
FOLDERS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),  # Debian/Ubuntu, Fedora
           Path("/usr/local/share/fonts/dejavu"))
MISSING = "\ufffd"  # what a character without a glyph prints as

_log = logging.getLogger(__name__)
_CONTROL = re.compile(CONTROL)  # pasted control characters print as nothing
_C1_CONTROL = re.compile("[\x80-\x9f]")  # … and the C1 controls
_MONEY = re.compile(r"\$ (?=\d)")  # a line never breaks between "$" and its amount


@functools.cache
def font_files() -> dict[str, Path] | None:
    """DejaVu Sans's files by style ("" regular, "B" bold), from the folder MINGA_FONTS names when set (only there:
    a folder without them prints with Helvetica), else from the system's font folders; None, logged once per
    process, when they are not there."""
    named = os.environ.get("MINGA_FONTS")
    folders = [Path(named)] if named else list(FOLDERS)
    for folder in folders:
        files = {style: folder / name for style, name in FILES.items()}
        if all(path.is_file() for path in files.values()):
            return files
    _log.warning("DejaVu Sans (%s) not found in %s: PDFs print with the core Latin-1 font, and characters outside "
                 "Latin-1 print as '?'. Install Debian's fonts-dejavu-core, or set MINGA_FONTS to a folder with "
                 "those files.", ", ".join(FILES.values()), ", ".join(map(str, folders)))
    return None


def register(pdf, files: dict[str, Path]) -> None:
    """Add DejaVu Sans to the document `pdf` in each style of `files`. Reading a font file costs tens of
    milliseconds, and writing a document cuts its font down to the glyphs used, so each document gets a copy of the
    font read once per process (its own parse of the file's bytes kept in memory, read only as the subset needs)."""
    for style, path in files.items():
        try:
            font = copy.copy(_parsed(path))
            font.i = len(pdf.fonts) + 1
            font.ttfont = _ttfont(_bytes(path))  # the subset is cut from this document's own copy
            font.subset, font.missing_glyphs, font.biggest_size_pt = type(font.subset)(font), [], 0
            font.color_font = None  # DejaVu Sans has outlines, no colour glyphs
            pdf.fonts[f"{FAMILY}{style}"] = font
        except Exception:  # noqa: BLE001 (another fpdf2 than the pinned one: read the file as fpdf2 does)
            _log.debug("font copy failed; reading %s again", path, exc_info=True)
            pdf.fonts.pop(f"{FAMILY}{style}", None)
            pdf.add_font(FAMILY, style, str(path))


# Tables a document never draws with (no text shaping, kerning or maths): cutting the subset prunes each of them
# glyph by glyph, which cost more than all the rest of writing an acta.
_UNDRAWN = ("GDEF", "GPOS", "GSUB", "kern", "MATH", "FFTM")


@functools.cache
def _bytes(path: Path) -> bytes:
    """The font file without the tables in _UNDRAWN."""
    font = _ttfont(path.read_bytes())
    for tag in _UNDRAWN:
        if tag in font:
            del font[tag]
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@functools.cache
def _parsed(path: Path):
    from fpdf import FPDF

    reader = FPDF()
    reader.add_font(FAMILY, "", str(path))
    return reader.fonts[FAMILY]


def _ttfont(data: bytes):
    from fontTools import ttLib

    return ttLib.TTFont(io.BytesIO(data), recalcTimestamp=False, lazy=True)


def code_point(char: str) -> str:
    """A character the font has no glyph for, as it prints: its Unicode code point in brackets («[U+1F4A7]»)."""
    return f"[U+{ord(char):04X}]"


def replacement(char: str) -> str:
    """A character the font has no glyph for, as the acta's format 4 printed any: «�»."""
    return MISSING


def unicode_text(text: object, has_glyph, missing: Callable[[str], str] = code_point) -> str:
    """`text` as a Unicode font prints it: accents typed as a letter and a combining sign joined (NFC), controls and
    invisible format marks as nothing, a tab or an unusual space as a space, a line separator as a line break, "$ "
    before an amount unbreakable; a character without a glyph (`has_glyph(char)` false) as its base letter when the
    font has that, else as `missing(char)` (a combining mark without a glyph, after such a character, as nothing)."""
    text = _C1_CONTROL.sub("", _CONTROL.sub("", str(text)))
    text = _MONEY.sub("$\u00a0", unicodedata.normalize("NFC", text).replace("\t", " "))
    return "".join(char if _kept(char, has_glyph) else _substitute(char, has_glyph, missing) for char in text)


def _kept(char: str, has_glyph) -> bool:
    if char == "\n":
        return True
    if ord(char) >= 256 and (unicodedata.category(char) == "Cf" or char.isspace()):
        return False  # a right-to-left override, a zero-width space, an em space: as Helvetica prints them
    return has_glyph(char)


def _substitute(char: str, has_glyph, missing: Callable[[str], str]) -> str:
    category = unicodedata.category(char)
    if category == "Cf" or category in ("Mn", "Me") and not has_glyph(char):
        return ""
    if char.isspace():  # a line or paragraph separator, an em or ideographic space
        return "\n" if category in ("Zl", "Zp") else " "
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if base and base != char and all(has_glyph(c) for c in base) else missing(char)
