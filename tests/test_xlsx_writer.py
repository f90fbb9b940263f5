"""The .xlsx writer (freelancekit/files/xlsx_writer.py): what it writes, openpyxl and the importer read back the same.

Text stays text (never a formula), numbers stay the same floats, a row keeps its
width, and what XML cannot hold is refused by cell, never written or dropped.
"""
from __future__ import annotations

import io
import math
import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from freelancekit.files.exporter import export_columns, to_xlsx_bytes
from freelancekit.files.importer import parse_file, read_table
from freelancekit.files.xlsx_writer import MAX_TEXT, XlsxValueError, column_letter, xlsx_bytes
from freelancekit.portfolio.demo import demo_portfolio
from freelancekit.portfolio.model import builtin_criteria, make_client
from freelancekit.ranking.export import ranking_rows, ranking_xlsx_bytes
from freelancekit.ranking.scoring import rank, score_table

CRITERIA = builtin_criteria()
LONG = "long text " * 3000 + "end"  # 30 003 characters: under a cell's 32 767
ROWS = [
    ["text", "number", "more", "last"],
    ["مكتبة النور", 0.1, "=1+2", None],
    ["+49 30", 1e-7, "-5", "@home"],
    ["line one\nline two", 3.0, " pad ", True],
    ["tab\there", -2.5, "a & b <c> \"q\" 'x'", False],
    [None, -7, None, None],
    ["cr\rin text", 123456.789, LONG, 10**9],
    [None, None, None, None],
]


def sheet(data: bytes, read_only: bool = False):
    return load_workbook(io.BytesIO(data), read_only=read_only).worksheets[0]


def test_openpyxl_reads_back_values_types_and_the_sheet_name():
    data = xlsx_bytes("clients", ROWS)
    ws = sheet(data)
    assert ws.title == "clients"
    got = [[c.value for c in row] for row in ws.iter_rows()]
    assert got == [[v if v != "" else None for v in row] for row in ROWS]
    assert [type(v) for v in got[1]] == [str, float, str, type(None)]
    assert got[3][1] == 3 and got[5][1] == -7 and got[6][3] == 10**9  # whole numbers come back as ints, equal to the floats
    assert got[3][3] is True and got[4][3] is False
    types = {c.data_type for row in ws.iter_rows() for c in row if c.value is not None}
    assert types == {"s", "n", "b"}  # "=1+2" is text, not a formula
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        assert {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                "xl/worksheets/sheet1.xml"} == set(z.namelist())
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in z.infolist())
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")


def test_a_row_keeps_its_width_and_empty_cells_are_left_out():
    data = xlsx_bytes("s", [["a", "b", "c"], ["x", None, ""], [None, None, None]])
    rows = [list(r) for r in sheet(data, read_only=True).iter_rows(values_only=True)]
    assert rows == [["a", "b", "c"], ["x", None, None], [None, None, None]]
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="C2"/></row>' in xml
    assert '<row r="3"><c r="C3"/></row>' in xml


def test_the_same_rows_give_the_same_bytes():
    assert xlsx_bytes("clients", ROWS) == xlsx_bytes("clients", ROWS)


def test_numbers_are_written_repr_exact():
    xs = [0.1, 1e-7, 0.30000000000000004, 1 / 3, -1e-300, 1e16, 2.0**53 + 2, 5e-324]
    ws = sheet(xlsx_bytes("n", [xs]))
    assert [c.value for c in ws[1]] == xs
    assert [type(c.value) for c in sheet(xlsx_bytes("n", [[3.0, 45.0, -0.0]]))[1]] == [int, int, int]


def test_nan_and_infinity_are_no_cell():
    ws = sheet(xlsx_bytes("n", [[math.nan, 1.0, math.inf]]), read_only=True)
    assert [list(r) for r in ws.iter_rows(values_only=True)] == [[None, 1, None]]


@pytest.mark.parametrize(("value", "where"), [
    ("a\x00b", "U+0000"), ("bell\x07", "U+0007"), ("\x0bvt", "U+000B"), ("esc\x1b", "U+001B"),
    ("x\ufffe", "U+FFFE"), ("x\uffff", "U+FFFF"), ("half \ud83d", "U+D83D"),
])
def test_characters_xml_forbids_are_refused_naming_the_cell(value, where):
    rows = [["ok"] * 3 for _ in range(5000)]  # past the first chunk
    rows[4321][2] = value
    with pytest.raises(XlsxValueError, match=re.escape(f"cell C4322: the character {where} cannot be written to an .xlsx file")):
        xlsx_bytes("s", rows)


