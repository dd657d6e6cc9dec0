"""Import proposals from the planner's own files, with a preview before anything is stored.

What a file may be:
- a workbook (.xlsx): the proposals on a sheet called «Propuestas» (or the first sheet), and optionally
  the budget lines on «Presupuesto» and the indicators on «Indicadores» (one row per line, tied to the
  proposal by its code); other sheets («Instrucciones», «Códigos») are ignored;
- a CSV (.csv): `;`, `,` or tab separated (sniffed from the header line), UTF-8 with or without BOM,
  UTF-16 with BOM (Excel's «Texto Unicode») or Windows-1252; numbers with comma or dot decimals
  («1.234,56», «1,234.56», «1234,5»), decided once per file from the values that are not ambiguous.

Headers are Spanish, in any order, matched without regard to case, accents or a unit in brackets
(`HEADER_ALIASES`). Every problem is a `core.data.validation.RowProblem` naming the file (and sheet), the row
as the person sees it in Excel, the column as written in *their* header, and a Spanish message; row
validation reuses `core.data.validation` so the messages read like those of the data build.

Safety: cells are read as values, never evaluated. A text cell that looks like a formula (`=`, `+`, `-`,
`@`) or holds HTML is kept as plain text (pages show it with st.dataframe / escaped, exports neutralise
it). A formula cell of a workbook counts only through the value Excel cached for it; in a number column
a formula without a cached value is refused, in a text column the formula's text is kept as text. Files
over `MAX_BYTES`, with more than `MAX_ROWS` rows, binary content renamed .csv, or workbooks that unzip to
more than `MAX_UNZIPPED_BYTES` are refused with a message before any row is read.

Codes that already exist (decision): an import never silently overwrites. A row whose code exists in
the parish and whose content is the same is «Sin cambios» (nothing to store); one whose content differs
is a problem unless the person ticks «Actualizar las propuestas que ya existen» (`update_existing=True`),
and then it replaces the proposal: the columns the file has replace, the columns it lacks keep what
Minga has, and the proposal's status and status history are always kept (the lifecycle only moves
through the form). The version read at preview time is sent back when saving, so an edit made by
someone else in between makes the whole import fail (ConflictError) instead of being lost. A code used
by a proposal of another parish is always refused. New proposals enter as «Borrador» or «Presentada».

Nothing is stored here until `save_import` is called, and that writes all the chosen rows in one
transaction through `core.proposals.records.import_proposals` (which checks the role).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import duckdb
import polars as pl

from core.proposals import records
from core.record.auth import User
from core.data.db import query
from core.fmt import date as fmt_date
from core.fmt import listing, number
from core.proposals.models import (
    ID_PATTERN,
    BudgetLine,
    Indicator,
    Proposal,
    ProposalStatus,
    StatusChange,
)
from core.record.store import Store
from core.texts import STRINGS, label, labels, t
from core.data.validation import RowProblem, check_columns, spanish_message, validate_rows

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
MAX_UNZIPPED_BYTES = 60 * 1024 * 1024
HEADER_SCAN_ROWS = 10
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Kind = Literal["text", "text_list", "int", "money", "date", "code", "code_list", "int_list", "target_list",
               "choice", "choice_list", "association", "association_list", "parish", "competence", "bool"]


@dataclass(frozen=True)
class Column:
    """One column a proposals sheet may have: the model field, how its cells are read, its aliases."""

    field: str
    kind: Kind
    aliases: tuple[str, ...] = ()
    required: bool = False
    family: str | None = None  # label family of a choice column (core/texts)

    @property
    def header(self) -> str:
        """The header the template writes."""
        return t(f"imp.col.{self.field}")


COLUMNS: tuple[Column, ...] = (
    Column("proposal_id", "code", ("codigo", "codigo propuesta", "codigo de la propuesta", "codigo de propuesta",
                                   "id", "id propuesta", "cod", "proposal id"), required=True),
    Column("association_id", "association", ("asociacion", "asociacion lider", "asociacion proponente",
                                             "codigo asociacion", "codigo de la asociacion", "organizacion",
                                             "association id"), required=True),
    Column("association_ids", "association_list", ("asociaciones", "asociaciones participantes",
                                                   "association ids")),
    Column("parish_code", "parish", ("codigo parroquia", "codigo dpa", "codigo de parroquia", "parish code")),
    Column("title", "text", ("titulo", "titulo del proyecto", "nombre del proyecto", "proyecto", "nombre",
                             "title"), required=True),
    Column("summary", "text", ("resumen", "descripcion", "resumen del proyecto", "summary")),
    Column("problem", "text", ("problema que atiende", "diagnostico", "problem")),
    Column("general_objective", "text", ("objetivo general",)),
    Column("specific_objectives", "text_list", ("objetivos especificos",)),
    Column("direct_beneficiaries", "int", ("beneficiarios", "beneficiarios directos")),
    Column("indirect_beneficiaries", "int", ("beneficiarios indirectos",)),
    Column("women_beneficiaries", "int", ("mujeres", "mujeres beneficiarias", "beneficiarias mujeres",
                                          "beneficiarios mujeres")),
    Column("youth_beneficiaries", "int", ("jovenes", "jovenes beneficiarios", "beneficiarios jovenes")),
    Column("families", "int", ("familias", "familias beneficiarias")),
    Column("location", "text", ("ubicacion", "localidad", "comunidades", "lugar")),
    Column("localization", "choice", ("ambito", "zona", "rural o urbana"), family="localization"),
    Column("duration_months", "int", ("duracion", "duracion meses", "duracion en meses", "meses")),
    Column("start_date", "date", ("fecha de inicio", "inicio", "fecha inicio")),
    Column("cost_usd", "money", ("costo total", "costo", "presupuesto total", "monto total", "valor total",
                                 "costo del proyecto"), required=True),
    Column("requested_usd", "money", ("monto solicitado", "monto solicitado al gad", "solicitado al gad",
                                      "aporte gad", "aporte del gad", "monto gad", "solicitado"), required=True),
    Column("counterpart_associations_usd", "money", ("aporte de las asociaciones", "aporte asociaciones",
                                                     "contraparte asociaciones", "aporte de la asociacion")),
    Column("counterpart_cooperant_usd", "money", ("aporte del cooperante", "aporte cooperante",
                                                  "contraparte cooperante", "aporte de cooperacion")),
    Column("counterpart_other_usd", "money", ("otros aportes", "aporte otros", "contraparte otros")),
    Column("cooperant_name", "text", ("cooperante", "nombre del cooperante")),
    Column("cooperation_offer_id", "code", ("oferta de cooperacion", "oferta", "codigo oferta",
                                            "codigo de la oferta")),
    Column("sustainability", "text", ("sostenibilidad",)),
    Column("risks", "text_list", ("riesgos",)),
    Column("project_manager", "text", ("responsable del proyecto", "responsable")),
    Column("pdot_objective_ids", "code_list", ("objetivos pdot", "pdot", "objetivos del pdot", "objetivo pdot")),
    Column("sdg_goals", "int_list", ("ods", "objetivos ods", "ods vinculados")),
    Column("sdg_targets", "target_list", ("metas ods", "metas", "metas de los ods")),
    Column("pnd_objective_ids", "code_list", ("objetivos pnd", "pnd", "objetivos del pnd", "objetivo pnd")),
    Column("problem_ids", "code_list", ("problemas que atiende", "problemas", "problemas priorizados")),
    Column("needs", "choice_list", ("necesidades", "necesidades que atiende"), family="proposal_need"),
    Column("themes", "choice_list", ("temas", "areas tematicas", "area tematica"), family="theme"),
    Column("support_kind", "choice", ("tipo de apoyo", "tipo", "clase de apoyo"), required=True,
           family="support_kind"),
    Column("competence_code", "competence", ("competencia del gad", "competencia")),
    Column("benefit_scope", "choice", ("alcance del beneficio", "alcance", "beneficio"), family="benefit_scope"),
    Column("status", "choice", ("estado",), family="proposal_status"),
    Column("is_synthetic", "bool", ("datos sinteticos", "sintetico", "sinteticos")),
    Column("source", "text", ("fuente", "origen")),
)
BY_FIELD = {c.field: c for c in COLUMNS}

# Budget lines and indicators: (field, kind, aliases, required, family)
LINE_COLUMNS: tuple[Column, ...] = (
    Column("line_proposal", "code", ("codigo de la propuesta", "codigo propuesta", "codigo", "propuesta"),
           required=True),
    Column("line_item", "text", ("rubro o actividad", "rubro", "actividad", "item", "detalle"), required=True),
    Column("line_amount", "money", ("monto", "valor", "costo"), required=True),
    Column("line_source", "choice", ("a cargo de", "fuente", "financia", "quien paga"), family="funding_source"),
)
INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("line_proposal", "code", ("codigo de la propuesta", "codigo propuesta", "codigo", "propuesta"),
           required=True),
    Column("ind_name", "text", ("indicador", "nombre del indicador"), required=True),
    Column("ind_baseline", "text", ("linea base",), required=True),
    Column("ind_target", "text", ("meta",), required=True),
    Column("ind_verification", "text", ("medio de verificacion", "medios de verificacion", "verificacion"),
           required=True),
)
NESTED_FIELDS = {"line_item": "item", "line_amount": "amount_usd", "line_source": "source",
                 "ind_name": "name", "ind_baseline": "baseline", "ind_target": "target",
                 "ind_verification": "means_of_verification"}
NEW_STATUSES = (ProposalStatus.DRAFT, ProposalStatus.SUBMITTED)
# Technical field names that appear inside some model messages, shown as the person's header instead.
_FIELD_WORDS = ("association_ids", "cooperant_name", "cooperation_offer_id")
_TRUE = {"si", "s", "true", "verdadero", "1", "x", "yes"}
_FALSE = {"no", "n", "false", "falso", "0", ""}


# -- Text helpers ----------------------------------------------------------------------------------------

def normalise(text: Any) -> str:
    """'Código propuesta (USD)' → 'codigo propuesta': lower case, no accents, no units, single spaces."""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii").lower()
    plain = re.sub(r"\((usd|us\$|\$|dolares|en dolares|meses)\)", " ", plain)
    words = [w for w in re.split(r"[^a-z0-9]+", plain) if w and w not in {"usd", "us", "dolares"}]
    return " ".join(words)


def _alias_table(columns: Iterable[Column]) -> dict[str, str]:
    table: dict[str, str] = {}
    for column in columns:
        for name in (column.field, column.header, *column.aliases):
            table.setdefault(normalise(name), column.field)
    return table


HEADER_ALIASES: dict[str, str] = _alias_table(COLUMNS)
LINE_ALIASES: dict[str, str] = _alias_table(LINE_COLUMNS)
INDICATOR_ALIASES: dict[str, str] = _alias_table(INDICATOR_COLUMNS)


def _size(n: int) -> str:
    return f"{number(n / (1024 * 1024), 1)} MB"


# -- Reading the bytes into sheets of cells --------------------------------------------------------------

@dataclass(frozen=True)
class Formula:
    """A workbook cell holding a formula: its text and the value Excel cached (None when not computed)."""

    text: str
    cached: Any


@dataclass
class Sheet:
    name: str | None  # None for a CSV
    rows: list[tuple[int, list[Any]]]  # (row number as the person sees it, cells)


@dataclass
class Book:
    file: str
    sheets: list[Sheet]
    kind: Literal["csv", "xlsx"]
    notices: list[str] = field(default_factory=list)
    delimiter: str | None = None  # of a CSV


class FileRefused(Exception):
    """The file cannot be read at all; `problems` says why (row None: the whole file)."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


