"""Records (docs/records.md): the five formats with their quirks give the figures worked out by hand."""
from __future__ import annotations

import json

import pytest
from records_fixtures import ALL, CLOCKIFY, EXPECTED, GENERIC, NINJA_INVOICES, NINJA_PAYMENTS, SINCE, TOGGL, UNTIL

from freelancekit.cli import main
from freelancekit.errors import InvalidInput
from freelancekit.language import i18n
from freelancekit.language.wording import fill, problem_line, problem_text
from freelancekit.portfolio.storage import Store
from freelancekit.records.api import import_records, summary
from freelancekit.records.measures import CURRENCY_KEYS, SUMMARY_KEYS, summary_records
from freelancekit.records.parse import parse_records
from freelancekit.records.problems import RecordsFileError
from freelancekit.records.store import RecordsPart


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "p.sqlite") as s:
        s.add_client({"name": "ACME corp"})
        s.add_client({"name": "Beta Labs"})
        yield s


def _import_all(store):
    for source, data in ALL:
        result = import_records(store, data)
        assert not result.problems, (source, result.problems)


@pytest.mark.parametrize(("source", "data"), ALL)
def test_each_format_is_told_from_its_header(source, data):
    parsed = parse_records(data)
    assert parsed.source == source and parsed.problems == []


def test_the_five_formats_give_the_hand_computed_summary(store):
    _import_all(store)
    got = summary_records(summary(store, SINCE, UNTIL))
    assert [r["client"] for r in got] == [e["client"] for e in EXPECTED]
    for row, expected in zip(got, EXPECTED):
        assert list(row) == [*SUMMARY_KEYS, *CURRENCY_KEYS]
        for key in SUMMARY_KEYS:
            assert row[key] == (pytest.approx(expected[key]) if isinstance(expected[key], float) else expected[key]), (row["client"], key)


def test_quirks_are_read_as_meant():
    toggl = parse_records(TOGGL).time
    assert toggl["hours"].tolist() == [2.5, 1.0, 2.0, 2.25]  # past midnight: 23:00 to 01:15
    assert toggl["billable"].tolist() == [True, False, True, True]
    clockify = parse_records(CLOCKIFY).time
    assert clockify["start"].dt.strftime("%Y-%m-%d %H:%M").tolist() == ["2026-01-15 13:30", "2026-03-31 11:00"]
    ninja = parse_records(NINJA_INVOICES)
    assert ninja.skipped == 1 and ninja.invoices["amount"].tolist() == [200.0, 1000.0, 500.0, 300.0]


def test_payments_without_invoice_numbers_go_to_the_oldest_open_invoice(store):
    import_records(store, NINJA_INVOICES)
    result = import_records(store, NINJA_PAYMENTS)
    assert result.matched_oldest_first == 3
    paid = dict(store._read("SELECT i.number, sum(p.amount) FROM record_payments p JOIN record_invoices i ON i.id = p.invoice_id GROUP BY i.number"))
    assert paid == {"INV-000": 200.0, "INV-001": 1000.0}


def test_payments_before_their_invoices_are_refused_with_the_reason(store):
    with pytest.raises(InvalidInput) as exc:
        import_records(store, NINJA_PAYMENTS)
    first = exc.value.problems[0]
    assert (first.row, first.field, first.code) == (2, "Amount", "records.payment_unmatched")
    assert "oldest first" in str(first) and "أولاً" in problem_line(first, "ar")
    assert RecordsPart(store).counts()["payments"] == 0


def test_the_same_file_twice_changes_nothing(store):
    _import_all(store)
    before = store.data_version(), _dump(store)
    for _, data in ALL:
        result = import_records(store, data)
        assert result.stored == 0
    assert _dump(store) == before[1]


def _dump(store):
    return {t: sorted(store._read(f"SELECT * FROM {t}")) for t in ("record_time_blocks", "record_invoices", "record_payments")}


