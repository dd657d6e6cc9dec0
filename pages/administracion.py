"""Administración: users, backup and restore of the whole store, reset of the demo."""

import tempfile
from pathlib import Path

import polars as pl
import streamlit as st

from core import fmt
from core.parish import mirror
from core.proposals import demo_reset
from core.record import backup, signing
from core.record.auth import BOUND_TO_PARISH, Action, PermissionDenied, Position, Role, User
from core.record.store import ConflictError, StoreError
from core.texts import label, labels, t, t_count
from ui import data, session, state
from ui import parish as parish_ui
from ui import upload as upload_field
from ui.decidir_registro import flash
from ui.text import plain

MAX_RESTORE_MB = 200
FLASH = "admin-flash"  # what an account change said before the page was redrawn

st.title(t("admin.title"))
user = session.current_user()
if not session.allowed(Action.MANAGE_USERS):
    st.info(t("admin.need_role"))
    st.stop()
store = data.store()
accounts = session.accounts()

st.subheader(t("admin.users"))
everyone = accounts.users()
# the rural parishes, each with its junta: a board account's parish is one of them
rural_parishes = data.view("parishes", "kind = 'rural'",
                           order_by="province COLLATE noaccent, canton COLLATE noaccent, name COLLATE noaccent")
juntas = {row["parish_code"]: t("parish.option", name=row["name"], canton=row["canton"], province=row["province"])
          for row in rural_parishes.iter_rows(named=True)}


def _junta(code: str | None) -> str:
    return t("admin.no_parish") if code is None else juntas.get(code, code)


EVERY = "todas"  # the pickers' choice of no parish: a planner of every parish of the installation


def _parish_of(role: Role, code: str | None) -> str:
    """An account's parish as the table and the pickers name it: a planner without one works for every parish."""
    return t("admin.every_parish") if role == Role.PLANNER and code in (None, EVERY) else _junta(code)


def _chosen(code: str | None) -> str | None:
    return None if code == EVERY else code


# each association named with its parish, as the picker below offers them (a code only where two read the same)
association_names = parish_ui.association_choices(data.view(
    "associations", order_by="parish_name COLLATE noaccent, name COLLATE noaccent, association_id"))
people = pl.DataFrame([u.model_dump(mode="json") for u in everyone])
if people.height:
    people = people.with_columns(pl.col("role").replace_strict(labels("role"), default=pl.col("role")),
                                 pl.col("active").replace_strict({True: label("bool", "True"),
                                                                  False: label("bool", "False")}, return_dtype=pl.Utf8),
                                 # accounts without an association or e-mail show an empty cell, not «None»
                                 pl.col("email").cast(pl.Utf8).fill_null(""),
                                 pl.Series("association_id", [association_names.get(a, a) if a else ""
                                                              for a in (u.association_id for u in everyone)],
                                           dtype=pl.Utf8),
                                 # a seat on the board is a board member's: other accounts show an empty cell
                                 pl.Series("position", [label("position", u.position) if u.role == Role.BOARD
                                                        else "" for u in everyone], dtype=pl.Utf8),
                                 # … and so is the parish (a junta's, «Sin parroquia asignada» when stored before;
                                 # a planner's GAD, or every parish)
                                 pl.Series("parish_code", [_parish_of(u.role, u.parish_code)
                                                           if u.role in BOUND_TO_PARISH else "" for u in everyone],
                                           dtype=pl.Utf8))
    headers = {c: t(f"admin.col.{c}") for c in ("username", "display_name", "role", "position", "parish_code",
                                                "association_id", "email", "active")}
    st.dataframe(people.select(list(headers)).rename(headers), hide_index=True, width="stretch")
    unassigned = [u.username for u in everyone if u.role == Role.BOARD and u.parish_code is None]
    if unassigned:
        st.warning(t("admin.assign_parish", users=", ".join(f"«{plain(u)}»" for u in unassigned)),
                   icon=":material/location_off:")

