"""Whole columns of text cells turned into dates, times, hours and amounts.

Columns repeat a lot (a few hundred days, clients and durations in 100 000
entries), so each distinct cell is read once (``pandas.factorize``) and the
result spread back over the rows. Every cell that cannot be read becomes a
``errors.Problem`` naming the file row, the column and what was expected; the
cell itself becomes missing (NaN/NaT).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import cached_property

import numpy as np
import pandas as pd

from freelancekit.errors import InvalidInput, Problem
from freelancekit.portfolio import validation as v
from freelancekit.records.problems import problem

DATE_NAMES = {"dmy": "DD/MM/YYYY", "mdy": "MM/DD/YYYY", None: "YYYY-MM-DD"}
TIME_NAMES = {"%H:%M:%S": "HH:MM:SS", "%H:%M": "HH:MM", "%I:%M:%S %p": "hh:mm:ss AM/PM", "%I:%M %p": "hh:mm AM/PM"}
ORDERS = ("dmy", "mdy")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4})")
_DAY_WORD = re.compile(r"(\d{1,2})[ /.-]([A-Za-z]{3,9})\.?[ /.,-]+(\d{4})")  # 16/Jul/2023, 28 Jan 2021
_WORD_DAY = re.compile(r"([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})")  # Jan 28 2021, January 28, 2021
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_CLOCK = re.compile(r"(\d+):([0-5]\d)(?::([0-5]\d))?")
_MINUTES = re.compile(r"(\d+):([0-5]\d) ?min")  # Toggl Track: an entry under an hour as "15:00 min"
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


def _month(word: str) -> int | None:
    full = word.casefold()
    return _MONTHS.get(full[:3]) if full[:3] in _MONTHS and (len(full) == 3 or full in _FULL_MONTHS) else None


_FULL_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december", "sept"}


def read_date(cell: str, order: str | None) -> np.datetime64:
    """One date: ISO, the month in words (English), or day and month in digits in ``order`` (dmy/mdy; None reads none)."""
    day = month = year = None
    if m := _ISO.fullmatch(cell):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _NUMERIC.fullmatch(cell):
        a, b = int(m[1]), int(m[3])
        if order is None and a != b:  # 01/01/2024 reads one way whatever the order; 03/04/2024 needs the order
            return np.datetime64("NaT")
        day, month, year = (a, b, int(m[4])) if order == "dmy" else (b, a, int(m[4]))
    elif m := _DAY_WORD.fullmatch(cell):
        day, month, year = int(m[1]), _month(m[2]), int(m[3])
    elif m := _WORD_DAY.fullmatch(cell):
        month, day, year = _month(m[1]), int(m[2]), int(m[3])
    if month is None or day is None or year is None:
        return np.datetime64("NaT")
    try:
        return np.datetime64(date(year, month, day), "ns")
    except ValueError:
        return np.datetime64("NaT")


def date_order(cells: Iterable[str]) -> tuple[str | None, list[str]]:
    """The order the digits-only dates of a file are written in, and (when they cannot tell) cells that read two ways.

    Evidence is a first number above 12 (day first) or a second one above 12 (month first).
    Without it the order is None, and the cells whose two readings differ are returned.
    """
    votes = {"dmy": 0, "mdy": 0}
    doubtful: list[str] = []
    for cell in cells:
        m = _NUMERIC.fullmatch(cell.strip())
        if m is None:
            continue
        a, b = int(m[1]), int(m[3])
        if a > 12 >= b:
            votes["dmy"] += 1
        elif b > 12 >= a:
            votes["mdy"] += 1
        elif a != b and a <= 12 and b <= 12:
            doubtful.append(cell.strip())
    if votes["dmy"] or votes["mdy"]:
        return ("dmy" if votes["dmy"] >= votes["mdy"] else "mdy"), []
    return None, doubtful


def dates(col: Column, order: str | None, *, optional: bool = False) -> pd.Series:
    """Dates (datetime64, midnight); digits-only ones in ``order`` (see ``date_order``)."""
    empty = col.empty() if optional else col.required()
    _, uniques = col.distinct
    parsed = col.spread(np.array([read_date(u, order) for u in uniques] + [np.datetime64("NaT")], dtype="datetime64[ns]")[:-1])
    col.report(np.isnat(parsed) & ~empty, "bad_date", expected=DATE_NAMES[None] if order is None else f"YYYY-MM-DD, {DATE_NAMES[order]}")
    return pd.Series(parsed)


_TIME_OF_DAY = re.compile(r"(\d{1,2}):([0-5]\d)(?::([0-5]\d))?(?: ?([AaPp][Mm]))?")


def _time_of_day(cell: str, formats: Sequence[str]) -> np.timedelta64:
    """``HH:MM[:SS]`` or ``hh:mm[:ss] AM``, as ``formats`` allow; a regular expression, not strptime (9x faster here)."""
    m = _TIME_OF_DAY.fullmatch(cell)
    if m is None:
        return np.timedelta64("NaT", "ns")
    hour, minute, second, half = int(m[1]), int(m[2]), int(m[3] or 0), (m[4] or "").upper()
    if half:
        if "%p" not in "".join(formats) or not 1 <= hour <= 12:
            return np.timedelta64("NaT", "ns")
        hour = hour % 12 + (12 if half == "PM" else 0)
    elif hour > 23 or (m[3] is None and "%H:%M" not in formats) or (m[3] is not None and "%H:%M:%S" not in formats):
        return np.timedelta64("NaT", "ns")
    return np.timedelta64(hour * 3600 + minute * 60 + second, "s").astype("timedelta64[ns]")


def clock_times(col: Column, formats: Sequence[str]) -> pd.Series:
    """Times of day as timedeltas since midnight, each cell in the first of ``formats`` that reads it.

    One export mixes "10:23 AM" and "10:23:52 AM" (Clockify), and a 12-hour time
    cannot be mistaken for a 24-hour one, so each cell finds its own format.
    """
    empty = col.required()
    _, uniques = col.distinct
    parsed = col.spread(np.array([_time_of_day(u, formats) for u in uniques] + [np.timedelta64("NaT", "ns")],
                                 dtype="timedelta64[ns]")[:-1])
    col.report(np.isnat(parsed) & ~empty, "bad_time", expected=" / ".join(dict.fromkeys(TIME_NAMES[f] for f in formats[:2])))
    return pd.Series(parsed)


def _hours(cell: str) -> float:
    if m := _MINUTES.fullmatch(cell):
        return int(m[1]) / 60 + int(m[2]) / 3600
    m = _CLOCK.fullmatch(cell)
    if m is None:
        return float("nan")
    h, mins, secs = m.groups()
    return int(h) + int(mins) / 60 + int(secs or 0) / 3600


def durations(col: Column) -> pd.Series:
    """``HH:MM:SS`` (hours may pass 24) or ``MM:SS min`` as hours; negative ones reported, zero ones kept as 0."""
    empty = col.required()
    _, uniques = col.distinct
    hours = col.spread(np.array([_hours(u) for u in uniques], dtype=float))
    negative = col.spread(np.array([u.startswith("-") for u in uniques], dtype=bool))
    col.report(np.isnan(hours) & ~empty & ~negative, "bad_duration_format", expected="HH:MM:SS")
    col.report(negative, "not_positive_duration")
    return pd.Series(np.where(negative, np.nan, hours))


_COMMA_DECIMAL = re.compile(r"(?:\d,\d{1,2}|\d,\d{4,}|\.\d{3},\d+)\D*$")  # 1,75 / 0,0125 / 2.000,0 (a comma not before 3 digits)
_POINT_DECIMAL = re.compile(r"(?:\d\.\d{1,2}|\d\.\d{4,}|,\d{3}\.\d+)\D*$")


def comma_is_decimal(uniques: Iterable[str], semicolons: bool) -> bool:
    """Whether a column writes 12,5 for 12.5: a cell that can only be read so, else the file's separator.

    A cell like ``1,75`` or ``2.000,0`` can only mean a decimal comma (Harvest in a German locale, even
    ','-separated); ``1,000.50`` or ``12.5`` only a decimal point. Otherwise a ';'-separated file uses the comma.
    """
    comma = point = False
    for u in uniques:
        comma = comma or _COMMA_DECIMAL.search(u) is not None
        point = point or _POINT_DECIMAL.search(u) is not None
    if comma != point:
        return comma
    return semicolons and any("," in u for u in uniques)


def numbers(col: Column, *, decimal_comma: bool, optional: bool = False, code_negative: str = "negative_amount") -> pd.Series:
    """Amounts or hours (``decimal_comma``: the file is ';'-separated, see ``comma_is_decimal``); a negative is reported."""
    empty = col.empty() if optional else col.required()
    _, uniques = col.distinct
    comma = comma_is_decimal(uniques, decimal_comma)
    values = col.spread(np.array([_one_number(u, comma) for u in uniques], dtype=float))
    col.report(np.isnan(values) & ~empty, "not_a_number")
    col.report(values < 0, code_negative)
    return pd.Series(np.where(values < 0, np.nan, values))


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
