"""The app built in plain Python against a temporary portfolio: set widget values, check the store."""
from __future__ import annotations

import math
from datetime import date

import pytest

from freelancekit.portfolio.storage import Store
from freelancekit.ui import dom
from freelancekit.ui.app import App, build
from freelancekit.ui.common import error_text, literal_text


def names(app):
    return app.views["ranking"].ranking.top(3)


# -- shell ---------------------------------------------------------------------------
def test_first_run_creates_the_demo_and_shows_the_banner(tmp_path, monkeypatch):
    monkeypatch.setenv("FREELANCEKIT_DB", str(tmp_path / "new.sqlite"))  # the default place: no --db given
    app = build()
    assert app.store.is_demo() and app.store.client_count() == 12
    banner = app.root.children[2]
    assert dom.DEMO_BANNER in banner._dom_classes
    assert dom.TABS in app.tabs._dom_classes and len(app.tabs.children) == 6
    app.store.close()


def test_start_own_then_back_to_demo(app):
    app.start_own()
    assert app.store.client_count() == 0 and not app.store.is_demo()
    assert [c.key for c in app.store.criteria()] == ["hourly_rate", "on_time_payment", "ease", "enjoyment", "learning"]
    assert dom.DEMO_BANNER not in app.root.children[2]._dom_classes
    app.ask_back_to_demo()
    assert app.confirm.visible and app.store.client_count() == 0  # nothing replaced before "yes"
    app.confirm._yes()
    assert app.store.is_demo() and app.store.client_count() == 12


def test_client_form_says_where_services_come_from_while_the_profile_has_none(app):
    def hints():
        return [r for r in app.views["clients"].form.fields["services"].widget.children[0].children
                if dom.CLIENT_SERVICES_HINT in getattr(r, "_dom_classes", ())]

    assert hints() == []  # the demo profile has services to pick from
    app.start_own()
    (hint,) = hints()
    assert "Add the services you offer under Profile" in hint.value


def test_unknown_view_name_is_refused(demo_db):
    with Store(demo_db) as store, pytest.raises(ValueError):
        App(store, views=["nope"])


def test_single_views_app_for_the_notebooks(demo_db):
    with Store(demo_db) as store:
        app = App(store, views=["criteria", "ranking"])
        assert app.tabs is None and set(app.views) == {"criteria", "ranking"}
        app.views["criteria"].apply_preset("money")
        assert app.views["ranking"].ranking.criteria[0].weight == 5


def test_unexpected_error_shows_a_friendly_message(app, monkeypatch):
    def boom(*_a, **_k):
        raise RuntimeError("secret internals")
    monkeypatch.setattr(app.store, "set_weights", boom)
    app.views["criteria"].sliders["ease"].value = 3
    notice = app.views["criteria"].notice  # beside the sliders, not in a line at the top
    assert "Something went wrong" in notice.text and "secret" not in notice.text
    assert dom.NOTICE_ERROR in notice.widget._dom_classes and app.status.text == ""


# -- weights and ranking ----------------------------------------------------------------
def test_slider_saves_weight_updates_share_and_ranking(app, demo_db):
    before = names(app)
    table = app.state.score_table()
    app.views["criteria"].sliders["learning"].value = 5
    assert literal_text(app.views["criteria"].names["learning"]).endswith("56%")
    assert names(app) != before and names(app)[1] == "Sentinel Cyber"
    assert app.state.score_table() is table  # a weight change never rebuilds the score table
    with Store(demo_db) as other:
        assert {c.key: c.weight for c in other.criteria()}["learning"] == 5  # a reload keeps it


@pytest.mark.parametrize("bad", [-5, math.nan, 1e308, "abc"])
def test_weight_from_the_page_is_revalidated(app, bad):
    view = app.views["criteria"]
    view.on_weight("ease", bad)
    assert "from 0 to 100" in error_text(view.errors["ease"])
    assert {c.key: c.weight for c in app.store.criteria()}["ease"] == 1.0


def test_presets_and_all_zero_message(app):
    view = app.views["criteria"]
    view.apply_preset("peace")
    assert view.sliders["ease"].value == 5 and view.sliders["on_time_payment"].value == 4
    for key in list(view.sliders):
        view.sliders[key].value = 0
    assert "All weights are zero" in error_text(app.views["ranking"].message)
    assert app.views["ranking"].table.value == ""
    view.apply_preset("balanced")
    assert error_text(app.views["ranking"].message) == "" and len(app.views["ranking"].ranking) == 12


