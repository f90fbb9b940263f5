"""Re-importing merges (empty cells keep the saved value, ``(clear)`` erases), the preview says
old -> new per field, and the last import can be undone exactly (docs/data.md)."""
from __future__ import annotations

from datetime import date

import pytest

from freelancekit.drafts.store import DraftsPart
from freelancekit.errors import InvalidInput, NothingToUndo, UndoConflict
from freelancekit.files.exporter import to_csv_bytes
from freelancekit.files.importer import import_clients, parse_file, preview
from freelancekit.portfolio.import_merge import Change
from freelancekit.portfolio.storage import Store

HEADER = "name,contact_name,email,industry,services,hourly_rate,on_time_payment,ease,enjoyment,learning,notes,last_win,start_date"
SAVED = {"name": "Acme", "contact_name": "Lina", "email": "lina@acme.com", "industry": "SaaS", "services": "Blog posts;SEO",
         "hourly_rate": 60, "on_time_payment": 4, "ease": 3, "enjoyment": 5, "learning": 2, "notes": "two\nlines",
         "last_win": "case study", "start_date": "2023-05-01"}


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "p.sqlite") as s:
        s.add_client(SAVED)
        s.add_client({"name": "Beta", "ease": 1})
        yield s


def csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def export(store: Store) -> bytes:
    p = store.portfolio()
    return to_csv_bytes(p.clients, p.criteria)


def test_reimport_with_every_cell_empty_keeps_every_saved_value(store):
    before = store.client_by_name("Acme")
    r = import_clients(store, csv(HEADER, "ACME" + "," * 12))
    after = store.client_by_name("acme")
    assert (r.added, r.updated, r.unchanged) == (0, 1, 0)  # only the name's spelling changes
    assert after.name == "ACME"
    for f in ("contact_name", "email", "industry", "services", "notes", "last_win", "start_date", "values"):
        assert getattr(after, f) == getattr(before, f), f


def test_a_cell_with_a_value_replaces_and_an_empty_one_keeps(store):
    import_clients(store, csv("name,email,ease,notes,start_date", "Acme,new@acme.com,,,2024-01-02"))
    c = store.client_by_name("Acme")
    assert (c.email, c.values["ease"], c.notes, c.start_date) == ("new@acme.com", 3.0, "two\nlines", date(2024, 1, 2))


@pytest.mark.parametrize("marker", ["(clear)", " (CLEAR) ", "(امسح)"])
def test_the_clear_marker_erases_a_saved_value(store, marker):
    r = import_clients(store, csv("name,contact_name,services,ease,hourly_rate,start_date,notes",
                                  f"Acme,{marker},{marker},{marker},{marker},{marker},"))
    c = store.client_by_name("Acme")
    assert r.updated == 1
    assert (c.contact_name, c.services, c.values["ease"], c.values["hourly_rate"], c.start_date) == ("", (), None, None, None)
    assert c.notes == "two\nlines" and c.values["learning"] == 2.0  # empty cell, missing column: kept


def test_the_clear_marker_on_a_new_client_is_just_empty(store):
    import_clients(store, csv("name,notes,ease", "Gamma,(clear),(clear)"))
    c = store.client_by_name("Gamma")
    assert (c.notes, c.values["ease"]) == ("", None)


def test_an_unchanged_client_is_not_written(store):
    rev = store.client_by_name("Beta").revision
    version = store.data_version()
    r = import_clients(store, csv("name,ease,notes", "Beta,1,", "Acme,,"))
    assert (r.added, r.updated, r.unchanged) == (0, 0, 2)
    assert store.client_by_name("Beta").revision == rev
    assert store.data_version() == version + 1  # one action (the import), no client row rewritten


def test_preview_lists_old_and_new_per_field_and_saves_nothing(store):
    before = (store.portfolio(), store.data_version())
    parsed = parse_file(csv("name,email,ease,services,notes", "Acme,new@acme.com,5,,(clear)", "Beta,,1,,", "Gamma,,,,"),
                        "c.csv", store.criteria())
    plan = preview(store, parsed)
    assert (store.portfolio(), store.data_version()) == before
    assert (plan.added, plan.updated, plan.unchanged) == (1, 1, 1)
    acme, beta = plan.changes
    assert (acme.row, acme.name, beta.row, beta.changes) == (2, "Acme", 3, ())
    assert acme.changes == (Change("email", "lina@acme.com", "new@acme.com"), Change("ease", 3.0, 5.0), Change("notes", "two\nlines", ""))


