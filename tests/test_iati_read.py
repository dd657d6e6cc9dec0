"""Reading IATI 2.03 files into offers: the standard's valid test activities read into offers, the invalid one and
files that are not IATI activities are refused in Spanish; an export reads back into the same offers; a file read
again keeps what the planner wrote and never takes over another parish's offer; amounts, dates and versions written
another way are named."""

import re
from pathlib import Path

import pytest

from core.iati.export import export_bytes
from core.iati.read import read_file, save_read_offers
from core.iati.schema import IatiFileError
from core.proposals import records
from core.proposals.offers import CooperationOffer
from core.record import overlay
from core.record.auth import Role, User
from core.record.store import Store
from core.user_text import entered
from tests.conftest import store_accounts

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "data" / "sources" / "reference" / "iati-2.03" / "ejemplos"
VALID_EXAMPLES = ["02-minimal-doc.xml", "21-transaction.xml", "24-results.xml"]
PLANNER = User(username="tecnico", display_name="Técnica", role=Role.PLANNER)


@pytest.fixture()
def store(tmp_path, con):
    return Store(tmp_path / "s.sqlite")


@pytest.mark.parametrize("name", VALID_EXAMPLES)
def test_the_standards_valid_activities_read_into_offers(name):
    read = read_file((EXAMPLES / name).read_bytes(), name).offers
    assert len(read) == 1
    offer = read[0].offer
    assert isinstance(offer, CooperationOffer)
    assert offer.title == "Xxxxxxx" and offer.cooperant == "Organisation name"
    assert name in offer.source
    # the file leaves identifier, kind, finance type and status open: each default is said, in Spanish
    assert any("identificador" in note for note in read[0].notes)
    assert any("tipo de organización" in note for note in read[0].notes)


def test_the_standards_invalid_activity_is_refused_in_spanish():
    with pytest.raises(IatiFileError) as refused:
        read_file((EXAMPLES / "invalido-22-missing-title-narrative.xml").read_bytes(), "actividades.xml")
    message = str(refused.value)
    assert "no cumple el estándar IATI 2.03" in message
    assert "línea 8" in message and "«title»" in message and "«narrative»" in message


@pytest.mark.parametrize("content, expected", [
    (b"<iati-activities", "no es XML bien formado"),
    (b"<iati-organisations version='2.03'/>", "«iati-organisations»"),
    (b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><iati-activities version="2.03">&e;</iati-activities>',
     "DOCTYPE"),
])
def test_files_that_are_not_iati_activities_are_refused(content, expected):
    with pytest.raises(IatiFileError, match=expected):
        read_file(content, "actividades.xml")


def test_a_file_past_the_size_read_is_refused_before_it_is_parsed(monkeypatch):
    monkeypatch.setattr("core.iati.schema.MAX_BYTES", 1024 * 1024)
    padding = b"<!--" + b"x" * (1024 * 1024) + b"-->"
    with pytest.raises(IatiFileError, match=r"pesa 1,0 MB y Minga lee archivos IATI de hasta 1 MB"):
        read_file(b'<iati-activities version="2.03">' + padding + b"</iati-activities>", "actividades.xml")


def test_an_export_reads_back_into_the_same_offers(store):
    exported = read_file(export_bytes(store, "010170"), "actividades.xml").offers
    japan = next(r.offer for r in exported if r.offer.offer_id.endswith("OF-JAPON-RIEGO"))
    original = CooperationOffer.model_validate(overlay.current(store, records.OFFER, "OF-JAPON-RIEGO").body)
    assert (japan.cooperant, japan.country, japan.amount_usd) == (original.cooperant, "Japón", original.amount_usd)
    assert japan.cooperation_type == original.cooperation_type == "technical_assistance"
    assert japan.sdg_goals == original.sdg_goals


def test_an_activity_that_is_no_valid_offer_names_the_field_in_spanish():
    budget = ('<budget><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/>'
              '<value currency="USD" value-date="2020-01-01">-500</value></budget>')
    doc = (EXAMPLES / "02-minimal-doc.xml").read_text().replace("  </iati-activity>", budget + "\n  </iati-activity>")
    with pytest.raises(IatiFileError, match=r"la actividad 1 no es una oferta válida \(Monto \(USD\): el monto no "
                                            r"puede ser negativo") as refused:
        read_file(doc.encode(), "actividades.xml")
    assert "amount_usd" not in str(refused.value)