def test_ranking_table_marks_top_three_and_incomplete(app):
    html = app.views["ranking"].table.value
    assert html.count(dom.RANK_TOP) == 3 and 'data-rank="1"' in html
    assert dom.RANK_INCOMPLETE in html  # the bookshop has no learning rating


def test_custom_criterion_add_rename_remove(app):
    view = app.views["criteria"]
    view.new_label.value = "Referrals"
    view.on_add()
    view = app.views["criteria"]
    assert "referrals" in view.sliders
    assert "referrals" in app.views["clients"].form.fields  # the form grew a field
    view.label_inputs["referrals"].value = "Pay rate"  # a duplicate label is refused next to the row
    assert "already exists" in error_text(view.errors["referrals"])
    view.label_inputs["referrals"].value = "Referrals given"
    assert app.store.criteria()[-1].label == "Referrals given"
    app.views["criteria"].ask_remove("referrals", "Referrals given")
    app.views["criteria"].confirm._yes()
    assert "referrals" not in {c.key for c in app.store.criteria()}
    view = app.views["criteria"]
    view.new_label.value = ""
    view.on_add()
    assert "required" in error_text(view.new_error)


def test_a_criterions_direction_is_saved_and_one_the_page_makes_up_is_refused_next_to_its_row(app):
    view = app.views["criteria"]
    view.direction_inputs["ease"].value = "lower"
    assert {c.key: c.direction for c in app.store.criteria()}["ease"] == "lower" and error_text(view.errors["ease"]) == ""
    view = app.views["criteria"]
    view.on_direction("ease", "sideways")
    assert error_text(view.errors["ease"]) and {c.key: c.direction for c in app.store.criteria()}["ease"] == "lower"

# -- clients ------------------------------------------------------------------------------
def fill(form, **values):
    for key, value in values.items():
        form.fields[key].input.value = value


def test_invalid_client_is_refused_next_to_the_field_and_keeps_typing(app):
    view = app.views["clients"]
    view._on_new()
    fill(view.form, name="New Co", email="nope", hourly_rate="abc", ease="4")
    view.form.on_save()
    assert "not one email address" in view.form.fields["email"].error_text
    assert "not a number" in view.form.fields["hourly_rate"].error_text
    assert view.form.fields["name"].input.value == "New Co"  # nothing typed is lost
    assert app.store.client_count() == 12  # nothing half-saved
    marked = {k for k, r in view.form.fields.items() if dom.INVALID in r.input._dom_classes}
    assert marked == {"email", "hourly_rate"}  # the fields "marked in red"
    fill(view.form, email="new@co.example", hourly_rate="45")
    view.form.on_save()
    assert not any(dom.INVALID in r.input._dom_classes for r in view.form.fields.values())


def test_add_edit_delete_client(app):
    view = app.views["clients"]
    view._on_new()
    fill(view.form, name="New Co", email="a@new.co", hourly_rate="$45,5", ease="4", other_services="Podcasts",
         start_date=date(2024, 1, 2))
    view.form.fields["services"].input.value = ("Blog posts",)
    view.form.on_save()
    client = app.store.client_by_name("New Co")
    assert client.values["hourly_rate"] == 45.5 and client.services == ("Blog posts", "Podcasts")
    assert client.start_date == date(2024, 1, 2) and "Saved" in view.form.notice.text  # beside the Save button
    assert any(c.name == "New Co" for c in app.state.clients())
    fill(view.form, industry="Media")
    view.form.on_save()
    assert app.store.client(client.id).industry == "Media"
    view.form.ask_delete()
    assert app.store.client_count() == 13  # asks first
    view.form.confirm._yes()
    assert app.store.client_count() == 12 and not view.form.visible


def test_duplicate_name_is_shown_at_the_name(app):
    view = app.views["clients"]
    view._on_new()
    fill(view.form, name="brightpath software")
    view.form.on_save()
    assert "already exists" in view.form.fields["name"].error_text


def test_dropdown_value_outside_options_is_still_checked(app):
    view = app.views["clients"]
    view._on_new()
    fill(view.form, name="X")
    raw = view.form.collect()
    raw["values"]["ease"] = "9"  # what a tampered page could send
    view.form._save(raw, None)
    assert "from 1 to 5" in view.form.fields["ease"].error_text


