"""es-EC formats: `.` for thousands, `,` for decimals, dd/mm/aaaa dates, blanks read 'sin dato'."""

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core import fmt


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (24314, 0, "24.314"),
        (4305.01, 2, "4.305,01"),
        (0, 0, "0"),
        (999.5, 0, "1.000"),
        (1234567.891, 1, "1.234.567,9"),
        (-1234.5, 1, "-1.234,5"),
        (-0.001, 2, "0,00"),  # a float's remainder below the shown decimals: no «-0,00» on screen
        (-1e-9, 1, "0,0"),
        (None, 0, "sin dato"),
        (math.nan, 2, "sin dato"),
    ],
)
def test_number(value, decimals, expected):
    assert fmt.number(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(12500, "$ 12.500,00"), (0.5, "$ 0,50"), (-3.5, "-$ 3,50"), (-0.001, "$ 0,00"), (-1.5e-12, "$ 0,00"),
     (None, "sin dato")],
)
def test_money(value, expected):
    assert fmt.money(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(40000, "$ 40.000"), (999.99, "$ 999,99"), (1000.004, "$ 1.000"), (999.995, "$ 1.000"), (0.5, "$ 0,50"),
     (-12.3, "-$ 12,30"), (-1e-9, "$ 0"), (None, "sin dato")],
)
def test_an_amount_keeps_its_cents_and_only_then(value, expected):
    assert fmt.amount(value) == expected


@pytest.mark.parametrize(("share", "expected"), [(0.634, "63,4 %"), (0.253, "25,3 %"), (1, "100,0 %"), (None, "sin dato")])
def test_percent(share, expected):
    assert fmt.percent(share) == expected


@pytest.mark.parametrize(("values", "expected"), [
    ([10_000, 10_000, 10_000], ["33,4 %", "33,3 %", "33,3 %"]),  # each 33,3 % alone: 99,9 % beside «Total 100,0 %»
    ([2, 1, 0], ["66,7 %", "33,3 %", "0,0 %"]),
    ([12_345.67, 3_000, 500], ["77,9 %", "18,9 %", "3,2 %"]),
    ([0, 0], ["sin dato", "sin dato"]),
])
def test_shares_of_a_whole_add_up_to_its_hundred_percent(values, expected):
    assert fmt.shares(values) == expected


@given(st.lists(st.floats(min_value=0, max_value=1e9, allow_nan=False), min_size=1, max_size=8))
def test_shown_shares_always_add_up_to_a_hundred(values):
    shown = fmt.shares(values)
    if sum(values) > 0:
        assert sum(fmt.read_number(s.removesuffix(" %"), 1) * 10 for s in shown) == pytest.approx(1000)


def test_dates_are_day_month_year():
    assert fmt.date(dt.date(2026, 11, 3)) == "03/11/2026"
    assert fmt.datetime(dt.datetime(2026, 11, 3, 9, 5)) == "03/11/2026 09:05"


@pytest.mark.parametrize(("value", "expected"), [
    (dt.date(2027, 1, 15), "enero de 2027"), (dt.date(2026, 12, 1), "diciembre de 2026"), (None, "sin dato"),
])
def test_a_month_is_named_in_spanish(value, expected):
    assert fmt.month(value) == expected


def test_lists_end_in_y_and_sentences_start_upper_case():
    assert [fmt.listing(items) for items in ([], ["a"], ["a", "b"], ["a", "b", "c"])] == ["", "a", "a y b", "a, b y c"]
    assert fmt.capitalized("remesas / VAB") == "Remesas / VAB"
    assert fmt.capitalized("") == ""


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_integers_read_back_after_removing_group_dots(value):
    assert int(fmt.number(value).replace(".", "")) == value


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_two_decimal_numbers_read_back_within_a_cent(value):
    text = fmt.number(value, 2)
    assert abs(float(text.replace(".", "").replace(",", ".")) - value) <= 0.005 + 1e-9


@pytest.mark.parametrize(("text", "expected"), [
    ("«EV-A05» ya recibe $ 7.000,00", "«Unión y Progreso» ya recibe $ 7.000,00"),
    ("EV-A05 y EV-A050", "Unión y Progreso y EV-A050"),  # a longer code is not a name's code
    ("EV-P05 de EV-A05", "EV-P05 de Unión y Progreso"),
])
def test_codes_become_names_only_where_whole(text, expected):
    assert fmt.with_names(text, {"EV-A05": "Unión y Progreso"}) == expected


@pytest.mark.parametrize(("text", "expected"), [("Falta el PDOT", "Falta el PDOT."), ("Listo.", "Listo."),
                                                ("¿Cuál?", "¿Cuál?")])
def test_a_reason_ends_as_a_sentence_once(text, expected):
    assert fmt.sentence(text) == expected


