"""``rank``: the clients best first, for people (table), spreadsheets (csv) or programs (json)."""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from typing import Any

from ..errors import InvalidInput, Problem
from . import add_db_option


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rank", help="rank the clients by your weighted criteria")
    add_db_option(p)
    p.add_argument("--weight", action="append", default=[], metavar="KEY=W",
                   help="use weight W for criterion KEY instead of the saved one (repeatable)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="table (for people, default), csv (for spreadsheets) or json (rank, name, score, incomplete, contributions)")
    p.set_defaults(func=run)


def parse_weights(items: list[str]) -> dict[str, str]:
    weights: dict[str, str] = {}
    for item in items:
        key, eq, value = item.partition("=")
        if not eq or not key.strip():
            raise InvalidInput(Problem("--weight", f"'{item}' is not KEY=WEIGHT: write it like ease=2"))
        weights[key.strip()] = value
    return weights


def run(args: argparse.Namespace) -> int:
    from ..api import open_portfolio, rank_portfolio

    weights = parse_weights(args.weight)
    with open_portfolio(args.db, create=False) as store:
        ranking = rank_portfolio(store, weights)
    records = ranking.records()
    if args.format == "json":
        from ..robustness import with_top3_shares

        json.dump(with_top3_shares(ranking, records), sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.format == "csv":
        write_csv(ranking)
    else:
        print(format_table(records))
    return 0


def write_csv(ranking: Any) -> None:
    from ..ranking_export import ranking_csv

    sys.stdout.write(ranking_csv(ranking))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


def format_table(records: list[dict[str, Any]]) -> str:
    if not records:
        return "No clients yet: add some with 'freelancekit import FILE' or start from 'freelancekit demo'."
    keys = list(records[0]["contributions"])
    head = ["#", "client", "score", *keys]
    rows = [[str(r["rank"]), r["name"] + (" (incomplete)" if r["incomplete"] else ""), f"{r['score']:.1f}",
             *(f"{r['contributions'][k]:.1f}" for k in keys)] for r in records]
    widths = [max(_width(x) for x in col) for col in zip(head, *rows)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) if i == 1 else " " * (w - _width(c)) + c
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    out = [line(head), *(line(r) for r in rows)]
    if any(r["incomplete"] for r in records):
        out.append("(incomplete: a criterion has no value and counts 0)")
    out.append("Columns after the score: points each criterion adds (out of 100).")
    return "\n".join(out)
