"""Two tabs on one portfolio, in plain Python: two App instances on the same file (docs/data.md, "Saving").

Nothing another tab saved is overwritten silently, and nothing this tab is
typing is lost when another tab (or the CLI) saves.
"""
from __future__ import annotations

from freelancekit.portfolio.storage import Store
from freelancekit.ui import dom
from freelancekit.ui.common import error_text, literal_text


def services(store):
    return [s.name for s in store.profile().services]


# -- profile: a field ----------------------------------------------------------------
def test_profile_field_other_tab_changed_another_field_is_merged(tabs):
    a, b = tabs
    pa, pb = a.views["profile"], b.views["profile"]
    pa.fields["signature"].input.value = "Cheers, A"
    pb.fields["name"].input.value = "Name from B"  # B still shows the old signature
    saved = b.store.profile()
    assert (saved.name, saved.signature) == ("Name from B", "Cheers, A")  # both kept
    assert not pb.stale.visible and pb.fields["signature"].input.value == "Cheers, A"  # B now shows A's field


def test_profile_same_field_changed_in_both_tabs_asks_reload_or_keep(tabs):
    a, b = tabs
    pa, pb = a.views["profile"], b.views["profile"]
    pa.fields["name"].input.value = "A's name"
    pb.fields["name"].input.value = "B's name"
    assert b.store.profile().name == "A's name"  # not overwritten silently
    assert pb.stale.visible and dom.PROFILE_STALE in pb.stale.widget._dom_classes
    assert "another tab" in literal_text(pb.stale.text) and pb.fields["name"].notice.text == ""  # not "Saved."
    assert pb.fields["name"].input.value == "B's name"  # the typed value waits for the choice
    pb.stale.keep_mine.click()
    assert b.store.profile().name == "B's name" and not pb.stale.visible


def test_profile_reload_theirs_shows_their_value(tabs):
    a, b = tabs
    pb = b.views["profile"]
    a.views["profile"].fields["email"].input.value = "a@example.com"
    pb.fields["email"].input.value = "b@example.com"
    assert pb.stale.visible
    pb.stale.reload_theirs.click()
    assert pb.fields["email"].input.value == "a@example.com" == b.store.profile().email and not pb.stale.visible
    pb.fields["currency"].input.value = "EUR"  # the next save is based on their version: no question
    assert (b.store.profile().currency, b.store.profile().email) == ("EUR", "a@example.com") and not pb.stale.visible


# -- profile: services -----------------------------------------------------------------
def test_services_added_in_another_tab_are_not_deleted(tabs):
    a, b = tabs
    pa, pb = a.views["profile"], b.views["profile"]
    pa.add_service()
    pa.service_rows[-1].name.value = "Podcast scripts"
    assert "Podcast scripts" in services(a.store)
    pb.service_rows[0].value.value = "Edited in B"  # B still shows the old list
    assert "Podcast scripts" in services(b.store)  # not deleted
    assert pb.stale.visible and pb.services_notice.text == ""  # not "Saved."
    pb.stale.reload_theirs.click()
    assert [r.name.value for r in pb.service_rows] == services(b.store)


def test_services_keep_mine_is_an_explicit_choice(tabs):
    a, b = tabs
    pa, pb = a.views["profile"], b.views["profile"]
    pa.add_service()
    pa.service_rows[-1].name.value = "Podcast scripts"
    pb.service_rows[0].value.value = "Edited in B"
    pb.stale.keep_mine.click()
    assert "Podcast scripts" not in services(b.store)  # the user chose so
    assert b.store.profile().services[0].value == "Edited in B" and not pb.stale.visible


def test_services_merge_when_other_tab_changed_only_a_field(tabs):
    a, b = tabs
    a.views["profile"].fields["name"].input.value = "Changed in A"
    pb = b.views["profile"]
    pb.service_rows[0].value.value = "Edited in B"
    p = b.store.profile()
    assert p.name == "Changed in A" and p.services[0].value == "Edited in B" and not pb.stale.visible