@pytest.mark.parametrize(("text", "decimals", "expected"), [
    ("40000", 2, 40000.0),
    ("40.000", 2, 40000.0),  # es-EC groups thousands with a dot
    ("40.000,50", 2, 40000.5),
    ("$ 25.000", 2, 25000.0),
    ("25000 USD", 2, 25000.0),
    ("12,5", 2, 12.5),
    ("12.5", 2, 12.5),  # a dot that cannot group thousands is a decimal, as many people type it
    ("40,000.50", 2, 40000.5),
    ("1.234.567", 0, 1234567.0),
    ("1,234,567", 0, 1234567.0),
    ("-3,25", 2, -3.25),
    ("7,10", 1, 7.1),  # a trailing zero is not a decimal too many
    ("0.500", 2, 0.5),  # a group of thousands never starts with 0: a dot decimal
    ("  ", 2, None),
    ("", 0, None),
])
def test_a_typed_number_is_read_es_ec_first(text, decimals, expected):
    assert fmt.read_number(text, decimals) == expected


@pytest.mark.parametrize(("text", "decimals", "words"), [
    ("40,000", 2, ["puede leerse como 40 o como 40.000"]),
    ("abc", 2, ["«abc» no es un número", "40.000,50"]),
    ("1.2.3", 0, ["no es un número", "40.000"]),
    ("12,5", 0, ["«12,5» debe ser un número entero"]),
    ("3,125", 2, ["no se puede leer con decimales aquí: si es 3.125, escríbalo así"]),  # 3,125 has 3 decimals
    ("3,125", 3, ["puede leerse como 3,125 o como 3.125"]),
    ("0,001", 2, ["más de 2 decimales"]),  # «0,001» is no group of thousands: never offered as one
    ("12,345", 0, ["si es 12.345, escríbalo así"]),
    ("3,1255", 2, ["más de 2 decimales"]),
    ("40.00.0", 2, ["no es un número"]),
    ("9" * 400, 2, ["es mayor que 1.000.000.000.000.000"]),  # never an infinite budget
    ("1e9", 2, ["no es un número"]),
    ("\u0663", 0, ["no es un número"]),  # an Arabic-Indic digit: only 0-9 are read
    ("inf", 2, ["no es un número"]),
    ("0.125", 2, ["más de 2 decimales"]),  # a group of thousands never starts with 0: never read as 125
])
def test_a_number_that_cannot_be_read_says_why_in_spanish(text, decimals, words):
    with pytest.raises(fmt.NumberTextError) as refused:
        fmt.read_number(text, decimals)
    assert all(w in str(refused.value) for w in words), str(refused.value)


@given(st.integers(min_value=-10**12, max_value=10**12), st.sampled_from([0, 2]))
def test_what_minga_writes_reads_back(value, decimals):
    cents = value / 100 if decimals else value
    assert fmt.read_number(fmt.number(cents, decimals), decimals) == pytest.approx(cents, abs=1e-9)
    assert fmt.read_number(fmt.money(cents, decimals), decimals) == pytest.approx(cents, abs=1e-9)


@pytest.mark.parametrize("name, expected", [
    ("Escenario Junta — 2026 (b)", "escenario-junta-2026-b"),
    ("Población (habitantes)", "poblacion-habitantes"),
    ("¿Sirvieron las ayudas? Efectividad", "sirvieron-las-ayudas-efectividad"),
    ("  ", ""),
])
def test_a_name_as_a_record_id_or_file_name(name, expected):
    assert fmt.slug(name) == expected


@pytest.mark.parametrize("record_id, expected", [
    ("010152-P01", "P01"),          # a loaded parish's record: its own code
    ("010152-OE-2", "OE-2"),        # only the parish code goes
    ("EV-OE1", "EV-OE1"),           # the demo's ids carry no parish code
    ("10152-P01", "10152-P01"),     # five digits are not a parish code
    ("P01-010152-X", "P01-010152-X"),
])
def test_a_loaded_parish_record_is_shown_by_its_own_code(record_id, expected):
    assert fmt.local_code(record_id) == expected


@pytest.mark.parametrize(("column", "shown"), [
    ([850.0, 1234.5], ["$ 850,00", "$ 1.234,50"]),
    ([12500.0, 2000.75, None], ["$ 12.500,00", "$ 2.000,75", "sin dato"]),
    ([40000.0, 850.0], ["$ 40.000", "$ 850"]),
    ([-850.0, 0.1], ["-$ 850,00", "$ 0,10"]),
    ([], []),
])
def test_a_column_of_amounts_is_written_to_the_cent_when_any_has_cents(column, shown):
    written = fmt.amount_for(column)
    assert [written(v) for v in column] == shown


@pytest.mark.parametrize(("named", "shown"), [
    ({"asks": 13000, "costs": 13000.0}, {"asks": "$ 13.000", "costs": "$ 13.000"}),  # never «$ 13.000,00» here
    ({"cost": 13000, "left": 850.5}, {"cost": "$ 13.000,00", "left": "$ 850,50"}),
    ({"spent": -5.0, "cap": None}, {"spent": "-$ 5", "cap": "sin dato"}),
    ({}, {}),
])
def test_the_amounts_a_sentence_names_are_written_by_one_rule(named, shown):
    assert fmt.amounts_named(**named) == shown
