"""A contact's title in the client form: a named dropdown beside the contact's name, saved as its code (docs/data.md)."""
from __future__ import annotations

from freelancekit.portfolio.storage import Store
from freelancekit.portfolio.titles import TITLES
from freelancekit.ui import dom


def test_the_title_dropdown_follows_the_contact_and_offers_not_known_then_every_title(app):
    form = app.views["clients"].form
    names = list(form.fields)
    assert names.index("title") == names.index("contact_name") + 1
    title = form.fields["title"].input
    assert title.description == "Title" and dom.NAMED in title._dom_classes  # its accessible label, like its neighbours'
    assert title.options[0] == ("not known", "") and [code for _label, code in title.options[1:]] == list(TITLES)
    assert ("Dr (woman)", "dr_f") in title.options


def test_a_title_picked_in_the_form_is_saved_and_shown_again_when_the_client_is_reopened(app):
    view = app.views["clients"]
    client = app.store.clients()[0]
    view.open_client(client.saved_id)
    assert view.form.fields["title"].input.value == ""
    view.form.fields["title"].input.value = "dr_f"
    view.form.on_save()
    assert app.store.client(client.saved_id).title == "dr_f", view.form.message.value
    view.open_client(client.saved_id)
    assert view.form.fields["title"].input.value == "dr_f"
    view.form.fields["title"].input.value = ""
    view.form.on_save()
    assert app.store.client(client.saved_id).title == ""


def test_the_arabic_form_names_the_titles_in_arabic(demo_db):
    from freelancekit.ui.app import build

    with Store(demo_db) as s:
        s.save_profile({**s.profile().__dict__, "locale": "ar"})
    app = build(demo_db)
    try:
        title = app.views["clients"].form.fields["title"].input
        assert title.description == "اللقب"
        assert ("الدكتورة", "dr_f") in title.options and ("المهندس", "eng_m") in title.options and title.options[0] == ("غير معروف", "")
    finally:
        app.store.close()
