"""Strings of the data-sources page."""

STRINGS = {
    "fuentes.title": "Datos y fuentes",
    "fuentes.intro": "Cada conjunto de datos de Minga, de dónde vienen sus cifras y si sus registros son generados. "
                     "Las cifras reales conservan su fuente; los registros sintéticos reproducen agregados publicados "
                     "y se marcan como tales.",
    "fuentes.col.dataset": "Conjunto de datos",
    "fuentes.col.source_file": "Archivo fuente",
    "fuentes.col.provenance": "Procedencia",
    "fuentes.col.is_synthetic": "Sintético",
}
