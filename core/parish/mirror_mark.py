"""The mirror's mark: what the parquet mirror (core.parish.mirror) was last written from, sealed by the installation.

`<store>-registros/.escrito-desde.json` holds {"records": each parish's fingerprints in the store, "files": each
mirrored file's [size, modification time, inode, change time, SHA-256 of its bytes], "mac": an HMAC-SHA256 of both
and of the store's file name}. Its secret is derived from the installation's private key (core.record.signing,
kept in the keys folder, not in the data folder): whoever can write the mirror and its mark but cannot read the key
can neither edit a file and write its new digest into the mark, nor forge a mark. A mark whose MAC does not hold
is no mark (the mirror is written again from the store); a file whose stamp or digest is not the mark's is written
again. `hand_edits` tells, in Spanish, which files a person changed, for `python -m core.audit verify`.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from core.fmt import listing
from core.record import signing
from core.texts import t

MARK = ".escrito-desde.json"
PURPOSE = "espejo-de-registros"


def secret(key_path: Path) -> bytes:
    """The secret that seals the mark, derived from the installation's private key at `key_path`."""
    return signing.derived_secret(key_path, PURPOSE)


def digest(path: Path) -> str:
    """The SHA-256 of a file's bytes (hex)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def stamps(root: Path, datasets: Iterable[str]) -> dict[str, list]:
    """`dataset/parish.parquet` → [size, modification time, inode, change time, SHA-256] of every mirrored file,
    the stamp and the digest read from one open file (a file gone meanwhile is left out: it is no longer read)."""
    found: dict[str, list] = {}
    for name in datasets:  # os.scandir and plain strings: pages pay this on every run
        folder, files = os.path.join(root, name), []
        with contextlib.suppress(FileNotFoundError, NotADirectoryError), os.scandir(folder) as entries:
            files = [entry.name for entry in entries if entry.name.endswith(".parquet")]
        for file in files:
            with contextlib.suppress(FileNotFoundError), open(os.path.join(folder, file), "rb") as handle:
                stat = os.fstat(handle.fileno())
                found[f"{name}/{file}"] = [stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns,
                                           hashlib.sha256(handle.read()).hexdigest()]  # one parish: small
    return found


def _mac(key: bytes, context: str, body: dict[str, Any]) -> str:
    message = json.dumps([context, body], sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hmac.new(key, b"minga-espejo:" + message.encode("ascii"), hashlib.sha256).hexdigest()


def read(root: Path, key: bytes, context: str) -> dict[str, dict] | None:
    """{"records", "files"} of the mark when this installation sealed it for the store named `context`; None when
    missing, unreadable, of an older shape or with a MAC that does not hold (edited or forged by hand)."""
    with contextlib.suppress(OSError, ValueError):
        found = json.loads((root / MARK).read_text(encoding="utf-8"))
        if isinstance(found, dict) and isinstance(found.get("records"), dict) \
                and isinstance(found.get("files"), dict) and isinstance(found.get("mac"), str):
            body = {"records": found["records"], "files": found["files"]}
            if hmac.compare_digest(found["mac"].encode("utf-8"), _mac(key, context, body).encode("ascii")):
                return body
    return None


def write(root: Path, key: bytes, context: str, records: dict[str, list], files: dict[str, list]) -> None:
    """Replace the mark atomically with these fingerprints and file stamps, sealed."""
    body = {"records": records, "files": files}
    staging = root / f"{MARK}.{os.getpid()}.tmp"
    staging.write_text(json.dumps({**body, "mac": _mac(key, context, body)}), encoding="utf-8")
    os.replace(staging, root / MARK)


def hand_edits(root: Path, key_path: Path, context: str, datasets: Iterable[str]) -> list[str]:
    """In Spanish, each mirrored file that is not what Minga wrote from the store (changed, put in or deleted by
    hand), or the mark when it is missing over mirrored files or not sealed by this installation. Empty when there
    is no mirror. Raises OSError or ValueError when the private key cannot be read. A file written again after an
    unreadable read, until the next page catches the mark up, is named too."""
    if not (root / MARK).exists():  # never written, or deleted by hand: files without it are vouched for by nothing
        files = sorted(stamps(root, datasets))
        return [t("mirror.mark_missing", file=root / MARK, files=listing(files))] if files else []
    mark = read(root, secret(key_path), context)
    if mark is None:
        return [t("mirror.mark_unsealed", file=root / MARK)]
    files = stamps(root, datasets)
    found = [t("mirror.edited", file=root / name) for name in sorted(files)
             if name not in mark["files"] or mark["files"][name][-1:] != files[name][-1:]]
    found += [t("mirror.missing", file=root / name) for name in sorted(mark["files"].keys() - files.keys())]
    return found