def _read_again(store, parish_code):
    read = read_file((EXAMPLES / "02-minimal-doc.xml").read_bytes(), "02-minimal-doc.xml").offers
    save_read_offers(store, PLANNER, [r.offer for r in read], parish_code)
    return read[0].offer.offer_id


def _with_counterpart(store, offer_id):
    """The planner writes on the read offer what an IATI file does not carry: themes and the counterpart."""
    stored = overlay.current(store, records.OFFER, offer_id)
    offer = CooperationOffer.model_validate(stored.body)
    store.save(records.OFFER, offer_id, offer.model_copy(update={
        "themes": ["agriculture"], "counterpart_required_pct": 20.0}).model_dump(mode="json"), actor="tecnico",
        expected_version=stored.version)


def test_a_file_read_again_keeps_the_counterpart_and_themes_the_planner_wrote(store):
    store_accounts(store, PLANNER)
    offer_id = _read_again(store, "080265")
    _with_counterpart(store, offer_id)
    _read_again(store, "080265")
    offer = CooperationOffer.model_validate(overlay.current(store, records.OFFER, offer_id).body)
    assert (offer.parish_code, offer.counterpart_required_pct, offer.themes) == ("080265", 20.0, ["agriculture"])
    assert offer.title == "Xxxxxxx"  # what the file says is read again


def test_a_parish_never_takes_over_the_offer_another_parish_read(store):
    store_accounts(store, PLANNER)
    offer_id = _read_again(store, "010170")
    _with_counterpart(store, offer_id)
    before = overlay.current(store, records.OFFER, offer_id)
    with pytest.raises(IatiFileError, match=rf"la oferta «{offer_id}» es de El Valle \(010170\).*Santa Lucía"):
        _read_again(store, "080265")
    after = overlay.current(store, records.OFFER, offer_id)
    assert (after.version, after.body) == (before.version, before.body)
    assert after.body["parish_code"] == "010170" and after.body["counterpart_required_pct"] == 20.0


def _with_budget(value: str, currency: str | None = "USD", version: str = "2.03") -> bytes:
    """The standard's minimal activity with one budget value, under a declared version."""
    attribute = f' currency="{currency}"' if currency else ""
    budget = ('<budget><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/>'
              f'<value{attribute} value-date="2020-01-01">{value}</value></budget>')
    doc = (EXAMPLES / "02-minimal-doc.xml").read_text().replace("  </iati-activity>", budget + "\n  </iati-activity>")
    return doc.replace('version="xx"', f'version="{version}"').encode()


@pytest.mark.parametrize("value, currency, words", [
    ("12500.50", None, "no declara la moneda de sus montos"),
    ("12500.50", "EUR", "Montos en EUR no convertidos"),
])
def test_an_amount_without_a_currency_says_the_file_declares_none(value, currency, words):
    [read] = read_file(_with_budget(value, currency), "f.xml").offers
    assert read.offer.amount_usd is None
    assert any(words in note for note in read.notes), read.notes
    assert not any("Montos en —" in note for note in read.notes)


@pytest.mark.parametrize("value, words", [
    ("12.500,50", ("el monto «12.500,50» no es un número IATI: en IATI los montos llevan punto decimal y ningún "
                   "separador de miles")),
    ("1,5", "el monto «1,5» no es un número IATI"),
])
def test_an_amount_written_the_ecuadorian_way_says_what_is_wrong_with_it(value, words):
    with pytest.raises(IatiFileError) as refused:
        read_file(_with_budget(value), "actividades.xml")
    message = str(refused.value)
    assert words in message and "elemento «value»" in message and "línea" in message


def test_a_date_written_day_first_says_how_iati_writes_dates():
    content = _with_budget("100").replace(b'iso-date="2013-11-27"/>', b'iso-date="27/11/2013"/>', 1)
    with pytest.raises(IatiFileError, match="la fecha «27/11/2013» no es una fecha IATI: se escribe año-mes-día"):
        read_file(content, "actividades.xml")


