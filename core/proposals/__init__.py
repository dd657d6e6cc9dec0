"""Stage 2, collecting: proposals and cooperation offers as validated models, entered by form or imported from
the planner's files, stored as records, and their alignment with the PDOT, the PND and the ODS.

Owns: models, entry, imports, records, cooperation, alignment.
May import: core.data, core.record (store, auth), core.engine.screening for an offer's checklist, core.texts,
core.fmt.
"""