def _refuse(file: str, key: str, **values: Any) -> FileRefused:
    return FileRefused([RowProblem(file, None, None, t(key, **values))])


def read_book(data: bytes, filename: str) -> Book:
    """The sheets of a .xlsx or .csv as rows of raw cells; FileRefused with a Spanish reason otherwise."""
    name = filename or t("imp.file.default_name")
    if not data:
        raise _refuse(name, "imp.file.empty")
    if len(data) > MAX_BYTES:
        raise _refuse(name, "imp.file.too_big", size=_size(len(data)), limit=_size(MAX_BYTES))
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    is_zip = data[:4] == b"PK\x03\x04"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE: .xls or a password-protected workbook
        raise _refuse(name, "imp.file.xls")
    if extension in ("xlsx", "xlsm"):
        if not is_zip:
            raise _refuse(name, "imp.file.not_xlsx")
        return _read_xlsx(data, name)
    if extension in ("csv", "txt", "tsv"):
        if is_zip:
            book = _read_xlsx(data, name)
            book.notices.append(t("imp.file.xlsx_as_csv"))
            return book
        return _read_csv(data, name)
    if extension == "xls":
        raise _refuse(name, "imp.file.xls")
    raise _refuse(name, "imp.file.extension", name=name)


def _decode(data: bytes, file: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _refuse(file, "imp.file.binary") from None
    if b"\x00" in data:
        raise _refuse(file, "imp.file.binary")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:  # bytes Windows-1252 leaves undefined: not a spreadsheet's text
            raise _refuse(file, "imp.file.binary") from None
    controls = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\r\n") or ord(ch) == 127)
    if controls > max(2, len(text) // 200):
        raise _refuse(file, "imp.file.binary")
    return text


def _sniff_delimiter(text: str) -> str:
    """The separator of the header line: the most frequent of `;`, tab and `,` outside quotes."""
    for line in text.splitlines():
        if not line.strip() or line.lower().startswith("sep="):
            continue
        outside = re.sub(r'"[^"]*"', "", line)
        counts = {d: outside.count(d) for d in (";", "\t", ",")}
        best = max(counts, key=lambda d: (counts[d], d == ";", d == "\t"))
        return best if counts[best] else ";"
    return ";"


def _read_csv(data: bytes, file: str) -> Book:
    text = _decode(data, file)
    if not text.strip():
        raise _refuse(file, "imp.file.empty")
    lines = text.splitlines(keepends=True)
    hint = None
    if lines and lines[0].strip().lower().startswith("sep="):
        hint = lines[0].strip()[4:5] or None
        lines = lines[1:]
    delimiter = hint or _sniff_delimiter("".join(lines))
    reader = csv.reader(io.StringIO("".join(lines)), delimiter=delimiter)
    offset = 2 if hint else 1
    rows = []
    for index, cells in enumerate(reader):
        if index >= MAX_ROWS + HEADER_SCAN_ROWS + 1:
            raise _refuse(file, "imp.file.too_many_rows", rows=t("imp.file.more_than", count=number(MAX_ROWS)), limit=number(MAX_ROWS))
        rows.append((index + offset, cells))
    return Book(file, [Sheet(None, rows)], "csv", delimiter=delimiter)


def _read_xlsx(data: bytes, file: str) -> Book:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(file, "imp.file.not_xlsx") from None
    if "xl/workbook.xml" not in names:
        raise _refuse(file, "imp.file.zip_not_xlsx")
    if unzipped > MAX_UNZIPPED_BYTES:
        raise _refuse(file, "imp.file.unzipped_too_big", size=_size(unzipped), limit=_size(MAX_UNZIPPED_BYTES))
    from openpyxl import load_workbook

    try:
        written = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        cached = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure of a damaged workbook is the same message
        raise _refuse(file, "imp.file.xlsx_unreadable", detail=type(exc).__name__) from None
    sheets = []
    try:
        for title in written.sheetnames:
            rows = []
            for row_w, row_c in zip(written[title].iter_rows(), cached[title].iter_rows()):
                cells = []
                line = None
                for cell_w, cell_c in zip(row_w, row_c):
                    line = line or getattr(cell_w, "row", None)
                    value = cell_w.value
                    if isinstance(value, str) and value.startswith("=") and getattr(cell_w, "data_type", "") == "f":
                        value = Formula(value, cell_c.value)
                    cells.append(value)
                if line is None:
                    continue
                if len(rows) > MAX_ROWS + HEADER_SCAN_ROWS and any(v not in (None, "") for v in cells):
                    raise _refuse(file, "imp.file.too_many_rows", rows=t("imp.file.more_than", count=number(MAX_ROWS)),
                                  limit=number(MAX_ROWS))
                rows.append((line, cells))
            sheets.append(Sheet(title, rows))
    finally:
        written.close()
        cached.close()
    return Book(file, sheets, "xlsx")


# -- Cells to values -------------------------------------------------------------------------------------

def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str | None:
    """A cell as plain text, exactly as written (formulas and HTML included), or None when blank."""
    if isinstance(value, Formula):
        return value.text
    if _blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    return str(value).strip()


_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}([.,]\d{3})+)([.,]\d+)?$")


