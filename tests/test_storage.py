"""The SQLite store: schema and migration, transactions, revisions, uniqueness, criteria, drafts, backups."""
from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import replace

import pytest

from freelancekit.drafts.store import DraftsPart
from freelancekit.errors import InvalidInput, NotFound, StaleEdit, StorageError
from freelancekit.portfolio.demo import demo_portfolio
from freelancekit.portfolio.model import Service, builtin_criteria
from freelancekit.portfolio.schema import APPLICATION_ID, SCHEMA_VERSION
from freelancekit.portfolio.storage import Store
from freelancekit.records.store import RecordsPart


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "p.sqlite") as s:
        yield s


def snapshot(store: Store):
    return store.portfolio(), store.data_version(), DraftsPart(store).all(), DraftsPart(store).templates()


# -- opening and migrating -----------------------------------------------------
@pytest.mark.parametrize("existing", [False, True], ids=["no file", "empty SQLite database"])
def test_new_portfolio_is_migrated_to_the_current_schema(tmp_path, existing):
    path = tmp_path / "sub" / "p.sqlite"
    if existing:  # schema version 0: a database with no tables yet
        path.parent.mkdir()
        con = sqlite3.connect(path)
        con.execute("VACUUM")
        con.close()
        assert path.stat().st_size > 0
    with Store(path) as s:
        assert [c.key for c in s.criteria()] == [c.key for c in builtin_criteria()]
        assert all(c.weight == 1 and c.builtin for c in s.criteria())
        assert s.clients() == () and not s.is_demo() and s.data_version() == 0
        assert s.profile().currency == "USD" and s.profile().locale == "en"
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
    with Store(path) as again:  # reopening does not migrate or seed twice
        assert len(again.criteria()) == 5 and again.data_version() == 0


def test_opening_what_is_not_a_portfolio_is_refused(tmp_path):
    text = tmp_path / "notes.sqlite"
    text.write_text("hello")
    with pytest.raises(StorageError, match=r"is not a freelancekit portfolio \(it is not a SQLite database\)"):
        Store(text)
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.close()
    with pytest.raises(StorageError, match="is a SQLite database but not a freelancekit portfolio"):
        Store(other)
    newer = tmp_path / "newer.sqlite"
    Store(newer).close()
    con = sqlite3.connect(newer)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(StorageError, match=rf"was saved by a newer freelancekit \(format {SCHEMA_VERSION + 1}, this one reads up to {SCHEMA_VERSION}\)"):
        Store(newer)
    with pytest.raises(StorageError, match="is a folder, not a portfolio file"):
        Store(tmp_path)
    with pytest.raises(StorageError, match="there is no portfolio at"):
        Store(tmp_path / "missing.sqlite", create=False)
    assert not (tmp_path / "missing.sqlite").exists()
    assert text.read_text() == "hello"


# -- clients: revisions, stale edits, not found ---------------------------------
def test_a_new_client_gets_an_id_revision_1_and_its_parsed_values(store):
    a = store.add_client({"name": "Acme", "ease": "4", "hourly_rate": "$45"})
    assert (a.id, a.revision, a.values["hourly_rate"], a.values["ease"]) == (1, 1, 45.0, 4.0)
    assert store.client(a.id) == a


def test_every_save_moves_the_data_version_on_by_one(store):
    assert store.data_version() == 0
    a = store.add_client({"name": "Acme"})
    assert store.data_version() == 1
    store.update_client(a.id, {"name": "Acme Ltd"})
    assert store.data_version() == 2
    store.delete_client(a.id)
    assert store.data_version() == 3


def test_an_edit_from_the_current_revision_is_saved_and_moves_the_revision_on(store):
    a = store.add_client({"name": "Acme", "ease": "4"})
    b = store.update_client(a.id, {"name": "Acme Ltd", "ease": 5}, expected_revision=1)
    assert b.revision == 2
    assert (store.client(a.id).revision, store.client(a.id).name, store.client(a.id).values["ease"]) == (2, "Acme Ltd", 5.0)


def test_an_edit_from_an_old_revision_is_refused_and_changes_nothing(store):
    a = store.add_client({"name": "Acme"})
    store.update_client(a.id, {"name": "Acme Ltd"}, expected_revision=1)
    before = snapshot(store)
    with pytest.raises(StaleEdit, match="'Acme Ltd' was changed elsewhere after you opened it"):  # named as typed
        store.update_client(a.id, {"name": "Acme Ltd"}, expected_revision=1)
    assert snapshot(store) == before


