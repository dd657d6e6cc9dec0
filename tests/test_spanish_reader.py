"""A Spanish reader walks every page and the acta: no code names, «None», «nan», «True»/«False» or English
words Minga controls reach the screen, and every chart formats numbers the es-EC way.

Each page is opened (AppTest) for El Valle as the public, a planner and a board member; every text a person
reads is collected (titles, markdown, captions, messages, metrics, widget labels/options/help, tab and expander
labels, table headers and cells, download labels, and the charts' titles, axis/legend/tooltip titles and the
values they draw) and searched for leaks. Amounts in tables and metrics are also read for US digits («1,500.00»,
«1500.00»): es-EC groups thousands with «.» and marks decimals with «,».
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from core.record import acta
from core.record.auth import Role, User
from core.record.decision_models import Attendee
from core.record.decisions import record
from core.record.store import Store
from core.texts import LABELS
from tests.conftest import APP, open_app_page, store_accounts
from tests.test_app import PUBLIC_PAGES

PAGES = sorted(f"pages/{p.name}" for p in (Path(APP).parent / "pages").glob("*.py"))
EL_VALLE = "010170"
PLANNER = User(username="tecnica-lectora", display_name="Técnica lectora", role=Role.PLANNER)
BOARD = User(username="vocal-lectora", display_name="Vocal lectora", role=Role.BOARD)
ADMIN = User(username="admin-lectora", display_name="Administración lectora", role=Role.ADMIN)

# Words a Python or pandas value turns into when nobody labelled it.
RAW_VALUES = re.compile(r"\b(None|nan|NaN|NaT|null|True|False|true|false|undefined)\b")
# snake_case identifiers: column names, codes and keys (is_synthetic, pdot_links, health_services, ...), and raw PND codes.
CODE_NAME = re.compile(r"\b(?:[a-z][a-z0-9]*(?:_[a-z0-9]+)+|PND_\d{4}_\d{4}-\d{1,2})\b")
# English words Minga's own code produces (solver statuses, method and status codes).
ENGLISH = {"Optimal", "optimal", "Infeasible", "infeasible", "Feasible", "feasible", "Unbounded", "greedy",
           "equal_split", "Error", "error:", "Warning", "proposal", "proposals", "budget", "score", "weights",
           "funded", "submitted", "approved", "rejected", "draft", "open", "closed", "planner", "board",
           "admin", "observer",
           "column"}  # a source's note about its own table («(column "Valor oficial")»), shown in Territorio
# Tokens that look like leaks but are Spanish, acronyms or proper names people use.
ALLOWED = {"PDOT", "ODS", "PND", "MAG", "RUC", "GAD", "INEC", "DPA", "CSV", "PDF", "USD", "ONG", "IATI",
           "admin"}  # the administrator's user name shown to sign in

# Codes of every label family the catalogue translates: shown raw, each is a leak.
CODES = {code for family in LABELS.values() for code, text in family.items()
         if code.isascii() and code.isalpha() and code.islower() and code != text.lower() and len(code) > 3
         and code not in {"bilateral", "multilateral", "cultural", "horizontal", "individual", "datos", "juicio",
                          "senplades"}}  # Spanish words too


# An amount written the US way: grouped with commas before a decimal point («1,500.00») or in two groups or more
# («1,234,567»), or with a decimal point: two decimals («1500.00», «0.50»), four digits before it («1500.5») or a
# percentage («12.5 %»). es-EC «1.500,00» has three digits after each point; «103,703» is es-EC too (three
# decimals); codes («010150»), years and section numbers («6.1 general») are not amounts.
US_NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:(?:,\d{3})+\.\d+|(?:,\d{3}){2,})(?![\d,])"
                       r"|\d+\.\d{2}(?![\d.])|\d{4,}\.\d(?![\d.])|\d+\.\d(?=\s?%))")
# The SDG targets a text names («metas 2.3 y 12.3»): the UN's codes, not amounts.
SDG_TARGETS = re.compile(r"\b(?i:metas?)(?:(?:\s*,\s*|\s+y\s+|\s+)\d{1,2}\.[\da-z]{1,2}\b)+")
# Streamlit's own number formats for a table column: each writes a decimal point or English grouping.
US_COLUMN_FORMATS = {"plain", "localized", "dollar", "euro", "yen", "accounting", "percent", "compact"}

# Text that is not Minga's words: icons (:material/name:), file paths and web addresses, and the names of the
# archived mirrors that source citations quote.
NOT_WORDS = re.compile(r":material/\w+:|\S*/\S*|\bwikipedia_\w+")


def leaks(text: str) -> set[str]:
    """The tokens of `text` a Spanish reader should never see."""
    text = NOT_WORDS.sub(" ", text)
    words = set(re.findall(r"[\w:-]+", text))  # hyphenated names (open-sdg) are one word
    found = set(RAW_VALUES.findall(text)) | set(CODE_NAME.findall(text))
    found |= {w for w in words if w in ENGLISH or w in CODES}
    return found - ALLOWED


def shows_a_decimal_point(field) -> bool:
    """Whether a number input draws fixed decimals after a point («%.2f»; Streamlit's default for a float is
    «%0.2f»): «40000.00», «12.5»."""
    return re.search(r"%[-+ 0#]*\d*\.\d*[1-9]f", field.proto.format or "") is not None


def number_leaks(text: str) -> set[str]:
    """The amounts in `text` written with US digits."""
    return set(US_NUMBER.findall(SDG_TARGETS.sub(" ", text)))


def table_number_leaks(app) -> Iterator[tuple[str, str]]:
    """(column, what) for every table column that draws an amount with US digits: a string cell written so,
    a fractional number left to Streamlit's default (a decimal point), or a number format of Streamlit's
    (printf «%.2f», «dollar», ...)."""
    for frame in app.dataframe:
        table = frame.value
        configured = json.loads(frame.proto.columns or "{}")
        for column in table.columns:
            number_format = ((configured.get(str(column)) or {}).get("type_config") or {}).get("format")
            if number_format in US_COLUMN_FORMATS or re.search(r"%[^%]*\.\d*[1-9]f|%,", number_format or ""):
                yield str(column), f"formato {number_format}"
            for value in table[column].tolist():
                if isinstance(value, str):
                    yield from ((str(column), found) for found in number_leaks(value))
                elif isinstance(value, float) and value == value and not value.is_integer() and not number_format:
                    yield str(column), str(value)


def _chart_texts(proto) -> Iterator[str]:
    """The titles of a Vega-Lite chart and the values it draws from its data."""
    spec = json.loads(proto.spec)
    fields: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("title", "subtitle", "text") and isinstance(value, str | list):
                    yield from ([value] if isinstance(value, str) else [v for v in value if isinstance(v, str)])
                elif key == "field" and isinstance(value, str):
                    fields.add(value)
                elif key not in ("data", "datasets", "config", "condition", "test", "labelExpr"):
                    yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    yield from walk(spec)
    tables = [dataset.data.data for dataset in proto.datasets]
    if proto.data.data:
        tables.append(proto.data.data)
    for raw in tables:
        table = pa.ipc.open_stream(raw).read_all()
        for name in fields & set(table.column_names):
            yield from (str(v) for v in table.column(name).to_pylist() if isinstance(v, str))


def page_texts(app) -> Iterator[tuple[str, str]]:
    """(where, text) for everything a person reads on the page."""
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success",
                 "text", "exception"):
        for element in app.get(kind):
            yield kind, str(element.value)
    for metric in app.metric:
        yield "metric", f"{metric.label} {metric.value} {metric.proto.delta}"
    for kind in ("selectbox", "multiselect", "radio", "select_slider", "text_input", "text_area", "number_input",
                 "slider", "checkbox", "toggle", "date_input", "button", "download_button", "expander", "tab",
                 "page_link", "time_input", "color_picker"):
        for element in app.get(kind):
            proto = element.proto
            for attribute in ("label", "help", "placeholder"):
                yield f"{kind}.{attribute}", str(getattr(proto, attribute, "") or "")
            yield f"{kind}.options", " | ".join(str(o) for o in getattr(proto, "options", []))
    for frame in app.dataframe:
        table = frame.value
        # A column configured with a label (st.column_config) shows that label, not its name.
        configured = json.loads(frame.proto.columns or "{}")
        headers = [(configured.get(str(c)) or {}).get("label") or str(c) for c in table.columns]
        yield "dataframe.columns", " | ".join(headers)
        for column in table.columns:
            yield f"dataframe[{column}]", " | ".join(str(v) for v in table[column].tolist())
    for chart in app.get("vega_lite_chart"):
        for text in _chart_texts(chart.proto):
            yield "chart", text


@pytest.fixture(scope="module", autouse=True)
def shared_store(tmp_path_factory):
    """The module's pages share one store (the demo records are put in the first time a page opens it)."""
    from ui import data

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MINGA_STORE", str(tmp_path_factory.mktemp("lector") / "store.sqlite"))
        data.store.clear()
        yield
        data.store.clear()


