"""The ranking as a spreadsheet: the rows of ``freelancekit rank --format csv``, as CSV or XLSX bytes.

One set of rows serves the CLI and the app's download, so both give the same file.
"""
from __future__ import annotations

import csv
import io
from typing import Any

from .scoring import Ranking
from .spreadsheet import escape_formula


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
    """The same rows in one sheet; rank, score and points are numbers, names always text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("ranking")
    for r, row in enumerate(ranking_rows(ranking.records(), ranking.table.keys)):
        cells = []
        for i, value in enumerate(row):
            if r and i in (0, 2) or r and i >= 4:
                cell = WriteOnlyCell(ws, value=int(value) if i == 0 else float(value))
            elif r and i == 3:
                cell = WriteOnlyCell(ws, value=value == "true")
            else:
                cell = WriteOnlyCell(ws, value=value)
                cell.data_type = "s"
            cells.append(cell)
        ws.append(cells)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
