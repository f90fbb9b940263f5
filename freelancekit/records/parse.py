"""A records file (bytes) turned into checked tables of time entries, invoices and payments.

Row numbers are the file's rows as a spreadsheet shows them: the header is
row 1. Every cell that cannot be used is reported (row, column, reason); the
tables hold only the rows without a problem, and ``problems`` says which were
left out, so the caller stores all of it or, when asked, only the valid rows.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from freelancekit.errors import InvalidInput, Problem
from freelancekit.portfolio import validation as v
from freelancekit.portfolio.rates import parse_currency
from freelancekit.records import cells
from freelancekit.records.formats import Format, detect, normalise
from freelancekit.records.problems import LEFT_OUT, RecordsFileError, problem
from freelancekit.records.table import Table, open_table

TIME_COLUMNS = ("row", "client", "project", "description", "start", "hours", "billable", "amount", "currency")
INVOICE_COLUMNS = ("row", "client", "number", "issued", "due", "amount", "reported_paid", "currency")
PAYMENT_COLUMNS = ("row", "client", "invoice", "paid_on", "amount", "reference")
SKIPPED_STATUSES = frozenset({"draft", "cancelled", "canceled", "reversed", "void", "unsent"})  # unsent: Invoice2Go's draft
PAID_STATUSES = frozenset({"paid"})
TOTAL_WORDS = frozenset({"total", "totals", "grand total", "المجموع", "الإجمالي"})

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
    left_out: dict[str, int] = field(default_factory=dict)  # reason (problems.LEFT_OUT) -> rows left out on purpose
    labels: dict[str, str] = field(default_factory=dict)  # field -> its column's name as the file writes it
    unused: list[str] = field(default_factory=list)  # the file's columns the import does not read, as written
    date_order: str | None = None  # "dmy"/"mdy" when the file writes dates in digits only
    header: list[str] = field(default_factory=list)  # the header as written

    @property
    def skipped(self) -> int:
        """Rows left out on purpose, whatever the reason."""
        return sum(self.left_out.values())

    def bad_rows(self) -> set[int]:
        return {p.row for p in self.problems if p.row is not None}

    def clients(self) -> list[str]:
        """The client names the file speaks of, each once (first spelling), in file order."""
        names = pd.concat([self.time["client"], self.invoices["client"], self.payments["client"]])
        return list(dict.fromkeys(names.tolist()))

    def leave_out(self, reason: str, count: int) -> None:
        assert reason in LEFT_OUT, reason
        if count:
            self.left_out[reason] = self.left_out.get(reason, 0) + count


def _empty(columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame({c: [] for c in columns})


# -- reading ---------------------------------------------------------------------
def read_columns(table: Table, columns: Sequence[int]) -> list[np.ndarray]:
    """The cells of the ``columns`` (by position), every cell as text; blank lines kept, so rows keep their numbers."""
    try:
        frame = pd.read_csv(io.BytesIO(table.data), sep=table.sep, dtype=object, keep_default_na=False, na_filter=False,
                            skip_blank_lines=False, encoding="utf-8-sig", engine="c", usecols=list(columns),
                            skiprows=table.header_row - 1)
    except UnicodeDecodeError:
        raise RecordsFileError(problem("not_utf8", line=_first_bad_line(table.data))) from None
    except pd.errors.ParserError as exc:
        raise RecordsFileError(problem("bad_shape", detail=_shape_reason(str(exc), table.header_row - 1))) from None
    except (pd.errors.EmptyDataError, csv.Error):
        raise RecordsFileError(problem("empty")) from None
    except ValueError:  # usecols beyond a header shorter than the format's: cannot happen after detect, kept safe
        raise RecordsFileError(problem("bad_shape", detail="header")) from None
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


def _shape_reason(text: str, skipped: int) -> str:
    # pandas: "Error tokenizing data. C error: Expected 5 fields in line 4, saw 6" (lines after the skipped title lines)
    detail = text.split("C error:")[-1].strip()
    if skipped:
        detail = re.sub(r"in line (\d+)", lambda m: f"in line {int(m[1]) + skipped}", detail)
    return detail


TOTAL_AT_END = 3  # a report's totals close it: only its last rows are looked at (not 100 000 first cells)


def _total_rows(first: np.ndarray) -> np.ndarray:
    """A report's closing 'Total' row (Harvest): one of the last rows, whose first cell says so."""
    total = np.zeros(len(first), dtype=bool)
    for i in range(max(len(first) - TOTAL_AT_END, 0), len(first)):
        total[i] = first[i].strip().casefold() in TOTAL_WORDS
    return total


