"""The installation's signing key and the anchor: what lets the log be checked without trusting the store file.

Key: an Ed25519 private key in PEM (PKCS#8), created on first use with owner-only permissions. Default path:
`MINGA_KEY`, or `keys/minga-ed25519.pem` in the folder that holds the store (for the app,
`data/store/keys/minga-ed25519.pem`). It is never inside the store file, so a backup does not carry it and
whoever edits a copy of the store cannot re-sign what they changed. Losing the key means older entries can no
longer be checked; keep a copy apart from the backups.

Every log entry's hash is signed with this key (`signature` column, hex). The anchor is a small JSON file
beside the key, one per store file, holding the latest head (sequence number, hash, signature); the store
moves it forward after each write, so a store replaced by an older copy is behind its anchor.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

if TYPE_CHECKING:
    from core.record.store import Store

KEY_FILE = "minga-ed25519.pem"


@dataclass(frozen=True)
class SignedHead:
    """The last log entry: its number, its hash and the installation's signature of that hash (hex)."""

    seq: int
    hash: str
    signature: str


def default_key_path(store_path: Path) -> Path:
    configured = os.environ.get("MINGA_KEY")
    return Path(configured) if configured else store_path.parent / "keys" / KEY_FILE


def anchor_path(key_path: Path, store_path: Path) -> Path:
    """The anchor of one store file, beside the key (several stores may share one key)."""
    return key_path.parent / f"{store_path.stem}.cabeza.json"


def entry_message(digest: str) -> bytes:
    """What is signed for a log entry: a fixed prefix (so no other Minga signature can pass for it) + the hash."""
    return b"minga-registro:" + digest.encode("ascii")


def load_or_create_key(path: Path) -> Ed25519PrivateKey:
    """The private key at `path`; created (mode 0600, folder 0700) when there is none yet.

    Two processes starting at once: each writes a temporary file and links it into place; the loser of the
    race reads the winner's key.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        staging = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
        descriptor = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(pem)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(staging, path)
        except FileExistsError:
            pass
        finally:
            staging.unlink()
    return read_private_key(path)


def read_private_key(path: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} is not an Ed25519 key")
    return key


def derived_secret(key_path: Path, purpose: str) -> bytes:
    """A secret for one `purpose`, derived from the installation's private key (HMAC-SHA256 keyed with its raw
    bytes): whoever can write the data folder but cannot read the key cannot compute it, and no purpose's secret
    tells another's. Raises OSError or ValueError when the key cannot be read."""
    raw = read_private_key(key_path).private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                                   serialization.NoEncryption())
    return hmac.new(raw, b"minga-secreto-derivado:" + purpose.encode("utf-8"), hashlib.sha256).digest()


def read_public_key(path: Path) -> Ed25519PublicKey:
    """The public half from a private key file, or a public key file (an auditor may hold only that)."""
    data = path.read_bytes()
    return read_private_key(path).public_key() if b"PRIVATE KEY" in data else load_public_pem(data.decode("ascii"))


def load_public_pem(text: str) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(text.encode("ascii"))
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return key


def public_pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def fingerprint(key: Ed25519PublicKey) -> str:
    """A short name for an installation's key: the first 16 hex digits of its raw public bytes."""
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()[:16]


def sign_entry(key: Ed25519PrivateKey, digest: str) -> str:
    return key.sign(entry_message(digest)).hex()


def signature_ok(key: Ed25519PublicKey, digest: str, signature: str) -> bool:
    try:
        key.verify(bytes.fromhex(signature), entry_message(digest))
    except (InvalidSignature, ValueError):
        return False
    return True


def write_anchor(path: Path, head: SignedHead | None) -> None:
    """Replace the anchor atomically (a temporary file renamed over it)."""
    if head is None:
        return
    staging = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
    staging.write_text(json.dumps({"seq": head.seq, "hash": head.hash, "signature": head.signature}),
                       encoding="utf-8")
    os.replace(staging, path)


try:
    import fcntl
except ImportError:  # Windows: the threads' lock alone
    fcntl = None
_thread_locks: dict[str, threading.Lock] = {}
_thread_locks_guard = threading.Lock()


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Held by one writer at a time: between processes (an advisory lock on the file `path`, where the system has
    them) and between the threads of one process."""
    with _thread_locks_guard:
        threads = _thread_locks.setdefault(str(Path(path).resolve()), threading.Lock())
    with threads, open(path, "a") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def anchor_lock(path: Path) -> contextlib.AbstractContextManager[None]:
    """Held while a writer reads, compares and moves the anchor (a lock file beside it)."""
    return file_lock(path.with_name(f".{path.name}.lock"))


def read_anchor(path: Path) -> SignedHead | None:
    """The head recorded in the anchor; None when there is no anchor (or it is unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return SignedHead(int(data["seq"]), str(data["hash"]), str(data["signature"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def set_back(path: Path, con: sqlite3.Connection) -> bool:
    """Whether the anchor at `path` records an entry the store on `con` does not hold as it was signed: the store
    was deleted, emptied or set back to an older copy, and may have held what it no longer shows (an account)."""
    anchored = read_anchor(path)
    if anchored is None or anchored.seq <= 0:
        return False
    row = con.execute("SELECT hash FROM audit_log WHERE seq = ?", (anchored.seq,)).fetchone()
    return row is None or row[0] != anchored.hash


def signed_head(store: Store) -> SignedHead | None:
    """The store's current head with its signature, as an acta prints it; None for an empty log."""
    return store.head()
