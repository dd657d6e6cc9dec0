"""The Propuestas page's import tab: download the template or the demo file, upload a file, see the preview of
every problem, and save the rows chosen (core.proposals.imports does the reading and the saving).

Testing note: AppTest cannot upload files, so the panel reads the file either from the uploader or from
st.session_state["prop-import-file"] = (file name, bytes) (also what «Probar con el archivo de demostración»
sets); the preview itself is core.proposals.imports.preview_import, a function of the bytes.
"""

import hashlib

import polars as pl
import streamlit as st

from core import fmt
from core.fmt import listing
from core.proposals import import_associations, import_files, import_preview, import_templates, imports
from core.proposals.import_associations import AssociationChoice
from core.record.auth import Action, PermissionDenied
from core.record.store import ConflictError
from core.texts import t
from ui import data, parish, session
from ui import decidir_registro as reg
from ui import upload as upload_field
from ui.text import plain, plain_list

IMPORT_FILE = "prop-import-file"
PREVIEW = "prop-import-preview"  # (file hash, name, update, parish) and the preview parsed from it
UPLOAD_MB = 5  # import_files.MAX_BYTES, for the uploader (the server's own cap is the larger restore limit)
SHOWN_PROBLEMS = 12  # listed as sentences; the table below has all of them


def _clear_demo_file() -> None:
    st.session_state.pop(IMPORT_FILE, None)


def import_panel(parish_code: str, names: dict[str, str]) -> None:
    """The import tab: the template and demo downloads, the upload, and the preview of what importing would do."""
    st.write(t("prop.import.intro"))
    reg.flash("prop-import-flash")
    has_demo = bool(import_templates.demo_proposals(parish_code))
    c = st.columns(2 if has_demo else 1)
    c[0].download_button(t("prop.import.template"),
                         data=lambda: import_templates.template_xlsx(reg.import_context(parish_code)),
                         file_name="minga-plantilla-propuestas.xlsx", mime=import_files.XLSX_MIME,
                         key="prop-template", on_click="ignore", icon=":material/download:")
    if has_demo:
        c[1].download_button(t("prop.import.demo"),
                             data=lambda: import_templates.demo_import_file(data.connection(), parish_code),
                             file_name="minga-propuestas-demostracion.xlsx", mime=import_files.XLSX_MIME,
                             key="prop-demo", on_click="ignore", icon=":material/download:",
                             help=t("prop.import.demo_help"))
    if not session.allowed(Action.EDIT_PROPOSAL):
        st.info(t("prop.import.only_planner"))
        return
    generation = st.session_state.setdefault("prop-upload-n", 0)
    uploaded = upload_field.file_uploader(t("prop.import.upload", limit=fmt.number(UPLOAD_MB) + " MB"),
                                          key=f"prop-upload-{generation}", types=["xlsx", "csv"], max_mb=UPLOAD_MB,
                                          restrict=False, help=t("prop.import.upload_help"),
                                          on_change=_clear_demo_file)
    c = st.columns([1, 2])
    if has_demo and c[0].button(t("prop.import.use_demo"), key="prop-use-demo", icon=":material/science:"):
        st.session_state[IMPORT_FILE] = ("minga-propuestas-demostracion.xlsx",
                                         import_templates.demo_import_file(data.connection(), parish_code))
        st.session_state["prop-upload-n"] = generation + 1  # the demo file replaces an uploaded one
        st.rerun()
    update = c[1].checkbox(t("prop.import.update"), key="prop-import-update", help=t("prop.import.update_help"))
    source = (uploaded.name, uploaded.getvalue()) if uploaded is not None else st.session_state.get(IMPORT_FILE)
    if source is None:
        return
    name, content = source
    show_preview(_preview(content, name, update, parish_code, _choices()), names)


def _widget(key: str, part: str) -> str:
    """The widget key of an unregistered association's answer (`part`: choice or members), stable per name."""
    return f"prop-assoc-{part}-{hashlib.sha256(key.encode()).hexdigest()[:10]}"


