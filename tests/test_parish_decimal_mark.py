"""The decimal mark of a parish file's amounts, settled by the amounts themselves: a CSV separated by commas (as
Google Sheets saves one, whatever the language) with es-EC amounts in quotes («1.500», «820,50») was read with a dot
decimal because of its separator, so each «1.500» was refused as 1,5 or 1.500 although «820,50» in the same column
says the comma is the decimal mark. The proposals import settles the mark so already (core.proposals.import_reader).
An amount that still reads two ways is refused, never guessed."""

from __future__ import annotations

import pytest

from core.parish.__main__ import main
from core.parish.mirror import AID
from core.record.store import Store
from tests.conftest import live_count
from tests.parish_export import answers
from tests.parish_files import PARISH, _folder

HEADER = "Código,Asociación,Institución,Año,Tipo de ayuda,Monto (USD)\n"


@pytest.mark.parametrize(("amounts", "stored"), [
    (['"1.500"', '"820,50"'], [1500.0, 820.5]),  # es-EC, comma-separated: «820,50» settles the comma
    (['"$ 1.200"', '"1.234,50"'], [1200.0, 1234.5]),
    (["1500.75", '"1,200"'], [1500.75, 1200.0]),  # a dot decimal, as a comma-separated file reads by default
])
def test_the_amounts_settle_the_decimal_mark_of_a_comma_separated_file(tmp_path, own_store, amounts, stored):
    aid = HEADER + "".join(f"AY{i},A01,MAG,2024,Insumos,{amount}\n" for i, amount in enumerate(amounts, start=1))
    assert main(["load", PARISH, str(_folder(tmp_path, answers(4, ["A01"]), **{"ayudas.csv": aid}))]) == 0
    got = {r.record_id: r.body["amount_usd"] for r in Store(own_store).records(AID, PARISH)}
    assert [got[f"{PARISH}-AY{i}"] for i in range(1, len(amounts) + 1)] == stored


def test_an_amount_the_file_does_not_settle_is_still_refused(tmp_path, own_store, capsys):
    aid = HEADER + 'AY1,A01,MAG,2024,Insumos,"1.500"\nAY2,A01,MAG,2024,Insumos,800\n'
    assert main(["load", PARISH, str(_folder(tmp_path, answers(4, ["A01"]), **{"ayudas.csv": aid}))]) == 1
    assert "ayudas.csv, fila 2, columna «Monto (USD)»: «1.500»" in capsys.readouterr().err
    assert live_count(Store(own_store)) == 0