def _date_order(fmt: Format, found: dict[str, int], arrays: dict[int, np.ndarray], labels: dict[str, str],
                dates: str | None) -> str | None:
    """The file's date order: from its cells, else ``dates``; refused when neither tells (docs/records.md, "Dates")."""
    columns = [f for f in fmt.dates if f in found]
    order, doubtful = cells.date_order(u for f in columns for u in pd.unique(arrays[found[f]]))
    if dates is not None:
        return dates
    if order is not None or not doubtful:
        return order
    column = next(f for f in columns if cells.date_order(pd.unique(arrays[found[f]]))[1])
    examples = list(dict.fromkeys(doubtful))[:2]
    both = {f"{n}_{o}": str(cells.read_date(d, o))[:10] for n, d in zip(("first", "second"), examples) for o in cells.ORDERS}
    code = "dates_ambiguous" if len(examples) == 2 else "dates_ambiguous_one"
    raise RecordsFileError(problem(code, None, labels[column], **dict(zip(("first", "second"), examples)), **both))


def parse_records(data: bytes, source: str | None = None, *, mapping: Mapping[str, str] | None = None,
                  dates: str | None = None) -> ParsedRecords:
    """Check a whole file; raises ``RecordsFileError`` when it is not records at all.

    ``mapping`` (column as written -> field, see ``mapping.py``) reads a file of no known format;
    ``dates`` ("dmy"/"mdy") says the order of dates written in digits when the file cannot tell.
    """
    from freelancekit.records.mapping import mapped_format

    table = open_table(data)
    names = table.names
    header = [normalise(n) for n in names]
    fmt = mapped_format(mapping, header, names) if mapping else detect(header, source, names)
    found = fmt.find(header)
    used = sorted(set(found.values()) | {0})  # the first column too: it says 'Total' on a totals row
    arrays = dict(zip(used, read_columns(table, used)))
    filled = _filled_rows(list(arrays.values()))
    rows = np.arange(table.header_row + 1, len(filled) + table.header_row + 1)
    total = _total_rows(arrays[0]) & filled
    keep = filled & ~total
    rows = rows[keep]
    if not keep.all():
        arrays = {k: a[keep] for k, a in arrays.items()}
    parsed = ParsedRecords(fmt.key, fmt.kind, len(rows), header=[n.lstrip("\ufeff").strip() for n in names])
    parsed.leave_out("total_row", int(total.sum()))
    problems = parsed.problems  # every column reports into this one list
    parsed.labels = {f: names[i].lstrip("\ufeff").strip() for f, i in found.items()}
    parsed.unused = [n for i, n in enumerate(parsed.header) if i not in set(found.values()) and n]
    parsed.date_order = _date_order(fmt, found, arrays, parsed.labels, dates)
    made: dict[str, cells.Column] = {}

    def col(name: str) -> cells.Column:
        if name not in made:
            data = arrays[found[name]] if name in found else np.full(len(rows), "", dtype=object)
            made[name] = cells.Column(data, parsed.labels.get(name, name), rows, problems)
        return made[name]

    reader = {"time": _time, "invoices": _invoices, "payments": _payments}[fmt.kind]
    reader(parsed, fmt, col, found, table.sep == ";", rows)
    problems.sort(key=lambda p: (p.row or 0, p.field))
    return parsed


