"""Stage 2, collecting: proposals and cooperation offers as validated models, entered by form or imported from
the planner's files, stored as records, and their alignment with the PDOT, the PND and the ODS.

Owns: models (proposals), lifecycle (their statuses and steps, re-exported by models), offers, competences, entry, imports (the entry of the import; its
steps in import_files, import_cells, import_columns, import_values, import_reader, import_preview,
import_templates), records, removal (deleting one entered by mistake), cooperation, alignment (the pure matrix; the chart is in ui/).
May import: core.data, core.record (store, auth, and the meetings that list a proposal), core.engine (screening and the prioritization inputs) for an
offer's checklist, core.cooperation (the cooperant registry an offer is linked to, and its demo on a reset),
core.texts, core.fmt.
"""