def test_a_changed_invoice_list_replaces_its_payments(store):
    import_records(store, GENERIC)
    later = GENERIC.replace(b"B-3,2026-03-05,2026-03-20,400.00,,", b"B-3,2026-03-05,2026-03-20,400.00,2026-03-18,400.00")
    result = import_records(store, later)
    assert result.added["payments"] == 1
    rows = summary_records(summary(store, SINCE, UNTIL))
    assert rows[0]["on_time_pct"] == pytest.approx(200 / 3) and rows[0]["open_balance"] == 750.0


def test_client_names_match_ignoring_case_and_spaces_and_mappings_are_remembered(store):
    _import_all(store)
    assert RecordsPart(store).unmatched() == ["Gamma GmbH"]
    gamma = store.add_client({"name": "Gamma"})
    RecordsPart(store).map_client("GAMMA  gmbh", gamma.id)
    assert RecordsPart(store).unmatched() == []
    names = [r["client"] for r in summary_records(summary(store, SINCE, UNTIL))]
    assert names == ["Beta Labs", "ACME corp", "Gamma"]


def test_the_records_part_saves_through_the_stores_one_write_path(store, monkeypatch):
    """``store.records`` saves in the store's own transactions: each moves data_version, once."""
    real_write, writes = store._write, []
    monkeypatch.setattr(store, "_write", lambda *area: writes.append(area) or real_write(*area))
    before = store.data_version()
    import_records(store, GENERIC)
    RecordsPart(store).map_client("Gamma GmbH", store.client_by_name("Beta Labs").id)
    RecordsPart(store).set_source("hourly_rate", "records")
    assert writes == [("records",)] * 3 and store.data_version() == before + 3
    assert store.change_counts()["records"] == 3


def test_window_defaults_to_the_twelve_months_up_to_until(store):
    import_records(store, GENERIC)
    assert summary_records(summary(store, until=UNTIL)) == summary_records(summary(store, since=SINCE.replace(year=2025, month=4, day=1), until=UNTIL))
    assert summary_records(summary(store, since=UNTIL, until=UNTIL))[0]["invoices"] == 0


def test_migration_adds_the_records_tables_to_an_old_portfolio(tmp_path):
    import freelancekit.portfolio.schema as schema

    path = tmp_path / "v1.sqlite"
    with Store(path) as s:
        s.add_client({"name": "Kept"})
    from old_formats import wind_back

    from freelancekit.portfolio.records_schema import RECORDS_SCHEMA

    records_step = next(v for v, script in schema.MIGRATIONS.items() if script is RECORDS_SCHEMA)
    wind_back(path, records_step - 1)  # the format just before records
    with Store(path) as s:
        assert [c.name for c in s.clients()] == ["Kept"]
        import_records(s, GENERIC)
        assert RecordsPart(s).counts() == {"time": 0, "invoices": 4, "payments": 3}


def test_backup_includes_records_and_starting_over_clears_them(store, tmp_path):
    _import_all(store)
    copy = store.backup(tmp_path / "copy.sqlite")
    with Store(copy) as b:
        assert RecordsPart(b).counts() == RecordsPart(store).counts()
    store.start_empty()
    assert RecordsPart(store).counts() == {"time": 0, "invoices": 0, "payments": 0}


