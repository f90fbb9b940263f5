"""The column-wise import path stores exactly what the per-client path stores.

The importer hands its rows to the store as ``ClientColumns`` and the store
builds every INSERT parameter column by column (``param_rows``); a client saved
from the form goes through the same builder with one row. These tests pin that
the column-wise texts are those of ``json.dumps`` and that the whole-column
shortcuts of the importer (distinct cells, escapes, blank rows) give the same
clients, problems and row numbers as the cell-by-cell validators.
"""
from __future__ import annotations

import json
import random
from datetime import date

import pytest

from freelancekit.files.importer import _text_column, parse_file
from freelancekit.portfolio.client_columns import ClientColumns, param_rows, values_json_column
from freelancekit.portfolio.model import Client, builtin_criteria
from freelancekit.portfolio.storage import Store
from freelancekit.portfolio.validation import name_key

CRITERIA = builtin_criteria()
NOW = "2026-01-01T00:00:00+00:00"


def _expected_params(c: Client) -> tuple:
    """The parameters written straight from the stored shapes with json.dumps."""
    return (
        c.name, name_key(c.name), c.contact_name, c.email, c.industry,
        json.dumps(list(c.services), ensure_ascii=False, separators=(",", ":")), c.notes, c.last_win,
        c.start_date.isoformat() if c.start_date else None,
        json.dumps({k: None if x is None else float(x) for k, x in c.values.items()}, separators=(",", ":"), allow_nan=False, ensure_ascii=False),
        NOW, c.last_win_date.isoformat() if c.last_win_date else None, c.working_on, c.language, c.currency, c.title,
    )


def test_values_json_column_equals_json_dumps_row_by_row():
    rnd = random.Random(4)
    pool = [None, 0.0, -0.0, 1, 1.0, True, 2.5, 45.5, 1e-7, 0.1 + 0.2, 1e300, 3]
    keys = ["hourly_rate", "ease", 'odd "key"', "مفتاح"]
    columns = {k: [rnd.choice(pool) for _ in range(500)] for k in keys}
    got = values_json_column(columns, 500)
    for i, text in enumerate(got):
        row = {k: columns[k][i] for k in keys}
        assert text == json.dumps({k: None if x is None else float(x) for k, x in row.items()},
                                  separators=(",", ":"), allow_nan=False, ensure_ascii=False)
    assert values_json_column({}, 3) == ["{}", "{}", "{}"]
    with pytest.raises(ValueError):
        values_json_column({"ease": [1.0, float("inf")]}, 2)


def test_param_rows_of_clients_with_different_value_keys_keep_each_clients_order():
    clients = [
        Client("A", services=("Blog posts", 'quote "x"'), values={"ease": 1.0, "hourly_rate": None}),
        Client("B", values={"ease": -0.0, "hourly_rate": 0.0}),
        Client("C", start_date=date(2024, 2, 1), values={"hourly_rate": 2.0, "ease": 3.0}),  # other order
        Client("D", services=["list", "of services"], values={}),  # unhashable services, no values
        Client("É e\u0301", values={"hourly_rate": 1}),
    ]
    got = [p for batch in ClientColumns.runs((None, c) for c in clients) for p in param_rows(batch, NOW)]
    assert got == [_expected_params(c) for c in clients]


def test_client_columns_give_back_the_clients_and_a_subset():
    clients = [Client(f"C{i}", email=f"c{i}@x.com", values={"ease": float(i % 5 + 1), "hourly_rate": None}) for i in range(6)]
    cols = ClientColumns.from_clients(clients, rows=list(range(2, 8)))
    assert cols.clients() == clients and [cols.client(i) for i in range(6)] == clients
    part = cols.take([4, 1])
    assert part.clients() == [clients[4], clients[1]] and part.rows == [6, 3]
    assert part.keys() == ["c4", "c1"]


def test_import_stores_what_the_form_stores(tmp_path):
    data = ("name,contact_name,email,industry,services,hourly_rate,ease,notes,start_date\n"
            "Acme,Lina,lina@Example.COM,SaaS,Blog posts;Editing,45,3,\"two\nlines\",2024-01-02\n"
            "Zoë,,,SaaS,,-0,,'=not a formula,\n").encode()
    with Store(tmp_path / "a.sqlite") as imported, Store(tmp_path / "b.sqlite") as typed:
        from freelancekit.files.importer import import_clients

        import_clients(imported, data)
        for _row, client in parse_file(data, "c.csv", CRITERIA).clients:
            typed.add_client(client)
        query = "SELECT name, name_key, contact_name, email, industry, services, notes, last_win, start_date, vals FROM clients ORDER BY id"
        assert imported.conn.execute(query).fetchall() == typed.conn.execute(query).fetchall()
        assert imported.client_by_name("Zoë").notes == "=not a formula"


def test_a_repeating_column_reports_every_bad_row_like_the_cell_by_cell_check():
    cells = ["SaaS", "Bad\x07one", "", "SaaS", "Bad\x07one"] * 400
    rows = list(range(2, len(cells) + 2))
    got_problems: list = []
    got = _text_column(cells, "industry", rows, got_problems, multiline=False)
    want_problems: list = []
    want = [_text_column([c], "industry", [r], want_problems, multiline=False)[0] for c, r in zip(cells, rows)]
    assert got == want and got_problems == want_problems
    assert len(got_problems) == 800 and got_problems[0].row == 3


def test_parse_file_of_a_big_regular_file_equals_row_by_row_parsing():
    rnd = random.Random(2)
    lines = ["name,email,industry,notes,hourly_rate,ease"]
    for i in range(3000):
        lines.append(",".join([
            f"Client {i}", rnd.choice(["", f"a{i}@Site.example", f"b{i}@site.example"]),
            rnd.choice(["SaaS", "'=SUM(A1)", " Retail ", "Dental"]), rnd.choice(["", "\"one\ntwo\"", "note"]),
            rnd.choice(["45", "$45", "45,5", "", "'-5"]), rnd.choice(["1", "5", ""]),
        ]))
    lines.insert(200, "")  # a blank line keeps the row numbers of the spreadsheet
    lines.insert(900, ",,,,,")
    data = "\n".join(lines).encode()
    whole = parse_file(data, "c.csv", CRITERIA)
    header = lines[0]
    one_by_one = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip(", "):
            continue
        single = parse_file(f"{header}\n{line}\n".encode(), "c.csv", CRITERIA)
        one_by_one += [(number, c) for _, c in single.clients]
    assert whole.clients == one_by_one
    assert [p.row for p in whole.problems] == sorted(p.row for p in whole.problems)
    assert {p.row for p in whole.problems} == set(range(2, len(lines) + 1)) - {n for n, _ in one_by_one} - {201, 901}
