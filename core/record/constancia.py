"""The acta's «constancia del registro»: the lines an acta prints about the log, and reading them back.

Printed: the decision's id and the hash of its body as shown on the acta, and the log's head when the acta was
printed (entry number, hash, the installation's signature split over two lines so each fits the page), drawn by
`acta._constancia`. An acta printed from a decision edited in the store carries that edited body's hash, which
the log does not have; a store restored to an older state is behind the head an acta printed.
`python -m core.audit verify --acta` reads these lines back from the PDF's text, and compares the whole text with
the acta printed again from the decision as logged (core.record.ledger): a PDF whose constancia was copied onto
other content does not pass.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from core.record.signing import SignedHead
from core.texts import t

if TYPE_CHECKING:
    from core.record.pdf_layout import SignatureSlot

_HEX = r"([0-9a-f]+)"
# The acta's layout and wording: printed on every acta, and raised whenever what an acta prints changes, so that
# `verify --acta` compares an acta's text only with an acta of the same format (an older one is not called forged).
# 3: accents typed as a letter and a combining sign print joined, invisible marks and C1 controls as nothing, a tab as
# a space, a name wider than its signature line wraps under it, a table cell taller than a page goes on in the rows
# below (core.record.pdf_layout); amounts print by the money rule (core.fmt): whole dollars unless a figure of the
# sentence or column has cents (rule lines and reasons stored in a decision print as they were stored)
# 4: printed with DejaVu Sans (core.record.pdf_fonts): every letter the font has prints as typed, in any script; what it
# lacks (an emoji) as «�»; the layout measures that font. Rule lines and reasons stored in a decision print their
# amounts by the money rule (core.fmt.amounts_restated: «$ 40.000,00» stored by an earlier version prints «$ 40.000»,
# the record unchanged), and counts read right for one («la junta tiene 1 miembro», core.texts.t_count). Where DejaVu
# Sans is not installed Minga prints format 3, and `verify --acta` prints an acta again in the format it names.
# 5: what DejaVu Sans lacks (an emoji) prints as its code point in brackets («[U+1F4A7]», core.record.pdf_fonts), no
# longer as «�», which hid which character it was, and a paragraph before the constancia says what those are.
ACTA_FORMAT = 5
REPLACEMENT_FORMAT = 4  # DejaVu Sans, with «�» for what it lacks
LATIN1_FORMAT = 3  # the core Latin-1 font (Helvetica), and format 3's words and amounts, as stop 32's release printed


@dataclass(frozen=True)
class ActaHead:
    """What one printed acta says about the log."""

    file: str
    decision_id: str
    decision_hash: str
    head: SignedHead
    text: str = ""  # the acta's whole text, whitespace collapsed (`flat`): compared with the acta as logged
    format: int | None = None  # ACTA_FORMAT when it was printed (None: printed before formats were named)
    # What Minga never prints on an acta and the PDF has (annotations, images, form fields other than electronic
    # signatures): drawn over the text, they change what a reader sees and not the text compared. Spanish.
    added: tuple[str, ...] = ()
    # Visible electronic signatures: (page, /Rect as left, bottom, right, top in points). One inside the room the
    # acta leaves above a signature line covers nothing it prints; `verify --acta` names any other.
    visible_signatures: tuple[tuple[int, tuple[float, float, float, float]], ...] = ()
    # Each page's drawing (`_drawings`): compared with the acta printed again, so that a shape drawn over the text, a
    # font whose glyphs were redrawn or a page cropped shorter is named although the text reads the same.
    drawn: tuple[str, ...] = ()


def lines(decision_id: str, decision_hash: str, head: SignedHead, acta_format: int | None = None) -> list[str]:
    """The constancia's lines; `acta_format` the format the acta is printed in (None: ACTA_FORMAT)."""
    half = len(head.signature) // 2
    return [t("constancia.decision", decision=decision_id), t("constancia.decision_hash", hash=decision_hash),
            t("constancia.entry", seq=head.seq), t("constancia.entry_hash", hash=head.hash),
            t("constancia.signature_1", part=head.signature[:half]),
            t("constancia.signature_2", part=head.signature[half:]),
            t("constancia.format", format=acta_format or ACTA_FORMAT)]


def _pattern(key: str, value: str) -> str:
    """The regex for one printed line: the catalogue text with its placeholder replaced by a capture."""
    before, _, after = t(key, **{name: "\0" for name in ("decision", "hash", "seq", "part", "format")}).partition("\0")
    return re.escape(before.strip()) + r"\s*" + value + re.escape(after.strip())


