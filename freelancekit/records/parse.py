"""A records file (bytes) turned into checked tables of time entries, invoices and payments.

Row numbers are the file's rows as a spreadsheet shows them: the header is
row 1. Every cell that cannot be used is reported (row, column, reason); the
tables hold only the rows without a problem, and ``problems`` says which were
left out, so the caller stores all of it or, when asked, only the valid rows.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from freelancekit.errors import InvalidInput, Problem
from freelancekit.portfolio import validation as v
from freelancekit.portfolio.rates import parse_currency
from freelancekit.records import cells
from freelancekit.records.formats import Format, detect, normalise
from freelancekit.records.problems import RecordsFileError, problem

MAX_FILE_BYTES = 200 * 1024 * 1024
TIME_COLUMNS = ("row", "client", "project", "description", "start", "hours", "billable", "amount")
INVOICE_COLUMNS = ("row", "client", "number", "issued", "due", "amount", "reported_paid", "currency")
PAYMENT_COLUMNS = ("row", "client", "invoice", "paid_on", "amount", "reference")
SKIPPED_STATUSES = frozenset({"draft", "cancelled", "canceled", "reversed"})

ColumnOf = Callable[[str], cells.Column]  # a field's column of the file (an empty one when the file lacks it)


@dataclass
class ParsedRecords:
    """What a file would store; ``time``/``invoices``/``payments`` hold the valid rows only."""

    source: str
    kind: str
    rows: int
    time: pd.DataFrame = field(default_factory=lambda: _empty(TIME_COLUMNS))
    invoices: pd.DataFrame = field(default_factory=lambda: _empty(INVOICE_COLUMNS))
    payments: pd.DataFrame = field(default_factory=lambda: _empty(PAYMENT_COLUMNS))
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0  # rows left out on purpose (a draft or cancelled invoice)
    labels: dict[str, str] = field(default_factory=dict)  # field -> its column's name as the file writes it

    def bad_rows(self) -> set[int]:
        return {p.row for p in self.problems if p.row is not None}

    def clients(self) -> list[str]:
        """The client names the file speaks of, each once (first spelling), in file order."""
        names = pd.concat([self.time["client"], self.invoices["client"], self.payments["client"]])
        return list(dict.fromkeys(names.tolist()))


def _empty(columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame({c: [] for c in columns})


# -- reading ---------------------------------------------------------------------
def read_header(data: bytes) -> tuple[list[str], str]:
    """The header row as written, and the separator (';' when the first line has more of them than ',')."""
    if not data.strip():
        raise RecordsFileError(problem("empty"))
    if len(data) > MAX_FILE_BYTES:
        raise RecordsFileError(problem("too_big", limit=MAX_FILE_BYTES // 2**20))
    if b"\x00" in data[:65536] or data[:4] == b"PK\x03\x04":
        raise RecordsFileError(problem("not_csv"))
    end = data.find(b"\n")
    try:  # the header line only: read_columns' one pass over the file checks the rest
        first = (data if end < 0 else data[:end]).decode("utf-8-sig").rstrip("\r")
    except UnicodeDecodeError:
        raise RecordsFileError(problem("not_utf8", line=1)) from None
    sep = ";" if first.count(";") > first.count(",") else "\t" if first.count("\t") > first.count(",") else ","
    try:
        header = next(csv.reader([first], delimiter=sep), [])
    except csv.Error:
        header = first.split(sep)
    return header, sep


def read_columns(data: bytes, sep: str, columns: Sequence[int]) -> list[np.ndarray]:
    """The cells of the ``columns`` (by position), every cell as text; blank lines kept, so rows keep their numbers."""
    try:
        frame = pd.read_csv(io.BytesIO(data), sep=sep, dtype=object, keep_default_na=False, na_filter=False,
                            skip_blank_lines=False, encoding="utf-8-sig", engine="c", usecols=list(columns))
    except UnicodeDecodeError:
        raise RecordsFileError(problem("not_utf8", line=_first_bad_line(data))) from None
    except pd.errors.ParserError as exc:
        raise RecordsFileError(problem("bad_shape", detail=_shape_reason(str(exc)))) from None
    except (pd.errors.EmptyDataError, csv.Error):
        raise RecordsFileError(problem("empty")) from None
    frame = frame.fillna("")  # a short row's missing cells
    return [frame.iloc[:, j].to_numpy(dtype=object) for j in range(frame.shape[1])]


def _first_bad_line(data: bytes) -> int:
    """The line of the first byte that is not UTF-8 (pandas' own error names a buffer offset, not a line)."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return data[: exc.start].count(b"\n") + 1
    return 1


def _filled_rows(arrays: list[np.ndarray]) -> np.ndarray:
    """False for a blank line (every cell empty): skipped, but still counted in the row numbers."""
    if not arrays:
        return np.zeros(0, dtype=bool)
    filled = arrays[0] != ""
    maybe_blank = np.flatnonzero(~filled)  # few rows have an empty first cell: only those are looked at whole
    for i in maybe_blank:
        filled[i] = any(a[i].strip() for a in arrays)
    return filled


def _shape_reason(text: str) -> str:
    # pandas: "Error tokenizing data. C error: Expected 5 fields in line 4, saw 6"
    return text.split("C error:")[-1].strip()


def parse_records(data: bytes, source: str | None = None) -> ParsedRecords:
    """Check a whole file; raises ``RecordsFileError`` when it is not records at all."""
    names, sep = read_header(data)
    header = [normalise(n) for n in names]
    fmt = detect(header, source)
    found = fmt.find(header)
    used = sorted(set(found.values()))
    arrays = dict(zip(used, read_columns(data, sep, used)))
    filled = _filled_rows(list(arrays.values()))
    rows = np.arange(2, len(filled) + 2)[filled]
    if not filled.all():
        arrays = {k: a[filled] for k, a in arrays.items()}
    parsed = ParsedRecords(fmt.key, fmt.kind, len(rows))
    problems = parsed.problems  # every column reports into this one list
    parsed.labels = {f: names[i].lstrip("\ufeff").strip() for f, i in found.items()}
    made: dict[str, cells.Column] = {}

    def col(name: str) -> cells.Column:
        if name not in made:
            data = arrays[found[name]] if name in found else np.full(len(rows), "", dtype=object)
            made[name] = cells.Column(data, parsed.labels.get(name, name), rows, problems)
        return made[name]

    reader = {"time": _time, "invoices": _invoices, "payments": _payments}[fmt.kind]
    reader(parsed, fmt, col, found, sep == ";", rows)
    problems.sort(key=lambda p: (p.row or 0, p.field))
    return parsed


def _client_names(col: cells.Column) -> pd.Series:
    """Client names, checked as the client form checks a name (once per distinct name)."""
    missing = col.required()

    def check(name: str) -> str | None:
        try:
            return v.clean_text(name, col.name, max_length=200) or None
        except InvalidInput:
            return None

    names, refused = cells.texts(col, check)
    col.report(refused & ~missing, "bad_name")
    return pd.Series(names, dtype=object)


def _keep(frame: pd.DataFrame, problems: Sequence[Problem]) -> pd.DataFrame:
    bad = {p.row for p in problems}
    return frame[~frame["row"].isin(bad)].reset_index(drop=True) if bad else frame


# -- time entries ----------------------------------------------------------------
def _time(parsed: ParsedRecords, fmt: Format, col: ColumnOf, found: dict[str, int], decimal_comma: bool, rows: np.ndarray) -> None:
    client = _client_names(col("client"))
    if fmt.key == "harvest":
        start = cells.dates(col("date"), fmt.dates)
        hours = cells.numbers(col("hours"), decimal_comma=decimal_comma, positive=True, code_negative="not_positive_duration")
        end_bad = np.zeros(len(rows), dtype=bool)
    else:
        start_date = cells.dates(col("start_date"), fmt.dates)
        start = start_date + cells.clock_times(col("start_time"), fmt.times)
        if fmt.key == "clockify":
            hours = cells.numbers(col("decimal"), decimal_comma=decimal_comma, positive=True, code_negative="not_positive_duration")
        else:
            hours = cells.durations(col("duration"))
        end_bad = np.zeros(len(rows), dtype=bool)
        if "end_date" in found and "end_time" in found:
            end = cells.dates(col("end_date"), fmt.dates) + cells.clock_times(col("end_time"), fmt.times)
            end_bad = (end < start).to_numpy()
            end_col = col("end_time")
            for i in np.flatnonzero(end_bad):
                parsed.problems.append(problem("end_before_start", int(rows[i]), end_col.name))
    amount = (cells.numbers(col("amount"), decimal_comma=decimal_comma, optional=True)
              if "amount" in found else pd.Series(np.nan, index=range(len(rows))))
    billable = cells.flags(col("billable"))
    parsed.time = _keep(pd.DataFrame({
        "row": rows, "client": client, "project": col("project").cells, "description": col("description").cells,
        "start": start, "hours": hours, "billable": billable, "amount": amount,
    }), parsed.problems)


# -- invoices --------------------------------------------------------------------
def _currencies(col: cells.Column) -> np.ndarray:
    """Each row's currency code as the export writes it ('' when it has no currency column or the cell is empty)."""
    def check(cell: str) -> str | None:
        try:
            return parse_currency(cell)
        except InvalidInput:
            return None

    codes, bad = cells.texts(col, check)
    col.report(bad, "unknown_currency")
    return np.where(bad, "", codes).astype(object)


def _invoices(parsed: ParsedRecords, fmt: Format, col: ColumnOf, found: dict[str, int], decimal_comma: bool, rows: np.ndarray) -> None:
    if fmt.key == "invoices":
        _generic(parsed, fmt, col, rows)
        return
    status = col("status").cells.str.casefold()
    skip = status.isin(SKIPPED_STATUSES).to_numpy()
    parsed.skipped = int(skip.sum())
    client = _client_names(col("client"))
    number_col = col("number")
    number_col.required()
    issued = cells.dates(col("issued"), fmt.dates)
    due_col = col("due")
    due = cells.dates(due_col, fmt.dates, optional=True)
    due = due.fillna(issued)  # no due date: due on the day it was issued (docs/records.md)
    amount_col = col("amount")
    amount = cells.numbers(amount_col, decimal_comma=decimal_comma)
    paid_col = col("paid")
    paid = cells.numbers(paid_col, decimal_comma=decimal_comma, optional=True) if "paid" in found else None
    balance = cells.numbers(col("balance"), decimal_comma=decimal_comma, optional=True) if "balance" in found else None
    if paid is None and balance is not None:
        paid = amount - balance
    frame = pd.DataFrame({"row": rows, "client": client, "number": number_col.cells, "issued": issued, "due": due,
                          "amount": amount, "reported_paid": paid if paid is not None else np.nan, "currency": _currencies(col("currency"))})
    problems = parsed.problems
    _check_invoice_dates(frame, due_col.name, problems)
    over = (frame["reported_paid"] > frame["amount"] + 0.005).to_numpy()
    for i in np.flatnonzero(over):
        problems.append(problem("overpaid", int(rows[i]), paid_col.name if "paid" in found else amount_col.name,
                                paid=_money(frame["reported_paid"].iat[i]), amount=_money(frame["amount"].iat[i])))
    frame = frame[~skip]
    keys = frame["client"].map(lambda n: v.name_key(n) if isinstance(n, str) else None) + "\x00" + frame["number"]
    for i in np.flatnonzero(keys.duplicated().to_numpy()):
        problems.append(problem("duplicate_invoice", int(frame["row"].iat[i]), number_col.name, invoice=frame["number"].iat[i]))
    parsed.invoices = _keep(frame.reset_index(drop=True), problems)


def _check_invoice_dates(frame: pd.DataFrame, due_name: str, problems: list[Problem]) -> None:
    early = (frame["due"] < frame["issued"]).to_numpy()
    for i in np.flatnonzero(early):
        problems.append(problem("due_before_issue", int(frame["row"].iat[i]), due_name,
                                due=frame["due"].iat[i].date().isoformat(), issued=frame["issued"].iat[i].date().isoformat()))


def _money(x: float) -> str:
    return f"{x:,.2f}"


def _generic(parsed: ParsedRecords, fmt: Format, col: ColumnOf, rows: np.ndarray) -> None:
    """One row per payment; the rows of one invoice repeat its issued, due and amount (docs/records.md)."""
    client = _client_names(col("client"))
    number_col = col("invoice")
    number_col.required()
    problems = parsed.problems
    issued = cells.dates(col("issued"), fmt.dates)
    due_col = col("due")
    due = cells.dates(due_col, fmt.dates)
    amount_col = col("amount")
    amount = cells.numbers(amount_col, decimal_comma=False)
    zero = (amount == 0).to_numpy()
    amount_col.report(zero, "zero_amount")
    paid_on_col, paid_col = col("paid_on"), col("paid_amount")
    paid_on = cells.dates(paid_on_col, fmt.dates, optional=True)
    paid = cells.numbers(paid_col, decimal_comma=False, optional=True)
    half = paid_on_col.empty() != paid_col.empty()
    for i in np.flatnonzero(half):
        missing = paid_on_col.name if paid_on_col.empty()[i] else paid_col.name
        problems.append(problem("payment_half", int(rows[i]), missing))
    frame = pd.DataFrame({"row": rows, "client": client, "number": number_col.cells, "issued": issued, "due": due,
                          "amount": amount, "paid_on": paid_on, "paid": paid, "currency": _currencies(col("currency"))})
    _check_invoice_dates(frame, due_col.name, problems)
    frame["key"] = frame["client"].map(lambda n: v.name_key(n) if isinstance(n, str) else "") + "\x00" + frame["number"]
    first = frame.groupby("key", sort=False).head(1).set_index("key")
    for name, column in (("issued", col("issued").name), ("due", due_col.name), ("amount", amount_col.name)):
        expected = frame["key"].map(first[name])
        differs = (frame[name] != expected).to_numpy() & frame[name].notna().to_numpy() & expected.notna().to_numpy()
        for i in np.flatnonzero(differs):
            shown = first[name].loc[frame["key"].iat[i]]
            problems.append(problem("invoice_disagrees", int(rows[i]), column, invoice=frame["number"].iat[i],
                                    first_row=int(first["row"].loc[frame["key"].iat[i]]),
                                    value=shown.date().isoformat() if hasattr(shown, "date") else _money(shown)))
    first_currency = frame["key"].map(first["currency"]).to_numpy(dtype=object)
    currency = frame["currency"].to_numpy(dtype=object)
    for i in np.flatnonzero((currency != first_currency) & (currency != "") & (first_currency != "")):
        problems.append(problem("two_currencies", int(rows[i]), col("currency").name, invoice=frame["number"].iat[i],
                                first=first_currency[i], second=currency[i]))
    running = frame["paid"].fillna(0).groupby(frame["key"], sort=False).cumsum()
    over = (running > frame["amount"] + 0.005).to_numpy()
    for i in np.flatnonzero(over):
        problems.append(problem("overpaid", int(rows[i]), paid_col.name, paid=_money(running.iat[i]), amount=_money(frame["amount"].iat[i])))
    # a bad row spoils its whole invoice: the rest of it alone would tell a wrong story
    bad_keys = set(frame.loc[frame["row"].isin({p.row for p in problems}), "key"])
    good = frame[~frame["key"].isin(bad_keys)]
    invoices = good.groupby("key", sort=False).head(1)
    parsed.invoices = (invoices[["row", "client", "number", "issued", "due", "amount"]].assign(reported_paid=np.nan)
                       .assign(currency=invoices["currency"]).reset_index(drop=True))
    pays = good[good["paid_on"].notna()]
    parsed.payments = pd.DataFrame({"row": pays["row"], "client": pays["client"], "invoice": pays["number"],
                                    "paid_on": pays["paid_on"], "amount": pays["paid"], "reference": ""}).reset_index(drop=True)


# -- payments (Invoice Ninja) ----------------------------------------------------
def _payments(parsed: ParsedRecords, fmt: Format, col: ColumnOf, found: dict[str, int], decimal_comma: bool, rows: np.ndarray) -> None:
    client = _client_names(col("client"))
    paid_on = cells.dates(col("date"), fmt.dates)
    amount_col = col("amount")
    amount = cells.numbers(amount_col, decimal_comma=decimal_comma)
    amount_col.report((amount == 0).to_numpy(), "zero_amount")
    frame = pd.DataFrame({"row": rows, "client": client, "invoice": "", "paid_on": paid_on, "amount": amount,
                          "reference": col("reference").cells})
    parsed.payments = _keep(frame, parsed.problems)
