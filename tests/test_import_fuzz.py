"""Fuzzing the client-file importer (docs/data.md, "Files in and out", "The rules for each kind of value",
"Column names", "Encodings"): whatever the bytes, never a traceback; whatever the encoding, delimiter, header
spelling, numbers and dates, every value stored is the one the file says, every refusal names row, column and
reason, and a refused file stores nothing (docs/data.md)."""
from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import event, given
from hypothesis import strategies as st

from freelancekit.errors import FreelancekitError, InvalidInput
from freelancekit.files.importer import import_clients, parse_file
from freelancekit.language.wording import problem_line
from freelancekit.portfolio.storage import Store

# each column's spellings a header may use: the key, an English and an Arabic name (headers.SYNONYMS, the labels)
SPELLINGS = {
    "name": ["name", "Client Name", "Company", "اسم العميل", "العميل"],
    "email": ["email", "E-mail", "البريد"],
    "hourly_rate": ["hourly_rate", "Hourly Rate", "Rate", "سعر الساعة", "الأجر"],
    "ease": ["ease", "Easy to work with", "السهولة"],
    "start_date": ["start_date", "Start Date", "Since", "تاريخ البدء"],
}
UNKNOWN_HEADERS = ["Favourite colour", "Tax Amount", "اللون المفضل"]

SEED = {"name": "Seed Client", "email": "seed@seed.example", "hourly_rate": 10.0, "ease": 2.0, "start_date": date(2020, 1, 2)}

LATIN_WORDS = ["Acme", "Nile", "Orbit", "Cedar", "Blue", "Studio", "Books"]
ARABIC_WORDS = ["مكتبة", "النور", "دار", "الفنون", "شركة", "الأمل"]  # two or more letters: Windows-1256 evidence

ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@dataclass
class Cell:
    """What a cell says and what docs/data.md says it is read as (``BAD``: refused, naming its row and column)."""

    text: str
    value: Any


BAD = object()
EMPTY = object()  # an empty cell: a new client's field is empty, a saved client's keeps its value (Import merges)


def _refused(cells: list[Cell], bad: bool) -> st.SearchStrategy[Cell]:
    """Cells docs/data.md refuses, in a file meant to hold some; an empty cell otherwise."""
    return st.sampled_from(cells if bad else [Cell("", EMPTY)])


def _number_cells(bad: bool) -> st.SearchStrategy[Cell]:
    n = st.integers(min_value=0, max_value=999_999)
    return st.one_of(
        n.map(lambda k: Cell(str(k), float(k))),
        n.map(lambda k: Cell(str(k).translate(ARABIC_DIGITS), float(k))),  # Arabic-Indic digits
        n.map(lambda k: Cell(f"{k:,}", float(k))),  # 1,000 groups thousands
        st.integers(min_value=0, max_value=999).map(lambda k: Cell(f"{k},5", k + 0.5)),  # a comma not before 3 digits: decimal
        st.integers(min_value=0, max_value=999).map(lambda k: Cell(f"${k}", float(k))),  # a currency sign is ignored
        st.integers(min_value=0, max_value=999).map(lambda k: Cell(f"{k}.25 EUR", k + 0.25)),
        _refused([Cell("-5", BAD), Cell("abc", BAD), Cell("1e3", BAD), Cell("NaN", BAD), Cell("2000000000", BAD)], bad),
        st.just(Cell("", EMPTY)),
    )


def _rating_cells(bad: bool) -> st.SearchStrategy[Cell]:
    k = st.integers(min_value=1, max_value=5)
    return st.one_of(k.map(lambda r: Cell(str(r), float(r))), k.map(lambda r: Cell(str(r).translate(ARABIC_DIGITS), float(r))),
                     _refused([Cell("0", BAD), Cell("6", BAD), Cell("4.5", BAD), Cell("x", BAD)], bad), st.just(Cell("", EMPTY)))


def _date_cells(bad: bool) -> st.SearchStrategy[Cell]:
    return st.one_of(st.dates(min_value=date(1990, 1, 1), max_value=date(2025, 12, 31)).map(lambda d: Cell(d.isoformat(), d)),
                     _refused([Cell("2024-02-30", BAD), Cell("31/12/2024", BAD), Cell("2999-01-01", BAD), Cell("soon", BAD)], bad),
                     st.just(Cell("", EMPTY)))


def _email_cells(bad: bool) -> st.SearchStrategy[Cell]:
    user = st.sampled_from(["ann", "b.k", "sales+x"])
    domain = st.sampled_from([("Example.COM", "example.com"), ("nile.eg", "nile.eg")])
    return st.one_of(st.tuples(user, domain).map(lambda t: Cell(f"{t[0]}@{t[1][0]}", f"{t[0]}@{t[1][1]}")),
                     _refused([Cell("no-at-sign", BAD), Cell("a@b@c", BAD)], bad), st.just(Cell("", EMPTY)))


CELLS = {"email": _email_cells, "hourly_rate": _number_cells, "ease": _rating_cells, "start_date": _date_cells}


@dataclass
class File:
    data: bytes
    encoding: str
    columns: list[str]  # the column key of each header cell ("" for an unknown, unnamed or second spelling)
    header_bad: bool  # an unknown, unnamed or repeated header, or no name column: refused on row 1
    rows: list[dict[str, Cell]]  # spreadsheet row i + 2