def _choices() -> dict[str, AssociationChoice]:
    """The planner's answers for the unregistered associations of the last preview, read from their widgets."""
    cached = st.session_state.get(PREVIEW)
    out = {}
    for key in (cached[1].unregistered if cached else {}):
        action = st.session_state.get(_widget(key, "choice"))
        if action not in (None, "leave_out"):  # leaving out is what an unanswered name does
            out[key] = AssociationChoice(action, st.session_state.get(_widget(key, "members")))
    return out


def _preview(content: bytes, name: str, update: bool, parish_code: str,
             choices: dict[str, AssociationChoice]) -> import_preview.ImportPreview:
    """The file's preview, parsed once per file (and choice of updating, and answers on associations): reruns
    reuse it, a save drops it."""
    key = (hashlib.sha256(content).hexdigest(), name, update, parish_code, tuple(sorted(choices.items())))
    cached = st.session_state.get(PREVIEW)
    if cached is None or cached[0] != key:
        cached = (key, imports.preview_import(content, name, reg.import_context(parish_code), update_existing=update,
                                              choices=choices))
        st.session_state[PREVIEW] = cached
    return cached[1]


def _associations_panel(preview: import_preview.ImportPreview, names: dict[str, str]) -> None:
    """For each name the file uses that the parish has not registered: use the suggested one, create it, or
    leave its rows out (the default: nothing is created unless the planner says so)."""
    if not preview.unregistered:
        return
    st.markdown(f"**{t('prop.import.assoc.title')}**")
    st.caption(t("prop.import.assoc.help"))
    for key, offer in preview.unregistered.items():
        options = (["suggested"] if offer.suggestion else []) + ["create", "leave_out"]
        words = {"suggested": t("prop.import.assoc.suggested", name=plain(names.get(offer.suggestion or "", ""))),
                 "create": t("prop.import.assoc.create", name=plain(offer.name)),
                 "leave_out": t("prop.import.assoc.leave_out")}
        st.markdown(t("prop.import.assoc.rows", name=plain(offer.name), rows=listing(str(r) for r in offer.lines)))
        c = st.columns([2, 1])
        choice = c[0].radio(t("prop.import.assoc.choice", name=plain(offer.name)), options,
                            index=options.index("leave_out"), format_func=words.__getitem__,
                            key=_widget(key, "choice"), label_visibility="collapsed")
        if choice == "create":
            c[1].number_input(t("prop.import.assoc.members", name=plain(offer.name)), min_value=1,
                              max_value=import_associations.MAX_MEMBERS, step=1, value=None,
                              key=_widget(key, "members"), help=t("prop.import.assoc.members_help"))


