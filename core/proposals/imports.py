"""Import proposals from the planner's own files, with a preview before anything is stored.

The steps live in their own modules: `import_files` (bytes → sheets of cells), `import_cells` (a cell → a
value), `import_columns` (headers and aliases), `import_values` and `import_reader` (rows → a preview),
`import_preview` (the context and the preview's shape), `import_templates` (the template and the demo file).
This module is the entry the page calls: `preview_import`, then `save_import`.

What a file may be:
- a workbook (.xlsx): the proposals on a sheet called «Propuestas» (or the first sheet), and optionally
  the budget lines on «Presupuesto» and the indicators on «Indicadores» (one row per line, tied to the
  proposal by its code); other sheets («Instrucciones», «Códigos») are ignored;
- a CSV (.csv): `;`, `,` or tab separated, in the encodings Excel writes; numbers with comma or dot
  decimals («1.234,56», «1,234.56», «1234,5»), decided from the values that are not ambiguous: per column when
  its own values settle it, else once for the file («1.500» is fifteen hundred in an es-EC `;` file).

The planner's own file as it comes: «Monto solicitado al GAD» may be left out when the file has the total cost
and a counterpart (it is derived, and the row says so; amounts that contradict each other are a problem at the
requested column, `import_amounts`); «Tipo de apoyo» may be missing (the proposal is stored incomplete and
screening keeps it out until completed); an association named but not registered is offered for creation, or
the closest registered name, and its rows stay out until the planner chooses (`import_associations`). Each row
carries the warnings of what will keep it out of the budget (`core.proposals.readiness`).

Headers are Spanish, in any order, matched without regard to case, accents or a unit in brackets
(`import_columns.HEADER_ALIASES`). Every problem is a `core.data.validation.RowProblem` naming the file (and
sheet), the row as the person sees it in Excel, the column as written in *their* header, and a Spanish message;
row validation reuses `core.data.validation` so the messages read like those of the data build.

Safety: cells are read as values, never evaluated. A text cell that looks like a formula (`=`, `+`, `-`,
`@`) or holds HTML is kept as plain text (pages show it with st.dataframe / escaped, exports neutralise
it). A formula cell of a workbook counts only through the value Excel cached for it; in a number column
a formula without a cached value is refused, in a text column the formula's text is kept as text. Files
too big, too long or not a spreadsheet are refused with a message before any row is read (`import_files`).

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

from collections.abc import Mapping

from core.data import rural
from core.data.validation import RowProblem
from core.parish import records as parish_records
from core.parish.records import ParishBatch
from core.proposals import records
from core.proposals.import_associations import AssociationChoice, to_create
from core.proposals.import_cells import normalise
from core.proposals.import_columns import find_sheet
from core.proposals.import_files import FileRefused, read_book
from core.proposals.import_preview import ImportContext, ImportPreview
from core.proposals.import_reader import ProposalsReader
from core.record.auth import User
from core.record.store import Store
from core.texts import t


def preview_import(data: bytes, filename: str, ctx: ImportContext, *, update_existing: bool = False,
                   choices: Mapping[str, AssociationChoice] | None = None) -> ImportPreview:
    """Read a file of proposals and say, row by row, what importing it would do. Stores nothing.

    `choices` answers, per unregistered association name (normalised), what to do with it; the rows of a
    name not answered are left out (`preview.unregistered` lists the names to answer).
    """
    preview = ImportPreview(filename or t("imp.file.default_name"), update_existing=update_existing,
                            choices=dict(choices or {}))
    if (seat := rural.refusal(ctx.parish_code)) is not None:  # said before the file is read: nothing can be stored
        preview.problems.append(RowProblem(preview.file, None, None, seat))
        return preview
    try:
        book = read_book(data, preview.file)
    except FileRefused as refused:
        preview.problems.extend(refused.problems)
        return preview
    preview.notices.extend(book.notices)
    main = find_sheet(book, "imp.sheet.proposals")
    side = {normalise(t(k)) for k in ("imp.sheet.budget", "imp.sheet.indicators", "imp.sheet.help",
                                      "imp.sheet.codes")}
    if main is None:
        main = next((s for s in book.sheets if s.name is None or normalise(s.name) not in side), None)
    if main is None:
        preview.problems.append(RowProblem(preview.file, None, None, t("imp.file.no_sheet")))
        return preview
    file = preview.file if book.kind == "csv" or len(book.sheets) == 1 else f"{preview.file} › {main.name}"
    preview.sheet_file = file
    ProposalsReader(preview, book, main, file, ctx).run()
    return preview


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
    seat = next((s for r in chosen if r.proposal is not None and (s := rural.refusal(r.proposal.parish_code))), None)
    if seat is not None:
        raise ImportRefused(seat)
    if not chosen:
        if preview.count("unchanged"):
            return 0
        raise ImportRefused(t("imp.refused.nothing"))
    items = [r.proposal for r in chosen if r.proposal is not None]
    versions = {r.proposal.proposal_id: r.expected_version for r in chosen if r.proposal is not None}
    used = {a for p in items for a in p.association_ids}
    created = [a for a in to_create(items[0].parish_code, preview.unregistered) if a.association_id in used] \
        if items else []
    associations = parish_records.checked_changes(
        store, user, ParishBatch(created[0].parish_code, associations=created)) if created else []
    return records.import_proposals(store, user, items, expected_versions=versions, before=associations)
