"""The planner's own proposals file at the import's row limit: 2.000 rows previewed, as the Propuestas page does on
an upload (core.proposals.imports.preview_import over the parish's context, read once).

- «Archivo completo»: every column given (requested amount, kind of support, registered associations);
- «Archivo tal como viene»: no requested amount (derived from the cost and the community's contribution), no kind
  of support (each row warned and kept incomplete) and 200 association names the parish has not registered, each
  compared with the registered names for a suggestion.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench import Row, timed_runs
from core.data.db import connect
from core.proposals import import_preview, imports
from core.record.store import Store

TITLE = "Importar el archivo de propuestas del técnico (2.000 filas)"
RUNS = 5
ROWS = 2000
PARISH = "010170"


def _complete_file() -> bytes:
    head = ("Código;Asociación;Título;Costo total;Monto solicitado;Aporte de las asociaciones;Tipo de apoyo;"
            "Objetivos PDOT;ODS")
    rows = [f"EV-Z{i:04d};EV-A0{1 + i % 8};Proyecto número {i};1.500,50;1.200;300,50;Equipamiento;EV-OE5;2"
            for i in range(ROWS)]
    return "\n".join([head, *rows, ""]).encode()


def _as_it_comes() -> bytes:
    head = "Código;Asociación;Título;Costo total;Aporte comunitario;Beneficiarios;Duración (meses);Objetivo PDOT;ODS"
    rows = [f"EV-Z{i:04d};Asociación Comunitaria Número {i % 200};Proyecto número {i};1.500;300;25;6;EV-OE5;2"
            for i in range(ROWS)]
    return "\n".join([head, *rows, ""]).encode()


def run() -> list[Row]:
    con = connect()
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "minga.sqlite")
        ctx = import_preview.context_for(con, store, PARISH)
        out = []
        for name, data, rows_ok in (("Archivo completo", _complete_file(), ("new",)),
                                    ("Archivo tal como viene", _as_it_comes(), ("skipped",))):
            previews: list[import_preview.ImportPreview] = []
            timing = timed_runs([lambda d=data, out=previews: out.append(imports.preview_import(d, "p.csv", ctx))]
                                * RUNS)
            last = previews[-1]
            assert len(last.rows) == ROWS and all(r.action in rows_ok for r in last.rows), name
            out.append(Row(f"{name}: vista previa de {ROWS:,} filas".replace(",", "."), timing.median,
                           max(timing.wall), "s", "< 5 s", max(timing.wall) < 5, runs=RUNS, samples=timing.wall,
                           cpu=timing.cpu_median, includes="leer, convertir, validar, avisos por fila"))
    con.close()
    return out