# Each page as the people who can open it: the public its pages, planner and board the work pages, the
# administrator Administración.
READERS = ([pytest.param(page, None, id=f"{page}-publico") for page in PUBLIC_PAGES]
           + [pytest.param(page, user, id=f"{page}-{user.role.value}") for page in PAGES
              if page != "pages/administracion.py" for user in (PLANNER, BOARD)]
           + [pytest.param("pages/administracion.py", ADMIN, id="administracion-admin")])


def tab_states(app: AppTest) -> Iterator[AppTest]:
    """The page as opened, then with each tab open and each expander opened that run only when open
    (ui.widgets.lazy_tabs, st.expander(on_change="rerun"): sent empty until then), as a person clicking through
    them would see it."""
    yield app
    lazy = [(block.proto.tab_container.id.split("-", 2)[2], [tab.label for tab in block.children.values()][1:])
            for block in app.get("tab_container")
            if block.proto.tab_container.id and any(not tab.children for tab in block.children.values())]
    lazy += [(box.proto.id.split("-", 2)[2], [True]) for box in app.expander
             if box.proto.id and not box.children]
    for key, values in lazy:
        for value in values:
            app.session_state[key] = value
            app.run()
            assert not app.exception, [e.value for e in app.exception]
            yield app


@pytest.mark.parametrize(("page", "user"), READERS)
def test_every_page_reads_in_spanish_with_es_ec_numbers(page, user):
    """No leaks in any text; charts format with the es-EC locale («10.000», «0,5»); number inputs show no US
    decimals («40000.00», «12.5») and no amount past 999 (they cannot group thousands); typed fields no US
    numbers; tables and metrics write amounts es-EC. Every tab and expander is read."""
    for app in tab_states(open_app_page(page, user, parish=EL_VALLE)):
        reads_in_spanish(page, app)


