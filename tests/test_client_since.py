""""Client since" is today at the latest: the form, the import (app and CLI) and the API all refuse a future day,
naming the field (and the row in a file)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from freelancekit.cli import main
from freelancekit.errors import InvalidInput
from freelancekit.files import importer
from freelancekit.portfolio.model import builtin_criteria, make_client
from freelancekit.portfolio.storage import Store
from freelancekit.portfolio.validation import parse_start_date

TOMORROW = date.today() + timedelta(days=1)


def test_today_and_earlier_are_accepted_tomorrow_is_not():
    assert parse_start_date(date.today()) == date.today()
    assert parse_start_date("2020-02-29") == date(2020, 2, 29)
    assert parse_start_date("") is None and parse_start_date(None) is None
    with pytest.raises(InvalidInput) as err:
        parse_start_date(TOMORROW.isoformat())
    problem = err.value.problems[0]
    assert problem.field == "start_date" and TOMORROW.isoformat() in problem.text and "in the future" in problem.text
    assert "Client since" in problem.text  # the field as the user knows it


def test_the_limit_is_the_given_today():
    assert parse_start_date("2026-06-01", today=date(2026, 6, 1)) == date(2026, 6, 1)
    with pytest.raises(InvalidInput):
        parse_start_date("2026-06-02", today=date(2026, 6, 1))


def test_make_client_and_the_store_refuse_a_future_start(tmp_path):
    with pytest.raises(InvalidInput) as err:
        make_client({"name": "Future Co", "start_date": TOMORROW}, builtin_criteria())
    assert err.value.for_field("start_date")
    with Store(tmp_path / "p.sqlite") as store:
        with pytest.raises(InvalidInput, match="start_date"):
            store.add_client({"name": "Future Co", "start_date": TOMORROW.isoformat()})
        added = store.add_client({"name": "Past Co", "start_date": "2024-01-31"})
        with pytest.raises(InvalidInput, match="in the future"):
            store.update_client(added.id, {"name": "Past Co", "start_date": TOMORROW}, expected_revision=added.revision)
        assert [c.start_date for c in store.clients()] == [date(2024, 1, 31)]  # nothing changed


def test_an_import_file_with_a_future_start_names_row_and_column():
    data = f"name,start_date\nOld Co,2021-05-04\nNew Co,{TOMORROW.isoformat()}\n".encode()
    parsed = importer.parse_file(data, "clients.csv", builtin_criteria())
    assert [(p.row, p.field) for p in parsed.problems] == [(3, "start_date")]
    assert "row 3, column start_date" in str(parsed.problems[0])


def test_cli_import_refuses_it_and_saves_nothing(tmp_path, capsys):
    csv_file = tmp_path / "clients.csv"
    csv_file.write_text(f"name,start_date\nOld Co,2021-05-04\nNew Co,{TOMORROW.isoformat()}\n")
    db = tmp_path / "p.sqlite"
    assert main(["import", str(csv_file), "--db", str(db)]) == 2
    assert "row 3, column start_date" in capsys.readouterr().err
    with Store(db) as store:
        assert store.clients() == ()


def test_the_form_shows_it_next_to_client_since(app):
    view = app.views["clients"]
    view.form.open_new()
    view.form.fields["name"].input.value = "Time Traveller Ltd"
    view.form.fields["start_date"].input.value = TOMORROW
    view.form.save.click()
    assert "in the future" in view.form.fields["start_date"].error_text
    assert all(c.name != "Time Traveller Ltd" for c in app.store.clients())
    assert view.form.fields["start_date"].input.value == TOMORROW  # kept as typed, to be corrected


def test_the_form_says_it_in_arabic(demo_db):
    from freelancekit.ui.app import build

    with Store(demo_db) as s:
        s.save_profile({**s.profile().__dict__, "locale": "ar"})
    app = build(demo_db)
    try:
        form = app.views["clients"].form
        form.open_new()
        form.fields["name"].input.value = "شركة المستقبل"
        form.fields["start_date"].input.value = TOMORROW
        form.save.click()
        text = form.fields["start_date"].error_text
        assert TOMORROW.isoformat() in text and "in the future" not in text and text
    finally:
        app.store.close()
