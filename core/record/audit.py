"""Check the store's append-only log from the command line.

    python -m core.audit verify [STORE]

STORE defaults to the app's store (MINGA_STORE, or data/store/minga.sqlite). Exits 0 when every
entry's hash chains to the one before it; exits 1 naming the first broken entry; 2 when the file
is missing or is not a Minga store.
"""

from __future__ import annotations

import argparse
import sys

from core.record.store import StoreError, default_path, verify_file
from core.texts import t


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.audit", description=t("cli.audit.description"))
    commands = parser.add_subparsers(dest="command", required=True)
    verify = commands.add_parser("verify", help=t("cli.audit.verify"))
    verify.add_argument("store", nargs="?", help=t("cli.store"))
    args = parser.parse_args(argv)
    path = args.store or default_path()
    try:
        result = verify_file(path)
    except StoreError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 2
    if result.ok:
        print(f"{path}: {result.message}")
        return 0
    print(t("cli.audit.broken", path=path, seq=result.first_broken, message=result.message), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
