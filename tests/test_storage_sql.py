"""Each statement that writes a client or the profile is written once (storage.py), built from one column list."""
from __future__ import annotations

import inspect
import re

from freelancekit.portfolio import client_columns, storage


def test_each_client_and_profile_write_is_named_once():
    source = inspect.getsource(storage)
    for statement in ("INSERT INTO clients", "UPDATE clients SET {", "UPDATE profile SET"):
        assert len(re.findall(re.escape(statement), source)) == 1, statement
    assert "UPDATE clients SET name" not in source  # a client's whole row is written by UPDATE_CLIENT only


def test_the_client_statements_fill_the_columns_param_rows_makes():
    cols = client_columns.PARAM_COLUMNS
    assert storage.INSERT_CLIENT.count("?") == len(cols)
    assert storage.UPDATE_CLIENT.count("?") == len(cols) + 1  # and the id
    client = storage.Client(name="Acme", values={})
    assert len(client_columns.client_params(client, "now")) == len(cols)


def test_the_column_encoder_is_pure():
    source = inspect.getsource(client_columns)
    assert "sqlite3" not in source and "from .storage" not in source
