"""«Preparar la parroquia» shows an aid's member as the planner wrote it, the survey's _uuid: the preview and the
stored records showed the id Minga keeps («010152-3f2a…», the parish's DPA code in front)."""

from __future__ import annotations

from core.parish.__main__ import main
from core.parish.mirror import AID
from core.record.store import Store
from tests.parish_export import answers
from tests.parish_files import PARISH, _folder
from ui.parish import records_frame


def test_an_aid_s_member_reads_as_the_survey_writes_it(tmp_path, own_store):
    rows = answers(3, ["A01"])
    uuid = rows[0]["_uuid"]
    aid = f"Código;Asociación;Socio;Institución;Año;Tipo de ayuda;Monto (USD)\nAY1;A01;{uuid};MAG;2024;Insumos;120\n"
    assert main(["load", PARISH, str(_folder(tmp_path, rows, **{"ayudas.csv": aid}))]) == 0
    store = Store(own_store)
    frame = records_frame(store, PARISH, "ayudas", [r.body for r in store.records(AID, PARISH)])
    assert frame["Socio"].to_list() == [uuid]