# -- the command line ---------------------------------------------------------------
def _run(capsys, *argv):
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_import_and_summary_json(tmp_path, capsys):
    db = str(tmp_path / "p.sqlite")
    with Store(db) as s:
        s.add_client({"name": "ACME corp"})
        s.add_client({"name": "Beta Labs"})
    said = []
    for i, (_, data) in enumerate(ALL):
        f = tmp_path / f"f{i}.csv"
        f.write_bytes(data)
        code, out, err = _run(capsys, "records", "import", str(f), "--db", db)
        assert code == 0, err
        said.append(out)
    assert "Not yet a client of your portfolio: Gamma GmbH" in said[1]  # the Harvest file: listed with what to do
    assert "oldest first" in said[4]
    code, out, _ = _run(capsys, "records", "summary", "--db", db, "--format", "json", "--since", "2026-01-01", "--until", "2026-03-31")
    got = json.loads(out)
    assert code == 0 and [list(r) for r in got] == [[*SUMMARY_KEYS, *CURRENCY_KEYS]] * 3
    assert got[2]["on_time_pct"] is None and got[0]["invoices"] == 4
    code, out, _ = _run(capsys, "records", "summary", "--db", db, "--format", "csv", "--until", "2026-03-31", "--since", "2026-01-01")
    assert out.splitlines()[0] == ",".join([*SUMMARY_KEYS, *CURRENCY_KEYS]) and out.splitlines()[1].startswith("Beta Labs,2650.00,4.75")
    code, out, _ = _run(capsys, "records", "summary", "--db", db, "--until", "2026-03-31", "--since", "2026-01-01")
    assert "Beta Labs" in out.splitlines()[1] and "58%" in out.splitlines()[1]  # 2650 / 4590


def test_cli_refuses_a_bad_file_whole_and_says_where(tmp_path, capsys):
    db = str(tmp_path / "p.sqlite")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(GENERIC.replace(b"2026-03-05,2026-03-20", b"2026-03-05,2026-03-01"))
    code, _, err = _run(capsys, "records", "import", str(bad), "--db", db)
    assert code == 2 and "row 5, column due: the due date 2026-03-01 is before the issue date 2026-03-05" in err
    code, out, err = _run(capsys, "records", "import", str(bad), "--db", db, "--valid-only")
    assert code == 0 and "1 row with problems was not stored" in err
    with Store(db) as s:
        assert RecordsPart(s).counts()["invoices"] == 3


def test_cli_speaks_the_portfolio_language(tmp_path, capsys):
    db = str(tmp_path / "p.sqlite")
    with Store(db) as s:
        s.save_profile({"locale": "ar"})
    f = tmp_path / "clients.csv"
    f.write_text("name,email,industry\nA,a@b.co,x\n")
    code, _, err = _run(capsys, "records", "import", str(f), "--db", db)
    assert code == 2 and "قائمة عملاء" in err


def test_cli_use_switches_the_ranking_to_measured_pay(tmp_path, capsys):
    db = str(tmp_path / "p.sqlite")
    with Store(db) as s:
        s.add_client({"name": "ACME corp", "hourly_rate": 50})
        s.add_client({"name": "Beta Labs", "hourly_rate": 90})
        s.set_weights({"hourly_rate": 1, "on_time_payment": 0, "ease": 0, "enjoyment": 0, "learning": 0})
    f = tmp_path / "t.csv"
    f.write_bytes(TOGGL)
    _run(capsys, "records", "import", str(f), "--db", db)
    f.write_bytes(GENERIC)
    _run(capsys, "records", "import", str(f), "--db", db)
    before = json.loads(_run(capsys, "rank", "--db", db, "--format", "json")[1])
    assert before[0]["name"] == "Beta Labs"
    # over the 12 months up to today: ACME 125 / 3.5 h (no invoices) vs Beta 2650 / 2.25 h, both far above 90
    code, out, _ = _run(capsys, "records", "use", "hourly_rate", "records", "--db", db)
    assert code == 0 and "from your records" in out
    after = json.loads(_run(capsys, "rank", "--db", db, "--format", "json")[1])
    assert after[0]["name"] == "Beta Labs" and after[1]["contributions"]["hourly_rate"] == 0.0


# -- bad input ------------------------------------------------------------------------
def _problem(data: bytes, **kw):
    parsed = parse_records(data, **kw)
    assert parsed.problems, "expected a problem"
    return parsed.problems[0]


def _file_problem(data: bytes, **kw):
    with pytest.raises(RecordsFileError) as exc:
        parse_records(data, **kw)
    return exc.value.problem


TOGGL_HEAD = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags\n"