def _last(pattern: str, flat: str) -> re.Match[str] | None:
    """The last match: the constancia closes the acta, so a remark or a justification printed before it that reads
    like one of its lines («Decisión: aplazar») is not taken for it."""
    matches = list(re.finditer(pattern, flat))
    return matches[-1] if matches else None


def parse(text: str, file: str) -> ActaHead | None:
    """The constancia in an acta's text; None when the acta carries none (printed before, or cut off)."""
    flat = flat_text(text)
    found = []
    for key, value in (("constancia.decision", r"(\S+)"), ("constancia.decision_hash", _HEX),
                       ("constancia.entry", r"(\d+)"), ("constancia.entry_hash", _HEX),
                       ("constancia.signature_1", _HEX), ("constancia.signature_2", _HEX)):
        match = _last(_pattern(key, value), flat)
        if match is None:
            return None
        found.append(match.group(1))
    decision, decision_hash, seq, digest, first, second = found
    printed = _last(_pattern("constancia.format", r"(\d+)"), flat)
    return ActaHead(file, decision, decision_hash, SignedHead(int(seq), digest, first + second), flat,
                    int(printed.group(1)) if printed else None)


def flat_text(text: str) -> str:
    """A PDF's text with every run of whitespace as one space (line breaks fall where the page wraps)."""
    return " ".join(text.split())


def _reader(source: Path | bytes):
    # Imported here: only `verify --acta` reads PDFs, and the verifier otherwise starts in a fraction of a second.
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(source) if isinstance(source, bytes) else source)


def _text(reader) -> str:
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def read_pdf(path: Path) -> ActaHead | None:
    """The constancia of the acta PDF at `path`; None when unreadable or without one."""
    from pypdf.errors import PyPdfError

    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.CRITICAL)  # its English warnings about a damaged file
    try:
        reader = _reader(path)
        text = _text(reader)
        added, visible = _added(reader)
        drawn = _drawings(reader)
    except (OSError, PyPdfError, ValueError, TypeError, KeyError, AttributeError):  # a damaged or crafted file
        return None
    finally:
        pypdf_log.setLevel(level)
    head = parse(text, path.name)
    return head if head is None else dataclasses.replace(head, added=added, visible_signatures=visible,
                                                              drawn=drawn)


def _added(reader) -> tuple[tuple[str, ...], tuple[tuple[int, tuple[float, float, float, float]], ...]]:
    """What the PDF carries that an acta printed by Minga (text and lines only) does not, and its visible
    electronic signatures apart. An invisible signature (FirmaEC, as a GAD may sign its actas) is a signature field
    with a widget that draws nothing: not an addition. A visible one draws a stamp, clipped to its /Rect: where it
    lies is judged against the acta's own layout (`verify --acta`)."""
    root = reader.trailer["/Root"]
    form = _resolved(root.get("/AcroForm"), {})
    fields = _resolved(form.get("/Fields"), [])
    found = [t("constancia.added.form")] if "/XFA" in form or any(_field_type(f) != "/Sig" for f in fields) else []
    found += _viewer_additions(root)
    visible = []
    for number, page in enumerate(reader.pages, start=1):
        if "/AA" in page:  # a script run when the page opens can stamp it, as an annotation would
            found.append(t("constancia.added.page_actions", page=number))
        objects = _resolved(_resolved(page.get("/Resources"), {}).get("/XObject"), None)
        annotations = [a for a in _resolved(page.get("/Annots"), []) if not _invisible_signature(a)]
        signed = [(number, rect) for a in annotations if (rect := _signature_rect(a)) is not None]
        if len(signed) < len(annotations):
            found.append(t("constancia.added.annotations", page=number))
        visible += signed
        if objects is not None and len(objects.get_object()):
            found.append(t("constancia.added.objects", page=number))
    return tuple(found), tuple(visible)


def _viewer_additions(root) -> list[str]:
    """What the document makes a viewer show or run besides its pages, which Minga never prints: attached files or
    a portfolio (Acrobat opens the file it names instead of the acta), and actions or JavaScript run on opening.
    Minga's own opening action is a destination (which page, how zoomed), not an action to run."""
    names = _resolved(root.get("/Names"), {})
    opening = _resolved(root.get("/OpenAction"), None)
    found = [t("constancia.added.files")] if "/Collection" in root or "/EmbeddedFiles" in names else []
    if "/JavaScript" in names or "/AA" in root or (hasattr(opening, "keys") and (
            opening.get("/S") != "/GoTo" or "/Next" in opening)):
        found.append(t("constancia.added.actions"))
    return found


# What a page draws with, besides its annotations (judged apart): a signing tool that only adds a signature field
# leaves these alone. Other keys (tab order, structure, thumbnails) draw nothing.
_DRAWING_KEYS = ("/Resources", "/MediaBox", "/CropBox", "/Rotate", "/UserUnit", "/Group")