def _number_text(value: str) -> str:
    """Currency marks and spaces removed: '$ 1.234,56' → '1.234,56'."""
    return re.sub(r"(?i)usd|us\$|\$|\s|\u00a0", "", value)


def decimal_votes(values: Iterable[str]) -> dict[str, int]:
    """How many values can only be read with a comma decimal, and how many only with a dot decimal."""
    votes = {",": 0, ".": 0}
    for raw in values:
        text = _number_text(raw)
        if "," in text and "." in text:
            votes["," if text.rfind(",") > text.rfind(".") else "."] += 1
        elif text.count(",") == 1 and not re.search(r",\d{3}$", text):
            votes[","] += 1
        elif text.count(".") == 1 and not re.search(r"\.\d{3}$", text):
            votes["."] += 1
        elif text.count(",") > 1:
            votes["."] += 1  # 1,234,567: comma groups thousands
        elif text.count(".") > 1:
            votes[","] += 1  # 1.234.567: dot groups thousands
    return votes


def parse_number(value: Any, decimal: str = ",") -> Any:
    """A money or count cell as a float; the cell unchanged when it is not a number (the model then says
    «debe ser un número (se recibió …)»). `decimal` settles the ambiguous '1.234' and '1,234'."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if _blank(value):
        return None
    raw = str(value).strip()
    text = _number_text(raw)
    if not _NUMBER.match(text):
        return raw
    thousands = "." if decimal == "," else ","
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
    elif text.count(decimal) > 1:  # '1.234.567' with a dot decimal file: the dots group thousands
        decimal, thousands = thousands, decimal
    elif text.count(thousands) == 1 and not re.search(rf"\{thousands}\d{{3}}$", text):
        decimal, thousands = thousands, decimal  # '1234,5' in a dot-decimal file is still 1234.5
    return float(text.replace(thousands, "").replace(decimal, "."))


def _int(value: Any, decimal: str) -> Any:
    parsed = parse_number(value, decimal)
    if isinstance(parsed, float):
        return int(parsed) if parsed.is_integer() else _text(value)
    return parsed


def _date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date) or _blank(value):
        return value if not _blank(value) else None
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return text


def _split(value: Any, also_comma: bool) -> list[str]:
    text = _text(value)
    if text is None:
        return []
    parts = re.split(r"[;\n\r]+", text)
    if also_comma:
        parts = [p for part in parts for p in part.split(",")]
    return [p.strip() for p in parts if p.strip()]


def _targets(value: Any) -> list[str]:
    out = []
    for part in _split(value, also_comma=False):
        if re.fullmatch(r"\d{1,2}[.,][0-9a-z]+", part.strip().lower()):
            out.append(part.strip().lower().replace(",", "."))
        else:
            out.extend(p.strip().lower() for p in part.split(",") if p.strip())
    return out


def _ints(value: Any) -> list[Any]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [int(value)] if float(value).is_integer() else [value]
    out: list[Any] = []
    for part in _split(value, also_comma=True):
        digits = re.sub(r"(?i)^ods\s*", "", part)
        out.append(int(digits) if digits.isdigit() else part)
    return out


def _choice_index(family: str) -> dict[str, str]:
    index = {}
    for code, text in labels(family).items():
        index[normalise(code)] = code
        index[normalise(text)] = code
    if family == "proposal_need":
        for code, text in labels("need").items():
            index.setdefault(normalise(text), code)
    if family == "benefit_scope":
        index.update({"colectivo": "collective", "individual": "individual"})
    if family == "localization":
        index.update({"urbano": "urban"})
    if family == "funding_source":
        index.update({"gad": "gad", "gad parroquial": "gad", "asociacion": "associations", "otro": "other"})
    return index


# -- The context an import is checked against -------------------------------------------------------------

@dataclass(frozen=True)
class ImportContext:
    """What the rows are checked against. A catalogue left as None is not checked."""

    parish_code: str
    parish_name: str
    associations: Mapping[str, str]  # id → name, of this parish
    existing: Mapping[str, records.Versioned] = field(default_factory=dict)  # id → stored proposal (this parish)
    elsewhere: Mapping[str, str] = field(default_factory=dict)  # id → parish code, proposals of other parishes
    deleted: Mapping[str, int] = field(default_factory=dict)  # id → version of a deleted proposal (code free again)
    pdot_objectives: Mapping[str, str] | None = None  # id → text
    pnd_objectives: Mapping[str, str] | None = None
    sdg_targets: frozenset[str] | None = None
    offers: Mapping[str, str] | None = None  # id → title
    competences: Mapping[str, str] | None = None  # code → title
    problems: Mapping[str, str] | None = None  # id → label
    today: dt.date = field(default_factory=dt.date.today)


def context_for(con: duckdb.DuckDBPyConnection, store: Store, parish_code: str,
                today: dt.date | None = None) -> ImportContext:
    """Everything an import into `parish_code` is checked against: the views and the store."""
    parish = query(con, "SELECT name FROM parishes WHERE parish_code = ?", [parish_code])
    associations = query(con, "SELECT association_id, name FROM associations WHERE parish_code = ? "
                              "ORDER BY association_id", [parish_code])
    existing = {v.item.proposal_id: v for v in records.proposals(store, parish_code)}
    every = store.records(records.PROPOSAL, include_deleted=True)
    elsewhere = {r.record_id: r.parish_code or "" for r in every if r.parish_code != parish_code and not r.deleted}
    deleted = {r.record_id: r.version for r in every if r.deleted}
    pdot = {v.item.pdot_objective_id: v.item.objective_es for v in records.pdot_objectives(store, parish_code)}
    pnd = dict(query(con, "SELECT objective_id, objective_es FROM pnd_objectives ORDER BY plan_id, "
                          "objective_number").iter_rows())
    targets = frozenset(query(con, "SELECT target FROM sdg_targets")["target"].to_list())
    offers = {v.item.offer_id: v.item.title for v in records.offers(store)}
    competences = dict(query(con, "SELECT competence_code, title_es FROM gad_competences "
                                  "ORDER BY competence_code").iter_rows())
    problems = dict(query(con, "SELECT problem_id, label_es FROM problems WHERE parish_code = ? "
                               "ORDER BY problem_id", [parish_code]).iter_rows())
    return ImportContext(parish_code=parish_code, parish_name=parish["name"][0] if parish.height else parish_code,
                         associations=dict(associations.iter_rows()), existing=existing, elsewhere=elsewhere,
                         deleted=deleted,
                         pdot_objectives=pdot, pnd_objectives=pnd, sdg_targets=targets, offers=offers,
                         competences=competences, problems=problems, today=today or dt.date.today())


# -- The preview --------------------------------------------------------------------------------------------

Action = Literal["new", "update", "unchanged", "error"]


@dataclass
class PreviewRow:
    line: int
    proposal_id: str | None
    title: str | None
    association_id: str | None
    cost_usd: Any
    proposal: Proposal | None = None
    action: Action = "error"
    expected_version: int = 0


@dataclass
class ImportPreview:
    """What an import would do, row by row, and every problem found. Nothing is stored yet."""

    file: str
    rows: list[PreviewRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    update_existing: bool = False
    sheet_file: str | None = None  # how problems name the proposals sheet («archivo.xlsx › Propuestas»)

    @property
    def refused(self) -> bool:
        """The whole file was refused (a problem without a row): nothing can be saved from it."""
        return any(p.row is None for p in self.problems) or not self.rows

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)

    def count(self, action: Action) -> int:
        return sum(1 for r in self.rows if r.action == action)

    def to_save(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.action in ("new", "update")]

    def table(self) -> pl.DataFrame:
        """One row per proposal row of the file, as people read it (Spanish column names are the page's)."""
        by_line: dict[int, list[str]] = {}
        for p in self.problems:
            if p.row is not None and p.file == (self.sheet_file or self.file):
                by_line.setdefault(p.row, []).append(f"{p.column}: {p.message}" if p.column else p.message)
        return pl.DataFrame(
            [{"line": r.line, "proposal_id": r.proposal_id, "title": r.title, "association_id": r.association_id,
              "cost_usd": r.cost_usd if isinstance(r.cost_usd, (int, float)) else None,
              "action": t(f"imp.action.{r.action}"), "problems": " · ".join(by_line.get(r.line, []))}
             for r in self.rows],
            schema={"line": pl.Int64, "proposal_id": pl.Utf8, "title": pl.Utf8, "association_id": pl.Utf8,
                    "cost_usd": pl.Float64, "action": pl.Utf8, "problems": pl.Utf8})

    def problems_table(self) -> pl.DataFrame:
        return pl.DataFrame([{"file": p.file, "row": p.row, "column": p.column, "message": p.message}
                             for p in self.problems],
                            schema={"file": pl.Utf8, "row": pl.Int64, "column": pl.Utf8, "message": pl.Utf8})


@dataclass
class _Header:
    line: int
    fields: dict[str, int]  # field → cell index
    written: dict[str, str]  # field → the header as the person wrote it
    ignored: list[str]


def _find_header(sheet: Sheet, aliases: Mapping[str, str], required: Sequence[str], file: str,
                 problems: list[RowProblem]) -> _Header | None:
    """The header row: among the first rows, the first that names at least two known columns."""
    best = None
    for line, cells in [r for r in sheet.rows if any(not _blank(c) for c in r[1])][:HEADER_SCAN_ROWS]:
        known = [normalise(_text(c) or "") in aliases for c in cells]
        if sum(known) >= 2:
            best = (line, cells)
            break
    if best is None:
        example = ", ".join(f"«{BY_FIELD[f].header if f in BY_FIELD else t('imp.col.' + f)}»" for f in required)
        problems.append(RowProblem(file, None, None, t("imp.file.no_header", example=example)))
        return None
    line, cells = best
    header = _Header(line, {}, {}, [])
    for index, cell in enumerate(cells):
        written = _text(cell)
        if written is None:
            continue
        column = aliases.get(normalise(written))
        if column is None:
            header.ignored.append(written)
        elif column in header.fields:
            problems.append(RowProblem(file, line, written, t("imp.header.duplicate", first=header.written[column],
                                                              second=written)))
        else:
            header.fields[column] = index
            header.written[column] = written
    return header


def _missing_columns(header: _Header, file: str) -> list[RowProblem]:
    """Required columns absent from the header (core.data.validation.check_columns over the Proposal model; the
    parish is not asked of the file, it is the one chosen in Minga), named as the template names them."""
    present = [*header.fields, "parish_code"]
    return [RowProblem(p.file, header.line, BY_FIELD[p.column].header, t("imp.header.missing"))
            for p in check_columns(present, Proposal, file)]


def _blank_cells(values: Mapping[str, Any]) -> Iterable[tuple[str, Any]]:
    """A blank cell of a required column is left out (the model then says «falta el valor (es obligatorio)»);
    a blank cell of another column takes the field's default (for an update: it clears the field)."""
    for name, value in values.items():
        if name == "parish_code":
            continue
        if value is not None:
            yield name, value
        elif not Proposal.model_fields[name].is_required():
            yield name, Proposal.model_fields[name].get_default(call_default_factory=True)


def _cells(cells: list[Any], header: _Header) -> dict[str, Any]:
    return {f: (cells[i] if i < len(cells) else None) for f, i in header.fields.items()}


def _find_sheet(book: Book, key: str) -> Sheet | None:
    wanted = normalise(t(key))
    return next((s for s in book.sheets if s.name is not None and normalise(s.name) == wanted), None)


def preview_import(data: bytes, filename: str, ctx: ImportContext, *, update_existing: bool = False) -> ImportPreview:
    """Read a file of proposals and say, row by row, what importing it would do. Stores nothing."""
    preview = ImportPreview(filename or t("imp.file.default_name"), update_existing=update_existing)
    try:
        book = read_book(data, preview.file)
    except FileRefused as refused:
        preview.problems.extend(refused.problems)
        return preview
    preview.notices.extend(book.notices)
    main = _find_sheet(book, "imp.sheet.proposals")
    side = {normalise(t(k)) for k in ("imp.sheet.budget", "imp.sheet.indicators", "imp.sheet.help",
                                      "imp.sheet.codes")}
    if main is None:
        main = next((s for s in book.sheets if s.name is None or normalise(s.name) not in side), None)
    if main is None:
        preview.problems.append(RowProblem(preview.file, None, None, t("imp.file.no_sheet")))
        return preview
    file = preview.file if book.kind == "csv" or len(book.sheets) == 1 else f"{preview.file} › {main.name}"
    preview.sheet_file = file
    _Reader(preview, book, main, file, ctx).run()
    return preview


class _Reader:
    """One import preview being built (the steps of `preview_import`)."""

    def __init__(self, preview: ImportPreview, book: Book, main: Sheet, file: str, ctx: ImportContext):
        self.preview, self.book, self.main, self.file, self.ctx = preview, book, main, file, ctx
        self.problems = preview.problems
        self.decimal = ","

    # -- steps

    def run(self) -> None:
        required = [c.field for c in COLUMNS if c.required]
        header = _find_header(self.main, HEADER_ALIASES, required, self.file, self.problems)
        if header is None:
            return
        missing = _missing_columns(header, self.file)
        self.problems.extend(missing)
        if header.ignored:
            self.preview.notices.append(t("imp.header.ignored", columns=", ".join(f"«{c}»" for c in header.ignored)))
        body = [(line, _cells(cells, header)) for line, cells in self.main.rows
                if line > header.line and any(not _blank(c) for c in cells)]
        if not body:
            self.problems.append(RowProblem(self.file, None, None, t("imp.file.no_rows")))
            return
        if len(body) > MAX_ROWS:
            self.problems[:] = [RowProblem(self.file, None, None, t("imp.file.too_many_rows", rows=number(len(body)),
                                                                     limit=number(MAX_ROWS)))]
            return
        if missing or any(p.row == header.line for p in self.problems):
            return  # without the required columns every row would repeat the same problem
        self.header = header
        self.decimal = self._decimal_mark(body, header)
        lines, indicators, nested_bad = self._nested()
        self._rows(body, lines, indicators, nested_bad)
        ignored = [s.name for s in self.book.sheets if s is not self.main and s.name is not None
                   and normalise(s.name) not in {normalise(t(k)) for k in ("imp.sheet.budget", "imp.sheet.indicators",
                                                                           "imp.sheet.help", "imp.sheet.codes")}]
        if ignored and self.book.kind == "xlsx":
            self.preview.notices.append(t("imp.header.sheets_ignored", sheets=", ".join(f"«{s}»" for s in ignored)))

    def _decimal_mark(self, body: list[tuple[int, dict[str, Any]]], header: _Header) -> str:
        money = [f for f in header.fields if BY_FIELD[f].kind in ("money", "int")]
        values = [str(row[f]) for _, row in body for f in money if isinstance(row.get(f), str)]
        votes = decimal_votes(values)
        if votes[","] != votes["."]:
            mark = "," if votes[","] > votes["."] else "."
        else:  # nothing settles it: a comma-separated CSV writes dot decimals, everything else is es-EC
            mark = "." if self.book.delimiter == "," else ","
        if any(re.search(r"[.,]\d", _number_text(v)) for v in values):
            self.preview.notices.append(t("imp.number.comma" if mark == "," else "imp.number.dot"))
        return mark

    # -- cells → a dict the model validates; problems the model cannot word well are found here

    def _problem(self, line: int, column: str, message: str, file: str | None = None) -> None:
        self.problems.append(RowProblem(file or self.file, line, column, message))

    def _column(self, field_name: str) -> str:
        return self.header.written.get(field_name) or BY_FIELD[field_name].header

    def _choice(self, line: int, column: Column, value: Any, written: str, file: str | None = None) -> Any:
        text = _text(value)
        if text is None:
            return None
        code = _choice_index(column.family or "").get(normalise(text))
        if code is None:
            options = ", ".join(labels(column.family or "").values())
            self._problem(line, written, t("imp.cell.choice", value=text, options=options), file)
        return code

    def _association(self, line: int, value: str, written: str) -> str | None:
        by_name = {normalise(name): code for code, name in self.ctx.associations.items()}
        by_code = {code.lower(): code for code in self.ctx.associations}
        found = by_code.get(value.strip().lower()) or by_name.get(normalise(value))
        if found is None:
            if not self.ctx.associations:
                self._problem(line, written, t("imp.cell.no_associations", parish=self.ctx.parish_name))
            else:
                options = "; ".join(f"{c} ({n})" for c, n in self.ctx.associations.items())
                self._problem(line, written, t("imp.cell.association", value=value, parish=self.ctx.parish_name,
                                               options=options))
        return found

    def _known(self, line: int, written: str, codes: list[str], catalogue: Mapping[str, str] | frozenset[str] | None,
               what: str) -> list[str]:
        if catalogue is None:
            return codes
        canonical = {str(c).lower(): str(c) for c in catalogue}
        unknown = [c for c in codes if c.lower() not in canonical]
        if unknown:
            options = ", ".join(list(canonical.values())[:40]) + (" …" if len(canonical) > 40 else "")
            key = "imp.cell.unknown_codes" if canonical else "imp.cell.unknown_codes_none"
            self._problem(line, written, t(key, what=t(f"imp.what.{what}"), codes=", ".join(unknown), options=options))
        return [canonical.get(c.lower(), c) for c in codes]

    def _convert(self, line: int, cells: dict[str, Any]) -> dict[str, Any]:
        """The row's cells as model values. Cells that cannot be read are passed as written, so the model's
        message («debe ser un número (se recibió …)») names them; coded values are checked here."""
        out: dict[str, Any] = {}
        for name, value in cells.items():
            column, written = BY_FIELD[name], self._column(name)
            kind = column.kind
            if isinstance(value, Formula) and kind in ("money", "int", "int_list", "date", "bool"):
                if value.cached is None or isinstance(value.cached, str):
                    self._problem(line, written, t("imp.cell.formula_number", formula=value.text))
                    continue
                value = value.cached
            if kind == "text":
                out[name] = _text(value)
            elif kind == "text_list":
                out[name] = _split(value, also_comma=False)
            elif kind == "money":
                out[name] = parse_number(value, self.decimal)
            elif kind == "int":
                out[name] = _int(value, self.decimal)
            elif kind == "date":
                out[name] = _date(value)
            elif kind == "code":
                text = _text(value)
                if text is not None and not re.fullmatch(ID_PATTERN, text):
                    self._problem(line, written, t("imp.cell.bad_code", value=text))
                    continue
                if name == "cooperation_offer_id" and text is not None:
                    text = self._known(line, written, [text], self.ctx.offers, "offer")[0]
                out[name] = text
            elif kind == "code_list":
                codes = _split(value, also_comma=True)
                catalogue, what = {"pdot_objective_ids": (self.ctx.pdot_objectives, "pdot"),
                                   "pnd_objective_ids": (self.ctx.pnd_objectives, "pnd"),
                                   "problem_ids": (self.ctx.problems, "problem")}[name]
                out[name] = self._known(line, written, codes, catalogue, what)
            elif kind == "int_list":
                out[name] = _ints(value)
            elif kind == "target_list":
                out[name] = self._known(line, written, _targets(value), self.ctx.sdg_targets, "sdg_target")
            elif kind == "choice":
                out[name] = self._choice(line, column, value, written)
            elif kind == "choice_list":
                out[name] = [c for part in _split(value, also_comma=True)
                             if (c := self._choice(line, column, part, written)) is not None]
            elif kind == "association":
                text = _text(value)
                out[name] = self._association(line, text, written) if text is not None else None
            elif kind == "association_list":
                found = []
                for part in _split(value, also_comma=False):
                    pieces = [part] if self._resolves(part) or "," not in part else [
                        p.strip() for p in part.split(",") if p.strip()]
                    found.extend(self._association(line, piece, written) for piece in pieces)
                out[name] = [f for f in found if f is not None]
            elif kind == "parish":
                text = _text(value)
                if text is not None and text.zfill(6) != self.ctx.parish_code and \
                        normalise(text) != normalise(self.ctx.parish_name):
                    self._problem(line, written, t("imp.cell.parish", value=text, parish=self.ctx.parish_name,
                                                   code=self.ctx.parish_code))
            elif kind == "competence":
                text = _text(value)
                if text is None:
                    out[name] = None
                elif self.ctx.competences is None:
                    out[name] = text
                else:
                    # A competence the parish GAD does not have is not a file error: screening says so
                    # (gate «Competencia del GAD parroquial»); here it is only a notice.
                    by_title = {normalise(title): code for code, title in self.ctx.competences.items()}
                    code = text if text in self.ctx.competences else by_title.get(normalise(text))
                    if code is None and re.fullmatch(r"[a-z][a-z0-9_]*", text):
                        code = text
                        self.preview.notices.append(t("imp.notice.at", file=self.file, row=line, message=t(
                            "imp.cell.competence_outside", value=text)))
                    elif code is None:
                        self._known(line, written, [text], self.ctx.competences, "competence")
                    out[name] = code
            elif kind == "bool":
                text = normalise(_text(value) or "")
                if text in _TRUE or value is True:
                    out[name] = True
                elif text in _FALSE or value is False:
                    out[name] = False
                else:
                    self._problem(line, written, t("imp.cell.bool", value=_text(value)))
        return out

    def _resolves(self, value: str) -> bool:
        return value.strip().lower() in {c.lower() for c in self.ctx.associations} or normalise(value) in {
            normalise(n) for n in self.ctx.associations.values()}

    # -- the budget and indicator sheets

    def _nested(self) -> tuple[dict[str, list[BudgetLine]] | None, dict[str, list[Indicator]] | None,
                               dict[str, set[str]]]:
        """The lines of the «Presupuesto» and «Indicadores» sheets by proposal code (None: no such sheet),
        and the codes whose lines have problems, with the sheets they are on."""
        bad: dict[str, set[str]] = {}
        out: list[dict[str, list] | None] = []
        for key, columns, aliases, model in (("imp.sheet.budget", LINE_COLUMNS, LINE_ALIASES, BudgetLine),
                                             ("imp.sheet.indicators", INDICATOR_COLUMNS, INDICATOR_ALIASES, Indicator)):
            sheet = _find_sheet(self.book, key)
            if sheet is None or sheet is self.main:
                out.append(None)
                continue
            out.append(self._nested_sheet(sheet, columns, aliases, model, bad))
        return out[0], out[1], bad

    def _nested_sheet(self, sheet: Sheet, columns: Sequence[Column], aliases: Mapping[str, str], model: type,
                      bad: dict[str, set[str]]) -> dict[str, list]:
        file = f"{self.preview.file} › {sheet.name}"
        by_field = {c.field: c for c in columns}
        required = [c.field for c in columns if c.required]
        header = _find_header(sheet, aliases, required, file, self.problems)
        items: dict[str, list] = {}
        if header is None:
            return items
        missing = [RowProblem(file, header.line, t(f"imp.col.{f}"), t("imp.header.missing"))
                   for f in required if f not in header.fields]
        if missing:
            self.problems.extend(missing)
            return items
        written = {f: header.written[f] for f in header.fields}
        rows = []
        for line, cells in sheet.rows:
            if line <= header.line or not any(not _blank(c) for c in cells):
                continue
            raw = _cells(cells, header)
            code = _text(raw.get("line_proposal"))
            values: dict[str, Any] = {}
            for name, value in raw.items():
                if name == "line_proposal":
                    continue
                column = by_field[name]
                if isinstance(value, Formula):
                    if column.kind != "money":
                        value = value.text
                    elif value.cached is None or isinstance(value.cached, str):
                        self._problem(line, written[name], t("imp.cell.formula_number", formula=value.text), file)
                        bad.setdefault(code or "", set()).add(sheet.name or "")
                        continue
                    else:
                        value = value.cached
                if column.kind == "money":
                    values[NESTED_FIELDS[name]] = parse_number(value, self.decimal)
                elif column.kind == "choice":
                    choice = self._choice(line, column, value, written[name], file)
                    if choice is not None:
                        values[NESTED_FIELDS[name]] = choice
                    elif _text(value) is not None:
                        bad.setdefault(code or "", set()).add(sheet.name or "")
                else:
                    values[NESTED_FIELDS[name]] = _text(value)
            rows.append((line, code, values))
        valid, problems = validate_rows(((line, values) for line, _, values in rows), model, file)
        nested_names = {v: k for k, v in NESTED_FIELDS.items()}
        for p in problems:
            field_name = (p.column or "").split(".")[0]
            self.problems.append(RowProblem(p.file, p.row, written.get(nested_names.get(field_name, ""), p.column),
                                            p.message))
        failed = {p.row for p in problems}
        valid_iter = iter(valid)
        for line, code, _ in rows:
            if line in failed:
                bad.setdefault(code or "", set()).add(sheet.name or "")
                continue
            item = next(valid_iter)
            if code is None:
                self._problem(line, written["line_proposal"], spanish_message({"type": "missing"}), file)
                continue
            items.setdefault(code, []).append(item)
        return items

    # -- the proposals

    def _rows(self, body: list[tuple[int, dict[str, Any]]], lines: dict[str, list[BudgetLine]] | None,
              indicators: dict[str, list[Indicator]] | None, nested_bad: dict[str, set[str]]) -> None:
        ctx, preview = self.ctx, self.preview
        codes: dict[str, list[int]] = {}
        for line, cells in body:
            code = _text(cells.get("proposal_id"))
            if code:
                codes.setdefault(code.lower(), []).append(line)
        seen_codes = set()
        prepared: list[tuple[int, dict[str, Any], PreviewRow]] = []
        for line, cells in body:
            before = len(self.problems)
            values = self._convert(line, cells)
            code = values.get("proposal_id")
            row = PreviewRow(line, code or _text(cells.get("proposal_id")), _text(cells.get("title")),
                             values.get("association_id") or _text(cells.get("association_id")),
                             values.get("cost_usd"))
            preview.rows.append(row)
            if code:
                seen_codes.add(code)
                repeated = codes.get(code.lower(), [])
                if len(repeated) > 1:
                    self._problem(line, self._column("proposal_id"),
                                  t("imp.cell.duplicate", code=code, rows=listing(str(r) for r in repeated)))
                if code in ctx.elsewhere:
                    self._problem(line, self._column("proposal_id"),
                                  t("imp.cell.other_parish", code=code, parish=ctx.elsewhere[code]))
            values = self._complete(line, values, code, lines, indicators)
            for sheet in sorted(nested_bad.get(code or "", ())):
                self._problem(line, self._column("proposal_id"), t("imp.cell.lines_invalid", sheet=sheet))
            prepared.append((line, values, row))
            row.action = "error" if len(self.problems) > before else "new"
        for code in (c for c in (lines or {}) if c not in seen_codes):
            self._orphans("imp.sheet.budget", code)
        for code in (c for c in (indicators or {}) if c not in seen_codes):
            self._orphans("imp.sheet.indicators", code)
        self._validate(prepared)

    def _orphans(self, key: str, code: str) -> None:
        sheet = _find_sheet(self.book, key)
        file = f"{self.preview.file} › {sheet.name}" if sheet else self.preview.file
        self.problems.append(RowProblem(file, None if sheet is None else self._first_line(sheet, code),
                                        t("imp.col.line_proposal"), t("imp.cell.line_orphan", code=code)))

    @staticmethod
    def _first_line(sheet: Sheet, code: str) -> int | None:
        for line, cells in sheet.rows:
            if any(_text(c) == code for c in cells):
                return line
        return None

    def _complete(self, line: int, values: dict[str, Any], code: str | None,
                  lines: dict[str, list[BudgetLine]] | None,
                  indicators: dict[str, list[Indicator]] | None) -> dict[str, Any]:
        """Fill what the file does not say: the parish, the nested sheets, status, provenance; and for an
        update, the fields of the stored proposal the file has no column for."""
        ctx = self.ctx
        values = dict(_blank_cells(values))
        values["parish_code"] = ctx.parish_code
        if lines is not None:
            values["budget_lines"] = lines.get(code or "", [])
        if indicators is not None:
            values["indicators"] = indicators.get(code or "", [])
        lead = values.get("association_id")
        if "association_ids" in values:
            ids = [a for a in dict.fromkeys(values["association_ids"])]
            if lead and lead not in ids:
                ids.insert(0, lead)
            elif lead:
                ids.remove(lead)
                ids.insert(0, lead)
            values["association_ids"] = ids or ([lead] if lead else [])
        existing = ctx.existing.get(code or "")
        status = values.pop("status", None)
        if existing is not None:
            stored = existing.item.model_dump()
            if "association_id" in values and "association_ids" not in values:
                stored["association_ids"] = [values["association_id"]] + [
                    a for a in stored["association_ids"] if a != values["association_id"]]
            merged = {**stored, **values, "status": existing.item.status,
                      "status_history": existing.item.status_history}
            if status is not None and status != existing.item.status:
                self.preview.notices.append(t("imp.notice.at", file=self.file, row=line, message=t(
                    "imp.cell.status_kept", current=label("proposal_status", existing.item.status.value))))
            return merged
        if status is not None and ProposalStatus(status) not in NEW_STATUSES:
            self._problem(line, self._column("status"),
                          t("imp.cell.status_new", value=label("proposal_status", status)))
            status = None
        values.setdefault("is_synthetic", False)
        if not values.get("source"):
            values["source"] = t("imp.source.imported", file=self.preview.file, date=fmt_date(ctx.today))
        if status == ProposalStatus.SUBMITTED:
            values["status"] = ProposalStatus.SUBMITTED
            values["status_history"] = [StatusChange(status=ProposalStatus.DRAFT),
                                        StatusChange(status=ProposalStatus.SUBMITTED, date=ctx.today)]
        return values

    def _validate(self, prepared: list[tuple[int, dict[str, Any], PreviewRow]]) -> None:
        ctx = self.ctx
        marked = {p.row for p in self.problems if p.file == self.file and p.row is not None}
        valid, problems = validate_rows(((line, values) for line, values, _ in prepared), Proposal, self.file)
        # An existing code the person did not ask to update is said once, as such: what the model finds
        # in the row merged with the stored proposal would only confuse.
        refused_update = {line for line, values, _ in prepared
                          if values.get("proposal_id") in ctx.existing and not self.preview.update_existing}
        failed = set()
        for p in problems:
            failed.add(p.row)
            if p.row in refused_update:
                continue
            top = (p.column or "").split(".")[0]
            column = self._column(top) if top in BY_FIELD else None
            if p.row in marked and column is not None and any(
                    q.row == p.row and q.column == column for q in self.problems):
                continue  # already said, in the person's words
            self.problems.append(RowProblem(p.file, p.row, column, self._words(p.message)))
        models = iter(valid)
        for line, values, row in prepared:
            proposal = None if line in failed else next(models)
            existing = ctx.existing.get(values.get("proposal_id") or "")
            same = (proposal is not None and existing is not None
                    and existing.item.model_dump(mode="json") == proposal.model_dump(mode="json"))
            if existing is not None and not same and not self.preview.update_existing:
                row.action = "error"
                self._problem(line, self._column("proposal_id"),
                              t("imp.cell.exists", code=existing.item.proposal_id, title=existing.item.title))
                continue
            if proposal is None or row.action == "error":
                row.action = "error"
                continue
            row.proposal = proposal
            if existing is None:
                row.action, row.expected_version = "new", ctx.deleted.get(proposal.proposal_id, 0)
            elif same:
                row.action, row.expected_version = "unchanged", existing.version
            else:
                row.action, row.expected_version = "update", existing.version
        self.problems.sort(key=lambda p: (p.file != self.file, p.file, p.row or 0))

    def _words(self, message: str) -> str:
        for name in _FIELD_WORDS:
            message = message.replace(name, f"«{self._column(name)}»")
        return message


# -- Saving ----------------------------------------------------------------------------------------------

class ImportRefused(Exception):
    """The preview does not allow saving as asked (Spanish message)."""


def save_import(store: Store, user: User | None, preview: ImportPreview, *, only_valid: bool = False) -> int:
    """Store the new and updated rows of a preview in one transaction; returns how many were stored.

    Refused (ImportRefused) when any row is wrong and `only_valid` is not set; PermissionDenied and
    ConflictError come from core.proposals.records / core.record.store and store nothing.
    """
    if preview.refused or (not preview.ok and not only_valid):
        raise ImportRefused(t("imp.refused.not_ok"))
    chosen = preview.to_save()
    if not chosen:
        if preview.count("unchanged"):
            return 0
        raise ImportRefused(t("imp.refused.nothing"))
    items = [r.proposal for r in chosen if r.proposal is not None]
    versions = {r.proposal.proposal_id: r.expected_version for r in chosen if r.proposal is not None}
    return records.import_proposals(store, user, items, expected_versions=versions)


# -- Files to download: the template and the demo proposals ----------------------------------------------

def _value_for_cell(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if column.kind in ("choice",):
        return label(column.family or "", value)
    if column.kind == "choice_list":
        return "; ".join(label(column.family or "", v) for v in value) or None
    if column.kind in ("text_list", "code_list", "target_list", "association_list"):
        return "; ".join(str(v) for v in value) or None
    if column.kind == "int_list":
        return "; ".join(str(v) for v in value) or None
    if column.kind == "bool":
        return t("value.yes") if value else t("value.no")
    if isinstance(value, (dt.date, ProposalStatus)):
        return value if isinstance(value, dt.date) else value.value
    return value


def proposal_cells(p: Proposal, associations: Mapping[str, str], columns: Sequence[Column] = COLUMNS) -> list[Any]:
    """One proposal as the cells of a proposals sheet row (the lead association by its name)."""
    data = p.model_dump()
    cells = []
    for column in columns:
        if column.field == "association_id":
            cells.append(associations.get(p.association_id, p.association_id))
        elif column.field == "parish_code":
            cells.append(p.parish_code)
        elif column.field == "status":
            cells.append(label("proposal_status", p.status.value))
        else:
            cells.append(_value_for_cell(column, data.get(column.field)))
    return cells


def _write_sheet(workbook, name: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *,
                 widths: Sequence[int] | None = None, money_columns: Sequence[int] = (),
                 wrap: bool = False) -> None:
    """Cells are written by type; text always as text (write_string), so '=…' never becomes a formula."""
    sheet = workbook.add_worksheet(name[:31])
    bold = workbook.add_format({"bold": True, "bg_color": "#E4EFE8", "border": 1, "text_wrap": True,
                                "valign": "top"})
    money = workbook.add_format({"num_format": "#,##0.00"})
    day = workbook.add_format({"num_format": "dd/mm/yyyy"})
    text_format = workbook.add_format({"text_wrap": True, "valign": "top"}) if wrap else None
    for col, header in enumerate(headers):
        sheet.write_string(0, col, header, bold)
        sheet.set_column(col, col, (widths[col] if widths and col < len(widths) else 18))
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, bool):
                sheet.write_string(r, c, t("value.yes") if value else t("value.no"))
            elif isinstance(value, (int, float)):
                sheet.write_number(r, c, value, money if c in money_columns else None)
            elif isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), day)
            elif text_format is not None:
                sheet.write_string(r, c, str(value), text_format)
            else:
                sheet.write_string(r, c, str(value))
    sheet.freeze_panes(1, 0)


