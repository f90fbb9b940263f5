"""A client's timing and context: the win's date, what they are working on, the language of their drafts.

Kept like every other field: form (make_client), import (merged, refused with row and column), export,
storage (format 3), and used by the drafts (docs/drafts.md, "Timing" and "Context").
"""
from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, timedelta

import pytest
from old_formats import wind_back

from freelancekit.drafts.drafting import compose_draft
from freelancekit.errors import InvalidInput
from freelancekit.files.exporter import to_csv_bytes
from freelancekit.files.importer import import_clients
from freelancekit.language.bidi import strip_marks
from freelancekit.portfolio.demo import demo_portfolio
from freelancekit.portfolio.model import builtin_criteria, make_client
from freelancekit.portfolio.storage import Store

TODAY = date(2026, 12, 2)


def test_the_form_checks_the_three_fields_with_every_problem_at_once():
    crit = builtin_criteria()
    c = make_client({"name": "A", "last_win_date": "2026-11-20", "working_on": "  a spring campaign ", "language": "AR"}, crit)
    assert (c.last_win_date, c.working_on, c.language) == (date(2026, 11, 20), "a spring campaign", "ar")
    assert make_client({"name": "A"}, crit).language == ""
    with pytest.raises(InvalidInput) as exc:
        make_client({"name": "A", "last_win_date": (date.today() + timedelta(days=3)).isoformat(), "language": "fr",
                     "working_on": "x" * 201}, crit)
    assert {p.field for p in exc.value.problems} == {"last_win_date", "language", "working_on"}
    assert "is in the future" in exc.value.for_field("last_win_date")
    assert "use en (English) or ar (Arabic)" in exc.value.for_field("language")


def test_import_export_and_storage_keep_them(tmp_path):
    with Store(tmp_path / "p.sqlite") as store:
        data = ("name,last_win_date,working_on,اللغة\n"
                "Acme,2026-11-20,a big spring campaign,ar\n"
                "Beta,,,\n").encode()
        import_clients(store, data, "clients.csv")
        acme = store.client_by_name("Acme")
        assert (acme.last_win_date, acme.working_on, acme.language) == (date(2026, 11, 20), "a big spring campaign", "ar")
        rows = list(csv.DictReader(io.StringIO(to_csv_bytes(store.clients(), store.criteria()).decode("utf-8-sig"))))
        assert [(r["name"], r["last_win_date"], r["working_on"], r["language"]) for r in rows] == [
            ("Acme", "2026-11-20", "a big spring campaign", "ar"), ("Beta", "", "", "")]
        # a re-import whose cells are empty keeps them; a file without the columns keeps them too
        import_clients(store, b"name,last_win_date,working_on\nAcme,,\n", "again.csv")
        import_clients(store, b"name,notes\nAcme,hello\n", "notes.csv")
        acme = store.client_by_name("Acme")
        assert (acme.last_win_date, acme.working_on, acme.language, acme.notes) == (date(2026, 11, 20), "a big spring campaign", "ar", "hello")
        updated = store.update_client(acme.id, replace(acme, working_on="the autumn launch", last_win_date=None))
        assert store.client(acme.id) == updated and updated.working_on == "the autumn launch" and updated.last_win_date is None
        with pytest.raises(InvalidInput) as exc:
            import_clients(store, b"name,last_win_date,language\nGamma,2999-01-01,de\n", "bad.csv")
        assert {(p.field, p.row) for p in exc.value.problems} == {("last_win_date", 2), ("language", 2)}
        assert "Gamma" not in [c.name for c in store.clients()]  # all or nothing


def test_a_portfolio_of_the_format_before_opens_with_empty_context_and_everything_kept(tmp_path):
    path = tmp_path / "p.sqlite"
    with Store(path) as s:
        s.replace_all(demo_portfolio())
        before = s.portfolio()
    wind_back(path, 4)  # the format before the clients' context columns
    with Store(path) as s:
        assert s.portfolio() == before
        assert {(c.last_win_date, c.working_on, c.language) for c in s.clients()} == {(None, "", "")}


def test_a_client_of_their_own_language_gets_a_draft_in_it():
    p = demo_portfolio()  # an English profile
    client = replace(p.clients[0], language="ar", working_on="حملة الربيع")
    d = compose_draft(p, client, today=TODAY)
    assert d.locale == "ar" and strip_marks(d.body).startswith("مرحباً Daniel،")
    assert "العمل جارٍ الآن على حملة الربيع" in strip_marks(d.body)
    assert compose_draft(p, p.clients[0], today=TODAY).locale == "en"
