"""Spreadsheets written in memory for import tests (one helper, used by unit and browser tests)."""
from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook


def xlsx_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    """An .xlsx file whose first sheet holds ``rows``, header first."""
    wb = Workbook()
    for r in rows:
        wb.active.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
