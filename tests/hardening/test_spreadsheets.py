"""Spreadsheets in and out.

Export escapes what a spreadsheet would run as a formula, reversibly, so
``import(export(p)) == p`` exactly, for CSV and XLSX; XLSX cells are strings or
numbers, never formulas. Import refuses a broken file as a whole, with a
message, and leaves the portfolio file byte-for-byte as it was.
"""
from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from portfolio_state import checkpoint, file_bytes_hash, make_portfolio, snapshot

from freelancekit import cli
from freelancekit.errors import FreelancekitError, InvalidInput
from freelancekit.files.exporter import export_file, to_csv_bytes, to_xlsx_bytes
from freelancekit.files.importer import ImportFileError, import_clients, parse_file
from freelancekit.portfolio.model import builtin_criteria, make_client
from freelancekit.portfolio.storage import Store
from freelancekit.portfolio.validation import name_key
from freelancekit.records.rank import rank_portfolio

CRITERIA = builtin_criteria()
UNCLEAR = ("first unreadable byte on line 2, and its letters do not say whether it is Western European (Windows-1252) "
           "or Arabic (Windows-1256)")
NOT_UTF8 = ("the file is not UTF-8 text ({where}): in Excel use 'Save as > CSV UTF-8', "
            "in LibreOffice choose the UTF-8 character set")
NOT_XLSX = "this is not a readable Excel .xlsx file: save it again from your spreadsheet program, or export it as CSV UTF-8"
EMPTY = "the file is empty: it needs a header row with at least the column 'name'"
RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export(fmt: str, clients) -> bytes:
    return to_csv_bytes(clients, CRITERIA) if fmt == "csv" else to_xlsx_bytes(clients, CRITERIA)


def reimport(fmt: str, data: bytes):
    parsed = parse_file(data, f"clients.{fmt}", CRITERIA)
    assert parsed.problems == []
    return [c for _, c in parsed.clients]


# -- import(export(p)) == p --------------------------------------------------------
text_chars = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\u0085\ufffe\uffff;")
risky_prefix = st.sampled_from(["", "", "=", "+", "-", "@", "'", "'=", "''", "'-", "=-", "@'"])
line = st.tuples(risky_prefix, st.text(text_chars, max_size=20)).map("".join)
multi_line = st.lists(line, max_size=3).map("\n".join)
rating = st.one_of(st.none(), st.integers(1, 5).map(str))
raw_client = st.fixed_dictionaries({
    "name": line.filter(str.strip),
    "contact_name": line, "industry": line, "last_win": line, "notes": multi_line,
    "email": st.one_of(st.just(""), st.emails(), st.sampled_from(["-lina@example.com", "=x@example.com", "+tag@EXAMPLE.org"])),
    "services": st.lists(line, max_size=3).map(";".join),
    "hourly_rate": st.one_of(st.none(), st.floats(0, 1e9, allow_nan=False).map(repr), st.integers(0, 10**9)),
    "on_time_payment": rating, "ease": rating, "enjoyment": rating, "learning": rating,
    "start_date": st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2100, 12, 31))),
})


def valid_clients(raws):
    out, seen = [], set()
    for raw in raws:
        try:
            client = make_client(raw, CRITERIA)
        except InvalidInput:
            continue
        if name_key(client.name) not in seen:
            seen.add(name_key(client.name))
            out.append(client)
    return out


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(raws=st.lists(raw_client, min_size=1, max_size=6))
def test_import_of_export_gives_back_exactly_the_clients(fmt, raws):
    clients = valid_clients(raws)
    assume(clients)
    assert reimport(fmt, export(fmt, clients)) == clients


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_through_a_store_and_the_cli(tmp_path, fmt, capsys):
    source = make_portfolio(tmp_path / "a.sqlite", n=8)
    with Store(source) as store:
        store.add_client({"name": "=HYPERLINK(\"http://evil.example\",\"click\")", "notes": "-2+3\n@cmd", "industry": "+44 20"})
        before = store.clients()
    out = tmp_path / f"clients.{fmt}"
    assert cli.main(["export", str(out), "--db", str(source)]) == 0
    assert cli.main(["import", str(out), "--db", str(tmp_path / "b.sqlite")]) == 0
    capsys.readouterr()
    with Store(tmp_path / "b.sqlite") as copy:
        after = copy.clients()
    strip = [(c.name, c.contact_name, c.email, c.industry, c.services, c.notes, c.last_win, c.start_date, dict(c.values)) for c in before]
    assert [(c.name, c.contact_name, c.email, c.industry, c.services, c.notes, c.last_win, c.start_date, dict(c.values)) for c in after] == strip


