"""Intercambio IATI: publish the parish's offers and funded projects as an IATI 2.03 file, and read a cooperant's
IATI file into offers after a preview."""

import hashlib

import polars as pl
import streamlit as st

from core import fmt
from core.cooperation import offer_twins
from core.data import rural
from core.iati import identifiers
from core.iati.context import export_context
from core.iati.export import export_bytes, unplaced_offers
from core.iati.read import ReadFile, read_file, save_read_offers, stored_parishes
from core.iati.schema import MAX_BYTES, IatiFileError
from core.record.auth import Action, PermissionDenied
from core.record.store import StoreError
from core.texts import label, t, t_count
from ui import data, session, state
from ui import upload as upload_field
from ui.text import plain

MAX_IATI_MB = MAX_BYTES // 2**20
PAGE_SIZE = 50  # activities previewed at a time: a cooperant's file may hold thousands


@st.cache_resource(max_entries=2, show_spinner=False)
def _read(digest: str, file_name: str, _content: bytes) -> ReadFile:
    """The file read once per content and name (a rerun does not parse megabytes again); the result is frozen."""
    return read_file(_content, file_name)

session.work_page()
parish = state.current_parish()
store = data.store()
st.title(t("iati.page.title"))
st.write(t("iati.page.intro"))

# -- publish ---------------------------------------------------------------------------------------
st.subheader(t("iati.page.publish"))
publisher = identifiers.publisher(store, parish)
st.markdown(t("iati.page.identifier", ref=publisher.org_ref))
st.caption(t("iati.page.provisional" if publisher.is_provisional else "iati.page.registered"))
try:
    content = export_bytes(store, parish, **export_context(data.connection(), parish))
except ValueError as exc:
    st.warning(plain(str(exc)))
else:
    st.download_button(t("iati.page.download"), content, file_name=f"iati-{parish}.xml",
                       mime="application/xml", key="iati-download", icon=":material/download:")
    st.caption(t("iati.page.cli", parish=parish))
unplaced = unplaced_offers(store)
if unplaced:
    st.info(t("iati.page.unplaced", offers=plain(", ".join(unplaced))), icon=":material/info:")

if session.allowed(Action.EDIT_OFFER):
    with st.form("iati-ruc"):
        ruc = st.text_input(t("iati.page.ruc"), value=publisher.ruc or "", max_chars=20, help=t("iati.page.ruc_help"))
        if st.form_submit_button(t("iati.page.ruc_save")):
            try:
                saved = identifiers.save_publisher(store, session.current_user(), parish, ruc)
            except PermissionDenied as exc:
                session.denied(exc)
            except (ValueError, StoreError) as exc:
                session.refused(exc)
            else:
                st.success(t("iati.page.ruc_saved", ref=saved.org_ref))

# -- read a cooperant's file -------------------------------------------------------------------------
st.subheader(t("iati.page.read"))
st.write(t("iati.page.read_intro"))
if not session.allowed(Action.EDIT_OFFER):  # reading a large file costs the server memory: only for who may save
    st.info(t("iati.page.read_need_role"))
    st.stop()
upload = upload_field.file_uploader(t("iati.page.upload"), key="iati-upload", types=["xml"], max_mb=MAX_IATI_MB)
if upload is None:
    st.stop()
content = upload.getvalue()
digest = hashlib.sha256(content).hexdigest()
try:
    read_result = _read(digest, upload.name, content)
except IatiFileError as exc:
    st.error(plain(str(exc)))  # quotes the file's values: shown as text
    st.stop()
read = read_result.offers
for notice in read_result.notices:
    st.warning(plain(notice), icon=":material/warning:")
pages = max(1, -(-len(read) // PAGE_SIZE))
page = 1
if pages > 1:
    page = int(st.number_input(t("iati.page.preview_page", pages=fmt.number(pages)), min_value=1, max_value=pages,
                               value=1, step=1, key=f"iati-page-{digest[:16]}"))
shown = read[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
st.caption(t("iati.page.preview_count", first=fmt.number((page - 1) * PAGE_SIZE + 1),
             last=fmt.number((page - 1) * PAGE_SIZE + len(shown)), count=fmt.number(len(read))))

existing = stored_parishes(store, [r.offer for r in shown])


def in_minga(offer_id: str) -> str:
    if offer_id not in existing:
        return t("iati.page.new")
    holder = existing[offer_id]
    if holder is not None and holder != parish:
        return t("iati.page.other_parish", parish=rural.named(holder))
    return t("iati.page.replaces")


amount = fmt.amount_for([r.offer.amount_usd for r in shown])
rows = [{t("iati.col.offer_id"): r.offer.offer_id, t("iati.col.title"): r.offer.title,
         t("iati.col.cooperant"): r.offer.cooperant,
         t("iati.col.kind"): label("cooperant_kind", r.offer.cooperant_kind),
         t("iati.col.type"): label("cooperation_type", r.offer.cooperation_type),
         t("iati.col.amount"): amount(r.offer.amount_usd),
         t("iati.col.status"): label("offer_status", r.offer.status),
         t("iati.col.new"): in_minga(r.offer.offer_id)}
        for r in shown]
st.dataframe(pl.DataFrame(rows), hide_index=True, width="stretch")
for offer_id, twins in offer_twins.stored_twins(store, [r.offer for r in shown], parish).items():
    st.warning(plain(t("iati.page.maybe_twin", offer_id=offer_id, offers=offer_twins.named(twins))),
               icon=":material/content_copy:")
for item in shown:
    with st.expander(t_count("iati.page.notes", len(item.notes), offer_id=item.offer.offer_id,
                             count=fmt.number(len(item.notes)))):
        for note in item.notes:
            st.text(f"• {note}")

if st.button(t("iati.page.save", count=len(read)), key="iati-save", type="primary"):
    try:
        count = save_read_offers(store, session.current_user(), [r.offer for r in read], parish)
    except PermissionDenied as exc:
        session.denied(exc)
    except (IatiFileError, StoreError) as exc:
        st.error(plain(str(exc)))  # names the file's codes: shown as text
    else:
        st.success(t("iati.page.saved", count=count))