def test_a_delete_from_an_old_revision_is_refused_and_changes_nothing(store):
    a = store.add_client({"name": "Acme"})
    store.update_client(a.id, {"name": "Acme Ltd"})
    before = snapshot(store)
    with pytest.raises(StaleEdit, match="reload before deleting it"):
        store.delete_client(a.id, expected_revision=1)
    assert snapshot(store) == before


def test_a_client_object_can_be_saved_as_an_edit(store):
    a = store.add_client({"name": "Acme"})
    store.update_client(a.id, replace(store.client(a.id), notes="line 1\nline 2"))
    assert (store.client(a.id).notes, store.client(a.id).revision) == ("line 1\nline 2", 2)


def test_a_deleted_client_is_gone_from_every_read(store):
    a = store.add_client({"name": "Acme"})
    store.delete_client(a.id, expected_revision=1)
    with pytest.raises(NotFound, match="no longer in the portfolio"):
        store.client(a.id)
    with pytest.raises(NotFound, match="there is no client named 'Acme'"):
        store.client_by_name("Acme")
    assert store.clients() == ()


def test_editing_or_deleting_a_deleted_client_says_so_and_changes_nothing(store):
    a = store.add_client({"name": "Acme"})
    store.delete_client(a.id)
    before = snapshot(store)
    with pytest.raises(NotFound, match="was deleted elsewhere"):
        store.update_client(a.id, {"name": "Acme"})
    with pytest.raises(NotFound, match="already deleted"):
        store.delete_client(a.id)
    assert snapshot(store) == before


@pytest.mark.parametrize("first, second", [
    ("Acme", "ACME"), ("Émile Durand", "E\u0301MILE durand"), ("مكتبة النور", " مكتبة النور "), ("Straße", "STRASSE"),
    ("🚀 Rocket", "🚀 rocket"),
])
def test_client_names_are_unique_ignoring_case_and_normal_form(store, first, second):
    c = store.add_client({"name": first})
    before = snapshot(store)
    with pytest.raises(InvalidInput) as exc:
        store.add_client({"name": second})
    assert str(exc.value) == f"name: a client named '{first}' already exists: client names must be unique (ignoring upper/lower case)"
    assert snapshot(store) == before
    assert store.client_by_name(second.strip()).id == c.id
    store.update_client(c.id, {"name": second})  # renaming a client to another case of its own name is fine
    assert store.client(c.id).name == unicodedata.normalize("NFC", second.strip())


def test_renaming_onto_another_client_is_refused(store):
    store.add_client({"name": "Alpha"})
    b = store.add_client({"name": "Beta"})
    with pytest.raises(InvalidInput, match="a client named 'Alpha' already exists"):
        store.update_client(b.id, {"name": "alpha"})


def test_unicode_round_trips(store):
    raw = {"name": "مكتبة النور 📚", "contact_name": "Émile Ǆ", "notes": "سطر\nligne ☕", "services": "تحرير; Blog posts ;تحرير",
           "email": "layla@مثال.com", "start_date": "2024-10-14", "last_win": "🎉 record"}
    c = store.add_client(raw)
    got = store.client(c.id)
    assert (got.name, got.contact_name, got.notes, got.services) == ("مكتبة النور 📚", "Émile Ǆ", "سطر\nligne ☕", ("تحرير", "Blog posts"))
    assert got.email == "layla@مثال.com" and str(got.start_date) == "2024-10-14" and got.last_win == "🎉 record"
    assert got.values == {k.key: None for k in builtin_criteria()}


# -- whole portfolio -------------------------------------------------------------
def test_replace_all_and_start_empty(store):
    store.add_client({"name": "Mine"})
    store.replace_all(demo_portfolio())
    p = store.portfolio()
    assert p.is_demo and len(p.clients) == 12 and p.profile.name == "Maya Carter" and len(p.profile.services) == 7
    first = store.client_by_name("Brightpath Software")
    DraftsPart(store).save(first.id, {"subject": "Hi"})
    DraftsPart(store).save_template("subject_en", "Hello {{ contact }}")
    store.start_empty()
    p = store.portfolio()
    assert not p.is_demo and p.clients == () and p.profile.name == "" and p.profile.services == ()
    assert [c.key for c in p.criteria] == [c.key for c in builtin_criteria()]
    assert DraftsPart(store).all() == {} and DraftsPart(store).templates() == {}


