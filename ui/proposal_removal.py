"""Propuestas' deletion of the proposal the form shows, for one entered by mistake: offered only when
core.proposals.removal would allow it, confirmed by a tick, and refused in Spanish when the stored state says no
(someone saved it meanwhile, a meeting still open lists it)."""

import streamlit as st

from core.proposals import removal
from core.proposals.records import Versioned
from core.record.auth import PermissionDenied, User
from core.record.store import Store, StoreError
from core.texts import t
from ui import session
from ui.record_form import NEW, Editing
from ui.text import plain


def delete_panel(form: Editing, current: Versioned | None, user: User | None, store: Store) -> None:
    """An expander under the form of a stored proposal that `user` may delete; on deletion the form's picker goes
    back to a new proposal and the next run says what was deleted."""
    if current is None or not removal.may_delete(user, current.item):
        return
    proposal_id = current.item.proposal_id
    with st.expander(t("prop.delete.title"), icon=":material/delete:"):
        st.caption(t("prop.delete.help"))
        sure = st.checkbox(t("prop.delete.confirm", id=plain(proposal_id)), key=f"{form.key}-delete-sure")
        if not st.button(t("prop.delete.button"), disabled=not sure, key=f"{form.key}-delete"):
            return
        try:
            removal.delete_proposal(store, user, proposal_id, expected_version=current.version)
        except PermissionDenied as exc:
            session.denied(exc)
            return
        except (StoreError, ValueError) as exc:  # a conflict too (ConflictError is a StoreError)
            session.refused(exc)
            return
    st.session_state[f"{form.prefix}-next"] = NEW
    st.session_state[f"{form.prefix}-flash"] = t("prop.delete.done", id=plain(proposal_id))
    st.rerun()
