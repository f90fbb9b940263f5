"""CSV/XLSX import (docs/data.md, "Files in and out"): encodings, delimiters, number forms, all-or-nothing, reports, duplicates."""
from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from freelancekit.errors import InvalidInput
from freelancekit.files.importer import ImportFileError, import_clients, import_path, parse_file
from freelancekit.portfolio.model import builtin_criteria
from freelancekit.portfolio.storage import Store

HEADER = "name,contact_name,email,industry,services,hourly_rate,on_time_payment,ease,enjoyment,learning,notes,last_win,start_date"


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "p.sqlite") as s:
        yield s


def csv_bytes(*lines: str, sep: str = ",", bom: bool = False, crlf: bool = False) -> bytes:
    text = ("\r\n" if crlf else "\n").join(line.replace(",", sep) if sep != "," else line for line in lines) + "\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def by_name(store):
    return {c.name: c for c in store.clients()}


@pytest.mark.parametrize("bom", [False, True], ids=["no BOM", "BOM"])
@pytest.mark.parametrize("sep", [",", ";"])
def test_utf8_with_or_without_bom_comma_or_semicolon(store, bom, sep):
    data = csv_bytes(HEADER, "مكتبة النور,ليلى حداد,layla@alnoor-books.com,Bookshop,Blog posts|Editing,50,5,5,4,,كتب ☕,Ramadan list,2024-10-14",
                     sep=sep, bom=bom, crlf=True)
    data = data.replace(b"|", b";" if sep == "," else b"|")
    if sep == ";":  # services must then be quoted to hold a ';'
        data = data.replace("Blog posts|Editing".encode(), b'"Blog posts;Editing"')
    result = import_clients(store, data)
    assert (result.added, result.updated, result.skipped, result.problems) == (1, 0, 0, [])
    c = store.client_by_name("مكتبة النور")
    assert (c.contact_name, c.services, c.notes, str(c.start_date)) == ("ليلى حداد", ("Blog posts", "Editing"), "كتب ☕", "2024-10-14")
    assert c.values == {"hourly_rate": 50.0, "on_time_payment": 5.0, "ease": 5.0, "enjoyment": 4.0, "learning": None}


@pytest.mark.parametrize("cell, expected", [
    ("45", 45.0), ("45.50", 45.5), ("45,5", 45.5), ("1,000", 1000.0), ("1_000", 1000.0), ("$45", 45.0),
    ("45 €", 45.0), ("USD 45", 45.0), ("٤٥", 45.0), ("۴۵", 45.0), ("٤٥٫٥", 45.5), ("", None), ("  ", None),
])
def test_number_forms(store, cell, expected):
    import_clients(store, csv_bytes("name;hourly_rate", f"Acme;{cell}"))
    assert store.client_by_name("Acme").values["hourly_rate"] == expected


def test_excel_style_file_header_case_and_column_order(store):
    # Excel 'CSV UTF-8' in a ';' locale: BOM, CRLF, quoted cells, capitalised header, any column order
    data = b'\xef\xbb\xbfEase;Name;Notes;Hourly_Rate\r\n4;"Acme; Inc";"two\r\nlines";"1.000,50"\r\n;Beta;;\r\n'
    result = import_clients(store, data)
    assert result.added == 2
    acme = store.client_by_name("Acme; Inc")
    assert (acme.values["ease"], acme.values["hourly_rate"], acme.notes) == (4.0, 1000.5, "two\nlines")
    beta = store.client_by_name("beta")
    assert all(x is None for x in beta.values.values())  # empty = not rated yet


def test_empty_values_make_a_client_incomplete(store):
    from freelancekit.records.rank import rank_portfolio

    import_clients(store, csv_bytes("name,ease,learning", "Full,5,5", "Half,5,"))
    records = {r["name"]: r for r in rank_portfolio(store).records()}
    assert records["Half"]["incomplete"] and records["Full"]["incomplete"]  # hourly_rate etc. missing for both
    import_clients(store, csv_bytes("name,hourly_rate,on_time_payment,ease,enjoyment,learning", "Full,50,5,5,5,5"))
    records = {r["name"]: r for r in rank_portfolio(store).records()}
    assert not records["Full"]["incomplete"] and records["Half"]["incomplete"]


def test_all_or_nothing_lists_every_problem_in_row_order(store):
    store.add_client({"name": "Kept"})
    before = (store.portfolio(), store.data_version())
    data = csv_bytes("name,email,ease,hourly_rate,start_date",
                     "Good,good@example.com,3,40,2024-01-01",
                     ",bad-email,9,-5,2024-02-30",
                     "good,,,,",
                     "Other,,two,,")
    with pytest.raises(InvalidInput) as exc:
        import_clients(store, data)
    assert [str(p) for p in exc.value.problems] == [
        "row 3, column name: is required",
        "row 3, column email: 'bad-email' is not one email address: write it as name@example.com",
        "row 3, column ease: must be a whole number from 1 to 5",
        "row 3, column hourly_rate: must be 0 or more",
        "row 3, column start_date: '2024-02-30' is not a date: write it as YYYY-MM-DD, e.g. 2026-03-31",
        "row 4, column name: 'good' is already on row 2: each client once (names ignore upper/lower case)",
        "row 5, column ease: must be a whole number from 1 to 5",
    ]
    assert (store.portfolio(), store.data_version()) == before