def _workbook(proposals: Sequence[Proposal], associations: Mapping[str, str], *,
              ctx: ImportContext | None = None, with_help: bool = True) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    money_idx = [i for i, c in enumerate(COLUMNS) if c.kind == "money"]
    widths = [14 if c.kind in ("money", "int", "code", "choice", "date", "bool", "int_list") else 28 for c in COLUMNS]
    _write_sheet(workbook, t("imp.sheet.proposals"), [c.header for c in COLUMNS],
                 (proposal_cells(p, associations) for p in proposals), widths=widths, money_columns=money_idx)
    _write_sheet(workbook, t("imp.sheet.budget"), [t(f"imp.col.{c.field}") for c in LINE_COLUMNS],
                 ([p.proposal_id, line.item, line.amount_usd, label("funding_source", line.source)]
                  for p in proposals for line in p.budget_lines), widths=[18, 50, 14, 18], money_columns=[2])
    _write_sheet(workbook, t("imp.sheet.indicators"), [t(f"imp.col.{c.field}") for c in INDICATOR_COLUMNS],
                 ([p.proposal_id, i.name, i.baseline, i.target, i.means_of_verification]
                  for p in proposals for i in p.indicators), widths=[18, 40, 18, 18, 34])
    if with_help:
        _write_sheet(workbook, t("imp.sheet.help"), [t("imp.help.head.sheet"), t("imp.help.head.column"),
                                                     t("imp.help.head.required"), t("imp.help.head.what"),
                                                     t("imp.help.head.values")],
                     _help_rows(), widths=[14, 30, 12, 70, 70], wrap=True)
        if ctx is not None:
            _write_sheet(workbook, t("imp.sheet.codes"), [t("imp.codes.head.kind"), t("imp.codes.head.code"),
                                                          t("imp.codes.head.label")],
                         _code_rows(ctx), widths=[26, 24, 90], wrap=True)
    workbook.close()
    return buffer.getvalue()