def test_text_too_long_for_a_cell_and_other_types_are_refused():
    assert sheet(xlsx_bytes("s", [["x" * MAX_TEXT]]))["A1"].value == "x" * MAX_TEXT
    with pytest.raises(XlsxValueError, match="^cell B1: 32768 characters, more than the 32767 a spreadsheet cell holds$"):
        xlsx_bytes("s", [["a", "x" * (MAX_TEXT + 1)]])
    with pytest.raises(XlsxValueError, match="^cell A2: cannot write a bytes to an .xlsx file$"):
        xlsx_bytes("s", [["a"], [b"raw"]])  # type: ignore[list-item]
    for bad in ("", "a" * 32, "a/b", "x[1]", "what?"):
        with pytest.raises(XlsxValueError, match="cannot name a sheet"):
            xlsx_bytes(bad, [["a"]])


def test_column_letters():
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702, 16383)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"]
    ws = sheet(xlsx_bytes("wide", [list(range(30))]))
    assert [c.value for c in ws[1]] == list(range(30)) and ws.max_column == 30


def test_client_export_round_trips_through_openpyxl_and_the_importer():
    notes = "first line\nsecond: =SUM(A1)\n" + "ملاحظة " * 1400  # near the 10 000 allowed
    client = make_client({"name": "=HYPERLINK(\"http://evil.example\")", "contact_name": "ليلى", "industry": "+44 20",
                          "notes": notes, "last_win": "@home", "services": "Blog posts;-Editing", "hourly_rate": "0.1",
                          "ease": "3", "start_date": "2024-02-29"}, CRITERIA)
    bare = make_client({"name": "Bare"}, CRITERIA)
    data = to_xlsx_bytes([client, bare], CRITERIA)
    ws = sheet(data)
    assert ws.title == "clients"
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == export_columns(CRITERIA)
    assert rows[1][:4] == ["'=HYPERLINK(\"http://evil.example\")", "ليلى", None, "'+44 20"]
    assert rows[1][5] == 0.1 and rows[1][7] == 3 and rows[1][10] == client.notes == notes.strip()
    assert len(rows[2]) == len(rows[0]) and rows[2][0] == "Bare" and set(rows[2][1:]) == {None}
    assert [c for _, c in parse_file(data, "clients.xlsx", CRITERIA).clients] == [client, bare]
    table = read_table(data, "clients.xlsx")[0]
    assert all(len(r) == len(table[0]) for r in table)


def test_ranking_export_keeps_its_sheet_name_and_types():
    p = demo_portfolio()
    ranking = rank(score_table(p.clients, p.criteria), p.criteria)
    ws = sheet(ranking_xlsx_bytes(ranking))
    assert ws.title == "ranking"
    got = [[c.value for c in row] for row in ws.iter_rows()]
    want = ranking_rows(ranking.records(), ranking.table.keys)
    assert got[0] == want[0] and len(got) == len(want) == len(p.clients) + 1
    for g, w in zip(got[1:], want[1:]):
        assert g[0] == int(w[0]) and type(g[0]) is int
        assert g[1] == w[1] and isinstance(g[1], str)
        assert f"{g[2]:.2f}" == w[2] and g[3] is (w[3] == "true")
        assert [f"{x:.2f}" for x in g[4:]] == w[4:]


# -- any rows: openpyxl reads back what was written ------------------------------------
XML_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",),
                                 exclude_characters="".join(map(chr, [*range(9), 11, 12, *range(14, 32)])) + "\ufffe\uffff"),
                   max_size=30)
CELL = st.one_of(st.none(), XML_TEXT, st.booleans(), st.integers(-10**15, 10**15),
                 st.floats(allow_nan=False, allow_infinity=False))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(CELL, min_size=1, max_size=8), min_size=1, max_size=12))
def test_any_rows_read_back_the_same(rows):
    width = max(map(len, rows))
    got = [list(r) for r in sheet(xlsx_bytes("any", rows), read_only=True).iter_rows(values_only=True)]
    want = [[None if v == "" and isinstance(v, str) else v for v in row] for row in rows]
    assert [r + [None] * (width - len(r)) for r in got] == [r + [None] * (width - len(r)) for r in want]
    assert all(type(g) is type(w) or type(w) is float and type(g) is int
               for grow, wrow in zip(got, want) for g, w in zip(grow, wrow))