def test_profile_save_and_stale(store):
    p = store.save_profile({"name": "Maya", "email": "Maya@Example.COM", "currency": "eur", "locale": "ar",
                            "services": [{"name": "Editing", "value": "clean copy"}, Service("SEO")]}, expected_revision=1)
    assert p.revision == 2 and p.email == "Maya@example.com" and p.currency == "EUR"
    assert store.profile() == p
    with pytest.raises(StaleEdit, match="your profile was changed elsewhere"):
        store.save_profile({"name": "Other"}, expected_revision=1)
    again = store.save_profile(replace(p, signature="— Maya"))
    assert again.revision == 3 and store.profile().signature == "— Maya" and store.profile().services == p.services


# -- criteria ----------------------------------------------------------------------
def test_a_new_criterion_gets_a_key_from_its_label_and_comes_last(store):
    added = store.add_criterion({"label": "Café stress", "direction": "lower", "lo": 0, "hi": 10, "weight": "2"})
    assert (added.key, added.kind, added.weight, added.revision) == ("cafe_stress", "rating", 2.0, 1)
    assert [k.key for k in store.criteria()][-1] == "cafe_stress"


def test_a_criterion_key_or_label_already_taken_is_refused(store):
    store.add_criterion({"label": "Café stress"})
    with pytest.raises(InvalidInput, match="a criterion with key 'ease' already exists"):
        store.add_criterion({"label": "Easy", "key": "ease"})
    with pytest.raises(InvalidInput, match="a criterion named 'café STRESS' already exists"):
        store.add_criterion({"label": "café STRESS"})
    with pytest.raises(InvalidInput, match="a criterion named 'pay RATE' already exists"):
        store.update_criterion("cafe_stress", {"label": "pay RATE"})


def test_narrowing_a_scale_drops_the_values_that_no_longer_fit(store):
    store.add_criterion({"label": "Café stress", "lo": 0, "hi": 10})
    c = store.add_client({"name": "Acme", "ease": 3, "cafe_stress": 8})
    upd = store.update_criterion("cafe_stress", {"hi": 5, "label": "Stress"}, expected_revision=1)
    assert (upd.label, upd.hi, upd.revision) == ("Stress", 5, 2)
    assert store.client(c.id).values["cafe_stress"] is None
    assert store.client(c.id).revision == c.revision + 1  # the client changed: editors opened on it see it


def test_a_criterion_edit_from_an_old_revision_is_refused(store):
    store.add_criterion({"label": "Stress"})
    store.update_criterion("stress", {"weight": 2}, expected_revision=1)
    with pytest.raises(StaleEdit, match="the criterion 'Stress' was changed elsewhere"):
        store.update_criterion("stress", {"weight": 3}, expected_revision=1)


def test_a_builtin_criterion_is_renamed_and_reweighted_but_keeps_key_kind_and_scale(store):
    rate = store.update_criterion("hourly_rate", {"label": "Rate", "kind": "rating", "hi": 3, "weight": 0})
    assert (rate.key, rate.kind, rate.lo, rate.hi, rate.weight, rate.builtin) == ("hourly_rate", "number", 1, 5, 0.0, True)


def test_removing_a_criterion_removes_its_values(store):
    store.add_criterion({"label": "Stress"})
    c = store.add_client({"name": "Acme", "stress": 4})
    store.remove_criterion("stress")
    assert "stress" not in store.client(c.id).values and "stress" not in [k.key for k in store.criteria()]


def test_a_missing_criterion_cannot_be_changed_or_removed(store):
    with pytest.raises(NotFound, match="there is no criterion"):
        store.remove_criterion("nope")
    with pytest.raises(NotFound, match="there is no criterion"):
        store.update_criterion("nope", {"weight": 1})


def test_the_last_criterion_cannot_be_removed(store):
    for key in ("on_time_payment", "ease", "enjoyment", "learning"):
        store.remove_criterion(key)
    with pytest.raises(InvalidInput, match="a portfolio needs at least one criterion"):
        store.remove_criterion("hourly_rate")