with st.expander(t("admin.new_user")):
    with st.form("admin-new-user", clear_on_submit=True):
        username = st.text_input(t("auth.username"), key="admin-new-username")
        display_name = st.text_input(t("auth.display_name"), key="admin-new-name")
        role = st.selectbox(t("admin.role"), [r.value for r in Role], format_func=lambda r: label("role", r),
                            key="admin-new-role", placeholder=t("select.placeholder"))
        association = st.selectbox(t("admin.association"), [None, *association_names],
                                   format_func=lambda a: "—" if a is None else association_names[a],
                                   placeholder=t("select.placeholder"))
        position = st.selectbox(t("admin.position"), [p.value for p in Position], key="admin-new-position",
                                index=list(Position).index(Position.MEMBER), help=t("admin.position_help"),
                                format_func=lambda p: label("position", p), placeholder=t("select.placeholder"))
        codes = [EVERY, *juntas]  # a planner of every parish (a board account is refused without one, in core)
        here = state.current_parish()  # the parish chosen in the sidebar, by default
        junta = st.selectbox(t("admin.parish"), codes, key="admin-new-parish", help=t("admin.parish_help"),
                             index=codes.index(here) if here in juntas else None,
                             format_func=lambda code: _parish_of(Role.PLANNER, code),
                             placeholder=t("select.placeholder"))
        email = st.text_input(t("admin.email"))
        password = st.text_input(t("auth.password"), type="password", key="admin-new-password-first")
        if st.form_submit_button(t("admin.create")):
            try:
                created = accounts.create(user, User(username=username.strip().lower(), display_name=display_name,
                                                     role=Role(role), association_id=association,
                                                     email=email.strip() or None, position=Position(position),
                                                     parish_code=_chosen(junta) if Role(role) in BOUND_TO_PARISH
                                                     else None),
                                          password)
            except PermissionDenied as exc:
                session.denied(exc)
            except ValueError as exc:
                session.refused(exc)
            except StoreError as exc:
                session.refused(exc)
            else:
                st.success(t("admin.created", username=plain(created.username)))

with st.expander(t("admin.manage_user")):
    flash(FLASH)
    by_username = {u.username: u for u in everyone}
    chosen = by_username[st.selectbox(t("admin.pick_user"), list(by_username), key="admin-pick-user",
                                      format_func=lambda u: f"{u} · {by_username[u].display_name}",
                                      placeholder=t("select.placeholder"))]
    try:
        if chosen.active and st.button(t("admin.deactivate"), key="admin-deactivate", icon=":material/block:"):
            accounts.set_active(user, chosen.username, False)
            st.session_state[FLASH] = t("admin.deactivated", username=plain(chosen.username))
            st.rerun()
        elif not chosen.active and st.button(t("admin.activate"), key="admin-activate", icon=":material/check:"):
            accounts.set_active(user, chosen.username, True)
            st.session_state[FLASH] = t("admin.activated", username=plain(chosen.username))
            st.rerun()
        with st.form("admin-reset-password", clear_on_submit=True):
            new_password = st.text_input(t("admin.new_password"), type="password", key="admin-new-password")
            if st.form_submit_button(t("admin.reset_password")):
                accounts.reset_password(user, chosen.username, new_password)
                st.success(t("admin.password_reset", username=plain(chosen.username)))
        if chosen.role == Role.BOARD:
            with st.form("admin-position"):
                seat = st.selectbox(t("admin.position"), [p.value for p in Position],
                                    key=f"admin-position-{chosen.username}", help=t("admin.position_help"),
                                    index=list(Position).index(chosen.position),
                                    format_func=lambda p: label("position", p), placeholder=t("select.placeholder"))
                if st.form_submit_button(t("admin.set_position")):
                    changed = accounts.set_position(user, chosen.username, Position(seat))
                    st.session_state[FLASH] = t("admin.position_set", username=plain(chosen.username),
                                                position=label("position", changed.position))
                    st.rerun()
        if chosen.role in BOUND_TO_PARISH:  # a board member's junta, or a planner's GAD (or every parish)
            planner = chosen.role == Role.PLANNER
            with st.form("admin-parish"):
                codes = [EVERY, *juntas] if planner else list(juntas)
                held = EVERY if planner and chosen.parish_code is None else chosen.parish_code
                moved = st.selectbox(t("admin.parish"), codes, key=f"admin-parish-{chosen.username}",
                                     index=codes.index(held) if held in codes else None,
                                     help=t("admin.parish_help"),
                                     format_func=lambda code: _parish_of(chosen.role, code),
                                     placeholder=t("admin.no_parish"))
                if st.form_submit_button(t("admin.set_parish")):
                    if moved is None and not planner:
                        raise ValueError(t("auth.err.no_parish"))
                    changed = accounts.set_parish(user, chosen.username, _chosen(moved))
                    st.session_state[FLASH] = t("admin.planner_parish_set" if planner else "admin.parish_set",
                                                username=plain(chosen.username),
                                                parish=_parish_of(changed.role, changed.parish_code))
                    st.rerun()
    except PermissionDenied as exc:
        session.denied(exc)
    except (ValueError, ConflictError) as exc:
        session.refused(exc)