def reads_in_spanish(page: str, app: AppTest) -> None:
    found = {(where, token, text[:160]) for where, text in page_texts(app) for token in leaks(text)}
    assert not found, "\n".join(f"{where}: «{token}» en «{text}»" for where, token, text in sorted(found))
    for chart in app.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        number = spec.get("config", {}).get("locale", {}).get("number", {})
        assert (number.get("decimal"), number.get("thousands")) == (",", "."), f"{page}: {str(spec)[:200]}"
    for field in app.number_input:  # Streamlit's number input cannot group thousands: amounts are number fields
        assert not shows_a_decimal_point(field), f"{page}: {field.label} {field.proto.format}"
        assert field.value is None or abs(field.value) < 1000, f"{page}: {field.label} shows «{field.value}»"
    for field in app.text_input:  # a number field's text is es-EC: «40.000», «12,5»
        assert not number_leaks(field.value or ""), f"{page}: {field.label} «{field.value}»"
    # A list without a placeholder of Minga's shows Streamlit's English one: «Choose an option», «Choose options»,
    # «No options to select» (the browser draws it; the element tree holds it empty).
    english = sorted(f"{kind} «{field.label}»" for kind in ("selectbox", "multiselect") for field in app.get(kind)
                     if not field.proto.placeholder.strip())
    assert not english, f"{page}: sin texto de ayuda en español: {english}"
    # Tables and metrics write «1.500,00» and «12,5 %», never «1,500.00», «1500.00» or «12.5».
    found = set(table_number_leaks(app))
    found |= {("metric", token) for metric in app.metric
              for token in number_leaks(f"{metric.value} {metric.proto.delta}")}
    assert not found, f"{page}: " + "; ".join(f"{where}: «{what}»" for where, what in sorted(found))