def test_undo_restores_the_exact_export_and_can_run_once(store):
    DraftsPart(store).save(store.client_by_name("Acme").id, {"subject": "hi"})
    before = export(store), DraftsPart(store).all()
    r = import_clients(store, csv("name,email,ease,notes", "acme,x@y.io,5,(clear)", "New one,n@y.io,2,hello"), "c.csv")
    assert (r.added, r.updated) == (1, 1) and export(store) != before[0]
    assert store.last_import().source == "c.csv"
    undone = store.undo_import()
    assert (undone.added, undone.updated) == (1, 1)
    assert (export(store), DraftsPart(store).all()) == before
    assert store.last_import() is None
    with pytest.raises(NothingToUndo):
        store.undo_import()


def test_undo_gives_the_restored_client_a_new_revision(store):
    """An editor opened on the imported version must not silently save over the restored one."""
    import_clients(store, csv("name,ease", "Acme,5"))
    rev = store.client_by_name("Acme").revision
    store.undo_import()
    assert store.client_by_name("Acme").revision == rev + 1


@pytest.mark.parametrize("later", ["edit updated", "edit added", "delete updated", "draft for added"])
def test_undo_is_refused_when_a_client_changed_since(store, later):
    import_clients(store, csv("name,ease", "Acme,5", "Gamma,2"))
    if later == "edit updated":
        store.update_client(store.client_by_name("Acme").id, {**SAVED, "notes": "typed after"})
    elif later == "edit added":
        store.update_client(store.client_by_name("Gamma").id, {"name": "Gamma", "notes": "typed after"})
    elif later == "delete updated":
        store.delete_client(store.client_by_name("Acme").id)
    else:
        DraftsPart(store).save(store.client_by_name("Gamma").id, {"subject": "hi"})
    before = (store.portfolio(), DraftsPart(store).all(), store.data_version())
    with pytest.raises(UndoConflict) as exc:
        store.undo_import()
    assert exc.value.names == (["Gamma"] if "added" in later else ["Acme"])
    assert (store.portfolio(), DraftsPart(store).all(), store.data_version()) == before
    assert store.last_import() is not None  # still undoable once the conflict is sorted out


def test_undo_leaves_a_client_added_later_by_hand(store):
    import_clients(store, csv("name", "Gamma", "Delta"))
    store.delete_client(store.client_by_name("Delta").id)
    store.add_client({"name": "Typed by hand"})  # may reuse Delta's id
    store.undo_import()
    assert sorted(c.name for c in store.clients()) == ["Acme", "Beta", "Typed by hand"]


def test_a_refused_import_keeps_the_previous_undo(store):
    import_clients(store, csv("name", "Gamma"), "first.csv")
    with pytest.raises(InvalidInput):
        import_clients(store, csv("name,ease", "Delta,9"), "second.csv")
    assert store.last_import().source == "first.csv"


def test_starting_over_leaves_nothing_to_undo(store):
    import_clients(store, csv("name", "Gamma"))
    store.start_empty()
    assert store.last_import() is None


def test_an_undo_conflict_is_worded_from_the_catalog_naming_five_clients_and_counting_the_rest():
    from freelancekit.language.wording import error_text

    exc = UndoConflict(list("ABCDEFG"))
    assert str(exc) == ("the import was not undone: 'A', 'B', 'C', 'D', 'E' and 2 more changed after it "
                        "(edited, deleted or given a draft), and undoing would lose that; nothing was changed")
    assert error_text(exc, "ar", isolate=False).startswith("لم يُتراجع عن الاستيراد: تغيّر «A»، «B»، «C»، «D» و«E» ومعه عميلان آخران بعده")
    assert error_text(UndoConflict(["Acme"]), "ar", isolate=False).startswith("لم يُتراجع عن الاستيراد: تغيّر «Acme» بعده")