def _client_names(col: cells.Column, *, required: bool = True) -> pd.Series:
    """Client names, checked as the client form checks a name (once per distinct name); empty ones are None."""
    missing = col.required() if required else col.empty()

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
    order = parsed.date_order
    no_client = col("client").empty()
    client = _client_names(col("client"), required=False)
    end_bad = np.zeros(len(rows), dtype=bool)
    if "date" in fmt.fields:  # Harvest, or a mapped file: a day, perhaps a start time, and hours or a duration
        start = cells.dates(col("date"), order)
        if "start_time" in found:
            start = start + cells.clock_times(col("start_time"), fmt.times)
        hours = (cells.durations(col("duration")) if "duration" in found
                 else cells.numbers(col("hours"), decimal_comma=decimal_comma, code_negative="not_positive_duration"))
    else:
        start = cells.dates(col("start_date"), order) + cells.clock_times(col("start_time"), fmt.times)
        if fmt.key == "clockify" and "duration" not in found:
            hours = cells.numbers(col("decimal"), decimal_comma=decimal_comma, code_negative="not_positive_duration")
        else:  # Clockify's "Duration (h)" is exact to the second, its decimal one rounded to 0.01 h
            hours = cells.durations(col("duration"))
        if "end_date" in found and "end_time" in found:
            end = cells.dates(col("end_date"), order) + cells.clock_times(col("end_time"), fmt.times)
            end_bad = (end < start).to_numpy()
            end_col = col("end_time")
            for i in np.flatnonzero(end_bad):
                parsed.problems.append(problem("end_before_start", int(rows[i]), end_col.name))
    amount = (cells.numbers(col("amount"), decimal_comma=decimal_comma, optional=True)
              if "amount" in found else pd.Series(np.nan, index=range(len(rows))))
    billable = cells.flags(col("billable"))
    frame = pd.DataFrame({
        "row": rows, "client": client, "project": col("project").cells, "description": col("description").cells,
        "start": start, "hours": hours, "billable": billable, "amount": amount,
        "currency": _time_currencies(parsed, col, found, rows, amount.notna().to_numpy()),
    })
    # everyday rows, left out and counted: a timer nobody tagged with a client, an entry of no length
    zero = (frame["hours"] == 0).to_numpy() & ~no_client
    parsed.leave_out("no_client", int(no_client.sum()))
    parsed.leave_out("zero_length", int(zero.sum()))
    out = set(rows[no_client | zero].tolist())
    parsed.problems[:] = [p for p in parsed.problems if p.row not in out]
    parsed.time = _keep(frame[~(no_client | zero)].reset_index(drop=True), parsed.problems)


def _time_currencies(parsed: ParsedRecords, col: ColumnOf, found: dict[str, int], rows: np.ndarray, has_amount: np.ndarray) -> np.ndarray:
    """Each entry's currency where the export states it ('' = its client's, docs/records.md "Currencies").

    A ``Currency`` cell (Harvest: ``Euro - EUR``) wins; else the code in the amount column's header
    (Toggl ``Amount (EUR)``, Clockify ``Billable Amount (USD)``). A header code that is not a currency
    is a problem on every row with an amount: none of them is stored in a currency it is not in.
    """
    codes = np.full(len(rows), "", dtype=object)
    header = re.search(r"\(([^()]*)\)\s*$", parsed.labels.get("amount", "")) if "amount" in found else None
    if header and header.group(1).strip():
        try:
            codes[:] = parse_currency(header.group(1))
        except InvalidInput:
            amount_col = col("amount")
            for i in np.flatnonzero(has_amount):
                parsed.problems.append(problem("unknown_currency", int(rows[i]), amount_col.name, value=header.group(1).strip()[:60]))
    if "currency" in found:
        own = _currencies(col("currency"))
        codes = np.where(own != "", own, codes)
    return codes


