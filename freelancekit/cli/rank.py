"""``rank``: the clients best first, for people (table), spreadsheets (csv) or programs (json)."""
from __future__ import annotations

import argparse
import sys
import unicodedata
from dataclasses import replace
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

import numpy as np

from freelancekit.cli import Say, add_db_option
from freelancekit.errors import InvalidInput, Problem

if TYPE_CHECKING:
    from freelancekit.ranking.scoring import Ranking


def register(sub: argparse._SubParsersAction, say: Say) -> None:
    p = sub.add_parser("rank", help=say("cli.help.rank"))
    add_db_option(p, say)
    p.add_argument("--weight", action="append", default=[], metavar="KEY=W", help=say("cli.help.rank.weight"))
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help=say("cli.help.rank.format"))
    p.set_defaults(func=run)


def parse_weights(items: list[str]) -> dict[str, str]:
    weights: dict[str, str] = {}
    for item in items:
        key, eq, value = item.partition("=")
        if not eq or not key.strip():
            raise InvalidInput(Problem("--weight", code="weight.syntax", value=item))
        weights[key.strip()] = value
    return weights


def run(args: argparse.Namespace) -> int:
    from freelancekit.portfolio.api import open_portfolio
    from freelancekit.records.rank import rank_with_currencies

    weights = parse_weights(args.weight)
    with open_portfolio(args.db, create=False) as store:
        try:
            ranking, pay = rank_with_currencies(store, weights)
        except InvalidInput as exc:  # a weight the command line gave: named by its flag, in any language
            raise InvalidInput([replace(p, field="--weight") if p.field == "weight" else p for p in exc.problems]) from None
    if args.format == "json":
        text = format_json(ranking)
    elif args.format == "csv":
        from freelancekit.ranking.export import ranking_csv

        text = ranking_csv(ranking)
    else:
        loc, digits = getattr(args, "lang", "en"), getattr(args, "digits", None)
        text = format_table(ranking.records(), loc, digits) + "\n" + "".join(line + "\n" for line in paid_in_lines(ranking, loc, digits))
    sys.stdout.write(text)  # one write: unbuffered output (PYTHONUNBUFFERED=1) would make each piece a system call
    sys.stdout.flush()
    if pay.not_compared:  # on stderr: the JSON and CSV on stdout stay what they were (docs/currencies.md)
        from freelancekit.language import i18n
        from freelancekit.language.l10n import join_list, plural

        loc, digits = getattr(args, "lang", "en"), getattr(args, "digits", None)
        needs = " ".join(i18n.t("money.needs_rate", loc, currency=code) for code in pay.missing)
        print(plural("ranking.not_compared", len(pay.not_compared), loc, digits, names=join_list(pay.not_compared, loc, listed=True))
              + " — " + needs, file=sys.stderr)
    return 0


def format_json(ranking: Ranking) -> str:
    """``with_top3_shares(ranking, ranking.records())`` as a JSON array, one client a line.

    ``json.dump(..., indent=2)`` takes json's pure-Python encoder (4 s at
    100 000 clients); here each line is one ``%`` format of a template over
    columns made at once by numpy's ``tolist``: names through json's own C
    string encoder, numbers as ``repr``, which is what json writes for a
    float (scores, shares and points are always finite). tests/test_cli.py
    checks that it reads back as exactly that list.
    """
    from freelancekit.ranking.robustness import top3_shares

    table, o = ranking.table, ranking.order
    if not len(o):
        return "[]\n"
    points = ", ".join(f"{encode_basestring(k)}: %r" for k in table.keys)
    money = ranking.money() or {}
    # each client's pay converted, as typed, and the rate (docs/currencies.md), already written as JSON: null, a number, a string
    money_json = [[_json_value(x) for x in column] for column in money.values()]
    money_part = "".join(f", {encode_basestring(k)}: %s" for k in money)
    line = ('{"rank": %d, "name": %s, "score": %r, "incomplete": %s, "unrated": %s, "top3_share": %r, "contributions": {'
            + points + "}" + money_part + "}")
    unrated = ranking.unrated_by_row()
    names = table.names
    columns = [
        range(1, len(o) + 1),
        [encode_basestring(names[i]) for i in o.tolist()],
        ranking.scores[o].tolist(),
        np.where(ranking.incomplete[o], "true", "false").tolist(),
        ["[" + ", ".join(map(encode_basestring, unrated[i])) + "]" for i in o.tolist()],
        top3_shares(ranking)[o].tolist(),
        *(ranking.contributions[o, j].tolist() for j in range(len(table.keys))),
        *money_json,
    ]
    return "[\n  " + ",\n  ".join(map(line.__mod__, zip(*columns))) + "\n]\n"


def paid_in_lines(ranking: Ranking, locale: str = "en", digits: str | None = None) -> list[str]:
    """After the table, each client paying in another currency, best first, as the app's table shows them:
    "Riyadh LLC: 200 SAR/h ≈ 53.33 USD/h, at 3.75", or "... — needs a rate for EGP" (docs/currencies.md)."""
    from freelancekit.language.i18n import t
    from freelancekit.portfolio.pay import PAY_KEY
    from freelancekit.ranking.readable import pay_text

    pay, table = ranking.table.pay, ranking.table
    if pay is None or not pay.paid_in or PAY_KEY not in table.keys:
        return []
    j = table.keys.index(PAY_KEY)
    crit = ranking.criteria[j]
    lines = []
    for i in ranking.order.tolist():
        name = table.names[i]
        if name in pay.paid_in and name not in pay.measured:  # a pay measured from records is in the profile's currency already
            code, typed = pay.paid_in[name]
            value = float(table.values[i, j])
            lines.append(f"  {name}: " + pay_text(crit, typed, code, None if value != value else value, pay, locale, digits))
    return [t("cli_out.rank_paid_in", locale, currency=pay.currency), *lines] if lines else []


def _json_value(x: str | float | None) -> str:
    """One money value as JSON: the columns hold only None, finite floats and plain strings."""
    return "null" if x is None else encode_basestring(x) if isinstance(x, str) else repr(x)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


def format_table(records: list[dict[str, Any]], locale: str = "en", digits: str | None = None) -> str:
    """The ranking for a terminal (``--format json`` or ``csv`` for programs: those keep Latin digits)."""
    from freelancekit.language.i18n import t
    from freelancekit.language.numerals import written

    if not records:
        return t("cli_out.rank_empty", locale)
    keys = list(records[0]["contributions"])
    head = ["#", t("cli_out.rank_client", locale), t("cli_out.rank_score", locale), *keys]
    incomplete = t("cli_out.rank_incomplete", locale)
    num = (lambda text: written(text, locale, digits)) if digits == "arab" else str  # noqa: E731
    rows = [[num(str(r["rank"])), r["name"] + (incomplete if r["incomplete"] else ""), num(f"{r['score']:.1f}"),
             *(num(f"{r['contributions'][k]:.1f}") for k in keys)] for r in records]
    widths = [max(_width(x) for x in col) for col in zip(head, *rows)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) if i == 1 else " " * (w - _width(c)) + c
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    out = [line(head), *(line(r) for r in rows)]
    if any(r["incomplete"] for r in records):
        out.append(t("cli_out.rank_incomplete_note", locale))
    out.append(t("cli_out.rank_columns_note", locale))
    return "\n".join(out)
