"""The planner's own proposals file as issue 11 hands it in (Windows-1252, «;», the amount requested left out), for
the proposal file tests: its header, a file of the given rows, and the day the files are handed in."""

from __future__ import annotations

import datetime as dt

PARISH = "010170"
TODAY = dt.date(2027, 4, 6)

ISSUE_HEADER = ("Código;Asociación;Título;Costo total;Aporte comunitario;Beneficiarios;Duración (meses);"
                "Objetivo PDOT;ODS")


def issue_file(*rows: str, ending: str = "\n", header: str = ISSUE_HEADER) -> bytes:
    return ending.join([header, *rows, ""]).encode("cp1252")