# -- invoices --------------------------------------------------------------------
def _currencies(col: cells.Column) -> np.ndarray:
    """Each row's currency code as the export writes it ('' when it has no currency column or the cell is empty).

    Harvest writes the name before the code (``United States Dollar - USD``, ``Euro - EUR``): the code is read.
    """
    def check(cell: str) -> str | None:
        try:
            return parse_currency(cell.rsplit(" - ", 1)[-1])
        except InvalidInput:
            return None

    codes, bad = cells.texts(col, check)
    col.report(bad, "unknown_currency")
    return np.where(bad, "", codes).astype(object)


def _invoices(parsed: ParsedRecords, fmt: Format, col: ColumnOf, found: dict[str, int], decimal_comma: bool, rows: np.ndarray) -> None:
    if fmt.key in ("invoices", "mapped"):
        _generic(parsed, fmt, col, found, decimal_comma, rows)
        return
    order = parsed.date_order
    status = col("status").cells.str.casefold()
    skip = status.isin(SKIPPED_STATUSES).to_numpy()
    client = _client_names(col("client"))
    number_col = col("number")
    number_col.required()
    issued = cells.dates(col("issued"), order)
    due_col = col("due")
    due = cells.dates(due_col, order, optional=True)
    due = due.fillna(issued)  # no due date: due on the day it was issued (docs/records.md)
    amount_col = col("amount")
    amount = cells.numbers(amount_col, decimal_comma=decimal_comma)
    paid_col = col("paid")
    paid = cells.numbers(paid_col, decimal_comma=decimal_comma, optional=True) if "paid" in found else None
    balance = cells.numbers(col("balance"), decimal_comma=decimal_comma, optional=True) if "balance" in found else None
    if paid is None and balance is not None:
        paid = amount - balance
    if paid is None:  # a file with no paid column (Invoicely) says 'Paid' in full by its status, else nothing
        paid = pd.Series(np.where(status.isin(PAID_STATUSES).to_numpy(), amount, np.nan))
    frame = pd.DataFrame({"row": rows, "client": client, "number": number_col.cells, "issued": issued, "due": due,
                          "amount": amount, "reported_paid": paid, "status": status,
                          "currency": _currencies(col("currency"))})
    problems = parsed.problems
    _check_invoice_dates(frame, due_col.name, problems)
    over = (frame["reported_paid"] > frame["amount"] + 0.005).to_numpy()
    for i in np.flatnonzero(over):
        problems.append(problem("overpaid", int(rows[i]), paid_col.name if "paid" in found else amount_col.name,
                                paid=_money(frame["reported_paid"].iat[i]), amount=_money(frame["amount"].iat[i])))
    keys = frame["client"].map(lambda n: v.name_key(n) if isinstance(n, str) else None) + "\x00" + frame["number"]
    # one row per line item (Invoice Ninja v4, Zoho): rows of one invoice that agree are that invoice once
    line_item = keys.duplicated().to_numpy() & frame.duplicated(["client", "number", "issued", "due", "amount", "reported_paid", "status"]).to_numpy()
    frame, keys, skip = frame[~line_item], keys[~line_item], skip[~line_item]
    parsed.leave_out("status", int(skip.sum()))
    frame, keys = frame[~skip], keys[~skip]
    for i in np.flatnonzero(keys.duplicated().to_numpy()):
        problems.append(problem("duplicate_invoice", int(frame["row"].iat[i]), number_col.name, invoice=frame["number"].iat[i]))
    parsed.invoices = _keep(frame.drop(columns="status").reset_index(drop=True), problems)


def _check_invoice_dates(frame: pd.DataFrame, due_name: str, problems: list[Problem]) -> None:
    early = (frame["due"] < frame["issued"]).to_numpy()
    for i in np.flatnonzero(early):
        problems.append(problem("due_before_issue", int(frame["row"].iat[i]), due_name,
                                due=frame["due"].iat[i].date().isoformat(), issued=frame["issued"].iat[i].date().isoformat()))


