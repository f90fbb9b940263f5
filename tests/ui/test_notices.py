"""A message stands beside what it is about, and goes when the user moves on (docs/errors.md, "Where the app says it")."""
from __future__ import annotations

from records_scenario import toggl_file

from freelancekit.ui import dom
from freelancekit.ui.app import TAB_OF_VIEW
from freelancekit.ui.common import literal_text


def in_row(row_widget, notice) -> bool:
    """The notice is one of the widgets laid out in this row (beside the control), at any depth."""
    todo = [row_widget]
    while todo:
        widget = todo.pop()
        if widget is notice.widget:
            return True
        todo.extend(getattr(widget, "children", ()))
    return False


def test_the_profiles_saved_stands_beside_the_field_saved_and_goes_on_a_tab_change(app):
    view = app.views["profile"]
    name, email = view.fields["name"], view.fields["email"]
    name.input.value = "Maya Haddad"
    assert app.store.profile().name == "Maya Haddad"
    assert name.notice.text == "Saved." and in_row(name.widget, name.notice)
    assert dom.notice(dom.profile_field("name")) in name.notice.widget._dom_classes
    assert app.status.text == ""  # not in a line at the top of the page
    email.input.value = "maya@example.com"
    assert email.notice.text == "Saved." and name.notice.text == ""  # one message at a time: the latest
    app.tabs.selected_index = TAB_OF_VIEW["clients"]
    assert email.notice.text == ""  # not left standing for when the user comes back


def test_a_client_forms_error_stands_at_the_field_at_fault_and_saved_beside_save(app):
    view = app.views["clients"]
    view._on_new()
    form = view.form
    form.fields["name"].input.value = "Noor Studio"
    form.fields["email"].input.value = "not an address"
    form.on_save()
    assert "email" in form.fields["email"].error_text.lower() and form.fields["name"].error_text == ""
    assert dom.INVALID in form.fields["email"].input._dom_classes
    assert form.notice.text == "" and app.status.text == ""
    form.fields["email"].input.value = "noor@example.com"
    form.on_save()
    assert form.fields["email"].error_text == ""
    assert form.notice.text == "Saved “Noor Studio”." and in_row(form.widget, form.notice)
    form.ask_delete()
    form.confirm._yes()
    assert not form.visible and form.notice.text == ""
    assert "Noor Studio" in view.notice.text and in_row(view.widget.children[1], view.notice)  # beside "New client"


def test_the_records_import_result_stands_under_its_upload_and_goes_on_a_tab_change(app):
    app.tabs.selected_index = TAB_OF_VIEW["records_import"]  # where the user imports
    view = app.views["records_import"]
    view.load(toggl_file())
    view.on_confirm()
    said = literal_text(view.message)
    assert "6 time entries" in said and view.message is view.notice.widget
    assert dom.RECORDS_MESSAGE in view.message._dom_classes and app.status.text == ""
    app.tabs.selected_index = TAB_OF_VIEW["ranking"]  # to see what the records changed
    assert literal_text(view.message) == ""


def test_a_new_message_elsewhere_replaces_the_last_one(app):
    profile, backup = app.views["profile"], app.backup
    profile.fields["name"].input.value = "Maya Haddad"
    assert profile.fields["name"].notice.text == "Saved."
    backup.button.click()
    assert "ready" in backup.notice.text and profile.fields["name"].notice.text == ""
