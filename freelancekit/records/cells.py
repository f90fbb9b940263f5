"""Whole columns of text cells turned into dates, times, hours and amounts.

Columns repeat a lot (a few hundred days, clients and durations in 100 000
entries), so each distinct cell is read once (``pandas.factorize``) and the
result spread back over the rows. Every cell that cannot be read becomes a
``errors.Problem`` naming the file row, the column and what was expected; the
cell itself becomes missing (NaN/NaT).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cached_property

import numpy as np
import pandas as pd

from freelancekit.errors import InvalidInput, Problem
from freelancekit.portfolio import validation as v
from freelancekit.records.problems import problem

DATE_NAMES = {"%Y-%m-%d": "YYYY-MM-DD", "%m/%d/%Y": "MM/DD/YYYY", "%d/%m/%Y": "DD/MM/YYYY", "%d.%m.%Y": "DD.MM.YYYY"}
TIME_NAMES = {"%H:%M:%S": "HH:MM:SS", "%H:%M": "HH:MM", "%I:%M:%S %p": "hh:mm:ss AM/PM", "%I:%M %p": "hh:mm AM/PM"}
_CLOCK = re.compile(r"(\d+):([0-5]\d)(?::([0-5]\d))?")
NOT_BILLABLE = frozenset({"no", "false", "0", "n", "non-billable", "nein", "non", "لا"})


class Column:
    """One column of the file: its cells (text, read trimmed), its name as written, and each cell's file row."""

    def __init__(self, cells: np.ndarray, name: str, rows: np.ndarray, problems: list[Problem]):
        self.raw, self.name, self.rows, self.problems = cells, name, rows, problems

    @cached_property
    def distinct(self) -> tuple[np.ndarray, np.ndarray]:
        """(codes, uniques) of the trimmed cells: ``uniques[codes]`` is the column.

        Trimming the distinct cells only (not every row) is what keeps a 100 000-row column cheap.
        """
        codes, uniques = pd.factorize(self.raw)
        trimmed = [u.strip() for u in uniques]
        if trimmed != list(uniques):  # " Acme" and "Acme" are one cell
            again, uniques = pd.factorize(np.array(trimmed + [""], dtype=object)[:-1])
            codes = again[codes]
        return codes, np.asarray(uniques, dtype=object)

    @cached_property
    def values(self) -> np.ndarray:
        return self.spread(self.distinct[1])

    @cached_property
    def cells(self) -> pd.Series:
        return pd.Series(self.values, dtype=object)

    def spread(self, per_distinct: np.ndarray | pd.Index) -> np.ndarray:
        """A value per distinct cell, back over every row."""
        codes, _ = self.distinct
        return np.asarray(per_distinct)[codes]

    def report(self, bad: np.ndarray, code: str, **facts: object) -> None:
        """One problem per True in ``bad`` (a boolean array aligned with the rows)."""
        for i in np.flatnonzero(bad):
            self.problems.append(problem(code, int(self.rows[i]), self.name, value=str(self.values[i])[:60], **facts))

    def empty(self) -> np.ndarray:
        return self.spread(self.distinct[1] == "")

    def required(self) -> np.ndarray:
        """True where the cell is empty, each reported as missing."""
        empty = self.empty()
        self.report(empty, "required")
        return empty


def _first_fitting(col: Column, formats: Sequence[str], read: Callable[[np.ndarray, str], np.ndarray], empty: np.ndarray,
                   code: str, names: dict[str, str]) -> np.ndarray:
    """``read(uniques, fmt)`` in the first format that reads every filled cell, else the one that reads most."""
    _, uniques = col.distinct
    best: tuple[np.ndarray, np.ndarray, str] | None = None  # what the format reading most cells read, where it failed, the format
    for fmt in formats:
        parsed = read(uniques, fmt)
        bad = col.spread(pd.isna(parsed)) & ~empty
        if not bad.any():
            return col.spread(parsed)
        if best is None or bad.sum() < best[1].sum():
            best = parsed, bad, fmt
    assert best is not None, "no formats to try"  # every Format lists at least one date and one time format
    best_parsed, best_bad, best_fmt = best
    col.report(best_bad, code, expected=names.get(best_fmt, best_fmt))
    return col.spread(best_parsed)


