"""`python -m core.iati export [--parish DPA_CODE] [STORE]`: the parish's IATI 2.03 activity file on standard output.

STORE defaults to the app's store (MINGA_STORE, or data/store/minga.sqlite). When that file does not exist yet
(a fresh installation), the file is made from the demo records, as the app would start, and stderr says so.
The parish defaults to the demo's (El Valle). Exit 0 with the file; 1 with a Spanish message on stderr when there
is nothing to publish or the file would not validate; 2 when the store cannot be read.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from core.data.db import DamagedDataError, MissingDataError, connect
from core.engine.prioritization import DEFAULT_PARISH
from core.iati.context import export_context
from core.iati.export import export_bytes
from core.iati.identifiers import publisher
from core.record.store import Store, StoreError, default_path
from core.texts import t


def _export(store: Store, parish: str) -> int:
    try:
        con = connect()
    except MissingDataError:
        con = None
    context = export_context(con, parish)
    if con is not None and context["parish_name"] is None:
        print(t("cli.iati.unknown_parish", parish=parish), file=sys.stderr)
        return 1
    try:
        content = export_bytes(store, parish, **context)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    sys.stdout.buffer.write(content)
    owner = publisher(store, parish)
    if owner.is_provisional:
        print(t("cli.iati.provisional", ref=owner.org_ref), file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.iati", description=t("cli.iati.description"))
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help=t("cli.iati.description"))
    export.add_argument("--parish", default=DEFAULT_PARISH, help=t("cli.iati.parish", parish=DEFAULT_PARISH))
    export.add_argument("store", nargs="?", help=t("cli.store"))
    args = parser.parse_args(argv)
    path = Path(args.store) if args.store else default_path()
    try:
        if path.is_file():
            return _export(Store(path), args.parish)
        print(t("cli.iati.demo", path=path), file=sys.stderr)
        with tempfile.TemporaryDirectory() as folder:
            return _export(Store(Path(folder) / "demo.sqlite"), args.parish)  # empty: the demo records alone
    except (StoreError, MissingDataError, DamagedDataError) as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