@pytest.mark.parametrize(("text", "expected"), [
    ("Fuente: INEC · is_synthetic", {"is_synthetic"}),
    ("Vínculos pdot_links con el PDOT", {"pdot_links"}),
    ("Valor: None", {"None"}),
    ("Promedio nan", {"nan"}),
    ("Estado: Optimal", {"Optimal"}),
    ("¿Sintético? True", {"True"}),
    (":material/check_circle: Cumple · data/sources/pdot_links.csv", set()),
    ("Alineación con el PDOT, los ODS y el PND del MAG", set()),
    ("Asignación óptima: 3 proyectos por $ 40.000,00", set()),
])
def test_the_reader_catches_leaks_and_lets_spanish_through(text, expected):
    assert leaks(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("1,500.00", {"1,500.00"}),
    ("1,234,567 habitantes", {"1,234,567"}),
    ("1500.00", {"1500.00"}),
    ("Contraparte 12.5 %", {"12.5"}),
    ("$ 1.500,00 · 12,5 % · 1.234.567", set()),
    ("Parroquia 010150, censo 2022, 26/11/2026", set()),
    ("103,703 millones USD · 0,002", set()),
    ("Nombra ODS 2, 8 y 12 con metas 2.3 y 12.3 y objetivos del PND", set()),
    ("Meta 6.4 cumplida al 12.5 %", {"12.5"}),
    ("Costo 1500.5", {"1500.5"}),
    ("6. Objetivos (6.1 general y 6.2 específicos)", set()),
])
def test_the_reader_catches_us_digits_and_lets_es_ec_through(text, expected):
    assert number_leaks(text) == expected


def test_the_acta_reads_in_spanish(con, tmp_path):
    """The acta of a decision made from the El Valle study, as the Decisión page makes it."""
    from core.engine import scenarios
    from core.engine.allocation import AllocationRules
    from core.engine.prioritization import load_inputs
    from core.engine.weights import preset
    from core.record.signing import signed_head

    inputs = load_inputs(con, EL_VALLE)
    study = "Estudio El Valle: alcance y factibilidad"
    scenario = scenarios.Scenario(name="Junta 2026", parish_code=EL_VALLE, weights=preset(study), preset=study,
                                  rules=AllocationRules(budget_usd=45000, min_one_per_association=True))
    run = scenarios.run_scenario(inputs, scenario, explain=False)
    names = dict(con.execute("SELECT association_id, name FROM associations").fetchall())
    attendees = [Attendee(name="Rosa Quito", role_es="Presidenta", vote="for"),
                 Attendee(name="Luis Guamán", role_es="Vocal", vote="for"),
                 Attendee(name="Carmen Sarmiento", role_es="Vocal", vote="abstain"),
                 Attendee(name="Ana Ortiz", role_es="Técnica", votes=False)]
    draft = scenarios.decision_draft(scenario, run, names, "El Valle", attendees, dt.date(2026, 11, 26),
                                     proposal_titles={p.proposal_id: p.title for p in inputs.proposals})
    store = store_accounts(Store(tmp_path / "acta.sqlite"), BOARD)
    scenarios.save_scenario(store, BOARD, scenario)  # the board decides on a saved scenario
    decision = record(store, BOARD, draft, con=con)
    reader = PdfReader(io.BytesIO(acta.pdf_bytes(decision, signed_head(store))))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "El Valle" in text
    assert leaks(text) == set(), text[:400]
    assert number_leaks(text) == set(), text[:400]
