"""Who may do what. Roles, the actions each may take, local accounts with hashed passwords.

Every page action calls `require(user, action, ...)` here, so a refused action is refused in core
even if a button were shown by mistake. A person who has not signed in is an observer: the public,
read-only view of the diagnosis and of approved decisions.
"""

from __future__ import annotations

import re
import secrets
from enum import StrEnum
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.data import rural
from core.record import association_home, row_guard
from core.record.store import AlreadyExistsError, Store, Unchanged
from core.texts import label, t


class Role(StrEnum):
    """Roles from the least privileged to the most: a new account starts at the first."""

    OBSERVER = "observer"
    ASSOCIATION = "association_rep"
    ADVISER = "adviser"  # a member of the advisory group (MAG, university, cooperative): votes and scores only
    BOARD = "board_member"
    PLANNER = "planner"
    ADMIN = "admin"


class Action(StrEnum):
    VIEW_PUBLIC = "view_public"  # diagnosis, approved decisions, actas
    VIEW_WORK = "view_work"  # proposals, offers, scenarios in preparation
    SUBMIT_PROPOSAL = "submit_proposal"  # an association's own proposals
    EDIT_PROPOSAL = "edit_proposal"  # any proposal, imports
    EDIT_OFFER = "edit_offer"
    EDIT_ALIGNMENT = "edit_alignment"  # PDOT objectives and alignments
    SAVE_SCENARIO = "save_scenario"  # weights and budget scenarios
    SET_BUDGET = "set_budget"  # the budget and the board's rules
    APPROVE_DECISION = "approve_decision"
    RUN_MEETING = "run_meeting"
    TAKE_PART = "take_part"  # vote and score in a meeting
    VIEW_LOG = "view_log"
    MANAGE_USERS = "manage_users"
    MANAGE_STORE = "manage_store"  # backup, restore, reset the demo


_EVERYONE = {Action.VIEW_PUBLIC}
PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.OBSERVER: frozenset(_EVERYONE),
    # core.record.meeting lets an adviser take part only in the meetings that list their account.
    Role.ADVISER: frozenset(_EVERYONE | {Action.VIEW_WORK, Action.TAKE_PART}),  # reads what it scores
    Role.ASSOCIATION: frozenset(_EVERYONE | {Action.VIEW_WORK, Action.SUBMIT_PROPOSAL, Action.TAKE_PART}),
    Role.PLANNER: frozenset(_EVERYONE | {Action.VIEW_WORK, Action.SUBMIT_PROPOSAL, Action.EDIT_PROPOSAL,
                                         Action.EDIT_OFFER, Action.EDIT_ALIGNMENT, Action.SAVE_SCENARIO,
                                         Action.RUN_MEETING, Action.TAKE_PART, Action.VIEW_LOG}),
    Role.BOARD: frozenset(_EVERYONE | {Action.VIEW_WORK, Action.SAVE_SCENARIO, Action.SET_BUDGET,
                                       Action.APPROVE_DECISION, Action.RUN_MEETING, Action.TAKE_PART,
                                       Action.VIEW_LOG}),
    Role.ADMIN: frozenset(Action),
}

# What a board account with a parish may do only for its own parish (core.record.auth.can): its junta's actions.
PARISH_BOUND = frozenset({Action.SAVE_SCENARIO, Action.SET_BUDGET, Action.APPROVE_DECISION, Action.RUN_MEETING,
                          Action.TAKE_PART})
# … and what a planner with a parish (the técnico of one GAD) may do only for it: every write of its role.
PLANNER_PARISH_BOUND = PARISH_BOUND | {Action.SUBMIT_PROPOSAL, Action.EDIT_PROPOSAL, Action.EDIT_OFFER,
                                       Action.EDIT_ALIGNMENT}
BOUND_TO_PARISH: dict[Role, frozenset[Action]] = {Role.BOARD: PARISH_BOUND, Role.PLANNER: PLANNER_PARISH_BOUND}


