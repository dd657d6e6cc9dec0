"""Cooperantes: the registry of cooperants, filterable by theme and kind, with a form and a spreadsheet import."""

import polars as pl
import streamlit as st

from core.cooperation import calls as calls_mod
from core.cooperation import cooperants as coop
from core.cooperation.registry_import import preview_registry
from core.lists import join_list
from core.proposals import records
from core.proposals.import_files import MAX_MB
from core.record.auth import Action, PermissionDenied
from core.record.store import ConflictError, StoreError
from core.texts import label, labels, t
from ui import data, record_form, session
from ui import upload as upload_field
from ui.text import plain, plain_list

session.work_page()
store = data.store()
st.title(t("coop.page.title"))
st.write(t("coop.page.intro"))
st.caption(t("coop.page.illustrative"))

stored = coop.records(store)
registry = [coop.Cooperant.model_validate(r.body) for r in stored]
versions = {r.record_id: r.version for r in stored}
offers = [v.item for v in records.offers(store)]
offers_of = {c.cooperant_id: [o.offer_id for o in offers if o.cooperant_id == c.cooperant_id] for c in registry}
calls_of = {c.cooperant_id: [k.call_id for k in calls_mod.calls(store) if k.cooperant_id == c.cooperant_id]
            for c in registry}

left, right = st.columns(2)
themes = left.multiselect(t("coop.page.filter_theme"), list(labels("theme")), format_func=lambda c: label("theme", c),
                          key="coop-themes", placeholder=t("coop.page.all"))
kinds = right.multiselect(t("coop.page.filter_kind"), list(labels("cooperant_kind")),
                          format_func=lambda c: label("cooperant_kind", c), key="coop-kinds",
                          placeholder=t("coop.page.all"))
shown = [c for c in registry if (not themes or set(themes) & set(c.themes)) and (not kinds or c.kind in kinds)]


def _labels(family: str, codes: list[str]) -> str:
    return "; ".join(label(family, c) for c in codes)


rows = [{t("coop.col.cooperant_id"): c.cooperant_id, t("coop.col.name"): c.name,
         t("coop.col.kind"): label("cooperant_kind", c.kind), t("coop.col.country"): c.country or "",
         t("coop.col.themes"): _labels("theme", c.themes), t("coop.col.modalities"): _labels("modality", c.modalities),
         t("coop.col.non_reimbursable"): label("yes_no", c.non_reimbursable),
         t("coop.col.target_population"): _labels("target_population", c.target_population),
         t("coop.col.offers"): ", ".join(offers_of[c.cooperant_id]),
         t("coop.col.calls"): ", ".join(calls_of[c.cooperant_id])} for c in shown]
if rows:
    st.dataframe(pl.DataFrame(rows), hide_index=True, width="stretch")
else:
    st.info(t("coop.page.none"))
orphans = [o.offer_id for o in offers if coop.cooperant_of_offer(o, registry) is None]
if orphans:
    st.warning(t("coop.page.unregistered", offers=", ".join(plain(o) for o in orphans)))

if shown:
    with st.expander(t("coop.page.detail")):
        chosen = st.selectbox(t("coop.col.name"), shown, format_func=lambda c: c.name, key="coop-detail",
                              placeholder=t("select.placeholder"))
        st.text(t("coop.col.counterpart_rules") + ": " + (chosen.counterpart_rules or "—"))
        st.text(t("coop.col.cooperation_types") + ": " + _labels("cooperation_type", chosen.cooperation_types))
        for contact in chosen.contacts:
            parts = [contact.director, contact.address, contact.city, contact.phone, contact.email, contact.website]
            st.text(f"{label('contact_office', contact.office)}: " + " · ".join(p for p in parts if p))
        for source in chosen.sources:
            st.text(source)

if not session.allowed(Action.EDIT_OFFER):
    st.info(t("coop.page.need_role"))
    st.stop()

st.subheader(t("coop.page.form"))
by_id = coop.by_id(registry)
editing_id = st.selectbox(t("coop.col.cooperant_id"), ["", *by_id], key="coop-edit",
                          format_func=lambda i: by_id[i].name if i else t("coop.page.new"),
                          placeholder=t("select.placeholder"))
current = by_id.get(editing_id)
seen = versions.get(editing_id, 0)  # the form belongs to the version shown: one sent after it changed is not saved
if current is not None and record_form.sent_stale("coop-save", editing_id, seen):
    st.warning(t("coop.page.changed_meanwhile", name=plain(current.name)), icon=":material/sync_problem:")