# -- typed text survives another tab's save ---------------------------------------------
def test_typed_client_form_survives_another_tabs_save(tabs):
    a, b = tabs
    a.tabs.selected_index = 1
    form = a.views["clients"].form
    a.views["clients"]._on_new()
    form.fields["name"].input.value = "Half typed"
    form.fields["notes"].input.value = "notes not saved yet"
    b.views["criteria"].apply_preset("money")  # another tab saves
    with Store(a.store.path) as cli:  # and the CLI too
        cli.delete_client(cli.client_by_name("Sentinel Cyber").id)
    a.tabs.selected_index = 3
    assert "another tab" in a.status.text  # why the values moved
    a.tabs.selected_index = 1
    assert a.status.text == ""  # said once: the next tab change clears it
    assert a.views["clients"].form is form and form.visible
    assert (form.fields["name"].input.value, form.fields["notes"].input.value) == ("Half typed", "notes not saved yet")
    assert len(a.state.clients()) == 11  # the data is fresh
    weights = {c.key: c.weight for c in a.store.criteria()}
    assert {k: s.value for k, s in a.views["criteria"].sliders.items()} == weights  # sliders follow B's preset
    assert "Sentinel Cyber" not in a.state.score_table().names


def test_pending_keep_mine_and_invalid_values_survive_an_outside_change(tabs):
    a, b = tabs
    pa = a.views["profile"]
    pa.fields["email"].input.value = "not an email"
    assert error_text(pa.fields["email"].error)
    criteria = a.views["criteria"]
    criteria.manage.selected_index = 0
    criteria.new_label.value = "Travel time"
    criteria.label_inputs["ease"].value = "   "  # refused: waits to be fixed
    assert error_text(criteria.errors["ease"])
    form = a.views["clients"].form
    a.views["clients"].open_client(a.store.client_by_name("Sentinel Cyber").id)
    theirs = b.store.client_by_name("Sentinel Cyber")
    b.store.update_client(theirs.id, {**theirs.__dict__, "notes": "B's notes"})
    form.fields["notes"].input.value = "A's notes"
    form.on_save()
    assert form.stale.visible and form.pending is not None
    b.views["criteria"].apply_preset("money")
    a.tabs.selected_index = 0  # the switch picks up B's saves
    assert pa.fields["email"].input.value == "not an email" and error_text(pa.fields["email"].error)
    assert criteria.new_label.value == "Travel time"
    assert criteria.label_inputs["ease"].value == "   " and error_text(criteria.errors["ease"])
    assert form.stale.visible and form.fields["notes"].input.value == "A's notes"
    form.on_keep_mine()
    assert a.store.client_by_name("Sentinel Cyber").notes == "A's notes"


def test_language_switch_elsewhere_still_rebuilds(tabs):
    a, b = tabs
    b.views["profile"].fields["locale"].input.value = "ar"
    a.tabs.selected_index = 1
    assert a.state.locale == "ar" and a.tabs.titles[1] == "العملاء"


def test_portfolio_replaced_elsewhere_rebuilds_the_banner(tabs):
    a, b = tabs
    b.start_own()
    a.tabs.selected_index = 1
    assert not a.store.is_demo() and dom.DEMO_BANNER not in a.root.children[2]._dom_classes


# -- a slider move ------------------------------------------------------------------------
def test_weight_change_keeps_the_criteria_it_just_saved(app):
    view = app.views["criteria"]
    before = app.state.criteria()
    view.sliders["ease"].value = 4.5
    after = app.state._criteria
    assert after is not None and after is not before  # stored by set_criteria, not thrown away
    assert {c.key: c.weight for c in after}["ease"] == 4.5
    assert after == app.store.criteria()


def test_weight_change_reads_the_version_once_and_criteria_only_in_the_save(app):
    """The slider hot path: the UI adds no criteria read of its own and one data_version read."""
    view = app.views["criteria"]
    statements = []
    app.store.conn.set_trace_callback(statements.append)
    try:
        view.sliders["ease"].value = 2.5
    finally:
        app.store.conn.set_trace_callback(None)
    criteria_reads = [s for s in statements if "FROM criteria" in s and s.lstrip().upper().startswith("SELECT")]
    version_reads = [s for s in statements if "key = 'revision'" in s and s.startswith("SELECT")]
    assert len(version_reads) == 1, statements
    assert len(criteria_reads) <= 2, statements  # set_weights' own (storage); none from the UI afterwards


def test_invalid_draft_value_survives_another_tabs_profile_save(tabs):
    a, b = tabs
    a.tabs.selected_index = 4
    c = a.views["drafts"].cards[0]
    c.rows["subject"].input.value = "Hello\r\nBcc: everyone@example.com"  # refused, waits to be fixed
    assert c.rows["subject"].error_text
    b.views["profile"].fields["signature"].input.value = "New signature from B"
    a.tabs.selected_index = 0
    a.tabs.selected_index = 4
    c = a.views["drafts"].cards[0]
    assert c.rows["subject"].input.value.startswith("Hello\r\nBcc") and c.rows["subject"].error_text
