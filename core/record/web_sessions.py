"""Staying signed in across a reload or a shared link: a signed, expiring session cookie backed by the store.

Shape: signing in stores a record of kind `web_session` (a digest of the id → username, expiry) and gives the
browser the id itself signed with a server secret (itsdangerous, HMAC-SHA1 with a timestamp). The secret lives in a file outside the
store (`MINGA_SESSION_KEY`, or `minga-sesiones.key` beside the store), so a copied or restored store cannot
forge a cookie; and since the store (every backup, the log the Registro page shows) keeps only the id's
SHA-256, whoever reads it and also holds the secret still cannot sign a live session's id. A cookie is honoured only while its signature holds, it is younger than `MAX_AGE`, its record
is still in the store and the account is still active; signing out deletes the record, which ends the session
on the server for every copy of the cookie.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer
from pydantic import BaseModel

from core.record.auth import Accounts, User
from core.record.store import Store
from core.texts import t

KIND = "web_session"
COOKIE = "minga_sesion"
MAX_AGE = dt.timedelta(days=7)
SALT = "minga-web-session"


class WebSession(BaseModel):
    """A stored browser session: whose it is and until when (the record a backup carries)."""

    username: str
    expires_at: dt.datetime


def key_path(store: Store) -> Path:
    """Where the session secret lives: MINGA_SESSION_KEY, or beside the store file (never inside it)."""
    configured = os.environ.get("MINGA_SESSION_KEY")
    return Path(configured) if configured else store.path.parent / "minga-sesiones.key"


def _secret(path: Path) -> bytes:
    """The installation's session secret, created (readable by its owner only) the first time."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process created it a moment ago
            return path.read_bytes()
        with os.fdopen(descriptor, "wb") as out:
            out.write(secrets.token_bytes(32))
        return path.read_bytes()


def _serializer(store: Store) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(_secret(key_path(store)), salt=SALT)


def start(store: Store, user: User, now: dt.datetime | None = None) -> str:
    """Open a session for `user` (just signed in); returns the signed cookie value."""
    session_id = secrets.token_urlsafe(24)
    expires = (now or dt.datetime.now(dt.UTC)) + MAX_AGE
    body = WebSession(username=user.username, expires_at=expires).model_dump(mode="json")
    store.save(KIND, _stored_id(session_id), body, actor=user.username, expected_version=0,
               action=t("log.action.session_start"))
    return _serializer(store).dumps(session_id)


def _stored_id(session_id: str) -> str:
    """What the store keeps of a session id: its SHA-256 (hex), which cannot be signed into a working cookie."""
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


def _session_id(store: Store, cookie: str) -> str | None:
    """The stored id of the session a cookie carries; None when its signature does not hold or it expired. A
    session stored before ids were kept as digests is not found: its person signs in again."""
    try:
        session_id = _serializer(store).loads(cookie, max_age=int(MAX_AGE.total_seconds()))
    except BadSignature:  # also an expired signature (SignatureExpired is a BadSignature)
        return None
    return _stored_id(session_id) if isinstance(session_id, str) else None


def resume(store: Store, cookie: str | None, now: dt.datetime | None = None) -> User | None:
    """The active user behind a session cookie; None when forged, expired, ended or the account is gone."""
    session_id = _session_id(store, cookie) if cookie else None
    # as Minga wrote it: a session planted in the file (for a cookie signed with a secret file put in place of the
    # installation's) or given a later expiry by hand is not honoured
    record = store.get(KIND, session_id, as_logged=True) if session_id else None
    if record is None or record.deleted:
        return None
    if dt.datetime.fromisoformat(record.body["expires_at"]) <= (now or dt.datetime.now(dt.UTC)):
        return None
    user = Accounts(store).get(record.body["username"])
    return user if user is not None and user.active else None


def end(store: Store, cookie: str | None, actor: str) -> None:
    """Sign out on the server: the session's record is deleted, so no copy of the cookie works again."""
    session_id = _session_id(store, cookie) if cookie else None
    record = store.get(KIND, session_id, as_logged=True) if session_id else None
    if record is not None and not record.deleted:
        store.delete(KIND, session_id, actor=actor)