class Position(StrEnum):
    """A board member's seat on the parish board (junta parroquial rural, COOTAD art. 66-67): the president, the
    vice-president, or a vocal. Proposed as the attendee's function when the board records a decision."""

    PRESIDENT = "president"
    VICE_PRESIDENT = "vice_president"
    MEMBER = "member"  # a vocal: what every account stored before positions were kept reads as


ONE_SEAT = (Position.PRESIDENT, Position.VICE_PRESIDENT)  # held by one active board member at a time

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
MIN_PASSWORD = 10


class PermissionDenied(Exception):
    """The person's role does not allow the action; the message says so in Spanish."""


class User(BaseModel):
    """A person who can sign in. `association_id` ties a representative to their association."""

    model_config = ConfigDict(frozen=True)

    username: str
    display_name: str = Field(min_length=1, max_length=120)
    role: Role = Role.OBSERVER
    association_id: str | None = None
    email: str | None = None
    active: bool = True
    position: Position = Position.MEMBER  # the seat on the board (a board member's); «Vocal» unless set
    # the rural parish whose junta a board member sits on, or whose GAD a planner works for; None (board accounts stored
    # before it was kept, planners of the whole installation): every parish (docs/mantenimiento.md)
    parish_code: str | None = Field(default=None, pattern=r"^\d{6}$")

    @field_validator("username")
    @classmethod
    def _username(cls, value: str) -> str:
        if not USERNAME.fullmatch(value):  # `match` with `$` let a final line break through («admin\n»)
            raise ValueError(t("auth.err.username"))
        return value


OBSERVER = User(username="publico", display_name=t("auth.public_name"), role=Role.OBSERVER)


def can(user: User | None, action: Action, association_id: str | None = None, parish_code: str | None = None) -> bool:
    """Whether `user` (None = not signed in) may take `action` (on `association_id`'s records, for `parish_code`)."""
    user = user or OBSERVER
    if not user.active or action not in PERMISSIONS[user.role]:
        return False
    if _other_parish(user, action, parish_code):
        return False
    if user.role == Role.ASSOCIATION and action == Action.SUBMIT_PROPOSAL and association_id is not None:
        return association_id == user.association_id
    return True


def _other_parish(user: User, action: Action, parish_code: str | None) -> bool:
    """Whether an account with a parish asks for one of its role's BOUND_TO_PARISH actions for another parish."""
    return (user.parish_code is not None and parish_code is not None
            and action in BOUND_TO_PARISH.get(user.role, frozenset()) and parish_code != user.parish_code)


def require(user: User | None, action: Action, association_id: str | None = None,
            parish_code: str | None = None) -> User:
    """Return the user when allowed; otherwise raise PermissionDenied with a Spanish reason."""
    if can(user, action, association_id, parish_code):
        return user or OBSERVER
    if user is not None and user.active and action in PERMISSIONS[user.role] and _other_parish(user, action, parish_code):
        key = "auth.err.other_parish" if user.role == Role.BOARD else "auth.err.other_parish_planner"
        raise PermissionDenied(t(key, own=rural.named(user.parish_code), action=label("parish_action", action),
                                 other=rural.named(parish_code)))
    who = label("role", (user or OBSERVER).role)
    what = label("action", action)
    if user is not None and user.role == Role.ASSOCIATION and association_id is not None:
        raise PermissionDenied(t("auth.err.own_association", role=who.lower(), action=what))
    raise PermissionDenied(t("auth.err.role", role=who, action=what))


