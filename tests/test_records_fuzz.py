"""Fuzzing the records importer (docs/records.md, "Bad input"): whatever the bytes, never a traceback; whatever
the shapes of dates and numbers, nothing stored that differs from what the file says (a date is never guessed)."""
from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from freelancekit.portfolio.storage import Store
from freelancekit.records.api import import_records
from freelancekit.records.formats import BY_KEY
from freelancekit.records.mapping import FIELDS
from freelancekit.records.parse import parse_records
from freelancekit.records.problems import RecordsFileError
from freelancekit.records.store import RecordsPart
from freelancekit.records.table import open_table

HEADERS = [", ".join(f.signatures[0]) for f in BY_KEY.values() if f.signatures] + [
    "client,invoice,issued,due,amount,paid_on,paid_amount", "Name,DocumentNumber,DocumentDate,TotalAmount"]
CELLS = st.one_of(st.text(max_size=12), st.sampled_from(["03/04/2024", "15/10/2024", "10/15/2024", "2024-02-30", "Jan 28 2021",
                                                         "$13.50 ", "1.234,50", "(5.00)", "-1", "0", "00:00:00", "15:00 min",
                                                         "10:23 AM", "Total", "", "Draft", "Yes", "٣٤٥"]))


@st.composite
def table_bytes(draw) -> bytes:
    """A file of any shape: a known header or random names, random cells, any separator and encoding."""
    sep = draw(st.sampled_from([",", ";", "\t", "|"]))
    header = draw(st.one_of(st.sampled_from(HEADERS).map(lambda h: [c.strip() for c in h.split(",")]),
                            st.lists(st.text(max_size=10), min_size=1, max_size=6)))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(header) + 1), max_size=6))
    title = draw(st.sampled_from(["", "Invoice Ninja v4.5.17,,\n,,\nINVOICES,,\n"]))
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))).writerows([header, *rows])
    text = title + out.getvalue()
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return text.encode(encoding, errors="replace")


@settings(max_examples=300, deadline=None)
@given(data=st.one_of(st.binary(max_size=300), table_bytes()))
def test_any_bytes_are_read_or_refused_with_a_reason_never_a_traceback(data):
    try:
        parsed = parse_records(data)
    except RecordsFileError as exc:
        assert exc.problem.code.startswith("records.") and str(exc)
        return
    for p in parsed.problems:  # every refusal names row, column and reason
        assert p.row is not None and p.row >= 2 and p.field and p.code.startswith("records.") and str(p)


@settings(max_examples=100, deadline=None)
@given(data=table_bytes(), picks=st.lists(st.sampled_from(FIELDS), min_size=1, max_size=5), order=st.sampled_from([None, "dmy", "mdy"]))
def test_any_mapping_of_any_file_is_read_or_refused_never_a_traceback(data, picks, order):
    try:
        header = open_table(data).names
    except RecordsFileError:
        return
    mapping = {column: field for column, field in zip(header, picks) if column.strip()}
    try:
        parse_records(data, mapping=mapping, dates=order)
    except RecordsFileError as exc:
        assert exc.problem.code.startswith("records.")


# -- what is stored is what the file says ----------------------------------------------------
DAY0 = date(2024, 1, 1)


def _written_date(d: date, form: str) -> str:
    return {"iso": d.isoformat(), "dmy": f"{d.day:02d}/{d.month:02d}/{d.year}", "mdy": f"{d.month}/{d.day}/{d.year}",
            "dot": f"{d.day:02d}.{d.month:02d}.{d.year}", "words": f"{d:%b} {d.day} {d.year}"}[form]


def _written_amount(cents: int, form: str) -> str:
    whole, part = divmod(cents, 100)
    return {"plain": f"{whole}.{part:02d}", "dollar": f"${whole:,}.{part:02d} ", "comma": f"{whole:,}.{part:02d}",
            "decimal_comma": f"{whole:,}".replace(",", ".") + f",{part:02d}"}[form]


@st.composite
def invoice_lists(draw):
    """A generic invoice list with one date form and one number form for the whole file, and the truth it says."""
    date_form = draw(st.sampled_from(["iso", "dmy", "mdy", "dot", "words"]))
    amount_form = draw(st.sampled_from(["plain", "dollar", "comma", "decimal_comma"]))
    truth, lines = [], []
    for n in range(draw(st.integers(1, 5))):
        issued = DAY0 + timedelta(days=draw(st.integers(0, 400)))
        due = issued + timedelta(days=draw(st.integers(0, 60)))
        cents = draw(st.integers(1, 9_999_999))
        client = draw(st.sampled_from(["Acme", "شركة النور", "Émile & Zoë"]))
        paid = draw(st.booleans())
        truth.append((client, f"N{n}", issued, due, cents, issued + timedelta(days=5) if paid else None))
        cells = [client, f"N{n}", _written_date(issued, date_form), _written_date(due, date_form), _written_amount(cents, amount_form)]
        cells += [_written_date(issued + timedelta(days=5), date_form), _written_amount(cents, amount_form)] if paid else ["", ""]
        lines.append(cells)
    sep = ";" if amount_form == "decimal_comma" else ","
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\n").writerows([["client", "invoice", "issued", "due", "amount", "paid_on",
                                                                     "paid_amount"], *lines])
    return out.getvalue().encode(), truth


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("fuzz") / "p.sqlite") as s:
        yield s


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=invoice_lists())
def test_what_is_stored_is_exactly_what_the_file_says_or_nothing(store, case):
    store.start_empty()
    data, truth = case
    try:  # every file here is valid: the one refusal allowed is a date order no cell tells
        import_records(store, data)
    except RecordsFileError as exc:
        assert exc.code.startswith("records.dates_ambiguous")
        assert RecordsPart(store).counts() == {"time": 0, "invoices": 0, "payments": 0}
        return
    got = RecordsPart(store).load()
    stored = sorted((r.client, r.number, r.issued.date(), r.due.date(), round(r.amount * 100)) for r in got.invoices.itertuples())
    assert stored == sorted((c, n, i, d, cents) for c, n, i, d, cents, _ in truth)
    paid = sorted((r.paid_on.date(), round(r.amount * 100)) for r in got.payments.itertuples())
    assert paid == sorted((p, cents) for *_, cents, p in truth if p is not None)