# -- formulas never run --------------------------------------------------------------
FORMULAS = ["=1+1", "+1", "-1", "@SUM(1)", "=HYPERLINK(\"http://evil.example\",\"x\")", "'=x", "''", "'", "-", "=-=", "@"]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_text_is_escaped_in_csv_and_xlsx_and_comes_back(text):
    client = make_client({"name": text, "contact_name": text, "notes": text, "last_win": text, "industry": text}, CRITERIA)
    # CSV: no cell starts with a formula character
    rows = list(csv.reader(io.StringIO(to_csv_bytes([client], CRITERIA).decode("utf-8-sig"))))
    assert all(not cell.startswith(RISKY_STARTS) for row in rows for cell in row)
    # XLSX: every cell is a string or a number, never a formula
    data = to_xlsx_bytes([client], CRITERIA)
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    types = {cell.data_type for row in ws.iter_rows() for cell in row if cell.value is not None}
    assert types <= {"s", "n"}
    assert all(not str(cell.value).startswith(RISKY_STARTS) for row in ws.iter_rows() for cell in row if cell.value is not None)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert all(b"<f>" not in z.read(n) and b"<f " not in z.read(n) for n in z.namelist() if n.endswith(".xml"))
    for fmt in ("csv", "xlsx"):
        assert reimport(fmt, export(fmt, [client])) == [client]


# -- broken files are refused whole ---------------------------------------------------
def _zip_without_workbook() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "not a workbook")
    return buf.getvalue()


