"""``records``: import time logs and invoices, see what they measure per client (docs/records.md)."""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from freelancekit.cli import BAD_INPUT, Say, add_db_option, line_start
from freelancekit.cli.rank import _width
from freelancekit.errors import InvalidInput, Problem
from freelancekit.language.l10n import counts, join_list, plural
from freelancekit.language.wording import error_text, problem_line
from freelancekit.records.store import RecordsPart

FORMATS = ("toggl", "harvest", "clockify", "invoiceninja", "invoiceninja_payments", "zoho", "invoicely", "invoices")


def register(sub: argparse._SubParsersAction, say: Say) -> None:
    p = sub.add_parser("records", help=say("cli.help.records"))
    rec = p.add_subparsers(dest="records_command", metavar="ACTION", parser_class=type(p))
    rec.required = True

    q = rec.add_parser("import", help=say("cli.help.records.import"))
    q.add_argument("file", metavar="FILE", help=say("cli.help.records.import.file"))
    add_db_option(q, say)
    q.add_argument("--source", choices=FORMATS, help=say("cli.help.records.import.source"))
    q.add_argument("--valid-only", action="store_true", help=say("cli.help.records.import.valid_only"))
    q.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD", help=say("cli.help.records.import.map"))
    q.add_argument("--dates", choices=("dmy", "mdy"), help=say("cli.help.records.import.dates"))
    q.add_argument("--dry-run", action="store_true", help=say("cli.help.records.import.dry_run"))
    q.set_defaults(func=run_import)

    q = rec.add_parser("summary", help=say("cli.help.records.summary"))
    add_db_option(q, say)
    q.add_argument("--format", choices=("table", "csv", "json"), default="table", help=say("cli.help.records.summary.format"))
    q.add_argument("--since", metavar="DATE", type=_date("--since", say), help=say("cli.help.records.summary.since"))
    q.add_argument("--until", metavar="DATE", type=_date("--until", say), help=say("cli.help.records.summary.until"))
    q.set_defaults(func=run_summary)

    q = rec.add_parser("export", help=say("cli.help.records.export"))
    q.add_argument("file", metavar="FILE", help=say("cli.help.records.export.file"))
    q.add_argument("--time", metavar="FILE", help=say("cli.help.records.export.time"))
    add_db_option(q, say)
    q.add_argument("--force", action="store_true", help=say("cli.help.records.export.force"))
    q.set_defaults(func=run_export)

    q = rec.add_parser("map", help=say("cli.help.records.map"))
    q.add_argument("name", metavar="NAME", help=say("cli.help.records.map.name"))
    q.add_argument("client", metavar="CLIENT", help=say("cli.help.records.map.client"))
    add_db_option(q, say)
    q.set_defaults(func=run_map)

    q = rec.add_parser("use", help=say("cli.help.records.use"))
    q.add_argument("criterion", choices=("hourly_rate", "on_time_payment"), help=say("cli.help.records.use.criterion"))
    q.add_argument("source", choices=("rating", "records"), help=say("cli.help.records.use.source"))
    add_db_option(q, say)
    q.set_defaults(func=run_use)