def _money(x: float) -> str:
    return f"{x:,.2f}"


def _generic(parsed: ParsedRecords, fmt: Format, col: ColumnOf, found: dict[str, int], decimal_comma: bool, rows: np.ndarray) -> None:
    """One row per payment; the rows of one invoice repeat its issued, due and amount (docs/records.md).

    A mapped file may lack ``due`` (due on the day it was issued), the payment columns (no payment) and
    have a ``status`` (a draft or cancelled invoice left out).
    """
    order = parsed.date_order
    status = col("status").cells.str.casefold()
    skip = status.isin(SKIPPED_STATUSES).to_numpy()
    client = _client_names(col("client"))
    number_col = col("invoice")
    number_col.required()
    problems = parsed.problems
    issued = cells.dates(col("issued"), order)
    due_col = col("due")
    due = cells.dates(due_col, order, optional="due" not in fmt.required).fillna(issued)
    amount_col = col("amount")
    amount = cells.numbers(amount_col, decimal_comma=decimal_comma)
    zero = (amount == 0).to_numpy()
    amount_col.report(zero & ~skip, "zero_amount")
    paid_on_col, paid_col = col("paid_on"), col("paid_amount")
    paid_on = cells.dates(paid_on_col, order, optional=True)
    paid = cells.numbers(paid_col, decimal_comma=decimal_comma, optional=True)
    half = paid_on_col.empty() != paid_col.empty()
    for i in np.flatnonzero(half):
        missing = paid_on_col.name if paid_on_col.empty()[i] else paid_col.name
        problems.append(problem("payment_half", int(rows[i]), missing))
    frame = pd.DataFrame({"row": rows, "client": client, "number": number_col.cells, "issued": issued, "due": due,
                          "amount": amount, "paid_on": paid_on, "paid": paid, "currency": _currencies(col("currency"))})
    frame["key"] = frame["client"].map(lambda n: v.name_key(n) if isinstance(n, str) else "") + "\x00" + frame["number"]
    skipped_keys = set(frame.loc[skip, "key"])
    parsed.leave_out("status", len(skipped_keys))
    if skipped_keys:  # a draft's rows say nothing about money: their problems are not the user's to fix
        out = set(frame.loc[frame["key"].isin(skipped_keys), "row"].tolist())
        problems[:] = [p for p in problems if p.row not in out]
        frame = frame[~frame["key"].isin(skipped_keys)]
    rows = frame["row"].to_numpy()
    _check_invoice_dates(frame, due_col.name, problems)
    first = frame.groupby("key", sort=False).head(1).set_index("key")
    for name, column in (("issued", col("issued").name), ("due", due_col.name), ("amount", amount_col.name)) if len(frame) else ():
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
    paid_on = cells.dates(col("date"), parsed.date_order)
    amount_col = col("amount")
    amount = cells.numbers(amount_col, decimal_comma=decimal_comma)
    refunded = cells.numbers(col("refunded"), decimal_comma=decimal_comma, optional=True).fillna(0)
    net = amount - refunded
    amount_col.report((amount == 0).to_numpy(), "zero_amount")
    gone = ((amount > 0) & (net <= 0.005)).to_numpy()  # refunded in full: no money came in
    parsed.leave_out("refunded", int(gone.sum()))
    frame = pd.DataFrame({"row": rows, "client": client, "invoice": col("invoice").cells, "paid_on": paid_on,
                          "amount": net, "reference": col("reference").cells})[~gone]
    if "invoice" in found:  # v4 repeats a payment once per line item of its invoice: identical rows are one payment
        frame = frame[~frame.duplicated(["client", "invoice", "paid_on", "amount", "reference"])]
    parsed.payments = _keep(frame.reset_index(drop=True), parsed.problems)