def test_stale_edit_offers_keep_mine_and_reload(app, demo_db):
    view = app.views["clients"]
    target = app.store.client_by_name("Sentinel Cyber")
    view.open_client(target.id)
    with Store(demo_db) as other:
        other.update_client(target.id, {**target.__dict__, "industry": "Theirs", "services": target.services,
                                        "values": dict(target.values)})
    fill(view.form, industry="Mine")
    view.form.on_save()
    assert view.form.stale.visible
    assert app.store.client(target.id).industry == "Theirs"
    view.form.on_reload_theirs()
    assert view.form.fields["industry"].input.value == "Theirs"
    fill(view.form, industry="Mine")
    with Store(demo_db) as other:
        fresh = other.client(target.id)
        other.update_client(target.id, {**fresh.__dict__, "notes": "x", "services": fresh.services, "values": dict(fresh.values)})
    view.form.on_save()
    view.form.on_keep_mine()
    assert app.store.client(target.id).industry == "Mine"


def test_client_deleted_elsewhere_is_not_resurrected(app, demo_db):
    view = app.views["clients"]
    target = app.store.client_by_name("Sentinel Cyber")
    view.open_client(target.id)
    with Store(demo_db) as other:
        other.delete_client(target.id)
    fill(view.form, industry="Mine")
    view.form.on_save()
    assert "deleted in another tab" in error_text(view.form.message)
    assert app.store.client_count() == 11


def test_table_sorts_pages_and_searches(app):
    table = app.views["clients"].table
    table.sort_by("hourly_rate")
    table.sort_by("hourly_rate")  # descending
    assert literal_text(table.rows[0][1][0]) == "Sentinel Cyber"
    table.search.value = "yoga"
    visible = [r for r in table.rows if r[0].layout.display != "none"]
    assert len(visible) == 1 and literal_text(visible[0][1][0]) == "Flow Yoga Collective"
    table._on_edit(visible[0][3])
    assert app.views["clients"].form.fields["name"].input.value == "Flow Yoga Collective"


# -- profile --------------------------------------------------------------------------------
def test_profile_saves_each_field_and_keeps_invalid_input(app):
    view = app.views["profile"]
    view.fields["name"].input.value = "Ana"
    view.fields["email"].input.value = "broken"
    assert "not one email address" in view.fields["email"].error_text
    view.fields["signature"].input.value = "Ana\nWriter"
    p = app.store.profile()
    assert p.name == "Ana" and p.signature == "Ana\nWriter" and p.email == "maya@mayacarter-writes.com"
    assert view.fields["email"].input.value == "broken"


def test_profile_services_add_edit_remove(app):
    view = app.views["profile"]
    count = len(app.store.profile().services)
    view.add_service()
    row = view.service_rows[-1]
    row.name.value = "Podcast editing"
    row.value.value = "clean audio"
    assert app.store.profile().services[-1].name == "Podcast editing"
    assert "Podcast editing" in app.views["clients"].form.fields["services"].input.options
    row.name.value = "Blog posts"  # duplicate: refused, nothing saved
    assert "listed twice" in error_text(view.services_error)
    view.remove_service(row)
    assert len(app.store.profile().services) == count


def test_services_have_a_heading_row_only_while_there_are_services(app):
    view = app.views["profile"]
    head = view.services_box.children[0]
    assert [c.value for c in head.children] == ["", "Service", "Why a client wants it (one line)", "Price hint (optional)"]
    first_line = view.service_rows[0].widget.children[0].children  # the language tag, name, value line, price, Remove
    assert [c.layout.width for c in head.children] == [c.layout.width for c in first_line[:4]]
    for row in list(view.service_rows):
        view.remove_service(row)
    assert view.services_box.children == ()


def test_switching_to_arabic_makes_the_app_rtl(app):
    app.views["profile"].fields["locale"].input.value = "ar"
    assert dom.RTL in app.root._dom_classes and app.state.locale == "ar"
    assert app.tabs.titles[1] == "العملاء"
    app.views["profile"].fields["locale"].input.value = "en"
    assert dom.RTL not in app.root._dom_classes


def test_external_change_is_picked_up_on_tab_switch(app, demo_db):
    with Store(demo_db) as other:
        other.delete_client(other.client_by_name("Sentinel Cyber").id)
    app.tabs.selected_index = 1
    assert len(app.state.clients()) == 11 and "another tab" in app.status.text


