"""The columns a proposals file may have, and finding them in a sheet: headers matched by alias.

Headers are Spanish, in any order, matched without regard to case, accents or a unit in brackets
(`HEADER_ALIASES`; the budget and indicator sheets have `LINE_ALIASES` and `INDICATOR_ALIASES`). The header row
is the first of the first `HEADER_SCAN_ROWS` non-blank rows that names at least two known columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from core.data.validation import RowProblem, check_columns
from core.proposals.import_cells import cell_text, is_blank, normalise
from core.proposals.import_files import HEADER_SCAN_ROWS, Book, Sheet
from core.proposals.models import Proposal, ProposalStatus
from core.texts import t

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
    # Not required when the file has a counterpart column: then it is the cost minus the counterparts.
    Column("requested_usd", "money", ("monto solicitado", "monto solicitado al gad", "solicitado al gad",
                                      "aporte gad", "aporte del gad", "monto gad", "solicitado")),
    Column("counterpart_associations_usd", "money", ("aporte de las asociaciones", "aporte asociaciones",
                                                     "contraparte asociaciones", "aporte de la asociacion",
                                                     "aporte comunitario", "aporte de la comunidad",
                                                     "contraparte comunitaria", "contribucion comunitaria",
                                                     "contribucion de la comunidad", "aporte local")),
    Column("counterpart_cooperant_usd", "money", ("aporte del cooperante", "aporte cooperante",
                                                  "contraparte cooperante", "aporte de cooperacion")),
    Column("counterpart_other_usd", "money", ("otros aportes", "aporte otros", "contraparte otros")),
    Column("cooperant_name", "text", ("cooperante", "nombre del cooperante")),
    Column("cooperation_offer_id", "code", ("oferta de cooperacion", "oferta", "codigo oferta",
                                            "codigo de la oferta")),
    Column("sustainability", "text", ("sostenibilidad",)),
    Column("risks", "text_list", ("riesgos",)),
    Column("project_manager", "text", ("responsable del proyecto", "responsable")),
    # the other parts of the national planning format (core.proposals.formulation)
    Column("background", "text", ("antecedentes",)),
    Column("justification", "text", ("justificacion",)),
    Column("execution_strategy", "text", ("estrategias de ejecucion", "estrategia de ejecucion", "estrategias")),
    Column("benefits", "text", ("beneficios",)),
    Column("financial_evaluation", "text", ("evaluacion economica o financiera", "evaluacion financiera",
                                            "evaluacion economica")),
    Column("monitoring_plan", "text", ("plan de seguimiento y evaluacion", "seguimiento y evaluacion")),
    Column("environmental_considerations", "text", ("consideraciones ambientales",)),
    Column("gender_considerations", "text", ("consideraciones de genero",)),
    Column("pdot_objective_ids", "code_list", ("objetivos pdot", "pdot", "objetivos del pdot", "objetivo pdot")),
    Column("sdg_goals", "int_list", ("ods", "objetivos ods", "ods vinculados")),
    Column("sdg_targets", "target_list", ("metas ods", "metas", "metas de los ods")),
    Column("pnd_objective_ids", "code_list", ("objetivos pnd", "pnd", "objetivos del pnd", "objetivo pnd")),
    Column("problem_ids", "code_list", ("problemas que atiende", "problemas", "problemas priorizados")),
    Column("needs", "choice_list", ("necesidades", "necesidades que atiende"), family="proposal_need"),
    Column("themes", "choice_list", ("temas", "areas tematicas", "area tematica"), family="theme"),
    # Optional: a proposal without it is stored incomplete, to be completed on Propuestas.
    Column("support_kind", "choice", ("tipo de apoyo", "tipo", "clase de apoyo"), family="support_kind"),
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
COUNTERPARTS = ("counterpart_associations_usd", "counterpart_cooperant_usd", "counterpart_other_usd")


def _alias_table(columns: Iterable[Column]) -> dict[str, str]:
    table: dict[str, str] = {}
    for column in columns:
        for name in (column.field, column.header, *column.aliases):
            table.setdefault(normalise(name), column.field)
    return table


HEADER_ALIASES: dict[str, str] = _alias_table(COLUMNS)
LINE_ALIASES: dict[str, str] = _alias_table(LINE_COLUMNS)
INDICATOR_ALIASES: dict[str, str] = _alias_table(INDICATOR_COLUMNS)


@dataclass
class Header:
    """The header row of a sheet: where each known column is, as the person wrote it, and what was not known."""

    line: int
    fields: dict[str, int]  # field → cell index
    written: dict[str, str]  # field → the header as the person wrote it
    ignored: list[str]


def find_header(sheet: Sheet, aliases: Mapping[str, str], required: Sequence[str], file: str,
                 problems: list[RowProblem]) -> Header | None:
    """The header row: among the first rows, the first that names at least two known columns."""
    best = None
    for line, cells in [r for r in sheet.rows if any(not is_blank(c) for c in r[1])][:HEADER_SCAN_ROWS]:
        known = [normalise(cell_text(c) or "") in aliases for c in cells]
        if sum(known) >= 2:
            best = (line, cells)
            break
    if best is None:
        example = ", ".join(f"«{BY_FIELD[f].header if f in BY_FIELD else t('imp.col.' + f)}»" for f in required)
        problems.append(RowProblem(file, None, None, t("imp.file.no_header", example=example)))
        return None
    line, cells = best
    header = Header(line, {}, {}, [])
    for index, cell in enumerate(cells):
        written = cell_text(cell)
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


def missing_columns(header: Header, file: str) -> list[RowProblem]:
    """Required columns absent from the header (core.data.validation.check_columns over the Proposal model; the
    parish is not asked of the file, it is the one chosen in Minga), named as the template names them. The amount
    requested of the GAD may be left out when the file has the total cost and a counterpart to derive it from."""
    present = [*header.fields, "parish_code"]
    if "cost_usd" in header.fields and any(c in header.fields for c in COUNTERPARTS):
        present.append("requested_usd")
    return [RowProblem(p.file, header.line, BY_FIELD[p.column].header, t("imp.header.missing"))
            for p in check_columns(present, Proposal, file)]


def blank_cells(values: Mapping[str, Any]) -> Iterable[tuple[str, Any]]:
    """A blank cell of a required column is left out (the model then says «falta el valor (es obligatorio)»);
    a blank cell of another column takes the field's default (for an update: it clears the field)."""
    for name, value in values.items():
        if name == "parish_code":
            continue
        if value is not None:
            yield name, value
        elif not Proposal.model_fields[name].is_required():
            yield name, Proposal.model_fields[name].get_default(call_default_factory=True)


def row_cells(cells: list[Any], header: Header) -> dict[str, Any]:
    """A row's cells by field (a short row reads as blank at its end)."""
    return {f: (cells[i] if i < len(cells) else None) for f, i in header.fields.items()}


def find_sheet(book: Book, key: str) -> Sheet | None:
    """The sheet named as the catalogue key names it (any case or accents), None when the book lacks it."""
    wanted = normalise(t(key))
    return next((s for s in book.sheets if s.name is not None and normalise(s.name) == wanted), None)