def _drawings(reader) -> tuple[str, ...]:
    """Per page, a digest of what it draws: its content (decoded, so recompressing changes nothing), the resources
    that content uses (fonts, images, graphics states, followed to their data) and the boxes that place it."""
    drawn = []
    for page in reader.pages:
        contents = page.get_contents()  # None: a page that draws nothing
        drawn.append(hashlib.sha256(repr((b"" if contents is None else contents.get_data(),
                                          [(key, _canonical(page.get(key))) for key in _DRAWING_KEYS])).encode()
                                    ).hexdigest())
    return tuple(drawn)


def _canonical(value, depth: int = 0):
    """A PDF value as plain Python, references followed (to a bounded depth: a crafted file may loop)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    if depth > 24:
        raise ValueError("PDF object nested too deep")
    if isinstance(value, IndirectObject):
        return _canonical(value.get_object(), depth + 1)
    if isinstance(value, StreamObject):
        return ("stream", value.get_data(), _canonical(dict(value.items()) | {"/Length": None, "/Filter": None,
                                                                             "/DecodeParms": None}, depth + 1))
    if isinstance(value, (DictionaryObject, dict)):
        return sorted((str(k), _canonical(v, depth + 1)) for k, v in value.items() if v is not None)
    if isinstance(value, (ArrayObject, list)):
        return [_canonical(v, depth + 1) for v in value]
    if isinstance(value, bytes):
        return value
    return str(value)


def _resolved(value, missing):
    """A PDF value with its indirect reference followed (`missing` when absent)."""
    return value.get_object() if value is not None else missing


def _field_type(reference) -> str | None:
    """A form field's type (on the field or a parent it inherits from); None when none says within
    `_FIELD_DEPTH` levels (a /Parent chain that loops, in a crafted file: its widget is then not a signature)."""
    field = reference.get_object()
    for _ in range(_FIELD_DEPTH):
        if field is None:
            return None
        if "/FT" in field:
            return field["/FT"]
        parent = field.get("/Parent")
        field = parent.get_object() if parent is not None else None
    return None


_FIELD_DEPTH = 32  # form fields nest a few levels (FirmaEC: one); a longer chain is a loop or a crafted file


HIDDEN = 2  # an annotation flag: not shown nor printed


def _signature_rect(reference) -> tuple[float, float, float, float] | None:
    """The area (left, bottom, right, top) a signature field's shown widget draws in; None for any other
    annotation."""
    widget = reference.get_object()
    if widget.get("/Subtype") != "/Widget" or _field_type(reference) != "/Sig":
        return None
    x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


def _invisible_signature(reference) -> bool:
    """The widget of a signature field that draws nothing on the page (no area, or hidden)."""
    widget = reference.get_object()
    if widget.get("/Subtype") != "/Widget" or _field_type(reference) != "/Sig":
        return False
    left, bottom, right, top = (float(v) for v in widget.get("/Rect", [0, 0, 0, 0]))
    return (right - left) * (top - bottom) == 0 or bool(int(widget.get("/F", 0)) & HIDDEN)


def not_printed_why(acta_format: int) -> str:
    """The catalogue key saying why an acta of `acta_format` was not printed again: the font it needs is missing
    here, or Minga could not print it."""
    from core.record.pdf_fonts import font_files

    return "ledger.not_run.acta_font" if acta_format != LATIN1_FORMAT and font_files() is None \
        else "ledger.not_run.acta_print"


class PrintedActa(NamedTuple):
    """An acta as Minga prints it again from the log: its flat text and the slots left to sign."""

    text: str
    slots: list[SignatureSlot]
    drawn: tuple[str, ...]  # each page's drawing (`_drawings`)


PRINTABLE_FORMATS = (LATIN1_FORMAT, REPLACEMENT_FORMAT, ACTA_FORMAT)  # the formats `printed_again` prints an acta in


def printed_again(body: dict, head: SignedHead, acta_format: int | None = None) -> PrintedActa:
    """The acta Minga prints for the decision `body` as logged, with the constancia of `head`, in `acta_format`
    (one of PRINTABLE_FORMATS; None: ACTA_FORMAT). FileNotFoundError when that format's font is not installed."""
    from core.record.acta import document  # imported here: the PDF library loads only when actas are checked
    from core.record.decision_models import Decision

    pdf = document(Decision(**body), head, acta_format=acta_format or ACTA_FORMAT)
    reader = _reader(bytes(pdf.output()))
    return PrintedActa(flat_text(_text(reader)), pdf.signature_slots, _drawings(reader))