def _datetimes(uniques: np.ndarray, fmt: str) -> np.ndarray:
    return pd.to_datetime(pd.Series(uniques, dtype=object), format=fmt, errors="coerce").to_numpy()


def dates(col: Column, formats: Sequence[str], *, optional: bool = False) -> pd.Series:
    """Dates (datetime64, midnight) in the first of ``formats`` that reads every filled cell."""
    empty = col.empty() if optional else col.required()
    return pd.Series(_first_fitting(col, formats, _datetimes, empty, "bad_date", DATE_NAMES))


def _times(uniques: np.ndarray, fmt: str) -> np.ndarray:
    parsed = pd.to_datetime(pd.Series(uniques, dtype=object), format=fmt, errors="coerce")
    return (parsed - parsed.dt.normalize()).to_numpy()


def clock_times(col: Column, formats: Sequence[str]) -> pd.Series:
    """Times of day as timedeltas since midnight (12-hour times with AM/PM too)."""
    return pd.Series(_first_fitting(col, formats, _times, col.required(), "bad_time", TIME_NAMES))


def _hours(cell: str) -> float:
    m = _CLOCK.fullmatch(cell)
    if m is None:
        return float("nan")
    h, mins, secs = m.groups()
    return int(h) + int(mins) / 60 + int(secs or 0) / 3600


def durations(col: Column) -> pd.Series:
    """``HH:MM:SS`` (hours may pass 24) as hours; zero and negative ones reported."""
    empty = col.required()
    _, uniques = col.distinct
    hours = col.spread(np.array([_hours(u) for u in uniques], dtype=float))
    negative = col.spread(np.array([u.startswith("-") for u in uniques], dtype=bool))
    col.report(np.isnan(hours) & ~empty & ~negative, "bad_duration_format", expected="HH:MM:SS")
    col.report(negative | (hours == 0), "not_positive_duration")
    return pd.Series(np.where(negative | (hours <= 0), np.nan, hours))


def numbers(col: Column, *, decimal_comma: bool, optional: bool = False, positive: bool = False,
            code_negative: str = "negative_amount") -> pd.Series:
    """Amounts or hours; ``decimal_comma``: a ';'-separated file, where a column with a comma writes 12,5 for 12.5."""
    empty = col.empty() if optional else col.required()
    _, uniques = col.distinct
    comma = decimal_comma and any("," in u for u in uniques)
    values = col.spread(np.array([_one_number(u, comma) for u in uniques], dtype=float))
    col.report(np.isnan(values) & ~empty, "not_a_number")
    col.report(values <= 0 if positive else values < 0, code_negative)
    return pd.Series(np.where(values <= 0 if positive else values < 0, np.nan, values))


def _one_number(cell: str, decimal_comma: bool) -> float:
    """The shared number rule (currency signs, thousands marks, Arabic digits), keeping a leading minus."""
    if not cell:
        return float("nan")
    if decimal_comma:
        cell = cell.replace(".", "").replace(",", ".")
    try:
        return float(cell)
    except ValueError:
        pass
    negative = cell.startswith("-")
    try:
        x = v.parse_number(cell[1:] if negative else cell, "amount")
    except InvalidInput:
        return float("nan")
    return float("nan") if x is None else (-x if negative else x)


def flags(col: Column) -> np.ndarray:
    """Billable unless the cell says no (No, false, 0, n, any case); an empty cell counts as billable."""
    _, uniques = col.distinct
    return col.spread(np.array([u.casefold() not in NOT_BILLABLE for u in uniques], dtype=bool))


def texts(col: Column, check: Callable[[str], str | None]) -> tuple[np.ndarray, np.ndarray]:
    """``check(cell)`` once per distinct cell, and where it refused the cell (None)."""
    _, uniques = col.distinct
    checked = np.array([check(u) for u in uniques] + [None], dtype=object)[:-1]
    return col.spread(checked), col.spread(np.array([c is None for c in checked], dtype=bool))