st.subheader(t("admin.backup"))
st.caption(t("admin.backup_help"))
st.warning(t("admin.key_warning", path=store.key_path, fingerprint=signing.fingerprint(store.public_key)),
           icon=":material/key:")
st.download_button(t("admin.backup_download"), data=lambda: backup.backup_bytes(store),
                   file_name="minga-respaldo.sqlite", mime="application/x-sqlite3", on_click="ignore",
                   icon=":material/download:", key="admin-backup")


def restore_section(candidate: Path) -> None:
    """What the backup holds and why it would be refused; the restore, confirmed with the password."""
    try:
        report = backup.inspect_backup(store, candidate)
    except StoreError as exc:
        session.refused(exc)
        return
    for problem in report.problems:
        st.error(problem)
    if not report.acceptable:
        return
    st.success(t_count("admin.restore_ok", report.entries, entries=fmt.number(report.entries)))
    st.write(t("admin.restore_users"))
    st.dataframe(pl.DataFrame({t("admin.col.username"): [u.username for u in report.users],
                               t("admin.col.display_name"): [u.display_name for u in report.users],
                               t("admin.col.role_es"): [u.role_es for u in report.users],
                               t("admin.col.active"): [label("bool", u.active) for u in report.users]},
                              schema={t(f"admin.col.{c}"): pl.Utf8
                                      for c in ("username", "display_name", "role_es", "active")}),
                 hide_index=True, width="stretch")
    with st.form("admin-restore"):
        adopt = False
        if report.foreign_key:
            st.warning(t("admin.restore_foreign",
                         fingerprint=signing.fingerprint(signing.load_public_pem(report.foreign_key))))
            adopt = st.checkbox(t("admin.restore_adopt"))
        drop = False
        if report.dropped:
            st.warning(t("admin.restore_drops", decisions=report.dropped_named))
            drop = st.checkbox(t("admin.restore_drop_confirm"))
        revive = False
        if report.revived:
            st.warning(t("admin.restore_revives", accounts=report.revived_named))
            revive = st.checkbox(t("admin.restore_revive_confirm"))
        password = st.text_input(t("admin.restore_password"), type="password")
        confirmed = st.checkbox(t("admin.restore_confirm"))
        if st.form_submit_button(t("admin.restore_submit")) and confirmed:
            try:
                session.require_here(Action.MANAGE_STORE)
                result = backup.restore(store, candidate, admin=user, password=password, adopt=adopt,
                                        drop_decisions=drop, revive_accounts=revive)
            except PermissionDenied as exc:
                session.denied(exc)
            except StoreError as exc:
                session.refused(exc)
            else:
                if not mirror.sync(store):  # the views read the restored records, no others
                    st.warning(t("admin.views_stale"))
                parish_ui.refresh_views()
                st.success(t("admin.restored", message=t("log.ok", count=fmt.number(result.entries))))


upload = upload_field.file_uploader(t("admin.restore"), key="admin-restore-file", types=["sqlite"],
                                    max_mb=MAX_RESTORE_MB)
if upload is not None and upload.size / 1_000_000 > MAX_RESTORE_MB:
    st.error(t("admin.restore_too_big", size=round(upload.size / 1_000_000), limit=MAX_RESTORE_MB))
elif upload is not None:
    with tempfile.TemporaryDirectory() as folder:
        uploaded = Path(folder) / "respaldo.sqlite"
        uploaded.write_bytes(upload.getvalue())
        restore_section(uploaded)

st.subheader(t("admin.reset"))
st.caption(t("admin.reset_help"))
with st.form("admin-reset"):
    sure = st.checkbox(t("admin.reset_confirm"))
    if st.form_submit_button(t("admin.reset_submit")) and sure:
        try:
            result = demo_reset.reset_demo(store, user)
        except PermissionDenied as exc:
            session.denied(exc)
        except StoreError as exc:  # e.g. the store held by another process: said in Spanish
            session.refused(exc)
        else:
            st.success(t("admin.reset_done", count=result.removed))
            if result.kept:
                st.info(result.kept_es(), icon=":material/gavel:")