def show_preview(preview: import_preview.ImportPreview, names: dict[str, str]) -> None:
    """Every problem as a sentence and in a table, each row's action, and the save button when saving is allowed."""
    st.subheader(t("prop.import.preview", file=plain(preview.file)))
    if preview.refused and any(p.row is None for p in preview.problems):
        st.error(t("prop.import.refused") + "\n" + plain_list([str(p) for p in preview.problems]),
                 icon=":material/block:")
        return
    actions = ("new", "update", "unchanged", "error") + (("skipped",) if preview.count("skipped") else ())
    metrics = st.columns(len(actions) + 1)
    metrics[0].metric(t("prop.import.metric.rows"), fmt.number(len(preview.rows)))
    for column, action in zip(metrics[1:], actions, strict=True):
        column.metric(t(f"prop.import.metric.{action}"), fmt.number(preview.count(action)))
    if preview.notices:
        st.info(t("prop.import.notices") + "\n" + plain_list(preview.notices), icon=":material/info:")
    if preview.problems:
        count = len(preview.problems)
        shown = [str(p) for p in preview.problems[:SHOWN_PROBLEMS]]
        more = ([t("prop.import.problems_more", count=fmt.number(count - SHOWN_PROBLEMS))]
                if count > SHOWN_PROBLEMS else [])
        heading = t("prop.import.problems_one") if count == 1 else t("prop.import.problems", count=fmt.number(count))
        st.error(heading + "\n" + plain_list(shown + more), icon=":material/error:")
        problems = preview.problems_table().select(
            pl.col("file").alias(t("prop.import.col.file")), pl.col("row").alias(t("prop.import.col.line")),
            pl.col("column").alias(t("prop.import.col.column")), pl.col("message").alias(t("prop.import.col.message")))
        st.dataframe(problems, hide_index=True, width="stretch", key="prop-import-problems")
    else:
        st.success(t("prop.import.problems_none"), icon=":material/check_circle:")
    _associations_panel(preview, names)
    shown_names = {**names, **{u.new_id: t("prop.import.assoc.new", name=u.name)
                               for u in preview.unregistered.values() if u.new_id}}
    listed = preview.table()
    rows = listed.select(
        pl.col("line").alias(t("prop.import.col.line")), pl.col("proposal_id").alias(t("prop.col.proposal_id")),
        pl.col("title").alias(t("prop.col.title")),
        (pl.col("association_id").replace_strict(shown_names, default=pl.col("association_id")) if shown_names
         else pl.col("association_id")).alias(t("prop.col.association")),
        pl.col("cost_usd").map_elements(fmt.amount_for(listed["cost_usd"]), return_dtype=pl.Utf8).fill_null("").alias(t("prop.col.cost")),
        pl.col("action").alias(t("prop.import.col.action")), pl.col("problems").alias(t("prop.import.col.problems")),
        pl.col("notes").alias(t("prop.import.col.notes")), pl.col("warnings").alias(t("prop.import.col.warnings")),
    ).with_columns(pl.col(pl.Utf8).fill_null(""))  # a cell the file left empty is shown empty, not «None»
    st.dataframe(rows, hide_index=True, width="stretch", key="prop-import-rows")
    if preview.count("skipped"):
        st.caption(t("prop.import.skipped_note", count=fmt.number(preview.count("skipped"))))

    savable = len(preview.to_save())
    wrong = preview.count("error")
    only_valid = False
    if wrong and savable:
        only_valid = st.checkbox(t("prop.import.only_valid"), key="prop-import-only-valid",
                                 help=t("prop.import.only_valid_help"))
    if not savable and preview.ok:
        st.info(t("prop.import.nothing"))
        return
    blocked = (bool(preview.problems) and not only_valid) or not savable
    if not only_valid:
        text = t("prop.import.save_all")
    else:
        text = t("prop.import.save_valid_one") if savable == 1 else t("prop.import.save_valid",
                                                                      count=fmt.number(savable))
    if blocked:
        st.caption(t("prop.import.save_disabled"))
    if not st.button(text, type="primary", disabled=blocked, key="prop-import-save", icon=":material/save:"):
        return
    try:
        count = imports.save_import(data.store(), session.current_user(), preview, only_valid=only_valid)
    except PermissionDenied as exc:
        session.denied(exc)
        return
    except (ConflictError, imports.ImportRefused) as exc:
        st.error(t("prop.import.conflict", reason=plain(exc)), icon=":material/sync_problem:")
        return
    if any(u.new_id for u in preview.unregistered.values()):
        parish.refresh_views()  # the associations it created are in the views from now on
    st.session_state["prop-upload-n"] = st.session_state.get("prop-upload-n", 0) + 1
    st.session_state.pop(IMPORT_FILE, None)
    for key in preview.unregistered:
        st.session_state.pop(_widget(key, "choice"), None)
        st.session_state.pop(_widget(key, "members"), None)
    st.session_state.pop(PREVIEW, None)
    st.session_state["prop-import-flash"] = (t("prop.import.saved_one") if count == 1
                                             else t("prop.import.saved", count=fmt.number(count)))
    st.rerun()
