"""Preparar la parroquia: a planner records the parish's reality, each part by form or by file.

Associations, the member survey (the XLSForm to download, then its KoBoToolbox or ODK Central export),
aid received, the ranked problems and the PDOT objectives. A file is previewed row by row with every
problem at its row and column and saved whole or not at all (core.parish.records.save_batch).

Testing note: AppTest cannot upload files, so each import panel also reads
st.session_state["prep-file-<part>"] = (file name, bytes).
"""

import uuid
from collections.abc import Callable
from typing import Any

import streamlit as st

from core import fmt
from core.data import rural
from core.data.validation import problem_lines
from core.parish import form as survey_form
from core.parish import names, records, survey, tables
from core.parish.records import BatchRefused, ParishBatch
from core.proposals.import_files import MAX_MB, XLSX_MIME
from core.record.auth import Action, PermissionDenied
from core.record.store import ConflictError
from core.texts import labels, t, t_count
from ui import data, session, state
from ui import decidir_registro as reg
from ui import number_field as numbers
from ui import parish as parish_ui
from ui import upload as upload_field
from ui.text import plain, plain_list

session.work_page()
parish_code = state.current_parish()
store = data.store()
user = session.current_user()
seat = rural.refusal(parish_code)  # a cantonal seat has no junta parroquial: nothing is offered to record
may_write = session.allowed(Action.EDIT_ALIGNMENT) and seat is None

st.title(t("prep.title"))
st.caption(t("prep.subtitle", name=plain(reg.parish_name(parish_code))))
st.write(t("prep.intro"))
reg.flash("prep-flash")
if seat is not None:
    st.warning(seat, icon=":material/location_city:")
parish_ui.draw_checklist(parish_code)
if not may_write and seat is None:
    st.info(t("prep.only_planner"))

def attempt(write: Callable[[], Any], refused_key: str) -> Any:
    """`write()`, or None after saying in Spanish why it was refused (the role, or every problem found)."""
    try:
        return write()
    except PermissionDenied as exc:
        session.denied(exc)
    except (BatchRefused, ConflictError) as exc:
        problems = [str(p) for p in getattr(exc, "problems", [])] or [str(exc)]
        st.error(t(refused_key) + "\n" + plain_list(problems), icon=":material/error:")
    return None


def save(batch: ParishBatch, key: str, forget: tuple[str, ...] = ()) -> None:
    """Store `batch`; on success forget the uploaded file and the session keys `forget` (a form's fields), and
    run the page again with the summary."""
    summary = attempt(lambda: records.save_batch(store, user, batch), "prep.refused")
    if summary is None:
        return
    parish_ui.refresh_views()
    for name in (f"prep-file-{key}", *forget):
        st.session_state.pop(name, None)
    st.session_state[f"prep-upload-n-{key}"] = st.session_state.get(f"prep-upload-n-{key}", 0) + 1
    st.session_state["prep-flash"] = t("prep.saved", unchanged=fmt.number(sum(summary.unchanged.values())),
                                       written=t_count("prep.count.written", summary.written,
                                                       n=fmt.number(summary.written)))
    st.rerun()


def stored_table(key: str) -> None:
    stored = records.part_records(store, parish_code, key)
    st.markdown(f"**{t('prep.stored')}**")
    if not stored:
        st.caption(t("prep.stored_none"))
        return
    st.dataframe(parish_ui.records_frame(store, parish_code, key, [r.body for r in stored]), hide_index=True,
                 width="stretch", key=f"prep-stored-{key}")
    if may_write:
        remove_form(key, [fmt.local_code(r.record_id) for r in stored])


def remove_form(key: str, codes: list[str]) -> None:
    """Records a new file no longer lists stay until removed here (a load only adds and replaces)."""
    with st.expander(t("prep.remove")), st.form(f"prep-remove-{key}"):
        chosen = st.multiselect(t("prep.remove_codes"), codes, key=f"prep-remove-codes-{key}",
                                placeholder=t("prep.remove_placeholder"))
        if not st.form_submit_button(t("prep.remove_submit"), icon=":material/delete:") or not chosen:
            return
        removed = attempt(lambda: records.remove(store, user, parish_code, key, chosen), "prep.remove_refused")
        if removed is None:
            return
    parish_ui.refresh_views()
    st.session_state["prep-flash"] = t_count("prep.removed", removed, count=fmt.number(removed))
    st.rerun()


