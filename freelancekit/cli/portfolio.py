"""``demo``, ``import``, ``export`` and ``backup``: moving a portfolio in and out."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from freelancekit.cli import Say, add_db_option, t
from freelancekit.files.encodings import NAMES
from freelancekit.language.bidi import isolate
from freelancekit.language.l10n import counts, plural
from freelancekit.language.wording import problem_line
from freelancekit.portfolio.import_merge import shown


def register(sub: argparse._SubParsersAction, say: Say) -> None:
    p = sub.add_parser("demo", help=say("cli.help.demo"))
    add_db_option(p, say)
    p.add_argument("--force", action="store_true", help=say("cli.help.demo.force"))
    p.set_defaults(func=run_demo)

    p = sub.add_parser("import", help=say("cli.help.import"))
    p.add_argument("file", metavar="FILE", nargs="?", help=say("cli.help.import.file"))
    add_db_option(p, say)
    p.add_argument("--skip-invalid", action="store_true", help=say("cli.help.import.skip_invalid"))
    p.add_argument("--on-duplicate", choices=("update", "skip", "error"), default="update", help=say("cli.help.import.on_duplicate"))
    p.add_argument("--dry-run", action="store_true", help=say("cli.help.import.dry_run"))
    p.add_argument("--undo", action="store_true", help=say("cli.help.import.undo"))
    p.set_defaults(func=run_import)

    p = sub.add_parser("export", help=say("cli.help.export"))
    p.add_argument("file", metavar="FILE", help=say("cli.help.export.file"))
    add_db_option(p, say)
    p.add_argument("--force", action="store_true", help=say("cli.help.export.force"))
    p.set_defaults(func=run_export)

    p = sub.add_parser("backup", help=say("cli.help.backup"))
    p.add_argument("file", metavar="FILE", help=say("cli.help.backup.file"))
    add_db_option(p, say)
    p.set_defaults(func=run_backup)


def run_demo(args: argparse.Namespace) -> int:
    from freelancekit.portfolio.api import create_demo

    with create_demo(args.db, force=args.force, locale=args.lang) as store:  # --lang ar: the Arabic demo
        print(plural("cli_out.demo", store.client_count(), args.lang, args.digits, path=store.path))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from freelancekit.errors import EXIT_INPUT, FreelancekitError
    from freelancekit.files.importer import import_clients, parse_file, preview, read_import_file
    from freelancekit.portfolio.api import open_portfolio

    if args.undo:
        if args.file or args.dry_run:
            raise FreelancekitError(code="usage.undo_alone", exit_code=EXIT_INPUT)
        with open_portfolio(args.db, create=False) as store:
            done = store.undo_import()
        print(t("cli_out.undone", args.lang, source=done.source or t("cli_out.a_file", args.lang), at=str(done.at).replace("T", " ")[:16],
                removed=plural("undo.removed_added", done.added, args.lang, args.digits),
                restored=plural("cli_out.undone_restored", done.updated, args.lang, args.digits)))
        return 0
    if not args.file:
        raise FreelancekitError(code="usage.import_file", exit_code=EXIT_INPUT)
    path = Path(args.file)
    data = read_import_file(path)  # a wrong path must not create an empty portfolio first
    with open_portfolio(args.db) as store:
        if args.dry_run:
            parsed = parse_file(data, path.name, store.criteria())
            result = preview(store, parsed, on_duplicate=args.on_duplicate)
            result.problems = parsed.problems + result.problems
        else:
            result = import_clients(store, data, path.name, skip_invalid=args.skip_invalid, on_duplicate=args.on_duplicate)
    read_as = t("cli_out.read_as", args.lang, encoding=NAMES[result.encoding]) if result.encoding != "utf-8" else ""
    print(t("cli_out.would_import" if args.dry_run else "cli_out.imported", args.lang, file=path.name, read_as=read_as,
            counts=counts([("cli_out.count_added", result.added), ("cli_out.count_updated", result.updated),
                           ("cli_out.count_unchanged", result.unchanged), ("cli_out.count_skipped", result.skipped),
                           ("cli_out.count_problem_rows", len({q.row for q in result.problems}))], args.lang, args.digits)))
    for change in result.changes:
        for c in change.changes:
            empty = t("cli_out.empty", args.lang)
            # each value in its own direction: in Arabic the arrow points from the old to the new value whatever they hold
            print(t("cli_out.change", args.lang, digits=args.digits, row=change.row, name=isolate(change.name, args.lang),
                    field=isolate(c.field, args.lang), old=isolate(shown(c.old) or empty, args.lang),
                    new=isolate(shown(c.new) or empty, args.lang)))
    for p in result.problems:
        print(f"  {problem_line(p, args.lang, digits=args.digits, isolate=False)}", file=sys.stderr)
    if not args.dry_run and (result.added or result.updated):
        print(t("cli_out.undo_hint", args.lang) + (f" --db {args.db}" if args.db else ""))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from freelancekit.files.exporter import export_file
    from freelancekit.files.importer import gc_paused
    from freelancekit.portfolio.api import open_portfolio

    with gc_paused():  # as for an import: the cycle collector was 15% of a 100 000-client export
        with open_portfolio(args.db, create=False) as store:
            p = store.portfolio()
        path = export_file(p.clients, p.criteria, args.file, overwrite=args.force)
    print(plural("cli_out.exported", len(p.clients), args.lang, args.digits, path=path))
    return 0


def run_backup(args: argparse.Namespace) -> int:
    from freelancekit.portfolio.api import open_portfolio

    with open_portfolio(args.db, create=False) as store:
        path = store.backup(args.file)
    print(t("cli_out.backup", args.lang, path=path))
    return 0
