"""Writing clients to CSV or XLSX so that ``import`` reads them back unchanged."""
from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from .errors import EXIT_INPUT, FreelancekitError
from .importer import BASE_COLUMNS, TAIL_COLUMNS
from .model import Client, Criterion
from .safe_files import os_reason
from .spreadsheet import escape_formula, format_number


def export_columns(criteria: Sequence[Criterion]) -> list[str]:
    return [*BASE_COLUMNS, *(c.key for c in criteria), *TAIL_COLUMNS]


Cell = str | float | None


def export_cells(clients: Sequence[Client], criteria: Sequence[Criterion]) -> list[list[Cell]]:
    """Header plus one row per client: text formula-escaped, numbers as floats, None where there is nothing."""
    rows: list[list[Cell]] = [list(export_columns(criteria))]
    keys = [k.key for k in criteria]
    for c in clients:
        text = [c.name, c.contact_name, c.email, c.industry, ";".join(c.services)]
        nums = [c.values.get(k) for k in keys]
        tail = [c.notes, c.last_win]
        rows.append([*(escape_formula(x) if x else None for x in text), *nums,
                     *(escape_formula(x) if x else None for x in tail),
                     c.start_date.isoformat() if c.start_date else None,
                     c.last_win_date.isoformat() if c.last_win_date else None,
                     escape_formula(c.working_on) if c.working_on else None, c.language or None])
    return rows


def export_rows(clients: Sequence[Client], criteria: Sequence[Criterion]) -> list[list[str]]:
    """Header plus one row per client, every cell a string ('' for nothing), numbers as people write them."""
    numeric = range(len(BASE_COLUMNS), len(BASE_COLUMNS) + len(criteria))
    header, *rows = export_cells(clients, criteria)
    return [[str(x) for x in header], *(
        [format_number(x) if i in numeric and not isinstance(x, str) else str(x or "") for i, x in enumerate(row)]
        for row in rows)]


def to_csv_bytes(clients: Sequence[Client], criteria: Sequence[Criterion]) -> bytes:
    """UTF-8 with a BOM, so Excel shows Arabic and accents correctly."""
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(export_rows(clients, criteria))
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx_bytes(clients: Sequence[Client], criteria: Sequence[Criterion]) -> bytes:
    """Every text cell is a string (never a formula: ``escape_formula`` leaves none starting with '='),
    numbers stay numbers, empty cells are left out (but the last, which keeps the row's width).

    openpyxl's write-only mode with plain values (it writes through lxml): a
    cell object made here per value, as before, doubled the time of a
    100 000-client export (benchmarks/bench_cli.py).
    """
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("clients")
    for row in export_cells(clients, criteria):
        if row[-1] is None:  # a row keeps its full width: a reader counts a short row as missing columns
            row[-1] = ""
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def export_file(clients: Sequence[Client], criteria: Sequence[Criterion], path: str | Path, *, overwrite: bool = False) -> Path:
    """Write .csv or .xlsx by the file's extension; never overwrites unless asked."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise FreelancekitError(code="export.bad_suffix", exit_code=EXIT_INPUT, name=path.name)
    data = to_xlsx_bytes(clients, criteria) if suffix == ".xlsx" else to_csv_bytes(clients, criteria)
    try:
        with open(path, "wb" if overwrite else "xb") as fh:
            fh.write(data)
    except FileExistsError:
        raise FreelancekitError(code="export.exists", exit_code=EXIT_INPUT, path=str(path)) from None
    except OSError as exc:
        raise FreelancekitError(code="file.cannot_write", path=str(path), detail=os_reason(exc)) from None
    return path