def _help_rows() -> list[list[Any]]:
    required = ", ".join(f"«{c.header}»" for c in COLUMNS if c.required)
    rows: list[list[Any]] = [["", "", "", t("imp.help.rules", required=required), ""]]
    sheet = t("imp.sheet.proposals")
    for c in COLUMNS:
        what = {"int": "imp.help.int", "money": "imp.help.money", "date": "imp.help.date",
                "text_list": "imp.help.text_list", "choice": "imp.help.choice", "choice_list": "imp.help.choice_list",
                "bool": "imp.help.bool", "text": "imp.help.text"}.get(c.kind, "imp.help.text")
        specific = f"imp.help.{c.field}"
        text = t(specific) if specific in STRINGS else t(what)
        values = "; ".join(labels(c.family).values()) if c.family else ""
        if c.field == "status":
            values = "; ".join(label("proposal_status", s.value) for s in NEW_STATUSES)
        rows.append([sheet, c.header, t("value.yes") if c.required else t("value.no"), text, values])
    for key, columns in (("imp.sheet.budget", LINE_COLUMNS), ("imp.sheet.indicators", INDICATOR_COLUMNS)):
        for c in columns:
            text = t("imp.help.line_proposal") if c.field == "line_proposal" else t(
                "imp.help.money") if c.kind == "money" else t("imp.help.line_source") if c.kind == "choice" else t(
                "imp.help.text")
            values = "; ".join(labels(c.family).values()) if c.family else ""
            rows.append([t(key), t(f"imp.col.{c.field}"), t("value.yes") if c.required else t("value.no"), text,
                         values])
    return rows