@pytest.mark.parametrize("version, notice", [
    ("2.03", None),
    ("2.01", "El archivo «f.xml» declara la versión IATI «2.01» y Minga lee la versión 2.03"),
    ("1.05", "El archivo «f.xml» declara la versión IATI «1.05» y Minga lee la versión 2.03"),
])
def test_a_file_of_another_iati_version_is_read_with_a_notice_naming_it(version, notice):
    read = read_file(_with_budget("100", version=version), "f.xml")
    assert len(read.offers) == 1
    assert len(read.notices) == (notice is not None)
    assert notice is None or notice in read.notices[0]


def test_a_version_1_file_that_breaks_the_schema_is_refused_naming_its_version():
    content = _with_budget("100", version="1.05").replace(b"<title> <!-- 1 and only 1-->", b"<title>")
    content = content.replace(b"<narrative>Xxxxxxx</narrative> <!-- At least 1-->\n    </title>", b"Xxxxxxx</title>")
    with pytest.raises(IatiFileError, match="declara la versión IATI «1.05»: Minga lee la versión 2.03; pida al "
                                            "cooperante el archivo en la versión 2.03"):
        read_file(content, "f.xml")


def _with_texts(identifier: str = "", cooperant: str = "Organisation name", title: str = "Xxxxxxx",
                description: str = "Xxxxxxx") -> bytes:
    """The standard's minimal activity with its identifier, reporting organisation, title and description."""
    doc = (EXAMPLES / "02-minimal-doc.xml").read_text()
    doc = doc.replace("<iati-identifier></iati-identifier>", f"<iati-identifier>{identifier}</iati-identifier>")
    doc = doc.replace("<narrative>Organisation name</narrative>", f"<narrative>{cooperant}</narrative>")
    title_part, description_part = doc.split("<description>")
    return (title_part.replace("Xxxxxxx", title) + "<description>"
            + description_part.replace("Xxxxxxx", description, 1)).encode()


@pytest.mark.parametrize("texts, field, read_as, note", [
    ({"title": "Riego para Ana \u202eztiuQ"}, "title", "Riego para Ana ztiuQ",
     "Título de la oferta de la actividad 1: el archivo traía caracteres que no se ven (U+202E)"),
    ({"cooperant": "Embajada\u200b del Japón\u2060", "identifier": "JP-1"}, "cooperant", "Embajada del Japón",
     "Cooperante de la actividad 1 («JP-1»): el archivo traía caracteres que no se ven (U+200B, U+2060)"),
    ({"description": "Contraparte\u0085 del 20 %\n\tsegunda línea"}, "conditions",
     "Contraparte del 20 %\n\tsegunda línea",
     "Condiciones de la actividad 1: el archivo traía caracteres que no se ven (U+0085)"),
    ({"identifier": "XM-DAC-701-\ufeffRIEGO"}, "offer_id", "XM-DAC-701-RIEGO",
     "Identificador IATI de la actividad 1: el archivo traía caracteres que no se ven (U+FEFF)"),
])
def test_a_character_that_cannot_be_seen_is_taken_out_of_what_a_file_says_and_named(texts, field, read_as, note):
    [read] = read_file(_with_texts(**texts), "actividades.xml").offers
    assert getattr(read.offer, field) == read_as
    assert any(n.startswith(note) for n in read.notes), read.notes
    assert entered(read.offer) == read.offer  # the offer holds what a person may type: it saves and edits as typed


def test_a_file_without_hidden_characters_gets_no_note_of_them_and_keeps_emoji():
    [read] = read_file(_with_texts(title="Riego 💧 por goteo", cooperant="Familia 👨\u200d👩\u200d👧"), "a.xml").offers
    assert (read.offer.title, read.offer.cooperant) == ("Riego 💧 por goteo", "Familia 👨\u200d👩\u200d👧")
    assert not any("no se ven" in note for note in read.notes)


def test_a_one_line_text_the_file_writes_on_several_lines_reads_as_one_line():
    [read] = read_file(_with_texts(title="Riego\n        por goteo\tcomunitario"), "a.xml").offers
    assert read.offer.title == "Riego por goteo comunitario"
    assert not any("no se ven" in note for note in read.notes)