def test_changing_a_custom_rating_to_a_number_drops_negative_values(store):
    store.add_criterion({"label": "Mood", "lo": -2, "hi": 2})
    c = store.add_client({"name": "Acme", "mood": "-2"})
    store.add_client({"name": "Beta", "mood": "2"})
    store.update_criterion("mood", {"kind": "number"})
    assert store.client(c.id).values["mood"] is None
    assert store.client_by_name("Beta").values["mood"] == 2.0
    store.update_client(c.id, store.client(c.id))  # still a valid client after the change


def test_set_weights(store):
    crits = store.set_weights({"ease": "2,5", "learning": 0, "hourly_rate": 1})
    by_key = {c.key: c for c in crits}
    assert by_key["ease"].weight == 2.5 and by_key["learning"].weight == 0
    assert by_key["ease"].revision == 2 and by_key["hourly_rate"].revision == 1  # unchanged weights keep their revision
    before = snapshot(store)
    with pytest.raises(InvalidInput) as exc:
        store.set_weights({"speed": 1, "ease": 3})
    assert str(exc.value) == "weight: 'speed' is not a criterion: choose one of ease, enjoyment, hourly_rate, learning, on_time_payment"
    with pytest.raises(InvalidInput) as exc:
        store.set_weights({"ease": 101})
    assert str(exc.value) == "ease: must be a number from 0 to 100"
    assert snapshot(store) == before


# -- drafts and templates -----------------------------------------------------------
def test_a_draft_is_saved_with_a_revision_that_moves_on(store):
    c = store.add_client({"name": "Acme"})
    assert DraftsPart(store).save(c.id, {"subject": "Hi ☕", "body": "سلام"}) == 1
    assert DraftsPart(store).save(c.id, {"subject": "Hi again"}, expected_revision=1) == 2
    assert DraftsPart(store).all() == {c.id: ({"subject": "Hi again"}, 2)}


def test_a_draft_saved_from_an_old_revision_is_refused(store):
    c = store.add_client({"name": "Acme"})
    DraftsPart(store).save(c.id, {"subject": "one"})
    DraftsPart(store).save(c.id, {"subject": "two"}, expected_revision=1)
    with pytest.raises(StaleEdit, match="this draft was changed elsewhere"):
        DraftsPart(store).save(c.id, {"subject": "lost"}, expected_revision=1)
    assert DraftsPart(store).all() == {c.id: ({"subject": "two"}, 2)}


def test_a_draft_needs_a_saved_client(store):
    with pytest.raises(NotFound, match="its draft was not saved"):
        DraftsPart(store).save(999, {"subject": "x"})


def test_a_draft_goes_when_deleted_or_with_its_client(store):
    c = store.add_client({"name": "Acme"})
    DraftsPart(store).save(c.id, {"subject": "Hi"})
    DraftsPart(store).delete(c.id)
    assert DraftsPart(store).all() == {}
    DraftsPart(store).save(c.id, {"subject": "again"})
    store.delete_client(c.id)
    assert DraftsPart(store).all() == {}


def test_a_template_override_replaces_the_last_and_none_restores_the_default(store):
    DraftsPart(store).save_template("body_ar", "مرحبا {{ name }}")
    DraftsPart(store).save_template("body_ar", "أهلا")
    assert DraftsPart(store).templates() == {"body_ar": "أهلا"}
    DraftsPart(store).save_template("body_ar", None)
    assert DraftsPart(store).templates() == {}


def test_the_drafts_part_saves_through_the_stores_one_write_path(store, monkeypatch):
    """Each save of ``store.drafts`` is one of the store's own transactions: it moves data_version, once."""
    c = store.add_client({"name": "Acme"})
    real_write, writes = store._write, []
    monkeypatch.setattr(store, "_write", lambda *area: writes.append(area) or real_write(*area))
    before, counted = store.data_version(), store.change_counts()["drafts"]
    DraftsPart(store).save(c.id, {"subject": "Hi"})
    DraftsPart(store).save_template("body_en", "Hello")
    DraftsPart(store).delete(c.id)
    assert writes == [("drafts",)] * 3 and store.data_version() == before + 3
    assert store.change_counts()["drafts"] == counted + 3


