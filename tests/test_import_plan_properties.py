"""The import plan is what the import does, and the undo plan undoes it (portfolio/import_plan.py, last_import.py).

* the plan a preview shows (``importer.plan``), applied to the portfolio it was made
  against, is the portfolio the import leaves, and its counts are the import's;
* undoing the import gives back the clients as they were before it (ids and every field);
* ``plan_undo`` refuses, naming them, clients changed or drafted since the import.
"""
from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from freelancekit.drafts.store import DraftsPart
from freelancekit.errors import UndoConflict
from freelancekit.files.importer import commit, parse_file, plan
from freelancekit.portfolio.last_import import LastImport, plan_undo
from freelancekit.portfolio.model import builtin_criteria
from freelancekit.portfolio.storage import Store

CRITERIA = builtin_criteria()
TEXT = st.text(alphabet="ab éß شركة-", min_size=1, max_size=5).map(str.strip).filter(bool)
CELLS = {
    "contact_name": TEXT,
    "email": st.sampled_from(["a@x.io", "lina@shop.example"]),
    "services": st.sampled_from(["Blog posts", "SEO;Editing", "كتابة"]),
    "hourly_rate": st.sampled_from(["0", "45", "45,5", "٤٥"]),
    "ease": st.sampled_from(["2", "4"]),
    "notes": TEXT,
    "start_date": st.sampled_from(["2020-01-31", "2024-02-29"]),
    "working_on": TEXT,
}
FIELDS = list(CELLS)


@st.composite
def portfolio_and_file(draw):
    n_saved = draw(st.integers(0, 4))
    saved = [{"name": f"Client {i}", **{f: draw(st.one_of(st.just(""), CELLS[f])) for f in FIELDS}} for i in range(n_saved)]
    columns = ["name", *draw(st.lists(st.sampled_from(FIELDS), unique=True, max_size=len(FIELDS)))]
    picked = draw(st.lists(st.integers(0, n_saved + 3), unique=True, min_size=1, max_size=n_saved + 3))
    rows = [[draw(st.sampled_from([f"Client {i}", f"CLIENT {i}"])),
             *(draw(st.one_of(st.just(""), st.just("(clear)"), CELLS[f])) for f in columns[1:])] for i in picked]
    return saved, columns, rows, draw(st.sampled_from(["update", "skip", "error"]))


def csv_file(columns, rows) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows([columns, *rows])
    return buf.getvalue().encode()


def saved_store(folder: str, saved) -> Store:
    store = Store(Path(folder) / "p.sqlite")
    for raw in saved:
        store.add_client({k: v for k, v in raw.items() if k != "working_on" or v})
    return store


def content(clients, *, ids: bool = True):
    """Clients as compared: every field, the id only when asked, never the revision (a count of saves)."""
    return [replace(c, revision=0, id=c.id if ids else None) for c in clients]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(portfolio_and_file())
def test_the_import_leaves_the_portfolio_its_previewed_plan_describes(case):
    saved, columns, rows, on_duplicate = case
    with tempfile.TemporaryDirectory() as tmp, saved_store(tmp, saved) as store:
        parsed = parse_file(csv_file(columns, rows), "c.csv", store.criteria())
        before = store.clients()
        previewed = plan(store, parsed, on_duplicate=on_duplicate)
        described = previewed.clients_after(before)
        result = commit(store, parsed, on_duplicate=on_duplicate, skip_invalid=True)
        after = store.clients()
        assert content(after[:len(before)]) == content(described[:len(before)])
        assert content(after[len(before):], ids=False) == content(described[len(before):], ids=False)
        counts = previewed.result()
        assert (result.added, result.updated, result.unchanged, result.skipped) == (
            counts.added, counts.updated, counts.unchanged, counts.skipped)
        assert len(after) == len(before) + counts.added


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(portfolio_and_file())
def test_undo_after_an_import_gives_back_the_clients_before_it(case):
    saved, columns, rows, on_duplicate = case
    with tempfile.TemporaryDirectory() as tmp, saved_store(tmp, saved) as store:
        before = store.clients()
        commit(store, parse_file(csv_file(columns, rows), "c.csv", store.criteria()), on_duplicate=on_duplicate, skip_invalid=True)
        store.undo_import()
        assert content(store.clients()) == content(before)
        assert store.last_import() is None


def test_plan_undo_names_the_clients_changed_or_drafted_since_and_deletes_only_the_imports_own(tmp_path):
    with Store(tmp_path / "p.sqlite") as store:
        store.add_client({"name": "Kept", "notes": "old"})
        commit(store, parse_file(csv_file(["name", "notes"], [["Kept", "new"], ["Ana", "x"], ["Bo", "y"]]), "c.csv", CRITERIA))
        last = LastImport.from_json(store._read("SELECT value FROM meta WHERE key = 'last_import'")[0][0])
        ana, bo = store.client_by_name("Ana"), store.client_by_name("Bo")
        kept = store.client_by_name("Kept")
        rows = [{"id": c.id, "name": c.name, "revision": c.revision, "updated": last.at, "name_key": c.key} for c in (ana, bo)]
        clean = plan_undo(last, rows, set(), {kept.saved_id: kept.revision})
        assert (clean.delete, clean.conflicts) == ((ana.id, bo.id), ())
        assert [r["name"] for r in clean.restore] == ["Kept"] and clean.restore[0]["notes"] == "old"
        edited = plan_undo(last, [{**rows[0], "revision": 2}, rows[1]], {bo.saved_id}, {kept.saved_id: kept.revision + 1})
        assert edited.conflicts == ("Ana", "Bo", "Kept")
        reused = plan_undo(last, [{**rows[0], "updated": "later", "name_key": "someone else"}], set(), {kept.saved_id: kept.revision})
        assert reused.delete == ()  # an id the import's client left, taken by a client added by hand
        DraftsPart(store).save(bo.saved_id, {"subject": "hello"})
        with pytest.raises(UndoConflict):
            store.undo_import()
        assert store.client_by_name("Ana")  # refused: nothing undone
