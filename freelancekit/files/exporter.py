"""Writing clients to CSV or XLSX so that ``import`` reads them back unchanged."""
from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from freelancekit.errors import EXIT_INPUT, FreelancekitError
from freelancekit.files.importer import BASE_COLUMNS, TAIL_COLUMNS
from freelancekit.files.safe_files import os_reason
from freelancekit.files.spreadsheet import escape_formula
from freelancekit.files.xlsx_writer import xlsx_bytes
from freelancekit.language.numerals import format_number
from freelancekit.portfolio.model import Client, Criterion


def export_columns(criteria: Sequence[Criterion]) -> list[str]:
    return [*BASE_COLUMNS, *(c.key for c in criteria), *TAIL_COLUMNS]


Cell = str | float | None


def export_cells(clients: Sequence[Client], criteria: Sequence[Criterion]) -> list[list[Cell]]:
    """Header plus one row per client: text formula-escaped, numbers as floats, None where there is nothing.

    One list display per client, no generators: a quarter less time at 100 000 clients.
    """
    rows: list[list[Cell]] = [list(export_columns(criteria))]
    add = rows.append
    keys = [k.key for k in criteria]
    esc = escape_formula
    for c in clients:
        get = c.values.get
        start, win, name, contact, email, industry, services = (
            c.start_date, c.last_win_date, c.name, c.contact_name, c.email, c.industry, c.services)
        notes, last_win, working_on = c.notes, c.last_win, c.working_on
        add([esc(name) if name else None, esc(contact) if contact else None, esc(email) if email else None,
             esc(industry) if industry else None, esc(";".join(services)) if services else None, *[get(k) for k in keys],
             esc(notes) if notes else None, esc(last_win) if last_win else None,
             start.isoformat() if start else None, win.isoformat() if win else None,
             esc(working_on) if working_on else None, c.language or None, c.currency or None,
             c.title or None])
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
    """Sheet "clients": every text cell a string (never a formula: ``escape_formula`` leaves none starting
    with '='), numbers stay numbers, empty cells are left out but the last, which keeps the row's width.

    Written by ``xlsx_writer``, not openpyxl: its per-cell append was 80% of a
    100 000-client export (benchmarks/bench_cli.py).
    """
    return xlsx_bytes("clients", export_cells(clients, criteria))


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