with st.form(f"coop-form-{editing_id}-{seen}"):
    code = st.text_input(t("coop.col.cooperant_id"), value=current.cooperant_id if current else "", max_chars=60)
    name = st.text_input(t("coop.col.name"), value=current.name if current else "", max_chars=200)
    kind_codes = list(labels("cooperant_kind"))
    kind = st.selectbox(t("coop.col.kind"), kind_codes, format_func=lambda c: label("cooperant_kind", c),
                        index=kind_codes.index(current.kind) if current else 0, placeholder=t("select.placeholder"))
    country = st.text_input(t("coop.col.country"), value=(current.country or "") if current else "", max_chars=80)
    chosen_themes = st.multiselect(t("coop.col.themes"), list(labels("theme")),
                                   default=current.themes if current else [],
                                   format_func=lambda c: label("theme", c), placeholder=t("coop.page.choose"))
    population = st.multiselect(t("coop.col.target_population"), list(labels("target_population")),
                                default=current.target_population if current else [],
                                format_func=lambda c: label("target_population", c),
                                placeholder=t("coop.page.choose"))
    non_reimbursable = st.checkbox(t("coop.col.non_reimbursable"), value=current.non_reimbursable if current else True)
    rules = st.text_area(t("coop.col.counterpart_rules"), value=(current.counterpart_rules or "") if current else "",
                         max_chars=2000)
    sources = st.text_input(t("coop.col.sources"), value=(join_list(current.sources) or "") if current else "",
                            max_chars=1000, help=t("coop.page.sources_help"))
    iati_ref = st.text_input(t("coop.col.iati_org_id"), value=(current.iati_org_id or "") if current else "",
                             max_chars=80, help=t("coop.page.iati_help"))
    if st.form_submit_button(t("coop.page.save"), key=f"coop-save-{editing_id}-{seen}"):
        try:
            updated = {"cooperant_id": code.strip(), "name": name.strip(), "kind": kind,
                       "country": country.strip() or None,
                       "themes": chosen_themes, "target_population": population, "non_reimbursable": non_reimbursable,
                       "counterpart_rules": rules.strip() or None, "sources": sources, "is_illustrative": False,
                       "iati_org_id": iati_ref.strip() or None}
            same = current is not None and current.cooperant_id == code.strip()
            saved = coop.Cooperant.model_validate({**(current.model_dump() if same else {}), **updated})
            # editing: the version read with the page; a new code: version 0, so an existing one is not overwritten
            coop.save_cooperant(store, session.current_user(), saved,
                                expected_version=seen if same else 0, new=not same)
        except PermissionDenied as exc:
            session.denied(exc)
        except (ValueError, ConflictError) as exc:
            session.refused(exc)
        else:
            st.success(t("coop.page.saved", name=plain(saved.name)))

st.subheader(t("coop.page.import"))
st.caption(t("coop.page.import_help"))
upload = upload_field.file_uploader(t("coop.page.upload", limit=MAX_MB), key="coop-upload", types=["xlsx", "csv"],
                                    max_mb=MAX_MB)
update_existing = st.checkbox(t("coop.page.update_existing"), key="coop-update")
if upload is not None:
    existing = {c.cooperant_id: (versions[c.cooperant_id], c) for c in registry}
    preview = preview_registry(upload.getvalue(), upload.name, existing, update_existing=update_existing)
    st.dataframe(preview.table().rename({c: t(f"coop.import.col.{c}") for c in preview.table().columns}),
                 hide_index=True, width="stretch")
    if preview.notices:
        st.info(plain_list(preview.notices), icon=":material/info:")
    if preview.problems:
        st.error(t("coop.page.problems"))
        st.dataframe(preview.problems_table().rename({c: t(f"coop.import.col.{c}")
                                                      for c in preview.problems_table().columns}),
                     hide_index=True, width="stretch")
    elif preview.ok and st.button(t("coop.page.import_save", count=len(preview.to_save())), key="coop-import-save"):
        try:
            count = coop.import_cooperants(store, session.current_user(), preview.to_save(), preview.expected_versions)
        except PermissionDenied as exc:
            session.denied(exc)
        except StoreError as exc:
            session.refused(exc)
        else:
            st.success(t("coop.page.imported", count=count))