def table_form(key: str) -> None:
    part = tables.PARTS[key]
    index = records.association_index(store, parish_code)
    used = [fmt.local_code(r.record_id) for r in records.part_records(store, parish_code, key)]
    with st.form(f"prep-form-{key}"):  # cleared by `save` once stored: a refused row keeps what was typed
        values = {}
        for column in part.columns:
            name = t(column.header)
            widget_key = f"prep-{key}-{column.field}"
            if column.field == "code":
                values[column] = st.text_input(name, value=records.next_code(used, records.CODE_PREFIX[key]), key=widget_key)
            elif column.field == "association_id":
                values[column] = st.selectbox(name, list(index.names), format_func=index.names.__getitem__,
                                              key=widget_key, index=None, placeholder=t("prep.none"))
            elif column.family:
                options = labels(column.family)
                values[column] = st.selectbox(name, list(options), format_func=options.__getitem__, index=None,
                                              key=widget_key, placeholder=t("prep.none"))
            elif column.field == "non_reimbursable":
                values[column] = st.checkbox(name, value=True, key=widget_key)
            else:
                values[column] = st.text_input(name, key=widget_key)
        if not st.form_submit_button(t("prep.add.save"), type="primary"):
            return
    problems: list = []
    context = tables.Context(parish_code, index, members=records.surveyed(store, parish_code))
    item = tables.read_row(part, values, context, t(f"prep.tab.{key}"), None, problems)
    if item is not None and records.code_taken(item.code, used):  # «Añadir» adds: a file replaces, this never does
        problems.append(t("prep.form.code_used", code=item.code))
        item = None
    if item is None:
        st.error(t("prep.form.errors") + "\n" + plain_list([str(p) for p in problems]), icon=":material/error:")
        return
    save(ParishBatch(parish_code).add(key, [item]), key,
         forget=tuple(f"prep-{key}-{column.field}" for column in part.columns))


def survey_form_panel() -> None:
    index = records.association_index(store, parish_code)
    with st.form("prep-form-encuesta"):  # cleared by `save` once stored: a refused answer keeps what was typed
        values, typed = {}, []
        for question in survey_form.QUESTIONS:
            name = t(f"form.q.{question.name}")
            widget_key = f"prep-encuesta-{question.name}"
            if question.field == "association":
                values[question.name] = st.selectbox(name, list(index.names), format_func=index.names.__getitem__,
                                                     index=None, key=widget_key, placeholder=t("prep.none"))
            elif question.kind == "select_one":
                options = survey_form.choice_labels(question.choices or "")
                values[question.name] = st.selectbox(name, list(options), format_func=options.__getitem__,
                                                     index=None, key=widget_key, placeholder=t("prep.none"))
            elif question.kind == "select_multiple":
                options = survey_form.choice_labels(question.choices or "")
                values[question.name] = st.multiselect(name, list(options), format_func=options.__getitem__,
                                                       key=widget_key, placeholder=t("prep.none"))
            elif question.kind == "integer":
                typed.append(numbers.number_field(name, key=widget_key))
                values[question.name] = None if typed[-1].value is None else int(typed[-1].value)
            else:
                values[question.name] = st.text_input(name, key=widget_key)
        if not st.form_submit_button(t("prep.add.save"), type="primary"):
            return
    if numbers.problems(typed):
        st.error(t("number.fix_fields"), icon=":material/error:")
        return
    item, problems = survey.answer_from_form(values, parish_code, index, str(uuid.uuid4()))
    if item is None:
        st.error(t("prep.form.errors") + "\n" + plain_list([str(p) for p in problems]), icon=":material/error:")
        return
    save(ParishBatch(parish_code).add("encuesta", [item]), "encuesta",
         forget=tuple(f"prep-encuesta-{q.name}" for q in survey_form.QUESTIONS))


