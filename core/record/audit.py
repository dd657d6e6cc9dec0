"""Check the record from the command line, trusting neither the store file nor whoever handed it over.

    python -m core.audit verify [STORE] [--key FILE] [--acta FILE.pdf ...]

STORE defaults to the app's store (MINGA_STORE, or data/store/minga.sqlite); FILE to the installation key beside
it (core.record.signing; a public key is enough). Every check of core.record.ledger runs: the chain, the
signatures, the records against their last logged version, the anchor and each acta's printed head; with the
installation's private key, also the copy of the entered records the pages read (core.parish.mirror_mark: a file
edited, put in or deleted by hand is named). Without the
installation's key the signatures are checked against the key the store declares, and its fingerprint is shown;
the anchor is looked for beside the key given and beside the store. Exits 0 when every check that could run
passed (and says which could not run), 1 naming every problem found (an acta asked for and not read is one),
2 when the file is missing or is not a Minga store, or the key asked for cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.parish import mirror_mark
from core.parish.mirror import SCHEMAS, entered_root
from core.record import constancia, signing
from core.record.ledger import verify_store
from core.record.store import StoreError, default_path
from core.texts import t
from core.texts.argumentos import spanish_argparse


def main(argv: list[str] | None = None) -> int:
    spanish_argparse()
    parser = argparse.ArgumentParser(prog="python -m core.audit", description=t("cli.audit.description"))
    commands = parser.add_subparsers(dest="command", required=True)
    verify = commands.add_parser("verify", help=t("cli.audit.verify"))
    verify.add_argument("store", nargs="?", metavar="ALMACÉN", help=t("cli.store"))
    verify.add_argument("--key", type=Path, metavar="CLAVE", help=t("cli.audit.key"))
    verify.add_argument("--acta", type=Path, nargs="+", default=[], metavar="ACTA.pdf", help=t("cli.audit.acta"))
    args = parser.parse_args(argv)
    path = Path(args.store) if args.store else default_path()
    beside = signing.default_key_path(path)
    key_path = args.key or beside
    key = None
    if key_path.is_file() or args.key:
        try:
            key = signing.read_public_key(key_path)
        except (OSError, ValueError, UnicodeDecodeError):  # a key asked for and not read: nothing is vouched for
            print(t("cli.audit.key_unreadable", path=key_path), file=sys.stderr)
            return 2
    actas, unread = [], []
    for file in args.acta:
        head = constancia.read_pdf(file)
        if head is None:
            unread.append(t("cli.audit.acta_unreadable", file=file.name))
        else:
            actas.append(head)
    # the anchor beside the key given, else the one beside the store: a key from elsewhere cannot hide a rollback
    anchor = next((a for a in (signing.anchor_path(key_path, path), signing.anchor_path(beside, path)) if a.is_file()),
                  signing.anchor_path(key_path, path))
    try:
        # a store with the installation's keys folder beside it keeps its anchor there: a missing one is a finding,
        # whatever the caller's environment (a copy to check without it goes to another folder, as the message says)
        result = verify_store(path, key=key, anchor=anchor, actas=actas, anchor_expected=beside.is_file())
    except StoreError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 2
    mirror, mirror_not_run = _mirror_findings(path, key_path)
    for check in [*result.not_run, *mirror_not_run]:
        print(t("cli.audit.not_run", path=path, check=check), file=sys.stderr)
    unread += [*result.actas_not_compared, *mirror]
    for problem in unread:  # an acta asked for and not read, or not compared, is not an acta vouched for
        print(t("cli.audit.finding", path=path, message=problem), file=sys.stderr)
    if result.ok and not unread:
        print(f"{path}: {result.message}")
        return 0
    if result.ok:
        return 1
    if all(finding.check == "acta" for finding in result.findings):  # the log passed: only an acta is at fault
        print(t("cli.audit.acta_refused", path=path, count=result.entries, message=result.message), file=sys.stderr)
    else:
        print(t("cli.audit.broken", path=path, seq=result.first_broken or "—", message=result.message),
              file=sys.stderr)
    for finding in result.findings[1:]:
        print(t("cli.audit.finding", path=path, message=finding.message), file=sys.stderr)
    return 1


def _mirror_findings(path: Path, key_path: Path) -> tuple[list[str], list[str]]:
    """What was changed by hand in the copy of the entered records the pages read, and the check that could not run
    (its seal needs the installation's private key)."""
    root = entered_root(path)
    if not root.is_dir():
        return [], []
    try:
        return mirror_mark.hand_edits(root, key_path, path.name, SCHEMAS), []
    except (OSError, ValueError, UnicodeDecodeError):
        return [], [t("mirror.not_checked", path=key_path)]


if __name__ == "__main__":
    sys.exit(main())