@pytest.mark.parametrize(("line", "row", "column", "code"), [
    ("A,a@x.io,Acme,P,,D,Yes,2026-01-05,09:00:00,2026-01-05,09:00:00,-00:30:00,", 2, "Duration", "not_positive_duration"),
    ("A,a@x.io,Acme,P,,D,Yes,2026-01-05,09:00:00,2026-01-05,08:00:00,01:00:00,", 2, "End time", "end_before_start"),
    ("A,a@x.io,Acme,P,,D,Yes,31.13.2026,09:00:00,2026-01-05,10:00:00,01:00:00,", 2, "Start date", "bad_date"),
    ("A,a@x.io,Acme,P,,D,Yes,2026-01-05,9h,2026-01-05,10:00:00,01:00:00,", 2, "Start time", "bad_time"),
    ("A,a@x.io,Acme,P,,D,Yes,2026-01-05,09:00:00,2026-01-05,10:00:00,one hour,", 2, "Duration", "bad_duration_format"),
])
def test_time_entry_problems_name_row_column_and_reason(line, row, column, code):
    ok = "A,a@x.io,Acme,P,,D,Yes,2026-01-04,09:00:00,2026-01-04,10:00:00,01:00:00,\n"
    p = _problem((TOGGL_HEAD + ok + line + "\n").encode(), source=None)
    assert (p.row, p.field, p.code) == (row + 1, column, f"records.{code}")


def test_dates_say_which_format_was_expected():
    p = _problem(GENERIC.replace(b"2026-03-10,2026-04-09", b"10th March,2026-04-09"))
    assert p.code == "records.bad_date" and "YYYY-MM-DD" in str(p) and "YYYY-MM-DD" in problem_line(p, "ar") and p.row == 6


@pytest.mark.parametrize(("old", "new", "code", "column"), [
    (b"400.00,,", b"four hundred,,", "not_a_number", "amount"),
    (b"400.00,,", b"-400.00,,", "negative_amount", "amount"),
    (b"2026-03-20,300.00", b"2026-03-20,900.00", "overpaid", "paid_amount"),
    (b"B-2,2026-02-10,2026-03-12", b"B-2,2026-02-10,2026-02-01", "due_before_issue", "due"),
    (b"1200.00,2026-02-04,600.00", b"1300.00,2026-02-04,600.00", "invoice_disagrees", "amount"),
    (b"2026-03-20,300.00", b"2026-03-20,", "payment_half", "paid_amount"),
])
def test_invoice_problems_name_row_column_and_reason(old, new, code, column):
    assert old in GENERIC
    p = _problem(GENERIC.replace(old, new))
    assert (p.code, p.field) == (f"records.{code}", column)
    arabic = problem_line(p, "ar", isolate=False)
    assert arabic == f"الصف {p.row}، العمود {column}: " + problem_text(p, "ar", isolate=False) != str(p)


def test_a_bad_row_leaves_its_whole_invoice_out():
    parsed = parse_records(GENERIC.replace(b"1200.00,2026-02-04,600.00", b"1300.00,2026-02-04,600.00"))
    assert "B-1" not in parsed.invoices["number"].tolist() and "B-1" not in parsed.payments["invoice"].tolist()


def test_ninja_invoice_paid_more_than_its_amount_and_duplicates():
    p = _problem(NINJA_INVOICES.replace(b"300.00,300.00,0.00", b"300.00,0.00,450.00"))
    assert (p.code, p.field, p.row) == ("records.overpaid", "paid_to_date", 5)
    dup = NINJA_INVOICES.replace(b"INV-003", b"INV-002")
    assert _problem(dup).code == "records.duplicate_invoice"


