"""Whole columns of text cells turned into dates, times, hours and amounts.

Each function works on a pandas column at once (the fast path) and reports
every cell it cannot read as a ``RecordProblem`` naming the file row, the
column and what was expected; the cell becomes missing (NaN/NaT).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .. import validation as v
from ..errors import InvalidInput
from .problems import RecordProblem, problem

DATE_NAMES = {"%Y-%m-%d": "YYYY-MM-DD", "%m/%d/%Y": "MM/DD/YYYY", "%d/%m/%Y": "DD/MM/YYYY", "%d.%m.%Y": "DD.MM.YYYY"}
TIME_NAMES = {"%H:%M:%S": "HH:MM:SS", "%H:%M": "HH:MM", "%I:%M:%S %p": "hh:mm:ss AM/PM", "%I:%M %p": "hh:mm AM/PM"}
_CLOCK = re.compile(r"^(\d+):([0-5]\d)(?::([0-5]\d))?$")


class Column:
    """One column of the file: its cells (stripped text), its name as written, and each cell's file row."""

    def __init__(self, cells: pd.Series, name: str, rows: np.ndarray, problems: list[RecordProblem]):
        self.cells, self.name, self.rows, self.problems = cells, name, rows, problems

    def report(self, bad: np.ndarray, code: str, **facts: object) -> None:
        """One problem per True in ``bad`` (a boolean array aligned with the cells)."""
        for i in np.flatnonzero(bad):
            self.problems.append(problem(code, int(self.rows[i]), self.name, value=self.cells.iat[i][:60], **facts))

    def empty(self) -> np.ndarray:
        return (self.cells == "").to_numpy()

    def required(self) -> np.ndarray:
        """True where the cell is empty, each reported as missing."""
        empty = self.empty()
        self.report(empty, "required")
        return empty


def dates(col: Column, formats: Sequence[str], *, optional: bool = False) -> pd.Series:
    """Dates in the first of ``formats`` that reads every filled cell (else the one that reads most)."""
    empty = col.empty() if optional else col.required()
    best: pd.Series | None = None
    best_bad: np.ndarray | None = None
    for fmt in formats:
        parsed = pd.to_datetime(col.cells, format=fmt, errors="coerce")
        bad = parsed.isna().to_numpy() & ~empty
        if not bad.any():
            return parsed
        if best_bad is None or bad.sum() < best_bad.sum():
            best, best_bad, best_fmt = parsed, bad, fmt
    assert best is not None and best_bad is not None
    col.report(best_bad, "bad_date", expected=DATE_NAMES.get(best_fmt, best_fmt))
    return best


def clock_times(col: Column, formats: Sequence[str]) -> pd.Series:
    """Times of day as timedeltas since midnight (12-hour times with AM/PM too)."""
    empty = col.required()
    best_bad: np.ndarray | None = None
    for fmt in formats:
        parsed = pd.to_datetime(col.cells, format=fmt, errors="coerce")
        bad = parsed.isna().to_numpy() & ~empty
        if not bad.any():
            return parsed - parsed.dt.normalize()
        if best_bad is None or bad.sum() < best_bad.sum():
            best, best_bad, best_fmt = parsed, bad, fmt
    col.report(best_bad, "bad_time", expected=TIME_NAMES.get(best_fmt, best_fmt))
    return best - best.dt.normalize()


def durations(col: Column) -> pd.Series:
    """``HH:MM:SS`` (hours may pass 24) as hours; zero and negative ones reported."""
    empty = col.required()
    parts = col.cells.str.extract(_CLOCK)
    hours = parts[0].astype(float) + parts[1].astype(float) / 60 + parts[2].fillna("0").astype(float) / 3600
    negative = col.cells.str.startswith("-").to_numpy()
    unread = hours.isna().to_numpy() & ~empty & ~negative
    col.report(unread, "bad_duration_format", expected="HH:MM:SS")
    col.report(negative | (hours.to_numpy() == 0), "not_positive_duration")
    return hours.where(~negative & (hours > 0))


def numbers(col: Column, *, decimal_comma: bool, optional: bool = False, positive: bool = False,
            code_negative: str = "negative_amount") -> pd.Series:
    """Amounts or hours; ``decimal_comma``: a ';'-separated file, where a column with a comma writes 12,5 for 12.5."""
    empty = col.empty() if optional else col.required()
    text = col.cells
    if decimal_comma and text.str.contains(",", regex=False).any():
        text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    out = pd.to_numeric(text, errors="coerce")
    unread = out.isna().to_numpy() & ~empty
    if unread.any():  # currency signs, thousands marks, Arabic digits: the shared number rule, per distinct cell
        seen: dict[str, float] = {}
        values = out.to_numpy(dtype=float, copy=True)
        for i in np.flatnonzero(unread):
            cell = text.iat[i]
            if cell not in seen:
                seen[cell] = _one_number(cell)
            values[i] = seen[cell]
        out = pd.Series(values, index=col.cells.index)
        unread = np.isnan(values) & ~empty
        col.report(unread, "not_a_number")
    arr = out.to_numpy(dtype=float)
    if positive:
        col.report(arr <= 0, code_negative)
        return out.where(out > 0)
    col.report(arr < 0, code_negative)
    return out.where(~(out < 0))


def _one_number(cell: str) -> float:
    negative = cell.startswith("-")
    try:
        x = v.parse_number(cell[1:] if negative else cell, "amount")
    except InvalidInput:
        return float("nan")
    return float("nan") if x is None else (-x if negative else x)


def flags(cells: pd.Series) -> pd.Series:
    """Yes/No, true/false, 1/0 as booleans; anything else (empty) counts as billable."""
    return ~cells.str.casefold().isin(("no", "false", "0", "n", "non-billable", "nein", "non", "لا"))
