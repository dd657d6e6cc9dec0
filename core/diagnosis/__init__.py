"""Diagnóstico: the pure steps between the views of sql/diagnosis/ and what the five diagnosis pages draw.

One module per page (`territory`, `associations`, `aid`, `migration`, `problems`), plus what they share: the
views each page reads (`queries`), adding up a selection of associations into shares (`answers`) and frames as
people read them (`tables`). Spanish texts come from core.texts, numbers from core.fmt (es-EC). The charts are
drawn in ui/. May import: core.fmt, core.texts, polars. No Streamlit, no Altair, no database here.
"""