def _date(option: str, say: Say) -> Any:
    def parse(text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(say("cli.argparse.not_a_date", value=text)) from None
    parse.__name__ = option
    return parse


def _say_problems(problems: Sequence[Problem], locale: str, digits: str | None = None) -> None:
    for p in problems:
        print(f"  {problem_line(p, locale, digits=digits, isolate=False)}", file=sys.stderr)


def run_import(args: argparse.Namespace) -> int:
    from freelancekit.language import i18n
    from freelancekit.portfolio.api import open_portfolio
    from freelancekit.records import api
    from freelancekit.records.mapping import parse_option
    from freelancekit.records.problems import RecordsFileError, left_out_lines

    path = Path(args.file)
    loc = args.lang
    try:
        data = api.read_records_file(path)  # a wrong path must not create an empty portfolio first
        mapping = parse_option(args.map) if args.map else None
    except RecordsFileError as exc:
        return _refused(exc, args)
    with open_portfolio(args.db) as store:
        try:
            plan = api.plan_import(store, data, source=args.source, mapping=mapping, dates=args.dates)
        except RecordsFileError as exc:
            return _refused(exc, args)
        parsed = plan.parsed
        _say_how_read(plan, loc, args.digits)
        if args.dry_run:
            return _dry_run(store, plan, args)
        try:
            result = api.store_import(store, plan, valid_only=args.valid_only)
        except InvalidInput as exc:
            print(f"{line_start('records import', loc)}{plural('records.cli.refused_count', len(exc.problems), loc, args.digits)}", file=sys.stderr)
            _say_problems(exc.problems, loc, args.digits)
            return BAD_INPUT
        unmatched = RecordsPart(store).unmatched(parsed.clients())
    print(i18n.t("records.cli.imported", loc, digits=args.digits, file=path.name, format=i18n.t(f"records.format.{parsed.source}", loc),
                 added=counts([("count.time_entries", result.added.get("time", 0)), ("count.invoices", result.added.get("invoices", 0)),
                               ("count.payments", result.added.get("payments", 0))], loc, args.digits),
                 updated=plural("count.invoices", result.updated, loc, args.digits),
                 unchanged=plural("records.already_stored", result.unchanged, loc, args.digits)))
    if result.matched_oldest_first:
        print(plural("records.oldest_first_count", result.matched_oldest_first, loc, args.digits))
    for line in left_out_lines(result.left_out, loc, args.digits):
        print(line)
    if result.problems:
        print(plural("records.cli.left_out_count", len({p.row for p in result.problems}), loc, args.digits), file=sys.stderr)
        _say_problems(result.problems, loc, args.digits)
    if unmatched:
        print(i18n.t("records.cli.unmatched", loc, names=join_list(unmatched, loc, listed=True)))
    return 0


def _refused(exc: Exception, args: argparse.Namespace) -> int:
    from freelancekit.language import i18n

    print(f"{line_start('records import', args.lang)}{error_text(exc, args.lang, digits=args.digits, isolate=False)}", file=sys.stderr)
    code = getattr(exc, "code", "") or ""
    if code.startswith("records.dates_ambiguous"):
        print(i18n.t("records.cli.dates_hint", args.lang), file=sys.stderr)
    elif code == "records.unknown_format":
        from freelancekit.records.mapping import FIELDS

        print(i18n.t("records.cli.map_hint", args.lang, fields=", ".join(FIELDS)), file=sys.stderr)
    return BAD_INPUT


def _say_how_read(plan: Any, loc: str, digits: str | None) -> None:
    """The format or the mapping used, and every column not used: nothing is dropped without a word."""
    from freelancekit.language import i18n
    from freelancekit.records import api

    parsed = plan.parsed
    if plan.remembered:
        print(i18n.t("records.cli.remembered", loc))
    if parsed.source == "mapped":
        pairs = [f"{column} → {field}" for field, column in parsed.labels.items()]
        print(i18n.t("records.cli.mapping_used", loc, pairs=join_list(pairs, loc)))
    else:
        print(i18n.t("records.cli.format_used", loc, format=i18n.t(f"records.format.{parsed.source}", loc)))
    not_used = api.not_used_line(parsed, loc)
    if not_used:
        print(not_used)


def _dry_run(store: Any, plan: Any, args: argparse.Namespace) -> int:
    """What each client's figures would become, from a copy of the records: the portfolio is not touched."""
    from freelancekit.language import i18n
    from freelancekit.records import api
    from freelancekit.records.problems import left_out_lines

    loc = args.lang
    parsed = plan.parsed
    print(i18n.t("records.cli.dry_run", loc))
    for row in api.preview_figures(store, plan):
        print("  " + api.figures_line(row, loc))
    for line in left_out_lines(parsed.left_out, loc, args.digits):
        print(line)
    if parsed.problems:
        print(plural("records.cli.left_out_count", len(parsed.bad_rows()), loc, args.digits), file=sys.stderr)
        _say_problems(parsed.problems, loc, args.digits)
    return 0


def run_summary(args: argparse.Namespace) -> int:
    from freelancekit.language import i18n
    from freelancekit.portfolio.api import open_portfolio
    from freelancekit.records.api import summary
    from freelancekit.records.measures import summary_records

    if args.since and args.until and args.since > args.until:
        raise InvalidInput(Problem("--since", code="records.window_backwards", since=str(args.since), until=str(args.until)))
    with open_portfolio(args.db, create=False) as store:
        rows = summary_records(summary(store, args.since, args.until))
    loc = args.lang
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.format == "csv":
        write_csv(rows)
    else:
        print(format_table(rows, loc))
        if rows:
            print(i18n.t("records.in_currency", loc, currency=rows[0]["currency"]))
        for code, names in _needing_rates(rows).items():
            print(i18n.t("money.needs_rate", loc, currency=code) + ": " + join_list(names, loc, listed=True))
    return 0


def _needing_rates(rows: list[dict[str, Any]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in rows:
        if r.get("needs_rate"):
            out.setdefault(r["needs_rate"], []).append(r["client"])
    return out


def _cell(value: Any, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def write_csv(rows: list[dict[str, Any]]) -> None:
    from freelancekit.files.spreadsheet import escape_formula
    from freelancekit.records.measures import CURRENCY_KEYS, SUMMARY_KEYS

    keys = [*SUMMARY_KEYS, *CURRENCY_KEYS]
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(keys)
    for r in rows:
        w.writerow([escape_formula(r["client"]), *(_cell(r.get(k), 6 if k == "income_share" else 2) for k in keys[1:])])


def format_table(rows: list[dict[str, Any]], locale: str = "en") -> str:
    from freelancekit.language import i18n
    from freelancekit.records.measures import SUMMARY_KEYS

    if not rows:
        return i18n.t("records.cli.none", locale)
    head = [i18n.t(f"records.col.{k}", locale) for k in SUMMARY_KEYS]
    body = [[r["client"], *(("—" if r[k] is None else f"{r[k] * 100:.0f}%" if k == "income_share"
                             else _cell(r[k], 1 if "days" in k or k == "on_time_pct" else 2))
                           for k in SUMMARY_KEYS[1:])] for r in rows]
    widths = [max(_width(x) for x in col) for col in zip(head, *body)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) if i == 0 else " " * (w - _width(c)) + c for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    return "\n".join([line(head), *(line(b) for b in body)])


def run_export(args: argparse.Namespace) -> int:
    from freelancekit.errors import EXIT_INPUT, FreelancekitError
    from freelancekit.files.safe_files import os_reason
    from freelancekit.language import i18n
    from freelancekit.portfolio.api import open_portfolio
    from freelancekit.records.export import invoices_csv, time_csv

    with open_portfolio(args.db, create=False) as store:
        out = [(Path(args.file), invoices_csv(store))]
        if args.time:
            out.append((Path(args.time), time_csv(store)))
    for path, data in out:
        try:
            with open(path, "wb" if args.force else "xb") as fh:
                fh.write(data)
        except FileExistsError:
            raise FreelancekitError(code="export.exists", path=str(path), exit_code=EXIT_INPUT) from None
        except OSError as exc:
            raise FreelancekitError(code="file.cannot_write", path=str(path), detail=os_reason(exc)) from None
        print(i18n.t("records.cli.written", args.lang, path=path))
    return 0


def run_map(args: argparse.Namespace) -> int:
    from freelancekit.language import i18n
    from freelancekit.portfolio.api import open_portfolio

    with open_portfolio(args.db, create=False) as store:
        client = store.client_by_name(args.client)
        RecordsPart(store).map_client(args.name, client.saved_id)
        print(i18n.t("records.cli.mapped", args.lang, name=args.name, client=client.name))
    return 0


def run_use(args: argparse.Namespace) -> int:
    from freelancekit.language import i18n
    from freelancekit.portfolio.api import open_portfolio

    with open_portfolio(args.db, create=False) as store:
        RecordsPart(store).set_source(args.criterion, args.source)
        loc = args.lang
        label = i18n.criterion_label(args.criterion, store.portfolio().criterion(args.criterion).label, loc)
        print(i18n.t(f"records.cli.use_{args.source}", loc, criterion=label))
    return 0