def test_a_store_and_its_drafts_load_no_pandas_until_the_records_part_is_used(tmp_path):
    import subprocess
    import sys

    code = ("import sys; from freelancekit.portfolio.storage import Store; from freelancekit.drafts.store import DraftsPart; "
            "s = Store(sys.argv[1]); DraftsPart(s).templates(); print('pandas' in sys.modules); "
            "from freelancekit.records.store import RecordsPart; RecordsPart(s).counts(); print('pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "p.sqlite")], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_a_store_whose_parts_were_used_is_closed_as_soon_as_it_is_dropped(tmp_path):
    import weakref

    s = Store(tmp_path / "p.sqlite")
    DraftsPart(s).templates()
    gone = weakref.ref(s)
    del s
    assert gone() is None  # no reference cycle through a part: the store is freed (and closed) at once


# -- backups -------------------------------------------------------------------------
def test_backup_is_a_consistent_copy(store, tmp_path):
    store.replace_all(demo_portfolio())
    copy = store.backup(tmp_path / "copies" / "b.sqlite")
    with Store(copy, create=False) as b:
        assert b.portfolio() == store.portfolio()
    with pytest.raises(StorageError, match="already exists: choose a new file name"):
        store.backup(copy)
    made = [store.auto_backup(keep=2) for _ in range(3)]
    folder = made[0].parent
    assert folder.name == "p.sqlite.backups"
    assert sorted(folder.iterdir()) == made[1:]


def test_a_start_date_given_as_datetime_keeps_the_day(store):
    from datetime import date, datetime

    c = store.add_client({"name": "Acme", "start_date": datetime(2024, 1, 2, 15, 30)})
    assert c.start_date == date(2024, 1, 2)
    assert store.client(c.id).start_date == date(2024, 1, 2)  # the portfolio stays readable


def test_values_and_services_are_stored_exactly(store):
    import json
    import math

    import numpy as np

    from freelancekit.portfolio.client_columns import services_json, values_json_column
    from freelancekit.portfolio.model import Client, Portfolio, Profile

    def _values_json(values):
        return values_json_column({k: [x] for k, x in values.items()}, 1)[0]

    odd = {"hourly_rate": 1e-7, "on_time_payment": None, "ease": np.float64(4.0), "enjoyment": 1, "learning": 0.1 + 0.2}
    assert json.loads(_values_json(odd)) == {k: (None if x is None else float(x)) for k, x in odd.items()}
    services = ('quote " and \\\\ back', "سطر", "tab\\there", "☕")
    assert json.loads(services_json(services)) == list(services) and services_json(()) == "[]"
    with pytest.raises(ValueError):
        _values_json({"ease": math.nan})
    store.replace_all(Portfolio(Profile(), builtin_criteria(), (Client("Odd", services=services, values=odd),)))
    got = store.client_by_name("Odd")
    assert got.services == services and got.values == {k: (None if x is None else float(x)) for k, x in odd.items()}


def test_migration_path_upgrades_an_existing_portfolio_in_one_transaction(tmp_path, monkeypatch):
    """A future schema version: the step runs once on open, keeps every record, and a failing step changes nothing."""
    import freelancekit.portfolio.schema as schema

    path = tmp_path / "old.sqlite"
    with Store(path) as s:
        s.replace_all(demo_portfolio())
        before = s.portfolio()
    now, step = schema.SCHEMA_VERSION, schema.SCHEMA_VERSION + 1
    monkeypatch.setattr(schema, "SCHEMA_VERSION", step)
    monkeypatch.setattr(schema, "MIGRATIONS", {**schema.MIGRATIONS, step: "ALTER TABLE clients ADD COLUMN colour TEXT; SELECT nonsense FROM nowhere"})
    with pytest.raises(StorageError, match="could not be used"):
        Store(path)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == now  # rolled back: still the old format
    assert "colour" not in [r[1] for r in con.execute("PRAGMA table_info(clients)")]
    con.close()
    monkeypatch.setattr(schema, "MIGRATIONS", {**schema.MIGRATIONS, step: "ALTER TABLE clients ADD COLUMN colour TEXT NOT NULL DEFAULT ''"})
    with Store(path) as s:
        assert s.portfolio() == before
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == step
    assert "colour" in [r[1] for r in con.execute("PRAGMA table_info(clients)")]
    con.close()


def test_a_first_format_portfolio_gains_packages_and_keeps_everything(tmp_path):
    """A file written before packages existed (format 1) opens with no packages and its profile intact."""
    import freelancekit.portfolio.schema as schema

    path = tmp_path / "v1.sqlite"
    con = sqlite3.connect(path)
    con.executescript(schema.MIGRATIONS[1])
    con.execute("INSERT INTO meta VALUES ('revision', '0'), ('is_demo', '0'), ('created', 'x')")
    con.execute("INSERT INTO profile (id, name, email, signature, currency, locale, services) VALUES "
                "(1, 'Maya', '', '', 'USD', 'en', '[{\"name\": \"Blog posts\", \"value\": \"\", \"price_hint\": \"\"}]')")
    con.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    with Store(path) as s:
        p = s.profile()
        assert (p.name, p.service_names(), p.packages) == ("Maya", ["Blog posts"], ())
        saved = s.save_profile({"name": "Maya", "services": [{"name": "Blog posts"}],
                                "packages": [{"name": "Monthly", "services": ["Blog posts"], "price": 500, "price_note": "per month"}]})
        assert s.profile().packages == saved.packages and saved.packages[0].price == 500


def test_one_draft_is_read_by_its_client_alone(store, monkeypatch):
    from freelancekit.drafts.drafting import Draft, load_draft
    from freelancekit.drafts.store import DraftsPart

    a, b = store.add_client({"name": "Acme"}), store.add_client({"name": "Beta"})
    for c in (a, b):
        DraftsPart(store).save(c.id, Draft(c.id, c.name, "", "", f"For {c.name}", "Hello").to_data())
    assert DraftsPart(store).get(b.id)[0]["subject"] == "For Beta" and DraftsPart(store).get(999) is None
    monkeypatch.setattr(DraftsPart, "all", lambda self: pytest.fail("load_draft read every draft"))
    assert (load_draft(store, a.id).subject, load_draft(store, a.id).revision) == ("For Acme", 1)


def test_a_client_object_is_validated_as_it_is_not_copied_into_a_dict(store, monkeypatch):
    import dataclasses

    from freelancekit.portfolio import storage

    a = store.add_client({"name": "Acme", "ease": "4"})
    monkeypatch.setattr(storage, "asdict", lambda *_a, **_k: pytest.fail("the client went through a dict"), raising=False)
    monkeypatch.setattr(dataclasses, "asdict", lambda *_a, **_k: pytest.fail("the client went through a dict"))
    saved = store.update_client(a.id, replace(a, notes="direct"))
    assert (saved.notes, saved.values["ease"], store.client(a.id).notes) == ("direct", 4.0, "direct")
    with pytest.raises(InvalidInput, match="ease: must be a whole number from 1 to 5"):
        store.update_client(a.id, replace(a, values={**a.values, "ease": 9}))


def test_every_migration_can_be_wound_back_for_the_tests(tmp_path):
    """tests/support/old_formats.py undoes each migration: a new one must add its undo there."""
    from old_formats import UNDO, wind_back

    assert set(range(3, SCHEMA_VERSION + 1)) <= set(UNDO)
    for version in range(2, SCHEMA_VERSION):
        path = tmp_path / f"v{version}.sqlite"
        with Store(path) as s:
            s.add_client({"name": "Kept", "values": {"ease": 4}})
        wind_back(path, version)
        with Store(path) as s:
            assert [(c.name, c.values.get("ease")) for c in s.clients()] == [("Kept", 4.0)]
            assert s.profile().digits == "latn"


@pytest.mark.parametrize(("action", "area"), [
    (lambda s: s.save_profile({**s.profile().__dict__, "signature": "M"}), "profile"),
    (lambda s: s.add_client({"name": "New Co"}), "clients"),
    (lambda s: s.set_value(s.clients()[0].saved_id, "ease", 2), "clients"),
    (lambda s: s.delete_client(s.clients()[0].saved_id), "clients"),
    (lambda s: s.add_criterion({"label": "Fit"}), "criteria"),
    (lambda s: s.update_criterion("ease", {"label": "Easy"}), "criteria"),
    (lambda s: s.set_weights({"ease": 3}), "weights"),
    (lambda s: DraftsPart(s).save(s.clients()[0].saved_id, {"subject": "Hi"}), "drafts"),
    (lambda s: RecordsPart(s).set_source("hourly_rate", "records"), "records"),
    (lambda s: s.start_empty(), "all"),
])
def test_each_save_counts_once_in_its_area(store, action, area):
    """A tab that did not save it follows it by these counts (the app refreshes only that area's views)."""
    store.add_client({"name": "Acme", "values": {"ease": 4}})
    before = store.change_counts()
    action(store)
    after = store.change_counts()
    assert {a: after[a] - before[a] for a in after if after[a] != before[a]} == {area: 1, "revision": 1}
