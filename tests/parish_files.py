"""A parish's own files as its planner fills them, for the load tests: associations, aid received and problems (CSV
with «;», es-EC numbers) and the survey export, written to a folder that `python -m core.parish load` reads. The
parish is Cumbe, without demo records."""

from __future__ import annotations

from pathlib import Path

from tests.parish_export import export_csv

PARISH = "010152"  # Cumbe, Cuenca: a rural parish without demo records
ASSOCIATIONS = ("Código;Nombre;RUC;Registro legal (SEPS o MAG);Comunidades;Número de socios;Productos\n"
                "A01;Asociación Flor de Mayo;0190012345001;SEPS;Narancay;40;Hortalizas\n"
                "A02;Unión Campesina;;Registro del MAG;Guadalupano, Misicata;25;Cuyes\n")
AID = ("Código;Asociación;Institución;Tipo de institución;Año;Tipo de ayuda;Monto (USD);No reembolsable\n"
       "AY1;A01;MAG;Ministerio de Agricultura y Ganadería;2024;Capacitación;1.500;Sí\n"
       "AY2;Unión Campesina;GAD provincial del Azuay;GAD provincial;2025;Insumos;820,50;Sí\n")
PROBLEMS = "Código;Problema;Votos\nP01;Falta de agua de riego;30\nP02;Bajos precios;45\n"


def _folder(tmp_path: Path, rows, **files: str) -> Path:
    folder = tmp_path / "carga"
    folder.mkdir(parents=True)
    (folder / "asociaciones.csv").write_text(ASSOCIATIONS, encoding="utf-8")
    (folder / "encuesta.csv").write_bytes(export_csv(rows, labels=True))
    (folder / "ayudas.csv").write_text(AID, encoding="utf-8")
    (folder / "problemas.csv").write_text(PROBLEMS, encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