def import_panel(key: str) -> None:
    generation = st.session_state.setdefault(f"prep-upload-n-{key}", 0)
    title = (t("prep.upload.survey", limit=MAX_MB) if key == "encuesta"
             else t("prep.upload", part=t(f"prep.file_of.{key}"), limit=MAX_MB))
    uploaded = upload_field.file_uploader(title, key=f"prep-upload-{key}-{generation}", types=["xlsx", "csv"],
                                          max_mb=MAX_MB)
    source = (uploaded.name, uploaded.getvalue()) if uploaded is not None else st.session_state.get(f"prep-file-{key}")
    if source is None:
        return
    name, content = source
    claimed = names.claimed(name)  # as `python -m core.parish load` would read it from a folder
    if claimed and key not in claimed:
        st.warning(t("prep.other_part", file=plain(name), parts=fmt.listing(f"«{t(f'prep.tab.{p}')}»" for p in claimed),
                     here=t(f"prep.tab.{key}")), icon=":material/warning:")
    index = records.association_index(store, parish_code)
    if key == "encuesta":
        preview = survey.read_survey(content, name, parish_code, index)
    else:
        members = records.surveyed(store, parish_code)  # an unknown «Socio» told with the other problems
        preview = tables.read_part(content, name, tables.PARTS[key], tables.Context(parish_code, index, members=members))
    if not preview.problems and preview.items:  # the rules saving checks against the stored records, told now
        preview.problems.extend(records.check(store, ParishBatch(parish_code).add(key, preview.items, preview.left_out)))
    st.markdown(t_count("prep.preview", len(preview.items), file=plain(name), count=fmt.number(len(preview.items))))
    if preview.notices:
        st.info(plain_list(preview.notices), icon=":material/info:")
    if preview.problems:
        st.error(t("prep.problems") + "\n" + plain_list(problem_lines(preview.problems, 30)), icon=":material/error:")
    elif preview.items:  # a file without rows has nothing to save: its notice says so
        st.success(t("prep.no_problems"), icon=":material/check_circle:")
        if preview.left_out:
            st.info(t("prep.left_out", columns=fmt.listing(f"«{h}»" for h in preview.left_out_headers())),
                    icon=":material/info:")
        st.dataframe(parish_ui.records_frame(store, parish_code, key,
                                             [i.model_dump(mode="json") for i in preview.items]),
                     hide_index=True, width="stretch", key=f"prep-preview-{key}")
    if st.button(t("prep.save_file"), type="primary", disabled=bool(preview.problems) or not preview.items,
                 key=f"prep-save-{key}", icon=":material/save:"):
        save(ParishBatch(parish_code).add(key, preview.items, preview.left_out), key)


keys = ("asociaciones", "encuesta", "ayudas", "problemas", "objetivos_pdot")
for key, tab in zip(keys, st.tabs([t(f"prep.tab.{k}") for k in keys], key="prep-tabs", on_change="rerun"), strict=True):
    with tab:
        if key == "encuesta":
            st.download_button(t("prep.form.download"), data=survey_form.form_xlsx(),
                               file_name=survey_form.FORM_PATH.name, mime=XLSX_MIME, key="prep-xlsform",
                               on_click="ignore", icon=":material/download:", help=t("prep.form.download_help"))
        else:
            st.download_button(t("prep.template.download"), data=tables.template_csv(tables.PARTS[key]),
                               file_name=f"{key}.csv", mime="text/csv", key=f"prep-template-{key}",
                               on_click="ignore", icon=":material/download:")
        stored_table(key)
        if not may_write:
            continue
        if key in ("encuesta", "ayudas") and not records.association_index(store, parish_code).names:
            st.info(t("prep.need_associations"))
            continue
        with st.expander(t("prep.add")):
            if key == "encuesta":
                survey_form_panel()
            else:
                table_form(key)
        import_panel(key)
