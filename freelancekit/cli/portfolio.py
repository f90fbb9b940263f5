"""``demo``, ``import``, ``export`` and ``backup``: moving a portfolio in and out."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import add_db_option


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="create the sample portfolio (a content writer with 12 clients)")
    add_db_option(p)
    p.add_argument("--force", action="store_true", help="replace an existing portfolio")
    p.set_defaults(func=run_demo)

    p = sub.add_parser("import", help="add or update clients from a .csv or .xlsx file (all or nothing)")
    p.add_argument("file", metavar="FILE")
    add_db_option(p)
    p.add_argument("--skip-invalid", action="store_true", help="import the valid rows and report the others")
    p.add_argument("--on-duplicate", choices=("update", "skip", "error"), default="update",
                   help="what to do with a client whose name is already in the portfolio (default: update)")
    p.set_defaults(func=run_import)

    p = sub.add_parser("export", help="write all clients to a .csv or .xlsx file")
    p.add_argument("file", metavar="FILE")
    add_db_option(p)
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=run_export)

    p = sub.add_parser("backup", help="write a consistent copy of the portfolio")
    p.add_argument("file", metavar="FILE")
    add_db_option(p)
    p.set_defaults(func=run_backup)


def run_demo(args: argparse.Namespace) -> int:
    from ..api import create_demo

    with create_demo(args.db, force=args.force) as store:
        print(f"Demo portfolio with {store.client_count()} clients written to {store.path}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from ..api import open_portfolio
    from ..importer import import_clients, read_import_file

    path = Path(args.file)
    data = read_import_file(path)  # a wrong path must not create an empty portfolio first
    with open_portfolio(args.db) as store:
        result = import_clients(store, data, path.name, skip_invalid=args.skip_invalid, on_duplicate=args.on_duplicate)
    print(f"Imported {Path(args.file).name}: {result.added} added, {result.updated} updated, "
          f"{result.skipped} skipped, {len({q.row for q in result.problems})} rows with problems not imported")
    for p in result.problems:
        print(f"  {p}", file=sys.stderr)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from ..api import open_portfolio
    from ..exporter import export_file

    with open_portfolio(args.db, create=False) as store:
        p = store.portfolio()
    path = export_file(p.clients, p.criteria, args.file, overwrite=args.force)
    print(f"Exported {len(p.clients)} clients to {path}")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    from ..api import open_portfolio

    with open_portfolio(args.db, create=False) as store:
        path = store.backup(args.file)
    print(f"Backup written to {path}")
    return 0
