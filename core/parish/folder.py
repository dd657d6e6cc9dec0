"""A folder of a parish's files: the empty templates, and reading them all for one bulk load.

File names say what a file holds: `asociaciones`, `encuesta` (the KoBoToolbox or ODK Central
export), `ayudas`, `problemas`, `objetivos_pdot`, each `.csv` or `.xlsx`; a name that starts with one of them or
holds it as a word counts too (`encuesta_export.xlsx`, `Ayudas 2024.csv`: core.parish.names). The form itself
(`encuesta_asociaciones.xlsx`) may sit in the folder and is not read as data, nor are the files a computer
leaves beside the data (`is_left_by_the_system`); an Excel lock file gets a note: its workbook is open.
"""

from __future__ import annotations

from pathlib import Path

from core.data.validation import RowProblem
from core.fmt import listing
from core.parish.form import FORM_PATH, form_xlsx
from core.parish.models import global_id
from core.parish.names import PART_NAMES, claimed
from core.parish.records import ParishBatch, association_index, surveyed
from core.parish.survey import read_survey
from core.parish.tables import PARTS, TABLE_PARTS, Context, read_part, template_csv
from core.record.store import Store
from core.texts import t

EXTENSIONS = (".csv", ".xlsx")
LOAD_ORDER = PART_NAMES
SYSTEM_FILES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini"})  # Windows' caches of a folder's view
EXCEL_LOCK = "~$"  # Excel's owner file, there while a workbook is open


def is_left_by_the_system(name: str) -> bool:
    """A hidden file (.DS_Store, LibreOffice's .~lock.…#), an Office lock or temporary file (~$…, ~…) or a folder
    cache (Thumbs.db, desktop.ini): never a parish's data."""
    return name.startswith((".", "~")) or name.lower() in SYSTEM_FILES


def write_templates(folder: Path) -> tuple[list[Path], list[Path]]:
    """The empty templates of every part, and the survey form, written into `folder` (created when missing):
    (written, kept). A file already there is kept as it is: it may be a template someone has filled in."""
    folder.mkdir(parents=True, exist_ok=True)
    written, kept = [], []
    files = [(folder / f"{name}.csv", lambda name=name: template_csv(PARTS[name])) for name in TABLE_PARTS]
    for path, content in [*files, (folder / FORM_PATH.name, form_xlsx)]:
        if path.exists():
            kept.append(path)
            continue
        path.write_bytes(content())
        written.append(path)
    return written, kept


def read_folder(folder: Path, parish_code: str, store: Store) -> tuple[ParishBatch, list[RowProblem], list[str]]:
    """Every file of the folder read for the parish; the batch to store, every problem found and the notes for
    the person (what was ignored)."""
    batch = ParishBatch(parish_code)
    problems: list[RowProblem] = []
    notices: list[str] = []
    files: dict[str, Path] = {}
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        if path.name.startswith(EXCEL_LOCK):
            notices.append(t("parish.note.open_workbook", name=path.name))
        if path.name == FORM_PATH.name or is_left_by_the_system(path.name):
            continue
        parts = claimed(path.name) if path.suffix.lower() in EXTENSIONS else ()
        if len(parts) > 1:
            problems.append(RowProblem(path.name, None, None, t("parish.err.name_two_parts", parts=listing(
                f"«{part}»" for part in parts))))
        elif not parts:
            problems.append(RowProblem(path.name, None, None, t("parish.err.unknown_file",
                                                                names=", ".join(LOAD_ORDER))))
        elif parts[0] in files:
            problems.append(RowProblem(path.name, None, None, t("parish.err.two_files", other=files[parts[0]].name,
                                                                part=f"«{t(f'prep.tab.{parts[0]}')}»")))
        else:
            files[parts[0]] = path
    if not files and not problems:
        problems.append(RowProblem(str(folder), None, None, t("parish.err.empty_folder", names=", ".join(LOAD_ORDER))))
    refused: list[dict[str, str | None]] = []  # associations refused in this load: not told again by aid or answers
    survey_read = True  # a survey file with a problem: its refused answers' members are not told unknown by aid
    for stem in LOAD_ORDER:
        if stem not in files:
            continue
        path = files[stem]
        index = association_index(store, parish_code, batch.associations).hold(parish_code, refused)
        if stem == "encuesta":
            preview = read_survey(path.read_bytes(), path.name, parish_code, index)
            survey_read = not preview.problems
        else:
            members = surveyed(store, parish_code, batch.answers) if survey_read else None
            preview = read_part(path.read_bytes(), path.name, PARTS[stem], Context(parish_code, index, members=members))
        problems.extend(preview.problems)
        notices.extend(preview.notices)
        if stem == "asociaciones":
            refused = preview.refused
            batch.refused_associations = frozenset(global_id(parish_code, row["code"]) for row in refused
                                                   if row.get("code"))
        batch.add(stem, preview.items, preview.left_out)
    return batch, problems, notices
