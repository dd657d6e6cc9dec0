"""What Minga's command-line tools say to whoever runs the server: building the data (core.data.build), checking the
log (core.record.audit) and resetting the demo (core.proposals.records)."""

STRINGS: dict[str, str] = {
    "cli.build.description": "Construye los datos de Minga (data/*.parquet).",
    "cli.build.if_stale": "solo si cambió alguna fuente",
    "cli.build.up_to_date": "Datos al día; no hace falta reconstruir.",
    "cli.build.failed": "No se pudieron construir los datos; los archivos anteriores no se modificaron.",
    "cli.build.done": "Datos construidos: {count} archivos en {folder}.",
    "cli.store": "archivo del almacén (por defecto, el de la aplicación)",
    "cli.audit.description": "Verifica el registro de Minga.",
    "cli.audit.verify": "verifica la cadena de hashes del registro",
    "cli.audit.broken": "{path}: REGISTRO ALTERADO. Primera entrada rota: {seq}. {message}",
    "cli.audit.acta_refused": "{path}: El registro está íntegro (entradas verificadas: {count}), pero el acta no se "
                              "da por buena. {message}",
    "cli.reset.done": "Demostración restablecida en {path}; cambios deshechos: {count}. Se ven de nuevo los datos "
                      "de demostración.",
}
