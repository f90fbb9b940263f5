"""The ranking as a spreadsheet: the rows of ``freelancekit rank --format csv``, as CSV or XLSX bytes.

One set of rows serves the CLI and the app's download, so both give the same file.
"""
from __future__ import annotations

import csv
import io
from typing import Any

from freelancekit.files.spreadsheet import escape_formula
from freelancekit.files.xlsx_writer import Value, xlsx_bytes
from freelancekit.ranking.money import AMOUNT_KEYS, MONEY_KEYS
from freelancekit.ranking.scoring import Ranking


def ranking_rows(records: list[dict[str, Any]], keys: tuple[str, ...] | list[str] = (), *, money: bool | None = None) -> list[list[str]]:
    """Header plus one row per client: rank, name, score, incomplete, then each criterion's points (2 decimals),
    then each client's pay converted, as typed and the rate (``money.MONEY_KEYS``; docs/currencies.md).

    ``money``: whether to add those columns (None: when the records carry them).
    """
    keys = list(records[0]["contributions"]) if records else list(keys)
    with_money = ("currency" in records[0] if records else False) if money is None else money
    extra = list(MONEY_KEYS) if with_money else []
    rows = [["rank", "name", "score", "incomplete", *keys, *extra]]
    for r in records:
        rows.append([str(r["rank"]), escape_formula(r["name"]), f"{r['score']:.2f}", str(r["incomplete"]).lower(),
                     *(f"{r['contributions'][k]:.2f}" for k in keys), *(_money_cell(k, r[k]) for k in extra)])
    return rows


def _money_cell(key: str, value: str | float | None) -> str:
    """Amounts to the cent; the rate in full (``repr``), so amount x rate gives the converted figure; empty = none."""
    if value is None:
        return ""
    if key == "rate":
        return repr(value)
    return f"{value:.2f}" if key in AMOUNT_KEYS else escape_formula(str(value))


def ranking_csv(ranking: Ranking) -> str:
    """Exactly what ``freelancekit rank --format csv`` prints."""
    buf = io.StringIO(newline="")
    rows = ranking_rows(ranking.records(), ranking.table.keys, money=ranking.table.pay is not None)
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def ranking_csv_bytes(ranking: Ranking) -> bytes:
    """``ranking_csv`` in UTF-8 with a BOM, so Excel shows Arabic names correctly."""
    return ranking_csv(ranking).encode("utf-8-sig")


def ranking_xlsx_bytes(ranking: Ranking) -> bytes:
    """The same rows in sheet "ranking"; rank, score and points are numbers, incomplete a boolean, names always text.

    Written by ``xlsx_writer``, not openpyxl, whose per-cell append was 80% of a large export.
    """
    header, *rows = ranking_rows(ranking.records(), ranking.table.keys, money=ranking.table.pay is not None)
    typed: list[list[Value]] = [list(header)]
    points = len(ranking.table.keys)
    extra = header[4 + points:]
    for row in rows:
        money: list[Value] = [(float(x) if x else None) if k in AMOUNT_KEYS else x or None for k, x in zip(extra, row[4 + points:])]
        typed.append([int(row[0]), row[1], float(row[2]), row[3] == "true", *map(float, row[4:4 + points]), *money])
    return xlsx_bytes("ranking", typed)