def _xlsx_with_noncharacter() -> bytes:
    """A hostile workbook whose cell holds U+FFFF, which XML forbids.

    openpyxl refuses to write it when lxml is installed, so a clean workbook's
    cell text is replaced inside the file's XML.
    """
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("clients")
    ws.append(["name"])
    ws.append(["EvilXCorp"])
    clean = io.BytesIO()
    wb.save(clean)
    hostile = io.BytesIO()
    with zipfile.ZipFile(clean) as src, zipfile.ZipFile(hostile, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if b"EvilXCorp" in data:
                data = data.replace(b"EvilXCorp", "Evil\uffffCorp".encode())
            dst.writestr(item, data)
    return hostile.getvalue()


BROKEN_FILES = [
    # not UTF-8, and one word reads as Western European (Café) while another reads as Arabic: never guessed
    ("one-byte-page-unclear", "clients.csv", "name\nCafé\nÅÄÖ\n".encode("cp1252"), ImportFileError, NOT_UTF8.format(where=UNCLEAR)),
    ("unclosed-quote", "clients.csv", b'name,notes\nAcme,"never closed\n', ImportFileError,
     "the file is not a valid CSV near line 2: a quote (\") is opened but never closed"),
    ("text-after-quote", "clients.csv", b'name\n"Acme"Ltd\n', ImportFileError,
     "the file is not a valid CSV near line 2: a quoted value is followed by more text; put the whole value inside the quotes"),
    ("too-many-fields", "clients.csv", b"name,email\nAcme,a@example.com,extra\n", InvalidInput,
     "row 2: has 3 values but the header has 2 columns (too many); check for a missing or extra separator"),
    ("too-few-fields", "clients.csv", b"name,email,industry\nAcme,a@example.com\n", InvalidInput,
     "row 2: has 2 values but the header has 3 columns (too few); check for a missing or extra separator"),
    ("missing-name-header", "clients.csv", b"email,industry\na@example.com,Retail\n", InvalidInput,
     "row 1: the column 'name' is missing: every client needs a name"),
    ("duplicated-header", "clients.csv", b"name,email,Name\nAcme,a@example.com,Acme\n", InvalidInput,
     "row 1: the column 'name' appears twice: keep one"),
    ("binary-renamed-csv", "clients.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", ImportFileError,
     "this is not a CSV text file (it looks like a binary file): export your sheet as 'CSV UTF-8' and try again"),
    ("empty", "clients.csv", b"", ImportFileError, EMPTY),
    ("blank-lines-only", "clients.csv", b"\r\n \r\n\t\n", ImportFileError, EMPTY),
    ("bom-only", "clients.csv", b"\xef\xbb\xbf", ImportFileError, EMPTY),
    ("xlsx-not-a-zip", "clients.xlsx", b"name\nAcme\n", ImportFileError, NOT_XLSX),
    ("zip-not-xlsx", "clients.xlsx", _zip_without_workbook(), ImportFileError, NOT_XLSX),
    ("xlsx-with-forbidden-xml-char", "clients.xlsx", _xlsx_with_noncharacter(), ImportFileError, NOT_XLSX),
    ("truncated-xlsx", "clients.xlsx", to_xlsx_bytes([make_client({"name": "Acme"}, CRITERIA)], CRITERIA)[:300], ImportFileError, NOT_XLSX),
]


@pytest.mark.parametrize(("filename", "data", "error", "message"), [c[1:] for c in BROKEN_FILES], ids=[c[0] for c in BROKEN_FILES])
def test_broken_file_is_refused_and_nothing_is_imported(tmp_path, filename, data, error, message):
    db = make_portfolio(tmp_path / "p.sqlite")
    before_bytes, before = file_bytes_hash(db), snapshot(db)
    with Store(db) as store, pytest.raises(error) as exc:
        import_clients(store, data, filename)
    assert str(exc.value) == message
    assert snapshot(db) == before
    checkpoint(db)
    assert file_bytes_hash(db) == before_bytes


def test_cli_import_of_a_broken_file_exits_2_with_the_message(tmp_path, capsys):
    db = make_portfolio(tmp_path / "p.sqlite")
    before = file_bytes_hash(db)
    bad = tmp_path / "clients.csv"
    bad.write_bytes("name\nCafé\nÅÄÖ\n".encode("cp1252"))
    assert cli.main(["import", str(bad), "--db", str(db)]) == 2
    assert capsys.readouterr().err == "freelancekit import: " + NOT_UTF8.format(where=UNCLEAR) + "\n"
    checkpoint(db)
    assert file_bytes_hash(db) == before


def test_one_bad_row_imports_nothing_and_lists_every_problem(tmp_path):
    db = make_portfolio(tmp_path / "p.sqlite")
    before = snapshot(db)
    data = b"name,hourly_rate,ease\nGood Co,45,3\nBad Co,nan,9\n,12,1\n"
    with Store(db) as store, pytest.raises(InvalidInput) as exc:
        import_clients(store, data)
    assert [str(p) for p in exc.value.problems] == [
        "row 3, column hourly_rate: must be a real number, not NaN or infinity: write digits such as 45 or 45.50",
        "row 3, column ease: must be a whole number from 1 to 5",
        "row 4, column name: is required",
    ]
    assert snapshot(db) == before


def test_text_that_only_looks_like_windows_1256_is_not_refused():
    latin = "".join(chr(c) for c in range(0xC0, 0x100) if chr(c).isalpha())
    for text in (latin, "Привет мир", "Καλημέρα", "شركة النور للتصميم", "‏سپاس‎ ٣٥"):
        data = f"name,hourly_rate\n{text},٣٥\n".encode()
        assert [c.name for _, c in parse_file(data, "clients.csv", CRITERIA).clients] == [text]
        assert [c.name for _, c in parse_file(b"\xef\xbb\xbf" + data, "clients.csv", CRITERIA).clients] == [text]


# -- names that other tools turn into missing values or booleans stay literal ---------
LITERAL_NAMES = ["NA", "null", "None", "nan", "<NA>", "N/A", "#N/A", "TRUE", "FALSE", "-", "#REF!", "0", "1e5", "00123", "2026-01-01"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_na_like_names_are_kept_literally(tmp_path, fmt):
    clients = [make_client({"name": n, "contact_name": n, "industry": n, "ease": "3"}, CRITERIA) for n in LITERAL_NAMES]
    assert reimport(fmt, export(fmt, clients)) == clients
    with Store(tmp_path / "p.sqlite") as store:
        import_clients(store, export(fmt, clients), f"clients.{fmt}")
        assert sorted(c.name for c in store.clients()) == sorted(LITERAL_NAMES)
        frame = rank_portfolio(store).frame  # the pandas view the app shows
    assert sorted(frame["name"].tolist()) == sorted(LITERAL_NAMES)
    assert frame["name"].map(type).eq(str).all()


def test_typed_excel_cells_become_their_written_text():
    wb = Workbook()
    ws = wb.active
    ws.append(["name", "industry", "hourly_rate", "start_date"])
    ws.append([True, 42, 45.5, date(2026, 3, 31)])
    ws.append(["=1+1", "text", "40", None])
    buf = io.BytesIO()
    wb.save(buf)
    parsed = parse_file(buf.getvalue(), "clients.xlsx", CRITERIA)
    assert parsed.problems == []
    got = [(c.name, c.industry, c.values["hourly_rate"], c.start_date) for _, c in parsed.clients]
    assert got == [("TRUE", "42", 45.5, date(2026, 3, 31)), ("=1+1", "text", 40.0, None)]


def test_export_never_overwrites_without_force(tmp_path, capsys):
    db = make_portfolio(tmp_path / "p.sqlite")
    target = tmp_path / "clients.csv"
    target.write_bytes(b"my precious spreadsheet")
    assert cli.main(["export", str(target), "--db", str(db)]) == 2
    assert capsys.readouterr().err == f"freelancekit export: {target} already exists; choose another file name or add --force to replace it\n"
    assert target.read_bytes() == b"my precious spreadsheet"
    with pytest.raises(FreelancekitError) as exc:
        export_file([], CRITERIA, tmp_path / "clients.xlsm")
    assert str(exc.value) == "cannot export to 'clients.xlsm': the file name must end in .csv or .xlsx"
