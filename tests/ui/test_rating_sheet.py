"""The Ratings tab: every client by every rating criterion in one grid, typed from the keyboard."""
from __future__ import annotations

from freelancekit.records.parse import parse_records
from freelancekit.records.store import RecordsPart
from freelancekit.ui import dom
from freelancekit.ui.common import literal_text


def sheet_of(app):
    return app.views["ratings"]


def row_named(sheet, name):
    return next(r for r in sheet.rows if r.widget.layout.display != "none" and literal_text(r.name) == name)


def cell(row, key):
    return next(c for c in row.cells if c.crit.key == key)


def test_the_grid_has_one_box_per_client_and_rating_criterion_and_none_for_the_pay_rate(app):
    sheet = sheet_of(app)
    keys = [c.crit.key for c in sheet.rows[0].cells]
    assert keys == ["on_time_payment", "ease", "enjoyment", "learning"]  # hourly_rate is a number, typed in the form
    shown = [r for r in sheet.rows if r.widget.layout.display != "none"]
    assert len(shown) == app.store.client_count() == 12
    assert [literal_text(r.name) for r in shown] == sorted((literal_text(r.name) for r in shown), key=str.casefold)


def test_typing_a_rating_saves_that_value_and_keeps_every_box_in_place(app):
    sheet = sheet_of(app)
    name = literal_text(sheet.rows[0].name)
    boxes = [c.input for r in sheet.rows for c in r.cells]
    cell(row_named(sheet, name), "ease").input.value = "2"
    assert app.store.client_by_name(name).values["ease"] == 2
    assert [c.input for r in sheet.rows for c in r.cells] == boxes  # the focus stays where the user typed
    assert name in row_named(sheet, name).notice.text  # "Saved" at the end of the row typed in


def test_a_rating_outside_the_scale_is_refused_next_to_its_row(app):
    sheet = sheet_of(app)
    row = sheet.rows[0]
    before = app.store.client(row.client_id).values["ease"]
    cell(row, "ease").input.value = "9"
    assert literal_text(row.error) and app.store.client(row.client_id).values["ease"] == before


def test_a_rating_for_a_client_deleted_meanwhile_saves_nothing_and_its_row_goes(app):
    sheet = sheet_of(app)
    row = sheet.rows[0]
    name, count = literal_text(row.name), app.store.client_count()
    app.store.delete_client(row.client_id)  # another tab or the CLI
    cell(row, "ease").input.value = "2"
    assert app.store.client_count() == count - 1  # the save did not bring it back
    assert name not in [literal_text(r.name) for r in sheet.rows if r.widget.layout.display != "none"]

def test_the_levels_are_labelled_in_both_languages(app):
    from freelancekit.language import i18n

    html = sheet_of(app).widget.children[0].value
    assert dom.RATE_LEVELS in html and "2 — often a struggle" in html and "5 — a pleasure" in html
    assert i18n.t("rate.level.5", "ar") == "5 — متعة حقيقية"


def test_a_measured_on_time_value_shows_as_measured_not_as_a_box_to_rate(app):
    client = app.store.clients()[0]
    invoices = ("client,invoice,issued,due,amount,paid_on,paid_amount\n"
                f"{client.name},Z-1,2026-09-01,2026-09-15,500,2026-09-10,500\n").encode()
    RecordsPart(app.store).save(parse_records(invoices, "invoices"))
    RecordsPart(app.store).set_source("on_time_payment", "records")
    app.state.changed("records")
    sheet = sheet_of(app)
    on_time = cell(row_named(sheet, client.name), "on_time_payment")
    assert on_time.shows_measured  # the stylesheet hides its box (dom.RATE_BOX_MEASURED)
    assert not cell(row_named(sheet, client.name), "ease").shows_measured
    assert "100% on time" in on_time.measured.value and dom.MEASURED_MARK in on_time.measured.value
    assert dom.MARKS_LEGEND in sheet.legend.value and "measured from your records" in sheet.legend.value


def test_the_summary_counts_the_clients_left_to_rate_until_everyone_is_rated(app):
    sheet = sheet_of(app)
    client = app.store.clients()[0]
    app.store.set_value(client.id, "learning", None)
    app.state.changed("clients")
    assert literal_text(sheet.summary).endswith("still has a criterion to rate.") or "clients still have" in literal_text(sheet.summary)
    for client in app.store.clients():
        for key in ("on_time_payment", "ease", "enjoyment", "learning"):
            if client.values.get(key) is None:
                app.store.set_value(client.id, key, 3)
    app.state.changed("clients")
    assert literal_text(sheet.summary) == "Every client is rated on every criterion."
