"""`python -m core.iati export [--parish DPA_CODE] [STORE]`: the parish's IATI 2.03 activity file on standard output.

STORE defaults to the app's store (MINGA_STORE, or data/store/minga.sqlite). When that file does not exist yet
(a fresh installation), the file is made from the demo records, as the app would start, and stderr says so; a STORE
named on the command line must exist.
The parish defaults to the demo's (El Valle). Exit 0 with the file; 1 with a Spanish message on stderr when there
is nothing to publish or the file would not validate; 2 when the store cannot be read or holds a record that
no longer reads.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from pydantic import ValidationError

from core.data.db import DamagedDataError, MissingDataError, connect
from core.data.validation import spanish_message
from core.engine.prioritization import DEFAULT_PARISH
from core.iati.context import export_context
from core.iati.export import export_bytes
from core.iati.identifiers import publisher
from core.record.store import Store, StoreError, default_path
from core.texts import t
from core.texts.argumentos import spanish_argparse


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
    except ValidationError:
        raise  # a stored record that no longer reads: main names it (exit 2)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    sys.stdout.buffer.write(content)
    owner = publisher(store, parish)
    if owner.is_provisional:
        print(t("cli.iati.provisional", ref=owner.org_ref), file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    spanish_argparse()
    parser = argparse.ArgumentParser(prog="python -m core.iati", description=t("cli.iati.description"))
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help=t("cli.iati.description"))
    export.add_argument("--parish", default=DEFAULT_PARISH, metavar="CÓDIGO_DPA",
                        help=t("cli.iati.parish", parish=DEFAULT_PARISH))
    export.add_argument("store", nargs="?", metavar="ALMACÉN", help=t("cli.store"))
    args = parser.parse_args(argv)
    path = Path(args.store) if args.store else default_path()
    if args.store and not path.is_file():  # a store named and not there is a mistake, not a fresh installation
        print(t("cli.iati.no_store", path=path), file=sys.stderr)
        return 2
    try:
        if path.is_file():
            return _export(Store(path), args.parish)
        print(t("cli.iati.demo", path=path), file=sys.stderr)
        with tempfile.TemporaryDirectory() as folder:
            return _export(Store(Path(folder) / "demo.sqlite"), args.parish)  # empty: the demo records alone
    except (StoreError, MissingDataError, DamagedDataError) as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 2
    except ValidationError as exc:  # a stored record that no longer reads as its model: named, in Spanish
        print(t("cli.iati.bad_record", path=path, problem=spanish_message(exc.errors()[0])), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