@st.composite
def client_files(draw: Any) -> File:
    with_name = draw(st.integers(0, 7)) > 0  # mostly named
    keys = draw(st.lists(st.sampled_from(sorted(CELLS)), unique=True, min_size=0 if with_name else 1, max_size=4))
    columns = (["name"] if with_name else []) + keys
    columns = draw(st.permutations(columns))
    header = [draw(st.sampled_from(SPELLINGS[k])) for k in columns]
    shape = draw(st.sampled_from(["known"] * 12 + ["unknown", "twice", "unnamed"]))
    if shape == "unknown":
        header.append(draw(st.sampled_from(UNKNOWN_HEADERS)))
    elif shape == "twice" and columns:
        header.append(draw(st.sampled_from([s for s in SPELLINGS[columns[0]] if s != header[0]])))
    elif shape == "unnamed":
        header.append("")
    columns += [""] * (len(header) - len(columns))
    rows: list[dict[str, Cell]] = []
    with_bad = draw(st.integers(0, 2)) == 0  # a third of the files hold cells that must be refused
    for i in range(draw(st.integers(min_value=0, max_value=5))):
        if draw(st.integers(0, 4)) == 0:
            name = SEED["name"]  # a client already saved: updated, merging
        else:
            words = draw(st.lists(st.sampled_from(LATIN_WORDS + ARABIC_WORDS), min_size=1, max_size=2))
            name = " ".join([*words, str(i)])  # the row number keeps names unique
        if any(r["name"].value == name for r in rows):
            name = f"{name} {i}"
        pad = draw(st.sampled_from(["", " ", "  "]))
        row = {"name": Cell(pad + name + pad, name)}
        row.update({k: draw(CELLS[k](with_bad)) for k in keys})
        rows.append(row)
    sep = draw(st.sampled_from([",", ";", "\t"]))
    out = io.StringIO()
    w = csv.writer(out, delimiter=sep, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    w.writerow(header)
    for row in rows:
        w.writerow([row[k].text if k else "x" for k in columns])
    text = out.getvalue()
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1256"]))
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:  # Arabic-Indic digits are not in Windows-1256
        encoding, data = "utf-8", text.encode("utf-8")
    return File(data, encoding, columns, shape != "known" or not with_name, rows)


def _seeded(folder: str) -> Store:
    store = Store(Path(folder) / "p.sqlite")
    import_clients(store, (f"name,email,hourly_rate,ease,start_date\n{SEED['name']},{SEED['email']},10,2,"
                           f"{SEED['start_date'].isoformat()}\n").encode())
    return store


def _saved(store: Store) -> dict[str, tuple[Any, ...]]:
    return {c.name: (c.email, c.values.get("hourly_rate"), c.values.get("ease"), c.start_date) for c in store.clients()}


def _says_where_and_what(p: Any) -> None:
    line = problem_line(p, "en", isolate=False)
    assert p.row is not None and p.field and p.code, p
    assert f"row {p.row}" in line and len(line) > len(f"row {p.row}, column {p.field}: "), line


@given(f=client_files())
def test_every_stored_value_is_the_files_and_every_refusal_names_row_column_and_reason(f):
    bad = {(i + 2, k) for i, row in enumerate(f.rows) for k, cell in row.items() if cell.value is BAD}
    with tempfile.TemporaryDirectory() as folder, _seeded(folder) as store:
        before = _saved(store)
        try:
            import_clients(store, f.data, "clients.csv")
        except InvalidInput as exc:
            assert f.header_bad or bad, [str(p) for p in exc.problems]
            for p in exc.problems:
                _says_where_and_what(p)
            named = {(p.row, p.field) for p in exc.problems}
            if f.header_bad:
                assert {p.row for p in exc.problems} == {1}
            else:
                assert named == bad  # every bad cell named, by its row and column, and nothing else
            assert _saved(store) == before  # all or nothing: a refused file stores nothing
            event("refused: header" if f.header_bad else "refused: cells")
            return
        assert not f.header_bad and not bad, (f.encoding, f.data[:200])
        saved = _saved(store)
        event(f"stored: {f.encoding}")
        assert len(saved) == 1 + len({r["name"].value for r in f.rows} - {SEED["name"]})
        fields = ("email", "hourly_rate", "ease", "start_date")
        for row in f.rows:
            name = row["name"].value
            kept = before.get(name, ("", None, None, None))  # a new client's empty cell is empty; a saved one's keeps its value
            want = tuple(row[k].value if k in row and row[k].value is not EMPTY else kept[n] for n, k in enumerate(fields))
            assert saved[name] == want, (name, f.encoding, f.data[:300])


@given(data=st.one_of(st.binary(max_size=300), client_files().map(lambda f: f.data[: len(f.data) // 2])))
def test_any_bytes_are_imported_or_refused_with_a_reason_never_a_traceback(data):
    with tempfile.TemporaryDirectory() as folder, _seeded(folder) as store:
        before = _saved(store)
        try:
            parse_file(data, "clients.csv", store.criteria())
            import_clients(store, data, "clients.csv")
        except InvalidInput as exc:
            assert exc.problems
            for p in exc.problems:
                _says_where_and_what(p)
            assert _saved(store) == before
        except FreelancekitError as exc:  # the file as a whole: its code says why
            assert exc.code.startswith("import.") and str(exc)
            assert _saved(store) == before
