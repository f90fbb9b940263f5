"""Each statement that writes a client or the profile is written once (client_rows.py), built from one column list."""
from __future__ import annotations

import ast
import collections
import inspect
import re
from pathlib import Path

import freelancekit
from freelancekit.portfolio import client_columns, client_rows, import_plan, last_import, schema, storage

SQL_VERBS = ("SELECT", "INSERT", "UPDATE", "DELETE")


def test_each_client_and_profile_write_is_named_once():
    for statement in ("INSERT INTO clients", "UPDATE clients SET {", "UPDATE profile SET"):
        assert len(re.findall(re.escape(statement), inspect.getsource(client_rows))) == 1, statement
        for other in (storage, import_plan, last_import, schema):
            assert statement not in inspect.getsource(other), (statement, other.__name__)
    for module in (client_rows, storage):
        assert "UPDATE clients SET name" not in inspect.getsource(module)  # a client's whole row is written by UPDATE_CLIENT only


def test_no_sql_statement_is_written_twice_in_the_package():
    where = collections.defaultdict(list)
    for path in Path(freelancekit.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = " ".join(node.value.split())
                if text.split(" ")[0] in SQL_VERBS and " " in text:
                    where[text].append(f"{path.name}:{node.lineno}")
    assert len(where) > 20  # the scan finds the statements at all
    assert {text: places for text, places in where.items() if len(places) > 1} == {}


def test_the_client_statements_fill_the_columns_param_rows_makes():
    cols = client_columns.PARAM_COLUMNS
    assert client_rows.INSERT_CLIENT.count("?") == len(cols)
    assert client_rows.UPDATE_CLIENT.count("?") == len(cols) + 1  # and the id
    client = storage.Client(name="Acme", values={})
    assert len(client_columns.client_params(client, "now")) == len(cols)


def test_the_column_encoder_and_the_plans_are_pure():
    for module in (client_columns, client_rows, import_plan, last_import):
        source = inspect.getsource(module)
        assert "import sqlite3" not in source and "storage import" not in source and ".execute(" not in source, module.__name__