def test_skip_invalid_imports_the_valid_rows_and_reports_the_rest(store):
    data = csv_bytes("name,ease", "A,1", "", "B,9", "C,2,extra", ",,", "D,4")
    result = import_clients(store, data, skip_invalid=True)
    assert (result.added, result.updated) == (2, 0)
    assert [str(p) for p in result.problems] == [
        "row 4, column ease: must be a whole number from 1 to 5",
        "row 5: has 3 values but the header has 2 columns (too many); check for a missing or extra separator",
    ]
    assert sorted(by_name(store)) == ["A", "D"]


def test_on_duplicate_modes(store):
    store.add_client({"name": "Acme", "ease": 2, "notes": "old"})
    before = (store.portfolio(), store.data_version())
    data = csv_bytes("name,ease,notes", "ACME,5,new", "Beta,3,")
    with pytest.raises(InvalidInput) as exc:
        import_clients(store, data, on_duplicate="error")
    assert str(exc.value) == "row 2, column name: a client named 'ACME' already exists"
    assert (store.portfolio(), store.data_version()) == before
    r = import_clients(store, data, on_duplicate="skip")
    assert (r.added, r.updated, r.skipped) == (1, 0, 1) and store.client_by_name("acme").notes == "old"
    r = import_clients(store, data)  # update is the default
    acme = store.client_by_name("acme")
    assert (r.added, r.updated, r.unchanged, r.skipped) == (0, 1, 1, 0)  # Beta is already as the file has it
    assert (acme.name, acme.values["ease"], acme.notes, acme.revision) == ("ACME", 5.0, "new", 2)


def test_formula_escape_is_undone_on_import(store):
    import_clients(store, csv_bytes("name,notes", "'=HYPERLINK(1),'+1 call", "'plain,'@home"))
    assert sorted(by_name(store)) == ["'plain", "=HYPERLINK(1)"]
    assert store.client_by_name("=HYPERLINK(1)").notes == "+1 call"
    assert store.client_by_name("'plain").notes == "@home"


def _xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_import_numbers_dates_and_padding(store, tmp_path):
    from datetime import datetime

    data = _xlsx([["Name", "hourly_rate", "ease", "start_date", None], ["Acme", 45.5, 4, datetime(2024, 3, 1), None],
                  [None, None, None, None, None], ["مكتبة", "٤٥", None, "2024-01-02", None], ["Total", True, None, None, None]])
    path = tmp_path / "clients.xlsx"
    path.write_bytes(data)
    with pytest.raises(InvalidInput) as exc:
        import_path(store, path)
    assert str(exc.value) == "row 5, column hourly_rate: 'TRUE' is not a number: write digits such as 45 or 45.50"
    result = import_path(store, path, skip_invalid=True)
    assert result.added == 2
    acme, arabic = store.client_by_name("Acme"), store.client_by_name("مكتبة")
    assert (acme.values["hourly_rate"], acme.values["ease"], str(acme.start_date)) == (45.5, 4.0, "2024-03-01")
    assert arabic.values["hourly_rate"] == 45.0 and str(arabic.start_date) == "2024-01-02"


def test_parse_file_preview_does_not_touch_the_store():
    parsed = parse_file(csv_bytes("name,ease", "A,3", "B,x"), "c.csv", builtin_criteria())
    assert parsed.rows == 2 and [row for row, _ in parsed.clients] == [2]
    assert [str(p) for p in parsed.problems] == ["row 3, column ease: must be a whole number from 1 to 5"]


@pytest.mark.parametrize("data, message", [
    (b"", "the file is empty: it needs a header row with at least the column 'name'"),
    (b"\n\n", "the file is empty: it needs a header row with at least the column 'name'"),
    (b"name\n\x00\x01", "this is not a CSV text file (it looks like a binary file): export your sheet as 'CSV UTF-8' and try again"),
    (b'name,notes\nA,"open\n', "the file is not a valid CSV near line 2: a quote (\") is opened but never closed"),
    (b"PK\x03\x04broken", "this is not a readable Excel .xlsx file: save it again from your spreadsheet program, or export it as CSV UTF-8"),
])
def test_unreadable_files(store, data, message):
    with pytest.raises(ImportFileError) as exc:
        import_clients(store, data)
    assert str(exc.value) == message