def _code_rows(ctx: ImportContext) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for key, catalogue in (("imp.codes.associations", ctx.associations), ("imp.codes.pdot", ctx.pdot_objectives),
                           ("imp.codes.pnd", ctx.pnd_objectives), ("imp.codes.problems", ctx.problems),
                           ("imp.codes.competences", ctx.competences), ("imp.codes.offers", ctx.offers)):
        for code, text in (catalogue or {}).items():
            rows.append([t(key), code, text])
    return rows


def example_proposal(ctx: ImportContext | None = None) -> Proposal:
    """The template's example row: valid against `ctx` when given (its first association and PDOT objective)."""
    association = next(iter(ctx.associations), "A01") if ctx and ctx.associations else "A01"
    pdot = next(iter(ctx.pdot_objectives or {}), None) if ctx else None
    competence = "productive_environment" if not ctx or not ctx.competences or \
        "productive_environment" in ctx.competences else next(iter(ctx.competences))
    code = "P-EJEMPLO-01"
    return Proposal(
        proposal_id=code, association_id=association, parish_code=ctx.parish_code if ctx else "010170",
        title=t("imp.example.title"), summary=t("imp.example.summary"),
        problem="Las familias riegan a mano y pierden la cosecha en el verano.",
        general_objective="Asegurar agua para los huertos familiares todo el año.",
        specific_objectives=["Instalar riego por goteo en 20 huertos", "Capacitar a las familias en su uso"],
        direct_beneficiaries=20, women_beneficiaries=12, youth_beneficiaries=3, families=20,
        location="Comunidad de ejemplo", duration_months=6, cost_usd=5000, requested_usd=4000,
        counterpart_associations_usd=1000,
        budget_lines=[BudgetLine(item=t("imp.example.line1"), amount_usd=4000, source="gad"),
                      BudgetLine(item=t("imp.example.line2"), amount_usd=1000, source="associations")],
        indicators=[Indicator(name=t("imp.example.indicator"), baseline="0", target="20",
                              means_of_verification=t("imp.example.verification"))],
        project_manager="Presidenta de la asociación",
        pdot_objective_ids=[pdot] if pdot else [], sdg_goals=[2, 6], sdg_targets=["2.3"],
        needs=["water_systems"], themes=["agriculture"], support_kind="equipment", competence_code=competence,
        status=ProposalStatus.DRAFT, source="Ejemplo de la plantilla de Minga",
    )


