"""Writing clients to CSV or XLSX so that ``import`` reads them back unchanged."""
from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from .errors import FreelancekitError
from .importer import BASE_COLUMNS, TAIL_COLUMNS
from .model import Client, Criterion
from .spreadsheet import escape_formula, format_number


def export_columns(criteria: Sequence[Criterion]) -> list[str]:
    return [*BASE_COLUMNS, *(c.key for c in criteria), *TAIL_COLUMNS]


def export_rows(clients: Sequence[Client], criteria: Sequence[Criterion]) -> list[list[str]]:
    """Header plus one row per client, every cell a string, text cells formula-escaped."""
    rows = [export_columns(criteria)]
    for c in clients:
        text = [c.name, c.contact_name, c.email, c.industry, ";".join(c.services)]
        nums = [format_number(c.values.get(k.key)) for k in criteria]
        tail = [c.notes, c.last_win]
        rows.append([*map(escape_formula, text), *nums, *map(escape_formula, tail),
                     c.start_date.isoformat() if c.start_date else ""])
    return rows


def to_csv_bytes(clients: Sequence[Client], criteria: Sequence[Criterion]) -> bytes:
    """UTF-8 with a BOM, so Excel shows Arabic and accents correctly."""
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(export_rows(clients, criteria))
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx_bytes(clients: Sequence[Client], criteria: Sequence[Criterion]) -> bytes:
    """Every text cell is written as a string (never a formula); numbers stay numbers."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("clients")
    numeric = {i for i, col in enumerate(export_columns(criteria)) if col in {c.key for c in criteria}}
    for r, row in enumerate(export_rows(clients, criteria)):
        cells = []
        for i, value in enumerate(row):
            if r and i in numeric and value:
                cell = WriteOnlyCell(ws, value=float(value))
            else:
                cell = WriteOnlyCell(ws, value=value)
                cell.data_type = "s"
            cells.append(cell)
        ws.append(cells)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def export_file(clients: Sequence[Client], criteria: Sequence[Criterion], path: str | Path, *, overwrite: bool = False) -> Path:
    """Write .csv or .xlsx by the file's extension; never overwrites unless asked."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise FreelancekitError(f"cannot export to '{path.name}': the file name must end in .csv or .xlsx")
    data = to_xlsx_bytes(clients, criteria) if suffix == ".xlsx" else to_csv_bytes(clients, criteria)
    try:
        with open(path, "wb" if overwrite else "xb") as fh:
            fh.write(data)
    except FileExistsError:
        raise FreelancekitError(f"{path} already exists: choose another file name or add --force to replace it") from None
    except OSError as exc:
        raise FreelancekitError(f"cannot write {path}: {exc.strerror}") from None
    return path