class Accounts:
    """Local accounts kept in the store (kind 'user'); passwords hashed with Argon2id."""

    KIND = "user"

    def __init__(self, store: Store):
        self.store = store
        self.hasher = password_hasher()

    def has_users(self) -> bool:
        """Whether any account was ever stored: a store whose accounts were all hidden or edited away, or that was
        deleted, emptied or set back behind its anchor (core.record.signing.set_back), is not a new store, and offers
        no first administrator (nor takes the caller as given, `signed_in`)."""
        return self.store.has_any(self.KIND)

    def locked_out(self) -> bool:
        """Whether no stored account can sign in although the store is not new (`has_users`): it was deleted,
        emptied or set back behind its anchor. Nobody may sign in nor create a first administrator: the
        installation's keeper puts the store back (docs/mantenimiento.md)."""
        return self.has_users() and not self.users()

    def users(self) -> list[User]:
        return [_user(r.body) for r in self.store.records(self.KIND) if _own_name(r.record_id, r.body)]

    def logged_users(self) -> list[User]:
        """The accounts as Minga last wrote them, for what acts on a role or a seat (the board's roll, the one
        president): an account edited or planted by hand in the store file is left out, as `get` leaves it out."""
        kept = [r for r in self.store.records(self.KIND) if _own_name(r.record_id, r.body)]
        altered = {a.record_id for a in row_guard.altered_in(self.store.path, [(self.KIND, r.record_id) for r in kept])}
        return [_user(r.body) for r in kept if r.record_id not in altered]

    def display_names(self) -> dict[str, str]:
        """username → the person's name, for every account the store ever held (a deactivated account too: a
        record it signed still names its author). A username missing here (the console) is shown as it is."""
        return {r.record_id: (r.body or {}).get("display_name") or r.record_id
                for r in self.store.records(self.KIND, include_deleted=True)}

    def get(self, username: str) -> User | None:
        """The account as Minga last wrote it; None when missing, deleted, or edited outside Minga (its role, its
        password hash or its parish are not acted on: `altered`)."""
        record = self.store.get(self.KIND, username, as_logged=True)
        if record is None or record.deleted or not _own_name(username, record.body):
            return None
        return _user(record.body)

    def create_first_admin(self, username: str, display_name: str, password: str) -> User:
        """Only while the store has no user at all: the first person to set Minga up."""
        if self.has_users():
            raise PermissionDenied(t("auth.err.admin_exists"))
        try:  # checked again inside the write: of two people setting Minga up at once, the second is refused
            return self._create(User(username=username, display_name=display_name, role=Role.ADMIN), password,
                                actor=username, first=True)
        except AlreadyExistsError as exc:
            raise PermissionDenied(t("auth.err.admin_exists")) from exc

    def create(self, by: User | None, user: User, password: str) -> User:
        """An administrator creates an account; a board member's names the parish of their junta, a planner's may name
        the parish of its GAD (none: it serves every parish of the installation)."""
        self.require(by, Action.MANAGE_USERS)
        if user.role == Role.BOARD and not user.parish_code:
            raise ValueError(t("auth.err.no_parish"))
        if self.store.get(self.KIND, user.username) is not None:
            raise ValueError(t("auth.err.user_exists", username=user.username))
        return self._create(user, password, actor=by.username)

    def _create(self, user: User, password: str, actor: str, first: bool = False) -> User:
        if len(password) < MIN_PASSWORD:
            raise ValueError(t("auth.err.password_short", minimum=MIN_PASSWORD))
        if user.role == Role.ASSOCIATION and not user.association_id:
            raise ValueError(t("auth.err.no_association"))
        if user.role == Role.ASSOCIATION and association_home.association_parish(self.store, user.association_id) is None:
            raise ValueError(t("auth.err.association_missing", association=user.association_id))  # its parish unknown
        if user.role != Role.ASSOCIATION and user.association_id:
            raise ValueError(t("auth.err.association_not_rep", username=user.username,
                               role=label("role", user.role)))
        self._check_parish(user)
        self._check_position(user)
        body = {**user.model_dump(mode="json"), "password_hash": self.hasher.hash(password)}
        self.store.save(self.KIND, user.username, body, actor=actor, action=t("log.action.create_user"),
                        expected_version=0, only_if_none=first)
        return user

    def authenticate(self, username: str, password: str) -> User | None:
        """The user when the password matches and the account is active; None otherwise.

        Every answer costs one Argon2 verification: an unknown or inactive account is checked against a
        dummy hash, so the time taken does not tell which accounts exist.
        """
        record = self.store.get(self.KIND, username.strip().lower(), as_logged=True)
        usable = record is not None and not record.deleted and record.body.get("active", True) and \
            _own_name(record.record_id, record.body)
        stored_hash = record.body.get("password_hash", "") if usable else _dummy_hash()
        try:
            self.hasher.verify(stored_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        return _user(record.body) if usable else None

    def altered(self, username: str) -> bool:
        """Whether the account is in the store but not as Minga last wrote it (edited or planted by hand). Both reads
        are made for any name, so that a refusal takes as long for an unknown account as for a wrong password."""
        stored, logged = self.store.get(self.KIND, username), self.store.get(self.KIND, username, as_logged=True)
        return stored is not None and logged is None

    def current(self, user: User | None) -> User | None:
        """The signed-in `user` as the store has it now: None when removed or deactivated since."""
        if user is None:
            return None
        found = self.get(user.username)
        return found if found is not None and found.active else None

    def require(self, user: User | None, action: Action, association_id: str | None = None,
                parish_code: str | None = None) -> User:
        """`require` with the account as stored (its role, whether active), never the caller's copy of it: a
        retired account, or a copy that claims another role, is refused. A store with no account yet (being set
        up, before its first administrator: nobody can sign in to it) takes the caller as given."""
        acting = self.signed_in(user)
        if user is not None and acting is None and not can(None, action, association_id, parish_code):
            # a deactivated, removed or never stored account is told so, not that its role is «Observador»
            raise PermissionDenied(t("auth.err.inactive", username=user.username))
        return require(acting, action, association_id, parish_code)

    def signed_in(self, user: User | None) -> User | None:
        """Who acts, as the store has them (`current`); the caller as given while the store has no account."""
        return user if user is not None and not self.has_users() else self.current(user)

    def set_active(self, by: User | None, username: str, active: bool) -> User:
        """Deactivate (or reactivate) an account; an administrator cannot deactivate their own."""
        own = self.store.get(self.KIND, by.username) if by is not None else None  # read before the check
        actor = self.require(by, Action.MANAGE_USERS)
        if not active and username == actor.username:
            raise ValueError(t("auth.err.deactivate_self"))
        record = self._stored(username)
        body = {**record.body, "active": active}
        if active:  # a president reactivated beside another active one would make two
            self._check_position(_user(body))
        # written only while the acting account is as checked: two administrators deactivating each other at once
        # would otherwise leave none
        kept = [Unchanged(self.KIND, actor.username, own.version)] if own is not None and not active else []
        self.store.save(self.KIND, username, body, actor=actor.username, expected_version=record.version,
                        action=t("log.action.activate_user" if active else "log.action.deactivate_user"),
                        unchanged=kept, changed=t("auth.err.actor_changed", username=username))
        return _user(body)

    def reset_password(self, by: User | None, username: str, password: str) -> None:
        """An administrator sets a new password for an account (the old one stops working at once)."""
        actor = self.require(by, Action.MANAGE_USERS)
        if len(password) < MIN_PASSWORD:
            raise ValueError(t("auth.err.password_short", minimum=MIN_PASSWORD))
        record = self._stored(username)
        body = {**record.body, "password_hash": self.hasher.hash(password)}
        self.store.save(self.KIND, username, body, actor=actor.username, expected_version=record.version,
                        action=t("log.action.reset_password"))

    def set_position(self, by: User | None, username: str, position: Position) -> User:
        """An administrator sets a board member's seat (president, vice-president or vocal)."""
        seat = Position(position)
        return self._set_board_field(by, username, "position", seat.value,
                                     t("log.action.set_position", position=label("position", seat)))

    def set_parish(self, by: User | None, username: str, parish_code: str | None) -> User:
        """An administrator sets the rural parish whose junta a board member sits on, or whose GAD a planner works
        for (logged, like the seat); None frees a planner to serve every parish again (a board member needs one)."""
        self.require(by, Action.MANAGE_USERS)  # before reading the account: nobody else learns which ones exist
        role = self._stored(username).body.get("role")  # as stored (StrEnum: compared as text)
        if parish_code is None and role != Role.PLANNER:  # a board member needs one; other roles have none to take
            raise ValueError(t("auth.err.no_parish") if role == Role.BOARD else
                             t("auth.err.parish_not_board", username=username, role=label("role", role)))
        key = "log.action.set_planner_parish" if role == Role.PLANNER else "log.action.set_parish"
        action = t("log.action.clear_parish") if parish_code is None else t(key, parish=rural.named(parish_code))
        return self._set_board_field(by, username, "parish_code", parish_code, action)

    def _set_board_field(self, by: User | None, username: str, name: str, value: str | None, action: str) -> User:
        """One field of a board member's account changed by an administrator, checked as a whole account (a
        president moved to a junta that has one already is refused) and logged as `action`."""
        actor = self.require(by, Action.MANAGE_USERS)
        record = self._stored(username)
        changed = _user({**record.body, name: value})
        self._check_parish(changed)
        self._check_position(changed)
        self.store.save(self.KIND, username, {**record.body, name: value}, actor=actor.username,
                        expected_version=record.version, action=action)
        return changed

    @staticmethod
    def _check_parish(user: User) -> None:
        """Refuse (Spanish) a parish on an account that is not a board member's or a planner's, and a code that is
        not a rural parish with a junta (a cantonal seat, an unknown code)."""
        if user.parish_code is None:
            return
        if user.role not in BOUND_TO_PARISH:
            raise ValueError(t("auth.err.parish_not_board", username=user.username, role=label("role", user.role)))
        rural.require_junta(user.parish_code)

    def _check_position(self, user: User) -> None:
        """Refuse (Spanish) a seat other than vocal for an account that is not a board member's, and a second
        active president or vice-president on the same junta (the same parish; accounts stored without a parish
        count as one junta): the board has one of each."""
        if user.position == Position.MEMBER:
            return
        seat = label("position", user.position)
        if user.role != Role.BOARD:
            raise ValueError(t("auth.err.position_not_board", position=seat))
        holder = next((u for u in self.logged_users() if u.position == user.position and u.role == Role.BOARD
                       and u.active and u.parish_code == user.parish_code and u.username != user.username), None)
        if holder is not None and user.active:
            raise ValueError(t("auth.err.position_taken", position=seat, username=holder.username,
                               name=holder.display_name))

    def _stored(self, username: str):
        record = self.store.get(self.KIND, username)
        if record is None or record.deleted:
            raise ValueError(t("auth.err.no_user", username=username))
        return record

    def by_email(self, email: str) -> User | None:
        """The account linked to an OIDC identity (st.login) by its e-mail."""
        for user in self.users():
            if user.email and user.email.lower() == email.lower() and user.active:
                return self.get(user.username)  # an e-mail written onto an account by hand is not honoured
        return None


def _own_name(record_id: str, body: dict) -> bool:
    """Whether an account's body names the code it is kept under. One kept as «visita» whose body says «admin» would
    sign in with its own password and then act as «admin» (every right is read again by the body's name)."""
    return body.get("username") == record_id


def _user(body: dict) -> User:
    """The account's public fields (everything but the password hash)."""
    return User(**{k: v for k, v in body.items() if k != "password_hash"})


def password_hasher() -> PasswordHasher:
    """Argon2id at argon2-cffi's defaults, RFC 9106's second recommended option (64 MiB, three passes, four lanes).
    A hash carries its parameters, so a stored hash is verified with those it was made with."""
    return PasswordHasher()


@cache
def _dummy_hash() -> str:
    """A hash of a random password with the accounts' Argon2 parameters, verified when no account matches."""
    return password_hasher().hash(secrets.token_urlsafe(16))