def template_xlsx(ctx: ImportContext | None = None) -> bytes:
    """The Excel template: Spanish headers and one example row on «Propuestas», example lines on «Presupuesto»
    and «Indicadores», every column explained on «Instrucciones» and, with a context, the parish's codes
    (associations, PDOT, PND, problems, competences, offers) on «Códigos»."""
    associations = dict(ctx.associations) if ctx else {}
    return _workbook([example_proposal(ctx)], associations, ctx=ctx)


def demo_proposals(con: duckdb.DuckDBPyConnection, parish_code: str = "010170") -> list[Proposal]:
    """The demo proposals of the built data (the `proposals` view), as models."""
    frame = query(con, "SELECT * FROM proposals WHERE parish_code = ? ORDER BY proposal_id", [parish_code])
    fields = [c for c in Proposal.model_fields if c in frame.columns]
    return [Proposal.model_validate(row) for row in frame.select(fields).to_dicts()]


def demo_import_file(con: duckdb.DuckDBPyConnection, parish_code: str = "010170") -> bytes:
    """The demo proposals of the parish as a file a planner would import (made now from the built data)."""
    associations = dict(query(con, "SELECT association_id, name FROM associations WHERE parish_code = ?",
                              [parish_code]).iter_rows())
    return _workbook(demo_proposals(con, parish_code), associations)