# -- import / export and drafts ---------------------------------------------------------------
CSV_OK = "name,email,hourly_rate,ease\nZeta,z@z.com,50,3\nYotta,,60,4\n".encode()
CSV_BAD = "name,email,hourly_rate,ease\nZeta,z@z.com,50,3\nBad,nope,abc,9\n".encode()


def test_import_preview_and_confirm(app):
    view = app.views["import"]
    view.load("c.csv", CSV_OK)
    assert "2 of 2 rows" in view.preview.value and not view.confirm.disabled
    view.on_confirm()
    assert app.store.client_count() == 14 and "2 added" in view.notice.text and app.status.text == ""


def test_import_with_problems_is_all_or_nothing_unless_asked(app):
    view = app.views["import"]
    view.load("c.csv", CSV_BAD)
    assert view.confirm.disabled and view.errors.value.count(dom.IMPORT_PROBLEM) == 3
    assert "row 3, column email" in view.errors.value
    view.only_valid.value = True
    assert not view.confirm.disabled
    view.on_confirm()
    assert app.store.client_count() == 13


def test_import_update_keeps_what_the_file_has_no_column_for(app):
    before = app.store.client_by_name("Sentinel Cyber")
    view = app.views["import"]
    view.load("rates.csv", "name,hourly_rate\nSentinel Cyber,120\n".encode())
    view.on_confirm()
    after = app.store.client_by_name("Sentinel Cyber")
    assert after.values["hourly_rate"] == 120 and "1 updated" in view.notice.text
    assert (after.email, after.notes, after.last_win, after.services) == (before.email, before.notes, before.last_win, before.services)
    assert {k: v for k, v in after.values.items() if k != "hourly_rate"} == {k: v for k, v in before.values.items() if k != "hourly_rate"}


def test_import_confirmed_after_a_criterion_was_removed_elsewhere_saves_nothing(app, demo_db):
    view = app.views["import"]
    app.state.criteria()  # the app has read the criteria before the other tab changes them
    view.load("c.csv", "name,learning\nZed Co,5\n".encode())
    with Store(demo_db) as other:
        other.remove_criterion("learning")
    view.on_confirm()  # refused, and the file is previewed again against the criteria as they are now
    assert "Not a column freelancekit knows: “learning”" in error_text(view.message)
    assert view.confirm.disabled and app.store.client_count() == 12


def test_import_confirmed_after_a_scale_changed_elsewhere_says_so_and_previews_again(app, demo_db):
    view = app.views["import"]
    view.load("c.csv", "name,learning\nZed Co,5\n".encode())
    with Store(demo_db) as other:
        other.add_criterion({"label": "Stress", "kind": "rating"})
    view.on_confirm()
    assert "the criteria changed while you were importing" in error_text(view.message)
    assert app.store.client_count() == 12 and not view.confirm.disabled  # the new preview is valid: confirm again
    view.on_confirm()
    assert app.store.client_count() == 13


def test_upload_too_big_and_unreadable_file(app):
    from freelancekit.ui.import_view import UPLOAD_LIMIT_BYTES

    view = app.views["import"]
    view.on_upload({"new": [{"name": "big.csv", "size": UPLOAD_LIMIT_BYTES + 1, "content": memoryview(b"x")}]})
    assert "up to 10 MB" in error_text(view.message)
    view.on_upload({"new": [{"name": "x.csv", "size": 4, "content": memoryview(b"\xff\xfe\x00a")}]})
    assert error_text(view.message)
    assert view.confirm.disabled


def test_export_links_carry_csv_and_xlsx(app):
    import base64
    import re

    view = app.views["import"]
    view.on_prepare()
    hrefs = dict(re.findall(r'class="(fk-export-\w+)"[^>]*href="data:[^;]+;base64,([^"]+)"', view.links.value))
    assert base64.b64decode(hrefs[dom.EXPORT_CSV]).decode("utf-8-sig").startswith("name,")
    assert base64.b64decode(hrefs[dom.EXPORT_XLSX])[:2] == b"PK"


def test_drafts_show_top_three_with_services_not_bought(app):
    view = app.views["drafts"]
    assert len(view.cards) == 3
    first = view.cards[0]
    assert first.client.name == "Brightpath Software"
    missing = {o.name for o in first.suggestions}
    assert "Blog posts" not in missing and "Email newsletter" in missing
    app.views["criteria"].sliders["learning"].value = 5
    assert app.views["drafts"].cards[1].client.name == "Sentinel Cyber"
