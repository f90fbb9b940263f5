"""A records file's bytes as one CSV table: its header row found, an .xlsx workbook read as CSV.

Invoice Ninja v4 writes title lines above the header ("Invoice Ninja v4.5.17 - …",
an empty line, "INVOICES"); Toggl, Clockify and Harvest also export .xlsx. Both
become the same thing here, so the rest of the importer reads one shape: CSV
bytes, the header as written, its separator, and the file row of the header.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from freelancekit.records.problems import RecordsFileError, problem

MAX_FILE_BYTES = 200 * 1024 * 1024
TITLE_LINES = 10  # at most this many title lines above a header are skipped
XLSX_MAX_ROWS = 1_100_000  # a sheet's row limit (1 048 576) and a little more


@dataclass
class Table:
    data: bytes  # CSV text, UTF-8
    names: list[str]  # the header row as written
    sep: str
    header_row: int  # the header's row in the file (1 unless title lines come first)


def open_table(data: bytes) -> Table:
    """The table of a CSV or .xlsx file; raises ``RecordsFileError`` when it is neither, or empty."""
    if not data.strip():
        raise RecordsFileError(problem("empty"))
    if len(data) > MAX_FILE_BYTES:
        raise RecordsFileError(problem("too_big", limit=MAX_FILE_BYTES // 2**20))
    if data[:4] == b"PK\x03\x04":
        data = xlsx_as_csv(data)
    elif b"\x00" in data[:65536]:
        raise RecordsFileError(problem("not_csv"))
    lines = data.split(b"\n", TITLE_LINES + 1)[: TITLE_LINES + 1]
    try:  # the first lines only: read_columns' one pass over the file checks the rest
        first = [line.decode("utf-8-sig" if i == 0 else "utf-8").rstrip("\r") for i, line in enumerate(lines[:-1] or lines)]
    except UnicodeDecodeError as exc:
        bad = next(i for i, line in enumerate(lines) if not _decodes(line))
        raise RecordsFileError(problem("not_utf8", line=bad + 1)) from exc
    header_at = _header_line(first)
    line = first[header_at]
    sep = ";" if line.count(";") > line.count(",") else "\t" if line.count("\t") > line.count(",") else ","
    return Table(data, _cells(line, sep), sep, header_at + 1)


def _decodes(line: bytes) -> bool:
    try:
        line.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def _cells(line: str, sep: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=sep), [])
    except csv.Error:
        return line.split(sep)


def _header_line(lines: list[str]) -> int:
    """The first line with two filled cells or more; title lines (one filled cell at most) above it are skipped."""
    for i, line in enumerate(lines):
        sep = ";" if line.count(";") > line.count(",") else ","
        if sum(1 for c in _cells(line, sep) if c.strip()) >= 2:
            return i
    return 0


def xlsx_as_csv(data: bytes) -> bytes:
    """The first sheet of a workbook as CSV; date cells as ``YYYY-MM-DD`` (so their order is never in doubt)."""
    import openpyxl  # 60 ms to import: only for a workbook

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any zip that is not a workbook (openpyxl raises a dozen kinds)
        raise RecordsFileError(problem("not_csv")) from None
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    try:
        sheet = book.worksheets[0]
        for n, row in enumerate(sheet.iter_rows(values_only=True)):
            if n > XLSX_MAX_ROWS:
                raise RecordsFileError(problem("too_big", limit=MAX_FILE_BYTES // 2**20))
            writer.writerow([_cell_text(v) for v in row])
    finally:
        book.close()
    text = out.getvalue()
    if not text.strip():
        raise RecordsFileError(problem("empty"))
    return text.encode("utf-8")


def _cell_text(value: object) -> str:
    """A workbook cell as the CSV export of the same report writes it."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, timedelta):
        seconds = round(value.total_seconds())
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    return str(value)