def test_a_file_name_with_a_hidden_character_is_named_without_it(store):
    read = read_file(_with_texts(), "actividades\u202elmx.xml")
    assert read.notices[0].startswith("El nombre del archivo traía caracteres que no se ven (U+202E)")
    assert read.offers[0].offer.source == "Archivo IATI «actividadeslmx.xml», actividad «—»"


def test_an_offer_read_with_hidden_characters_is_stored_without_them(store):
    store_accounts(store, PLANNER)
    [read] = read_file(_with_texts(identifier="EC-1", title="Agua \u202eavreser", cooperant="GIZ\x9b"), "a.xml").offers
    save_read_offers(store, PLANNER, [read.offer], "080265")
    body = overlay.current(store, records.OFFER, "EC-1").body
    assert (body["title"], body["cooperant"]) == ("Agua avreser", "GIZ")


def test_a_budget_past_the_largest_minga_takes_is_refused_naming_the_activity_and_field():
    """A file's budget of 1 followed by 300 zeros was read into an offer and saved."""
    with pytest.raises(IatiFileError, match=r"la actividad 1 no es una oferta válida \(Monto \(USD\): no puede pasar "
                                            r"de \$ 1\.000\.000\.000\.000"):
        read_file(_with_budget("1" + "0" * 300), "actividades.xml")
    assert read_file(_with_budget("1000000000000"), "actividades.xml").offers[0].offer.amount_usd == 1e12


def _two_activities(first: str, second: str) -> bytes:
    """The standard's minimal activity twice, with these identifiers and titles «Primera» and «Segunda actividad»."""
    doc = (EXAMPLES / "02-minimal-doc.xml").read_text().replace('version="xx"', 'version="2.03"')
    start, end = doc.index("<iati-activity>"), doc.index("</iati-activities>")
    activities = [doc[start:end].replace("<iati-identifier></iati-identifier>",
                                         f"<iati-identifier>{identifier}</iati-identifier>")
                  .replace("Xxxxxxx", f"{title} actividad", 1)
                  for identifier, title in ((first, "Primera"), (second, "Segunda"))]
    return (doc[:start] + "".join(activities) + doc[end:]).encode()


@pytest.mark.parametrize("first, second, offer", [
    ("XM-DAC-701-1", "XM-DAC-701-1", "XM-DAC-701-1"),  # the file repeats an identifier
    ("XM-1 A", "XM-1/A", "XM-1-A"),  # two that differ only in signs a Minga code does not hold
])
def test_two_activities_that_would_be_one_offer_are_refused_naming_both(first, second, offer):
    """Both were previewed and «2 ofertas guardadas», and the second replaced the first without a word."""
    with pytest.raises(IatiFileError) as refused:
        read_file(_two_activities(first, second), "actividades.xml")
    assert (f"las actividades 1 («{first}») y 2 («{second}») darían la misma oferta «{offer}»"
            in str(refused.value))


def test_two_activities_with_their_own_identifiers_read_as_two_offers():
    read = read_file(_two_activities("XM-1-A", "XM-1-B"), "actividades.xml").offers
    assert [(r.offer.offer_id, r.offer.title) for r in read] == [("XM-1-A", "Primera actividad"),
                                                                  ("XM-1-B", "Segunda actividad")]


@pytest.mark.parametrize("element, field", [("title", "Título de la oferta"), ("description", "Condiciones")])
def test_an_activity_with_a_text_nobody_types_is_refused_naming_it(element, field):
    """An activity whose title (or description) was six million characters read into an offer as it was: stored,
    shown and published again, a text no form would take."""
    minimal = (EXAMPLES / "02-minimal-doc.xml").read_bytes()
    text = "<narrative>" + "Riego " * 1_000_000 + "</narrative>"
    hostile = (minimal.replace(b"<title>", f"<title>{text}".encode(), 1).replace(b"<narrative>Xxxxxxx</narrative>", b"", 1)
               if element == "title" else minimal.replace(b"</title>", f"</title><description>{text}</description>"
                                                           .encode(), 1))
    with pytest.raises(IatiFileError, match=re.escape(field) + ".*demasiado largo"):
        read_file(hostile, "actividades.xml")