@pytest.mark.parametrize(("data", "code"), [
    (b"name,email,industry\nA,a@b.co,x\n", "client_list"),
    (b"foo,bar\n1,2\n", "unknown_format"),
    (b"", "empty"),
    (b"client,invoice,issued,due,amount\nA,1,2026-01-01,2026-01-02,3\n", "missing_columns"),
    (b"\xff\xfeclient", "not_utf8"),
    (b"PK\x03\x04 binary", "not_csv"),
])
def test_whole_file_problems(data, code):
    p = _file_problem(data)
    assert p.code == f"records.{code}"
    assert problem_line(p, "en", isolate=False) == str(p)
    assert problem_line(p, "ar", isolate=False).endswith(fill(i18n.t(f"error.records.{code}", "ar"), p.facts, "ar", isolate=False))


def test_a_byte_that_is_not_utf8_below_the_header_is_named_by_its_line():
    data = b"client,invoice,issued,due,amount,paid_on,paid_amount\nA,1,2026-01-01,2026-01-10,100,,\nB\xe9,2,2026-01-01,2026-01-10,100,,\n"
    p = _file_problem(data)
    assert p.code == "records.not_utf8" and "line 3" in str(p)


def test_unknown_format_lists_the_formats_and_source_overrides_detection():
    p = _file_problem(b"foo,bar\n1,2\n")
    assert "Toggl Track" in str(p) and "Clockify" in str(p) and "Invoice Ninja" in str(p)
    with pytest.raises(RecordsFileError) as exc:
        parse_records(TOGGL, source="harvest")
    assert exc.value.problem.code == "records.missing_columns" and "hours" in str(exc.value)


def test_nothing_is_stored_unless_the_whole_file_is_valid(store):
    bad = TOGGL.replace(b"02:30:00,,125.00", b"-02:30:00,,125.00")
    with pytest.raises(InvalidInput):
        import_records(store, bad)
    assert RecordsPart(store).counts()["time"] == 0
    result = import_records(store, bad, valid_only=True)
    assert result.added["time"] == 3 and [p.row for p in result.problems] == [2]


def test_export_reads_back_unchanged(store, tmp_path, capsys):
    from freelancekit.records.export import invoices_csv, time_csv

    _import_all(store)
    before = summary_records(summary(store, SINCE, UNTIL))
    invoices, time = invoices_csv(store), time_csv(store)
    with Store(tmp_path / "copy.sqlite") as copy:
        copy.add_client({"name": "ACME corp"})
        copy.add_client({"name": "Beta Labs"})
        assert not import_records(copy, invoices).problems and not import_records(copy, time).problems
        got = summary_records(summary(copy, SINCE, UNTIL))
        for a, b in zip(got, before):
            assert a == {k: (pytest.approx(v) if isinstance(v, float) else v) for k, v in b.items()}
    # read back into the portfolio it came from: no new record, the same figures
    # (Invoice Ninja invoices lose the 'Paid to Date' their file reported: their payments say it)
    assert import_records(store, time).stored == 0 and not import_records(store, invoices).added["payments"]
    assert summary_records(summary(store, SINCE, UNTIL)) == before


def test_an_invoice_in_another_currency_exports_and_reads_back_in_it(tmp_path):
    from freelancekit.records.export import invoices_csv

    listing = ("client,invoice,issued,due,amount,paid_on,paid_amount,currency\r\n"
               "ACME corp,A-1,2026-03-02,2026-04-01,1200.00,2026-03-20,1200.00,EUR\r\n"
               "ACME corp,A-2,2026-04-02,2026-05-01,900.00,,,\r\n").encode()
    currencies = "SELECT number, currency FROM record_invoices ORDER BY number"
    with Store(tmp_path / "a.sqlite") as first, Store(tmp_path / "b.sqlite") as copy:
        for s in (first, copy):
            s.add_client({"name": "ACME corp"})
        assert not import_records(first, listing).problems
        exported = invoices_csv(first)
        assert exported.decode("utf-8-sig").splitlines()[1].endswith(",1200.00,EUR")
        assert not import_records(copy, exported).problems
        assert copy._read(currencies) == first._read(currencies) == [("A-1", "EUR"), ("A-2", "")]
