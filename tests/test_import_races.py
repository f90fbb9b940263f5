"""A file checked against one set of criteria is never saved under another.

The app parses a file for its preview and saves it when the user confirms;
in between, another tab or the command line may remove a criterion or change
its scale. The store compares inside its write transaction (docs/data.md: invalid
data never enters the portfolio).
"""
from __future__ import annotations

import pytest

from freelancekit.errors import InvalidInput
from freelancekit.files.importer import commit, parse_file
from freelancekit.portfolio.client_columns import ClientColumns
from freelancekit.portfolio.model import Client
from freelancekit.portfolio.storage import Store


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "p.sqlite"
    with Store(path) as s:
        assert "learning" in {c.key for c in s.criteria()}  # a built-in criterion
        s.add_criterion({"key": "fun", "label": "Fun", "kind": "rating", "lo": 1, "hi": 5, "weight": 1})
    return path


def test_an_import_parsed_before_a_criterion_was_removed_is_refused(db):
    with Store(db) as app, Store(db) as other:
        parsed = parse_file(b"name,learning\nZed Co,5\n", "c.csv", app.criteria())
        other.remove_criterion("learning")
        with pytest.raises(InvalidInput) as exc:
            commit(app, parsed)
        assert "the criteria changed while you were importing" in exc.value.message
        assert "learning" in exc.value.message and "check the file again" in exc.value.message
        assert app.clients() == ()
        # checked again against today's criteria, the same file is refused for its unknown column, not saved
        again = parse_file(b"name\nZed Co\n", "c.csv", app.criteria())
        assert commit(app, again).added == 1
        assert "learning" not in app.clients()[0].values


def test_an_import_parsed_before_a_scale_change_is_refused(db):
    with Store(db) as app, Store(db) as other:
        parsed = parse_file(b"name,fun\nZed Co,5\n", "c.csv", app.criteria())
        other.update_criterion("fun", {"lo": 0, "hi": 10})
        with pytest.raises(InvalidInput, match="new scale: fun"):
            commit(app, parsed)
        assert app.clients() == ()


def test_an_import_parsed_before_a_criterion_was_added_is_refused(db):
    with Store(db) as app, Store(db) as other:
        parsed = parse_file(b"name\nZed Co\n", "c.csv", app.criteria())
        other.add_criterion({"key": "joy", "label": "Joy", "kind": "rating", "lo": 1, "hi": 5, "weight": 1})
        with pytest.raises(InvalidInput, match="added: joy"):
            commit(app, parsed)


def test_clients_with_values_for_a_removed_criterion_are_refused(db):
    with Store(db) as s:
        made = Client(name="Zed Co", values={"learning": 5.0})
        s.remove_criterion("learning")
        with pytest.raises(InvalidInput, match="removed: learning"):
            s.import_clients(ClientColumns.from_clients([made], [2]))
        assert s.clients() == ()


def test_add_client_checks_values_against_the_criteria_inside_its_transaction(db, monkeypatch):
    """The criteria are read inside the write transaction, not before it (where another tab may change them)."""
    with Store(db) as app, Store(db) as other:
        real_write = app._write

        def write_after_a_removal(*area):
            other.remove_criterion("learning")
            return real_write(*area)

        monkeypatch.setattr(app, "_write", write_after_a_removal)
        saved = app.add_client({"name": "Zed Co", "values": {"learning": "5"}})
        assert "learning" not in saved.values
        assert "learning" not in app.client(saved.id).values
