"""`python -m core.parish template FOLDER` and `python -m core.parish load DPA_CODE FOLDER [STORE]`.

`load` stores every file of the folder for the parish with the same checks as the page, or nothing:
it prints each problem and exits 1 when any file has one. MINGA_STORE (or STORE) names the store.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from core.data import rural
from core.data.validation import RowProblem, problem_lines
from core.parish.folder import read_folder, write_templates
from core.parish.records import BatchRefused, consistency, save_as
from core.record.store import Store
from core.texts import t, t_count
from core.texts.argumentos import spanish_argparse

CONSOLE = "consola"
SHOWN = 200


def _print_problems(problems: list[RowProblem]) -> None:
    """Every problem found, up to SHOWN: past that a file is wrong throughout, and the rest is counted."""
    print(t("parish.cli.refused_one") if len(problems) == 1 else t("parish.cli.refused", count=len(problems)),
          file=sys.stderr)
    for line in problem_lines(problems, SHOWN):
        print(f"- {line}", file=sys.stderr)


def _print_notices(notices: list[str], out: TextIO) -> None:
    for notice in notices:
        print(t("parish.cli.notice", notice=notice), file=out)


def load(parish_code: str, folder: Path, store: Store) -> int:
    if parish_code not in rural.parish_names():  # INEC's DPA list, as the `parishes` view reads it
        print(t("parish.cli.unknown_parish", code=parish_code), file=sys.stderr)
        return 2
    if (seat := rural.refusal(parish_code)) is not None:  # checked again on save (core.parish.records.check)
        print(seat, file=sys.stderr)
        return 2
    if not folder.is_dir():
        print(t("parish.cli.no_folder", folder=folder), file=sys.stderr)
        return 2
    batch, problems, notices = read_folder(folder, parish_code, store)
    if problems:  # the rows that were read still meet the rules across records: told in the same pass
        _print_problems(problems + consistency(store, batch))
        _print_notices(notices, sys.stderr)
        return 1
    try:
        summary = save_as(store, CONSOLE, batch)
    except BatchRefused as refused:
        _print_problems(refused.problems)
        _print_notices(notices, sys.stderr)
        return 1
    print(t("parish.cli.stored", code=parish_code, written=t_count("parish.cli.stored_count", summary.written,
                                                                   n=summary.written),
            unchanged=sum(summary.unchanged.values()), path=store.path))
    for kind in sorted(set(summary.new) | set(summary.changed) | set(summary.unchanged)):
        new, changed = summary.new[kind], summary.changed[kind]
        print(t("parish.cli.kind_line", kind=t(f"parish.kind.{kind}"), new=t_count("parish.cli.new", new, n=new),
                changed=t_count("parish.cli.changed", changed, n=changed), unchanged=summary.unchanged[kind]))
    _print_notices(notices, sys.stdout)
    return 0


def main(argv: list[str] | None = None) -> int:
    spanish_argparse()
    parser = argparse.ArgumentParser(prog="python -m core.parish", description=t("parish.cli.description"))
    commands = parser.add_subparsers(dest="command", required=True)
    template = commands.add_parser("template", help=t("parish.cli.template_help"))
    template.add_argument("folder", type=Path, metavar="CARPETA")
    loading = commands.add_parser("load", help=t("parish.cli.load_help"))
    loading.add_argument("parish_code", metavar="CÓDIGO_DPA", help=t("parish.cli.code_help"))
    loading.add_argument("folder", type=Path, metavar="CARPETA")
    loading.add_argument("store", nargs="?", metavar="ALMACÉN", help=t("cli.store"))
    args = parser.parse_args(argv)
    if args.command == "template":
        if args.folder.exists() and not args.folder.is_dir():
            print(t("parish.cli.not_a_folder", folder=args.folder), file=sys.stderr)
            return 2
        written, kept = write_templates(args.folder)
        for path in written:
            print(t("parish.cli.written", path=path))
        for path in kept:
            print(t("parish.cli.kept", path=path))
        return 0
    store = Store(args.store) if args.store else Store()
    return load(args.parish_code, args.folder, store)


if __name__ == "__main__":
    raise SystemExit(main())