def test_missing_file_or_folder(store, tmp_path):
    with pytest.raises(ImportFileError, match="there is no file .*nope.csv: check the path"):
        import_path(store, tmp_path / "nope.csv")
    with pytest.raises(ImportFileError, match="is a folder: give the path of a .csv or .xlsx file"):
        import_path(store, tmp_path)


def test_an_update_keeps_what_the_file_has_no_column_for(store):
    store.add_client({"name": "Acme", "email": "a@acme.com", "notes": "keep me", "ease": 2, "learning": 4, "services": "Blog posts"})
    r = import_clients(store, csv_bytes("name,hourly_rate,ease", "acme,80,"))
    acme = store.client_by_name("Acme")
    assert r.updated == 1
    assert (acme.email, acme.notes, acme.services) == ("a@acme.com", "keep me", ("Blog posts",))
    # the empty ease cell keeps the saved 2 (an import merges; the clear marker erases)
    assert acme.values == {"hourly_rate": 80.0, "on_time_payment": None, "ease": 2.0, "enjoyment": None, "learning": 4.0}


def test_a_big_update_reads_the_old_clients_in_one_query_and_keeps_unlisted_fields(store):
    """Re-importing n clients looks up what they keep in one SELECT, not one per client."""
    import datetime

    n = 300
    import_clients(store, csv_bytes("name,email,services,start_date,ease,learning",
                                    *(f"C{i},c{i}@x.io,Blog posts;SEO,2024-0{i % 9 + 1}-01,{i % 5 + 1},{(i + 2) % 5 + 1}" for i in range(n))))
    selects: list[str] = []
    store.conn.set_trace_callback(lambda sql: selects.append(sql) if sql.lstrip().upper().startswith("SELECT") else None)
    try:
        r = import_clients(store, csv_bytes("name,email,ease", *(f"c{i},new{i}@x.io,{(i + 1) % 5 + 1}" for i in reversed(range(n)))))
    finally:
        store.conn.set_trace_callback(None)
    assert r.updated == n and len(selects) < 20
    for i in (0, 7, n - 1):
        c = store.client_by_name(f"C{i}")
        assert (c.name, c.email, c.services, c.start_date) == (f"c{i}", f"new{i}@x.io", ("Blog posts", "SEO"), datetime.date(2024, i % 9 + 1, 1))
        assert (c.values["ease"], c.values["learning"], c.values["hourly_rate"]) == ((i + 1) % 5 + 1, (i + 2) % 5 + 1, None)


def test_skip_invalid_with_on_duplicate_error_reports_the_duplicates(store):
    store.add_client({"name": "Acme"})
    r = import_clients(store, csv_bytes("name,ease", "Acme,3", "Beta,x", "Gamma,2"), skip_invalid=True, on_duplicate="error")
    assert (r.added, r.updated) == (1, 0) and sorted(by_name(store)) == ["Acme", "Gamma"]
    assert [str(p) for p in r.problems] == [
        "row 2, column name: a client named 'Acme' already exists",
        "row 3, column ease: must be a whole number from 1 to 5",
    ]


def test_commit_after_a_preview(store):
    from freelancekit.files.importer import commit

    store.add_client({"name": "Acme", "notes": "keep"})
    parsed = parse_file(csv_bytes("name,ease", "Acme,4", "Beta,9"), "c.csv", store.criteria())
    before = (store.portfolio(), store.data_version())
    with pytest.raises(InvalidInput, match="^row 3, column ease: must be a whole number from 1 to 5$"):
        commit(store, parsed)
    assert (store.portfolio(), store.data_version()) == before
    r = commit(store, parsed, skip_invalid=True)
    assert (r.added, r.updated, len(r.problems)) == (0, 1, 1)
    assert store.client_by_name("Acme").notes == "keep" and store.client_by_name("Acme").values["ease"] == 4


@pytest.mark.parametrize("cell", ["Blog posts;Editing", "Blog posts؛Editing", "Blog posts ، Editing", "Blog posts؛ Editing;Blog posts"])
@pytest.mark.parametrize("fmt", ["comma", "semicolon", "tab"])
def test_arabic_semicolon_and_comma_separate_services_whatever_the_delimiter(store, cell, fmt):
    sep = {"comma": ",", "semicolon": ";", "tab": "\t"}[fmt]
    quoted = f'"{cell}"' if ";" in cell and sep == ";" else cell
    data = f"name{sep}services\nAcme{sep}{quoted}\n".encode()
    import_clients(store, data)
    assert by_name(store)["Acme"].services == ("Blog posts", "Editing")


def test_a_latin_comma_inside_a_quoted_services_cell_stays_part_of_the_name(store):
    import_clients(store, b'name,services\nAcme,"SEO, content;Editing"\n')
    assert by_name(store)["Acme"].services == ("SEO, content", "Editing")
