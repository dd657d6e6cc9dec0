"""Streamlit helpers the Propuestas, Ofertas de cooperación and Alineación pages share: the parish's
associations and catalogues (cached) and the import context."""

from __future__ import annotations

import streamlit as st

from core import fmt
from core.proposals import import_preview
from ui import data


def parish_name(parish_code: str) -> str:
    row = data.parish(parish_code)
    return row["name"] if row else parish_code


def import_context(parish_code: str) -> import_preview.ImportContext:
    """What an import into the parish is checked against (read fresh: the store changes)."""
    return import_preview.context_for(data.connection(), data.store(), parish_code)


def sdg_goals() -> dict[int, str]:
    frame = data.view("sdg_goals", order_by="goal")
    return {r["goal"]: f"{r['goal']} · {r['short_name_es']}" for r in frame.iter_rows(named=True)}


def sdg_targets() -> dict[str, str]:
    frame = data.view("sdg_targets", order_by="goal")
    out = {}
    for r in frame.iter_rows(named=True):
        title = r["title_es"] if len(r["title_es"]) <= 90 else r["title_es"][:89].rstrip() + "…"
        out[r["target"]] = f"{r['target']} · {title}"
    return dict(sorted(out.items(), key=lambda kv: _target_key(kv[0])))


def _target_key(target: str) -> tuple[int, int, str]:
    goal, _, rest = target.partition(".")
    return (int(goal), 0 if rest.isdigit() else 1, rest.zfill(3))


def pnd_objectives() -> dict[str, str]:
    frame = data.view("alignment_axes", "framework = 'pnd'", order_by="sort_key DESC")
    out = {}
    for r in frame.iter_rows(named=True):
        text = r["title_es"] if len(r["title_es"]) <= 80 else r["title_es"][:79].rstrip() + "…"
        out[r["code"]] = f"{r['label_es']} · {text}"
    return out


def competences() -> dict[str, str]:
    return dict(data.view("gad_competences", order_by="competence_code").select("competence_code", "title_es")
                .iter_rows())


def problems(parish_code: str) -> dict[str, str]:
    frame = data.view("problems", "parish_code = ?", (parish_code,), order_by="problem_id")
    return {r["problem_id"]: f"{fmt.local_code(r['problem_id'])} · {r['label_es']}"
            for r in frame.iter_rows(named=True)}


def flash(key: str) -> None:
    """Show (once) a success message a previous run left before st.rerun()."""
    message = st.session_state.pop(key, None)
    if message:
        st.success(message, icon=":material/check_circle:")
