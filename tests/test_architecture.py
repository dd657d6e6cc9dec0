"""docs/arquitectura.md stays true: every page is in its table, every module, view and source file it names
exists, core/ draws nothing (no Streamlit, no Altair, no ui/), and no module outside core/texts/ passes 400
lines."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "arquitectura.md"
LIMIT = 400
EVERY_PAGE = {"core.texts", "core.fmt"}  # the catalogue and the es-EC formats: the doc says every page uses them


def page_table() -> dict[str, dict[str, list[str]]]:
    """The doc's page table: page file → column (ui, core, views, sources) → the names in backticks."""
    section = DOC.read_text(encoding="utf-8").split("## Cada página", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        if not line.startswith("| `"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        assert len(cells) == 5, f"a row of the page table has {len(cells)} columns: {line}"
        names = [re.findall(r"`([^`]+)`", c) for c in cells]
        rows[names[0][0]] = dict(zip(("ui", "core", "views", "sources"), names[1:], strict=True))
    return rows


def module_file(dotted: str) -> Path | None:
    """The file of a dotted module name (a package's __init__.py), None when there is none."""
    path = ROOT.joinpath(*dotted.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    """The modules a file imports; `from core.data import geo` counts as core.data.geo (a module of the repo)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            submodules = {f"{node.module}.{a.name}" for a in node.names} if node.module.split(".")[0] in (
                "core", "ui") else set()
            found = {m for m in submodules if module_file(m) is not None}
            names.update(found or {node.module})
    return names


def test_every_page_is_in_the_table_and_every_row_is_a_page():
    listed = set(page_table())
    pages = {p.name for p in (ROOT / "pages").glob("*.py")}
    assert pages - listed == set(), "pages missing from docs/arquitectura.md"
    assert listed - pages == set(), "rows of docs/arquitectura.md for pages that do not exist"


@pytest.mark.parametrize("page", sorted(page_table()))
def test_what_the_table_names_for_a_page_exists(page):
    row = page_table()[page]
    assert row["ui"] and row["core"], f"{page}: the ui and core columns are empty"
    assert [m for m in row["ui"] if not (ROOT / "ui" / f"{m}.py").is_file()] == []
    assert [m for m in row["core"] if module_file(m) is None] == []
    views = {p.stem for p in (ROOT / "sql").rglob("*.sql")}
    assert [v for v in row["views"] if v not in views] == []
    assert [s for s in row["sources"] if not (ROOT / "data" / "sources" / s).is_file()] == []


@pytest.mark.parametrize("page", sorted(page_table()))
def test_a_page_imports_only_what_its_row_names(page):
    """The table is the map, not a wish list: each ui helper and core module the page imports is in its row."""
    row = page_table()[page]
    imported = imported_modules(ROOT / "pages" / page)
    from_core = {m for m in imported if m.startswith("core.") and m not in EVERY_PAGE}
    parent_named = {m for m in from_core if any(m == c or m.startswith(c + ".") for c in row["core"])}
    missing_core = sorted(m for m in from_core - parent_named if module_file(m) is not None)
    assert missing_core == [], f"{page} imports core modules its row does not name"
    ui_used = {m.split(".")[1] for m in imported if m.startswith("ui.")}
    assert ui_used - set(row["ui"]) == set(), f"{page} uses ui helpers its row does not name"


def test_every_path_and_module_the_doc_names_exists():
    text = DOC.read_text(encoding="utf-8")
    for name in re.findall(r"`([^`\s]+)`", text):
        if re.fullmatch(r"(core|ui|pages|sql|tests|bench|docs|data)/[\w/.-]+\.(py|sql|md|csv|json|geojson)", name):
            assert (ROOT / name).is_file() or (ROOT / "data" / "sources" / name).is_file(), name
        elif re.fullmatch(r"(core|ui)(\.\w+)+", name):
            parts = name.split(".")
            # a module, or a name defined in one (core.proposals.alignment.matrix)
            assert module_file(name) is not None or module_file(".".join(parts[:-1])) is not None, name


def test_the_tree_names_every_package_and_module_at_the_top_of_core():
    tree = DOC.read_text(encoding="utf-8").split("```", 2)[1]
    named = set(re.findall(r"── ([\w.]+?)/?\s", tree))
    present = {p.name for p in (ROOT / "core").iterdir()
               if (p.is_dir() and (p / "__init__.py").exists()) or (p.suffix == ".py" and p.name != "__init__.py")}
    assert present - named == set(), "core/ has packages or modules the tree does not show"
    assert named - present == set(), "the tree shows packages or modules core/ does not have"


@pytest.mark.parametrize("path", python_files("core"), ids=lambda p: str(p.relative_to(ROOT)))
def test_core_draws_nothing(path):
    relative = str(path.relative_to(ROOT))
    drawing = {m for m in imported_modules(path) if m.split(".")[0] in ("streamlit", "altair", "ui")}
    assert drawing == set(), f"{relative} imports {sorted(drawing)}"


@pytest.mark.parametrize("path", [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_page_relies_on_streamlit_magic(path):
    """.streamlit/config.toml turns magic off: a bare expression (a name, a value, a string past the docstring)
    would silently show nothing. Pages call st.* to draw."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bare = []
    for parent in ast.walk(tree):
        body = getattr(parent, "body", None)
        for i, node in enumerate(body if isinstance(body, list) else []):
            if not isinstance(node, ast.Expr) or isinstance(node.value, (ast.Call, ast.Await, ast.Yield)):
                continue
            docstring = i == 0 and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
            if not docstring:
                bare.append(node.lineno)
    assert bare == [], f"{path.name}: bare expressions at lines {bare}"
    assert re.search(r"(?m)^magicEnabled = false$", (ROOT / ".streamlit" / "config.toml").read_text())


def _choosers_without_placeholder(path: Path) -> list[int]:
    """Lines of multiselects and selectboxes drawn without a placeholder. A selectbox with a value shows its
    placeholder too: when a person clears its text to search (the parish selector), and to screen readers."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        keywords = {k.arg: k.value for k in node.keywords}
        if "placeholder" not in keywords and node.func.attr in ("multiselect", "selectbox"):
            lines.append(node.lineno)
    return lines


def test_every_empty_chooser_says_what_to_do_in_spanish():
    """A multiselect or selectbox shows Streamlit's English («Choose options», «Choose an option») when empty or
    cleared to search, unless it is given a placeholder."""
    missing = {str(p.relative_to(ROOT)): lines for p in python_files("ui", "pages")
               if (lines := _choosers_without_placeholder(p))}
    assert missing == {}


def _new_row_cells_without_default(path: Path) -> list[int]:
    """Lines of a text, choice or number column, in a table people add rows to, with no value for a new row."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "data_editor"
                and any(k.arg == "num_rows" and isinstance(k.value, ast.Constant) and k.value.value == "dynamic"
                        for k in node.keywords)):
            continue
        lines += [column.lineno for column in ast.walk(node)
                  if isinstance(column, ast.Call) and isinstance(column.func, ast.Attribute)
                  and column.func.attr in ("TextColumn", "SelectboxColumn", "NumberColumn")
                  and not any(k.arg == "default" for k in column.keywords)]
    return lines


def test_a_row_people_add_to_a_table_reads_blank_not_none():
    """In an editable table, a new row's empty text or choice cell reads «None» (Streamlit's word for a missing
    value): each such column gives new rows a value of its own (blank text, or a choice that means none)."""
    missing = {str(p.relative_to(ROOT)): lines for p in python_files("ui", "pages")
               if (lines := _new_row_cells_without_default(p))}
    assert missing == {}


def _direct_uploaders(path: Path) -> list[int]:
    """Lines that call a `file_uploader` other than ui.upload's (imported as `upload_field`)."""
    return [node.lineno for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "file_uploader"
            and not (isinstance(node.func.value, ast.Name) and node.func.value.id == "upload_field")]


def test_every_uploader_is_drawn_by_ui_upload():
    """Streamlit's uploader writes its button and limits in English; `ui.upload.file_uploader` draws them in
    Spanish, so no page or helper calls Streamlit's own (st., a column's or the sidebar's)."""
    direct = {str(p.relative_to(ROOT)): lines for p in python_files("ui", "pages") + [ROOT / "app.py"]
              if p != ROOT / "ui" / "upload.py" and (lines := _direct_uploaders(p))}
    assert direct == {}


def test_no_module_passes_400_lines_outside_the_catalogue():
    """Every module of the repository (the application, its tests, benchmarks and scripts); the Spanish catalogue
    core/texts/ may be long."""
    over = {}
    for path in python_files("core", "ui", "pages", "bench", "scripts", "tests") + [ROOT / "app.py"]:
        relative = str(path.relative_to(ROOT))
        if relative.startswith("core/texts/"):
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > LIMIT:
            over[relative] = lines
    assert over == {}


def pinned(requirements: Path) -> set[str]:
    """The distributions a compiled requirements file pins (names normalized as packaging does)."""
    names = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", requirements.read_text(encoding="utf-8"), re.MULTILINE)
    return {re.sub(r"[-_.]+", "-", n).lower() for n in names}


def test_what_the_app_imports_is_installed_by_make_run():
    """`make run` installs requirements.txt only: every third-party module that the app's code imports (core, ui,
    pages, scripts, app.py) must come from a distribution pinned there, or a page fails on a fresh machine (the
    acta's reader, pypdf, once came only with the test tools)."""
    import sys
    from importlib.metadata import packages_distributions

    providers = packages_distributions()
    app = pinned(ROOT / "requirements.txt")
    missing = {}
    for path in python_files("core", "ui", "pages", "scripts") + [ROOT / "app.py"]:
        for module in imported_modules(path):
            top = module.split(".")[0]
            if top in sys.stdlib_module_names or top in ("core", "ui", "pages", "tests", "bench"):
                continue
            if not {re.sub(r"[-_.]+", "-", d).lower() for d in providers.get(top, [])} & app:
                missing.setdefault(top, str(path.relative_to(ROOT)))
    assert missing == {}
