"""Administración: users, backup and restore of the whole store, reset of the demo."""

import tempfile
from pathlib import Path

import polars as pl
import streamlit as st

from core.proposals import records
from core.record.auth import Action, PermissionDenied, Role, User
from core.record.store import StoreError
from core.texts import label, labels, t
from ui import data, session

MAX_RESTORE_MB = 200

st.title(t("admin.title"))
user = session.current_user()
if not session.allowed(Action.MANAGE_USERS):
    st.info(t("admin.need_role"))
    st.stop()
store = data.store()
accounts = session.accounts()

st.subheader(t("admin.users"))
people = pl.DataFrame([u.model_dump(mode="json") for u in accounts.users()])
if people.height:
    people = people.with_columns(pl.col("role").replace_strict(labels("role"), default=pl.col("role")))
    headers = {c: t(f"admin.col.{c}") for c in ("username", "display_name", "role", "association_id", "email")}
    st.dataframe(people.select(list(headers)).rename(headers), hide_index=True, width="stretch")

with st.expander(t("admin.new_user")):
    associations = data.view("associations", order_by="association_id")
    names = dict(associations.select("association_id", "name").iter_rows())
    with st.form("admin-new-user", clear_on_submit=True):
        username = st.text_input(t("auth.username"))
        display_name = st.text_input(t("auth.display_name"))
        role = st.selectbox(t("admin.role"), [r.value for r in Role], format_func=lambda r: label("role", r))
        association = st.selectbox(t("admin.association"), [None, *names],
                                   format_func=lambda a: "—" if a is None else f"{a} · {names[a]}")
        email = st.text_input(t("admin.email"))
        password = st.text_input(t("auth.password"), type="password")
        if st.form_submit_button(t("admin.create")):
            try:
                created = accounts.create(user, User(username=username.strip().lower(), display_name=display_name,
                                                     role=Role(role), association_id=association,
                                                     email=email.strip() or None), password)
            except PermissionDenied as exc:
                session.denied(exc)
            except ValueError as exc:
                st.error(session.reason(exc))
            else:
                st.success(t("admin.created", username=created.username))

st.subheader(t("admin.backup"))
st.caption(t("admin.backup_help"))
st.download_button(t("admin.backup_download"), data=store.backup_bytes, file_name="minga-respaldo.sqlite",
                   mime="application/x-sqlite3", on_click="ignore", icon=":material/download:", key="admin-backup")
with st.form("admin-restore"):
    upload = st.file_uploader(t("admin.restore"), type=["sqlite"], key="admin-restore-file")
    confirmed = st.checkbox(t("admin.restore_confirm"))
    if st.form_submit_button(t("admin.restore_submit")) and upload is not None and confirmed:
        size_mb = upload.size / 1_000_000
        if size_mb > MAX_RESTORE_MB:
            st.error(t("admin.restore_too_big", size=round(size_mb), limit=MAX_RESTORE_MB))
        else:
            with tempfile.TemporaryDirectory() as folder:
                candidate = Path(folder) / "respaldo.sqlite"
                candidate.write_bytes(upload.getvalue())
                try:
                    session.require_here(Action.MANAGE_STORE)
                    result = store.restore_from(candidate, actor=user.username)
                except PermissionDenied as exc:
                    session.denied(exc)
                except StoreError as exc:
                    st.error(str(exc))
                else:
                    st.success(t("admin.restored", message=result.message))

st.subheader(t("admin.reset"))
st.caption(t("admin.reset_help"))
with st.form("admin-reset"):
    sure = st.checkbox(t("admin.reset_confirm"))
    if st.form_submit_button(t("admin.reset_submit")) and sure:
        try:
            count = records.reset_demo(store, user, data.connection())
        except PermissionDenied as exc:
            session.denied(exc)
        else:
            st.success(t("admin.reset_done", count=count))
