"""Closing the client form (or opening another client in it) with unsaved changes asks first:
"Discard changes" or "Keep editing"; without changes it closes at once."""
from __future__ import annotations

from freelancekit.portfolio.storage import Store
from freelancekit.ui import dom
from freelancekit.ui.common import literal_text


def open_first(app):
    view = app.views["clients"]
    client = app.store.clients()[0]
    view.open_client(client.id)
    return view, client


def test_closing_without_changes_closes_at_once(app):
    view, _client = open_first(app)
    view.form.close.click()
    assert not view.form.visible and not view.form.confirm.visible


def test_closing_with_changes_asks_and_keep_editing_keeps_them(app):
    view, client = open_first(app)
    view.form.fields["notes"].input.value = "typed, not saved"
    view.form.close.click()
    confirm = view.form.confirm
    assert view.form.visible and confirm.visible and dom.CONFIRM_BOX in confirm.widget._dom_classes
    assert client.name in literal_text(confirm.message) and "not saved" in literal_text(confirm.message)
    assert (confirm.yes.description, confirm.cancel.description) == ("Discard changes", "Keep editing")
    confirm.cancel.click()  # Keep editing
    assert view.form.visible and view.form.fields["notes"].input.value == "typed, not saved"
    view.form.save.click()  # saving makes it clean: closing no longer asks
    view.form.close.click()
    assert not view.form.visible and app.store.client(client.id).notes == "typed, not saved"


def test_discard_closes_and_saves_nothing(app):
    view, client = open_first(app)
    view.form.fields["hourly_rate"].input.value = "1"
    view.form.close.click()
    view.form.confirm.yes.click()  # Discard changes
    assert not view.form.visible and app.store.client(client.id).values == client.values


def test_a_new_client_half_typed_asks_too(app):
    view = app.views["clients"]
    view.new.click()
    view.form.fields["email"].input.value = "someone@example.com"
    view.form.close.click()
    assert view.form.confirm.visible and "new client" in literal_text(view.form.confirm.message)


def test_opening_another_client_with_unsaved_changes_asks_first(app):
    view, client = open_first(app)
    other = app.store.clients()[1]
    view.form.fields["notes"].input.value = "for the first one"
    view.open_client(other.id)  # its Edit button in the table
    assert view.form.confirm.visible and view.form.editing[0] == client.id
    view.form.confirm.yes.click()
    assert view.form.editing[0] == other.id and view.form.fields["notes"].input.value == other.notes
    view.new.click()  # no changes to the other one: New opens at once
    assert view.form.editing is None and not view.form.confirm.visible


def test_a_criterion_added_elsewhere_is_not_an_unsaved_change(app):
    view, _client = open_first(app)
    with Store(app.store.path) as other:
        other.add_criterion({"label": "Referrals"})
    view.table.sort_by("email")  # the next action picks it up: the form grows a field
    assert "referrals" in view.form.fields
    view.form.close.click()
    assert not view.form.visible


def test_the_question_in_arabic(demo_db):
    from freelancekit.ui.app import build

    with Store(demo_db) as s:
        s.save_profile({**s.profile().__dict__, "locale": "ar"})
    app = build(demo_db)
    try:
        view, _client = open_first(app)
        view.form.fields["notes"].input.value = "ملاحظة"
        view.form.close.click()
        assert view.form.confirm.yes.description == "تجاهل التغييرات" and view.form.confirm.cancel.description == "تابع التعديل"
        assert "غير محفوظة" in literal_text(view.form.confirm.message)
    finally:
        app.store.close()
