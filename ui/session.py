"""The person using the app: sign in, first-run administrator, OIDC when configured, sign out.

The signed-in user lives in st.session_state["user"] (a core.record.auth.User), re-read from the store on
every call; a reload or a shared link resumes it from the signed session cookie (core.record.web_sessions).
Pages ask `can()` to decide what to show, and every saving action still goes through
`core.record.auth.require`.
"""

from __future__ import annotations

import streamlit as st

from core.data import rural
from core.data.validation import spanish_message
from core.fmt import capitalized
from core.record import landing, web_sessions
from core.record.auth import Accounts, Action, PermissionDenied, Role, User, can, require
from core.record.signin import Attempt, SignInRefused, sign_in
from core.texts import label, labels, t
from ui import data, state
from ui.text import plain

USER_KEY = "user"
COOKIE_KEY = "web-session"  # this browser session's signed cookie ("" once signed out here)
PENDING_COOKIE_KEY = "web-session-pending"  # the cookie to write (or "" to clear) on the next run


def current_user() -> User | None:
    """The signed-in person as the store has them now (None = public view).

    Read from the store on every call, so a removed or deactivated account (or a changed role) takes effect
    at once: a removed or deactivated account is signed out.
    """
    user = st.session_state.get(USER_KEY)
    if user is None:
        return None
    fresh = accounts().current(user)
    if fresh is None:
        st.session_state.pop(USER_KEY, None)
    elif fresh != user:
        st.session_state[USER_KEY] = fresh
    return fresh


def _client() -> str:
    """Who is trying to sign in, for the per-client backoff: the address when known, else this session."""
    try:
        address = st.context.ip_address
    except Exception:  # noqa: BLE001 - no request context (AppTest)
        address = None
    return address or f"sesion:{st.runtime.scriptrunner.get_script_run_ctx().session_id}"


def allowed(action: Action, association_id: str | None = None, parish_code: str | None = None) -> bool:
    return can(current_user(), action, association_id, parish_code)


def other_junta(action: Action, parish_code: str) -> str | None:
    """Why the signed-in person, whose role may take `action`, may not take it for `parish_code` (a board member
    of another parish's junta, a planner of another parish's GAD), in core's words; None when they may, or when their
    role never may."""
    if not allowed(action) or allowed(action, parish_code=parish_code):
        return None
    try:
        require(current_user(), action, parish_code=parish_code)
    except PermissionDenied as exc:
        return plain(str(exc))
    return None


def work_page() -> None:
    """Stop a page of work in preparation (proposals, offers, scenarios, meetings) for the public view."""
    if not allowed(Action.VIEW_WORK):
        st.info(t("auth.work_only"), icon=":material/lock:")
        st.stop()


def accounts() -> Accounts:
    return Accounts(data.store())


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, KeyError, AttributeError):
        return False
    except Exception:  # noqa: BLE001 - a malformed secrets file must not break the sidebar
        return False


def _browser_cookie() -> str | None:
    try:
        return st.context.cookies.get(web_sessions.COOKIE)
    except Exception:  # noqa: BLE001 - no request context (AppTest)
        return None


def _resume_from_cookie() -> None:
    """A reload or a shared link opens a new Streamlit session: the signed cookie signs the person back in."""
    if st.session_state.get(USER_KEY) is not None or st.session_state.get(COOKIE_KEY) == "":
        return
    cookie = _browser_cookie()
    user = web_sessions.resume(data.store(), cookie)
    if user is not None:
        st.session_state[USER_KEY] = user
        st.session_state[COOKIE_KEY] = cookie


def _write_pending_cookie() -> None:
    """Set (or clear) the browser's session cookie on the run after signing in or out (a rerun would cut a
    script written before it short)."""
    pending = st.session_state.pop(PENDING_COOKIE_KEY, None)
    if pending is None:
        return
    age = int(web_sessions.MAX_AGE.total_seconds()) if pending else 0
    st.sidebar.html(f"<script>document.cookie = '{web_sessions.COOKIE}={pending}; path=/; max-age={age}; SameSite=Strict'"
            " + (location.protocol === 'https:' ? '; Secure' : '');</script>", unsafe_allow_javascript=True)


def _sign_out(user: User) -> None:
    web_sessions.end(data.store(), st.session_state.get(COOKIE_KEY) or _browser_cookie(), actor=user.username)
    st.session_state.pop(USER_KEY, None)
    st.session_state[COOKIE_KEY] = ""  # this browser session stays signed out even before the cookie is cleared
    st.session_state[PENDING_COOKIE_KEY] = ""


