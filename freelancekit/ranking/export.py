"""The ranking as a spreadsheet: the rows of ``freelancekit rank --format csv``, as CSV or XLSX bytes.

One set of rows serves the CLI and the app's download, so both give the same file.
"""
from __future__ import annotations

import csv
import io
from typing import Any

from freelancekit.files.spreadsheet import escape_formula
from freelancekit.files.xlsx_writer import Value, xlsx_bytes
from freelancekit.ranking.scoring import Ranking


def ranking_rows(records: list[dict[str, Any]], keys: tuple[str, ...] | list[str] = ()) -> list[list[str]]:
    """Header plus one row per client: rank, name, score, incomplete, then each criterion's points (2 decimals)."""
    keys = list(records[0]["contributions"]) if records else list(keys)
    rows = [["rank", "name", "score", "incomplete", *keys]]
    for r in records:
        rows.append([str(r["rank"]), escape_formula(r["name"]), f"{r['score']:.2f}", str(r["incomplete"]).lower(),
                     *(f"{r['contributions'][k]:.2f}" for k in keys)])
    return rows


def ranking_csv(ranking: Ranking) -> str:
    """Exactly what ``freelancekit rank --format csv`` prints."""
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerows(ranking_rows(ranking.records(), ranking.table.keys))
    return buf.getvalue()


def ranking_csv_bytes(ranking: Ranking) -> bytes:
    """``ranking_csv`` in UTF-8 with a BOM, so Excel shows Arabic names correctly."""
    return ranking_csv(ranking).encode("utf-8-sig")


def ranking_xlsx_bytes(ranking: Ranking) -> bytes:
    """The same rows in sheet "ranking"; rank, score and points are numbers, incomplete a boolean, names always text.

    Written by ``xlsx_writer``, not openpyxl, whose per-cell append was 80% of a large export.
    """
    header, *rows = ranking_rows(ranking.records(), ranking.table.keys)
    typed: list[list[Value]] = [list(header)]
    for row in rows:
        typed.append([int(row[0]), row[1], float(row[2]), row[3] == "true", *map(float, row[4:])])
    return xlsx_bytes("ranking", typed)
