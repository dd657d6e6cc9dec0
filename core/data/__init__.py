"""Stage 0, the data: where files live, the source rows' models, the validated build of `data/*.parquet`,
the DuckDB views over them, and the parish polygons.

Owns: paths, sources, schemas, datasets, frames, validation, build, db, geo.
May import: core.texts, core.fmt, and the source models of core.proposals (models, offers, competences) that
validate the decision rows, and core.parish.mirror: db reads the records people entered as the parquet copy the
store keeps of them (and has it written again when a copy cannot be read). Nothing here knows about scoring or
the pages.
"""