def _signed_in(user: User) -> None:
    state.follow_sign_in(landing.parish_of(data.store(), user))
    cookie = web_sessions.start(data.store(), user)
    st.session_state[USER_KEY] = user
    st.session_state[COOKIE_KEY] = cookie
    st.session_state[PENDING_COOKIE_KEY] = cookie


def sidebar_account() -> User | None:
    """Draw the account box in the sidebar and return the signed-in user (None = public view)."""
    _resume_from_cookie()
    _write_pending_cookie()
    user = current_user()
    box = st.sidebar.container(border=True)
    if user is not None:
        box.markdown(t("auth.signed_in_as", name=plain(user.display_name), role=label("role", user.role.value)))
        if box.button(t("auth.signout"), key="signout", icon=":material/logout:"):
            _sign_out(user)
            if _oidc_configured() and getattr(st.user, "is_logged_in", False):
                st.logout()
            st.rerun()
        return user

    registry = accounts()
    if not registry.has_users():
        _first_run(box, registry)
        return None
    if registry.locked_out():
        box.warning(t("auth.locked_out"), icon=":material/lock:")
    if _oidc_configured():
        if getattr(st.user, "is_logged_in", False):
            linked = registry.by_email(st.user.email or "")
            if linked is not None:
                st.session_state[USER_KEY] = linked
                st.rerun()
            box.warning(t("auth.oidc_unknown", email=plain(st.user.email)))
        elif box.button(t("auth.oidc"), key="oidc-login"):
            st.login()
    box.caption(t("auth.public"))
    with box.form("signin", clear_on_submit=False, border=False):
        username = st.text_input(t("auth.username"), key="signin-username")
        password = st.text_input(t("auth.password"), type="password", key="signin-password")
        if st.form_submit_button(t("auth.submit"), icon=":material/login:"):
            try:
                found = sign_in(registry.store, Attempt(username=username, password=password, client=_client()))
            except SignInRefused as exc:
                refused(exc)
            else:
                _signed_in(found)
                st.rerun()
    return None


def _first_run(box, registry: Accounts) -> None:
    box.subheader(t("auth.first_run_title"))
    box.caption(t("auth.first_run_help"))
    with box.form("first-admin", border=False):
        username = st.text_input(t("auth.username"), key="first-username")
        name = st.text_input(t("auth.display_name"), key="first-name")
        password = st.text_input(t("auth.password"), type="password", key="first-password")
        repeat = st.text_input(t("auth.password_repeat"), type="password", key="first-repeat")
        if st.form_submit_button(t("auth.first_run_submit")):
            if password != repeat:
                st.error(t("auth.password_mismatch"))
                return
            try:
                admin = registry.create_first_admin(username.strip().lower(), name.strip() or username, password)
            except (ValueError, PermissionDenied) as exc:
                refused(exc)
                return
            _signed_in(admin)
            st.rerun()


def reason(exc: Exception) -> str:
    """The Spanish reason inside a pydantic or core error, without the technical wrapper; each rule of a field
    names the field («Título: no puede estar vacío»), and the line of a list («Indicadores (línea 2): …»)."""
    errors = getattr(exc, "errors", None)
    if callable(errors):
        text = "; ".join(dict.fromkeys(_placed(e) for e in errors()))
    else:
        text = str(exc)
    return capitalized(text)


def _placed(error: dict) -> str:
    message = spanish_message(error)
    names = [part for part in error.get("loc", ()) if isinstance(part, str) and part in labels("field")]
    if not names:
        return message
    lines = [part for part in error["loc"] if isinstance(part, int)]
    field = label("field", names[0]) + (f" — {label('field', names[-1])}" if len(names) > 1 else "")
    if lines:
        return t("field.where_line", field=field, line=lines[0] + 1, message=message)
    return t("field.where", field=field, message=message)


def require_here(action: Action) -> User:
    """core.record.auth.require for the person using this session."""
    return require(current_user(), action)


def own_parish_note(parish_code: str) -> str | None:
    """For a planner tied to its GAD's parish (core.record.auth): which parish it works for, and that it only reads
    the one chosen when that is another; None for everyone else."""
    user = current_user()
    if user is None or user.role != Role.PLANNER or user.parish_code is None:
        return None
    if user.parish_code == parish_code:
        return t("auth.planner_parish", own=rural.named(user.parish_code))
    return t("auth.planner_other_parish", own=rural.named(user.parish_code), other=rural.named(parish_code))


def denied(exc: PermissionDenied) -> None:
    st.error(t("auth.denied", reason=plain(str(exc))))


def refused(exc: Exception) -> None:
    """Core's refusal on the page, as text: it may quote what the person typed (a code, a name, a file's name),
    which must never read as Markdown."""
    st.error(plain(reason(exc)))
