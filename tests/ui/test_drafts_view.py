"""The drafts view built in plain Python against a temporary portfolio: picks, editing, saving, exports."""
from __future__ import annotations

import base64
import html
import io
import re
import zipfile
from dataclasses import replace
from datetime import date, timedelta

import pytest

from freelancekit.drafts.drafting import edit_draft, load_draft, save_draft
from freelancekit.drafts.mailexport import read_eml, read_mailto
from freelancekit.drafts.store import DraftsPart
from freelancekit.portfolio.demo import is_untouched_demo
from freelancekit.portfolio.storage import Store
from freelancekit.ui import dom, draft_card
from freelancekit.ui.app import build
from freelancekit.ui.common import NO_MATH, error_text, literal_text

BRIGHTPATH = "Brightpath Software"


def view_of(app):
    return app.views["drafts"]


def card(app, n=0):
    return view_of(app).cards[n]


def picked(c):
    return [o.name for box, o in c.picks if box.value]


def links(markup: str) -> dict[str, tuple[str, str]]:
    """class -> (download name, href) of every <a> in an exports widget, attributes unescaped."""
    out = {}
    for attrs in re.findall(r"<a ([^>]*)>", markup):
        found = {k: html.unescape(v) for k, v in re.findall(r'(\w+)="([^"]*)"', attrs)}
        out[found["class"]] = (found.get("download", ""), found["href"])
    return out


def data_of(href: str) -> bytes:
    assert href.startswith("data:")
    return base64.b64decode(href.split(";base64,", 1)[1])


def other_store(demo_db):
    return Store(demo_db)


# -- the cards ---------------------------------------------------------------------------
def test_three_cards_follow_the_ranking_and_nothing_is_saved_by_looking(app):
    view = view_of(app)
    assert [c.client.name for c in view.cards] == app.views["ranking"].ranking.top(3)
    assert [c.client.name for c in view.cards][0] == BRIGHTPATH
    for c in view.cards:
        assert dom.DRAFT_CARD in c.widget._dom_classes
        assert c.draft is not None and not c.saved and c.draft.revision == 0  # an unsaved preview
        # ticked by default: what the draft offers (the package's services, else the best one or two), no longer the
        # three best fits: a low-pressure email offering three services by default was what the freelancer had to untick
        assert sorted(picked(c)) == sorted(c.draft.offers) and 1 <= len(picked(c)) <= (3 if c.draft.packages else 2)
        # the demo profile's packages are offered to a client most of whose package services fit, and the card says so
        assert ("packages" in literal_text(c.package_note)) == c.draft.packages == ("Essentials" in c.draft.body)
        assert [o.fit for o in c.suggestions] == sorted((o.fit for o in c.suggestions), reverse=True)
        reasons = [literal_text(row.children[1]) for row in c.widget.children[2].children if dom.DRAFT_PICK_ROW in getattr(row, "_dom_classes", ())]
        assert reasons and all(o.reason in r for r, (_b, o) in zip(reasons, c.picks))
        assert "Not saved yet" in literal_text(c.state_label) and c.write.description == "Write draft"
    assert any(c.draft.packages for c in view.cards) and not all(c.draft.packages for c in view.cards)
    assert DraftsPart(app.store).all() == {}
    assert app.untouched_demo()  # the demo stays the untouched demo: starting one's own needs no confirmation


def test_pick_classes_number_the_suggestions(app):
    c = card(app)
    assert [dom.draft_pick(n) in box._dom_classes for n, (box, _o) in enumerate(c.picks, start=1)] == [True] * len(c.picks)


def test_weights_reorder_the_cards_and_slider_moves_compose_nothing(app, monkeypatch):
    view = view_of(app)
    first = view.cards[0]
    app.views["criteria"].sliders["learning"].value = 5
    assert [c.client.name for c in view.cards] == app.views["ranking"].ranking.top(3)
    assert view.cards[1].client.name == "Sentinel Cyber"
    assert view.cards[0] is first  # the client that stayed on top keeps its card (and what was typed)
    calls = []
    real = draft_card.compose_draft
    monkeypatch.setattr(draft_card, "compose_draft", lambda *a, **k: calls.append(1) or real(*a, **k))
    shown = list(view.cards)
    app.views["criteria"].sliders["learning"].value = 4.5  # the same top three
    assert view.cards == shown and calls == []


def test_pick_and_drop_services_change_the_offers(app):
    c = card(app)
    assert c.draft.packages and all(box.disabled for box, _o in c.picks)  # the profile's packages are offered
    c.packages.value = False
    assert not any(box.disabled for box, _o in c.picks)
    assert picked(c) == ["Blog management"] and c.draft.offers == ("Blog management",)  # what the package offered, alone now
    boxes = {o.name: box for box, o in c.picks}
    for name in [o.name for box, o in c.picks if not box.value][:2]:
        boxes[name].value = True  # the freelancer adds two more
    first, second, third = picked(c)
    boxes[second].value = False
    assert set(c.draft.offers) == {first, third} and not c.draft.packages
    boxes[third].value = False
    assert c.draft.offers == (first,)
    boxes[first].value = False  # none picked: refused next to the picks, the last good draft stays
    assert "choose at least one" in error_text(c.pick_error) and c.draft.offers == (first,)
    boxes[second].value = True
    assert c.draft.offers == (second,) and error_text(c.pick_error) == ""
    for box, _o in c.picks:
        box.value = True  # more than three
    assert "at most 3" in error_text(c.pick_error)
    assert DraftsPart(app.store).all() == {}  # choices alone never save


def test_tone_and_packages_recompose_the_preview(app):
    c = card(app)
    assert c.draft.packages and "- Essentials, $600 per month: blog management" in c.draft.body  # the level that fits Brightpath
    assert "most clients" not in c.draft.body  # no client of the demo bought a package: no claim about "most clients"
    c.packages.value = False
    assert not c.draft.packages and "Essentials" not in c.draft.body and "Price:" in c.draft.body
    warm = c.draft.body
    c.tone.value = "formal"
    assert c.draft.tone == "formal" and c.draft.body != warm


# -- editing and saving -------------------------------------------------------------------
def test_edit_subject_and_body_save_at_once_with_revisions(app, demo_db):
    c = card(app)
    cid = c.client.id
    c.rows["subject"].input.value = "Coffee next week?"
    assert c.saved and c.draft.revision == 1 and c.write.description == "Rewrite"
    with other_store(demo_db) as s:
        assert load_draft(s, cid).subject == "Coffee next week?"
    body = "Hi Daniel,\n\nCould we talk about <b>case studies</b> & $x^2$ growth?\n\nMaya"
    c.rows["body"].input.value = body
    with other_store(demo_db) as s:
        saved = load_draft(s, cid)
    assert (saved.body, saved.revision, saved.subject) == (body, 2, "Coffee next week?")
    assert "Saved" in c.notice.text  # at the top of this card's editor
    # a reload shows the saved draft and the choices it was written with
    again = build(demo_db)
    try:
        c2 = again.views["drafts"].cards[0]
        assert c2.saved and c2.rows["body"].input.value == body and c2.draft.revision == 2
        assert set(picked(c2)) == set(saved.offers)
    finally:
        again.store.close()


def test_invalid_subject_is_refused_next_to_it_and_stays_typed(app):
    c = card(app)
    c.rows["subject"].input.value = "Hello\r\nBcc: everyone@example.com"
    assert "line" in c.rows["subject"].error_text or "control" in c.rows["subject"].error_text
    assert c.rows["subject"].input.value.startswith("Hello\r\nBcc")  # nothing typed is lost
    assert DraftsPart(app.store).all() == {}
    c.tone.value = "formal"  # a new preview keeps the refused value typed, with its message
    assert c.draft.tone == "formal" and not c.saved
    assert c.rows["subject"].input.value.startswith("Hello\r\nBcc") and c.rows["subject"].error_text
    c.rows["body"].input.value = "Hi Daniel,\n\nShort and sweet."  # the other fields keep saving
    assert DraftsPart(app.store).all()[c.client.id][0]["body"] == "Hi Daniel,\n\nShort and sweet."
    assert "\n" not in DraftsPart(app.store).all()[c.client.id][0]["subject"]
    c.rows["subject"].input.value = "A fixed subject"
    assert c.rows["subject"].error_text == "" and c.draft.subject == "A fixed subject"


def test_empty_body_is_refused(app):
    c = card(app)
    c.rows["body"].input.value = "   "
    assert "required" in c.rows["body"].error_text and DraftsPart(app.store).all() == {}


def test_status_and_follow_up_are_saved(app, demo_db):
    c = card(app)
    c.rows["status"].input.value = "sent"
    assert c.draft.status == "sent" and c.draft.follow_up == date.today() + timedelta(days=7)
    assert c.rows["follow_up"].input.value == c.draft.follow_up  # shown, not only saved
    c.rows["follow_up"].input.value = date(2031, 5, 4)
    c.rows["status"].input.value = "replied"
    with other_store(demo_db) as s:
        d = load_draft(s, c.client.id)
    assert (d.status, d.follow_up, d.revision) == ("replied", date(2031, 5, 4), 3)


def test_values_from_the_page_are_checked_again(app):
    c = card(app)
    c.on_field("status", "archived")  # not one of the dropdown's options
    assert "archived" not in str(DraftsPart(app.store).all()) and c.rows["status"].error_text
    c.on_field("follow_up", "tomorrow-ish")
    assert c.rows["follow_up"].error_text and DraftsPart(app.store).all() == {}
    c.tone.options = [("Sneaky", "sneaky"), *c.tone.options]
    c.tone.value = "sneaky"
    assert "tone" in literal_text(c.message).lower() or "tone" in app.status.text.lower()  # the field by its label


def test_stale_edit_offers_keep_mine_and_reload_theirs(app, demo_db):
    c = card(app)
    c.rows["body"].input.value = "Hi Daniel,\n\nMine, first."
    with other_store(demo_db) as s:  # another tab saves after this one read revision 1
        theirs = save_draft(s, edit_draft(load_draft(s, c.client.id), body="Hi Daniel,\n\nTheirs."))
    c.rows["body"].input.value = "Hi Daniel,\n\nMine, second."
    assert c.stale.visible and "another tab" in literal_text(c.stale.text)
    assert load_draft(app.store, c.client.id).body == "Hi Daniel,\n\nTheirs."  # nothing overwritten silently
    assert c.rows["body"].input.value == "Hi Daniel,\n\nMine, second."  # nor lost
    c.on_keep_mine()
    saved = load_draft(app.store, c.client.id)
    assert saved.body == "Hi Daniel,\n\nMine, second." and saved.revision == theirs.revision + 1
    assert not c.stale.visible and c.draft.revision == saved.revision
    with other_store(demo_db) as s:
        save_draft(s, edit_draft(load_draft(s, c.client.id), subject="Their subject"))
    c.rows["body"].input.value = "Hi Daniel,\n\nMine, third."
    c.on_reload_theirs()
    assert c.rows["subject"].input.value == "Their subject" and c.rows["body"].input.value == "Hi Daniel,\n\nMine, second."


def test_an_unsaved_preview_never_overwrites_a_draft_saved_in_another_tab(app, demo_db):
    c = card(app)
    with other_store(demo_db) as s:
        p = s.portfolio()
        from freelancekit.drafts.drafting import compose_draft

        save_draft(s, edit_draft(compose_draft(p, next(x for x in p.clients if x.id == c.client.id)), body="Hi,\n\nOther tab."))
    c.rows["subject"].input.value = "Mine"
    assert c.stale.visible
    assert load_draft(app.store, c.client.id).body == "Hi,\n\nOther tab."


def test_rewrite_asks_before_replacing_an_edited_draft(app):
    c = card(app)
    c.packages.value = False  # individual services, picked below
    boxes = {o.name: box for box, o in c.picks}
    boxes[next(o.name for box, o in c.picks if not box.value)].value = True  # a second one (one is ticked by default)
    c.on_write()  # "Write draft" saves the preview as it is
    assert c.saved and c.draft.revision == 1 and not c.confirm.visible
    dropped = picked(c)[-1]
    boxes[dropped].value = False
    assert c.draft.revision == 1 and dropped in c.draft.offers  # a saved draft changes only on Rewrite
    assert "Rewrite" in literal_text(c.hint) and c.write.button_style == "warning"
    c.on_write()  # not edited by hand: rewritten at once
    assert not c.confirm.visible and dropped not in c.draft.offers and c.draft.revision == 2
    c.rows["status"].input.value = "sent"
    c.rows["body"].input.value = c.draft.body + "\n\nPS: my own words."
    boxes[dropped].value = True
    c.on_write()
    assert c.confirm.visible and "PS: my own words." in load_draft(app.store, c.client.id).body  # asked first
    c.confirm._cancel()
    assert "PS: my own words." in c.draft.body
    c.on_write()
    c.confirm._yes()
    saved = load_draft(app.store, c.client.id)
    assert "PS: my own words." not in saved.body and dropped in saved.offers
    assert saved.status == "sent"  # rewriting keeps where the email stands


def test_client_deleted_elsewhere_is_reported_not_resurrected(app, demo_db):
    c = card(app)
    cid = c.client.id
    with other_store(demo_db) as s:
        s.delete_client(cid)
    c.rows["body"].input.value = "Hi,\n\nAnyone there?"
    assert "no longer in the portfolio" in app.views["drafts"].notice.text  # above the cards: this one goes
    assert cid not in {x.id for x in app.store.clients()}
    assert cid not in [x.client.id for x in view_of(app).cards]


# -- exports --------------------------------------------------------------------------------
def test_export_links_carry_the_same_email(app):
    c = card(app)
    c.rows["body"].input.value = "Hi Daniel,\n\nA short note & a question: 50% more? #growth\n\nMaya"
    found = links(c.exports.value)
    name, href = found[dom.DRAFT_EML]
    assert name == "Brightpath Software.eml"
    mail = read_eml(data_of(href))
    assert (mail.to_email, mail.subject, mail.body) == ("daniel@brightpath.io", c.draft.subject, c.draft.body)
    assert mail.contact_name == "Daniel Reyes"
    _, link = found[dom.DRAFT_MAILTO]
    assert read_mailto(link) == ("", "daniel@brightpath.io", c.draft.subject, c.draft.body)
    txt_name, txt = found[dom.DRAFT_TXT]
    assert txt_name == "Brightpath Software.txt" and c.draft.body in data_of(txt).decode("utf-8")
    zip_name, zhref = links(view_of(app).zip.value)[dom.DRAFT_ZIP]
    with zipfile.ZipFile(io.BytesIO(data_of(zhref))) as zf:
        emls = sorted(n for n in zf.namelist() if n.endswith(".eml"))
        assert zip_name == "drafts.zip" and len(emls) == 3
        assert read_eml(zf.read("Brightpath Software.eml")).body == c.draft.body


def test_too_long_for_mailto_gives_a_shortened_link_and_copy_email(app):
    import base64
    import re

    c = card(app)
    c.rows["body"].input.value = "Hi Daniel,\n\nThanks.\n\n" + "\n".join(["A long line about blog posts and more."] * 80) + "\n\nCall?\n\nMaya"
    _, link = links(c.exports.value)[dom.DRAFT_MAILTO]
    body = read_mailto(link).body
    assert len(link) <= 2000 and body.startswith("Hi Daniel,\n\nThanks.") and "[…]" in body and body.endswith("Call?\n\nMaya")
    assert "lines left out" in c.exports.value and "Copy email" in c.exports.value
    copied = base64.b64decode(re.search(r'data-text="([^"]+)"', c.exports.value).group(1)).decode("utf-8")
    assert c.draft.body in copied  # the button copies all of it
    c.rows["body"].input.value = "Hi Daniel,\n\n" + "A long paragraph about blog posts. " * 120  # one huge line: no link at all
    assert dom.DRAFT_MAILTO not in links(c.exports.value)
    assert dom.DRAFT_MAILTO_TOO_LONG in c.exports.value and "use the .eml" in c.exports.value
    assert dom.DRAFT_EML in links(c.exports.value)


def test_export_goes_to_the_clients_current_address(app):
    c = card(app)
    c.on_write()
    client = app.store.client(c.client.id)
    app.store.update_client(client.id, {**client.__dict__, "email": "new@brightpath.io", "values": dict(client.values)},
                            expected_revision=client.revision)
    app.state.changed("clients")
    c = card(app)
    assert c.saved  # the saved draft is loaded for the changed client
    assert read_eml(data_of(links(c.exports.value)[dom.DRAFT_EML][1])).to_email == "new@brightpath.io"


# -- hostile text ---------------------------------------------------------------------------
HOSTILE = ['<img src=x onerror=alert(1)>', '"><script>alert(1)</script>', "$x^2$ & Co", "<b>Big</b>"]


@pytest.fixture
def hostile_app(tmp_path):
    path = tmp_path / "hostile.sqlite"
    with Store(path) as store:
        store.save_profile({"name": "Me", "email": "me@example.com", "signature": "", "currency": "USD", "locale": "en",
                            "services": [{"name": "<i>Audit</i> $1$", "value": "<b>more</b>", "price_hint": "$5 & up"},
                                         {"name": "Blog posts", "value": "", "price_hint": ""}]})
        for i, name in enumerate(HOSTILE):
            store.add_client({"name": name, "contact_name": name, "notes": name, "last_win": name, "industry": name,
                              "email": f"c{i}@example.com", "services": ["Blog posts"],
                              "values": {"hourly_rate": 40 + i, "ease": 3}})
    app = build(path)
    yield app
    app.store.close()


def test_hostile_names_and_notes_are_shown_literally(hostile_app):
    view = view_of(hostile_app)
    assert len(view.cards) == 3
    for c in view.cards:
        markup = c.facts.value + "".join(row.children[1].value for row in c.widget.children[2].children
                                         if dom.DRAFT_PICK_ROW in getattr(row, "_dom_classes", ()))
        assert NO_MATH in c.facts.value
        for bad in ("<img", "<script", "<b>Big", "<i>Audit"):
            assert bad not in markup
        assert html.escape(c.client.name, quote=True) in c.facts.value
        assert "&lt;i&gt;Audit&lt;/i&gt; $1$" in markup
        assert "<script" not in c.exports.value and "<img" not in c.exports.value
        for _cls, (name, _href) in links(c.exports.value).items():
            assert "<" not in name and "/" not in name
    assert "<script" not in view.zip.value


def test_no_services_in_the_profile_says_what_to_do(tmp_path):
    path = tmp_path / "empty.sqlite"
    with Store(path) as store:
        for name in ("A", "B"):
            store.add_client({"name": name, "values": {"ease": 3}})
    app = build(path)
    try:
        c = card(app)
        assert "Add the services you offer" in literal_text(c.message)
        assert c.draft is None and c.editor.layout.display == "none" and c.choose_box.layout.display == "none"
        assert len(view_of(app).cards) == 2 and view_of(app).zip.value == ""
    finally:
        app.store.close()


def test_encoded_word_in_a_contact_name_blocks_that_export_only_with_a_message(app):
    """The form refuses such a contact (validation.ENCODED_WORD); a portfolio saved before that rule may still hold one."""
    c = card(app)
    with app.store.conn:
        app.store.conn.execute("UPDATE clients SET contact_name = ?, revision = revision + 1 WHERE id = ?",
                               ("=?utf-8?q?x=0ABcc:_a@b.c?=", c.client.id))
        app.store.conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'")
    app.state.changed("clients")
    c = card(app)
    assert dom.DRAFT_EXPORT_ERROR in c.exports.value and dom.DRAFT_EML not in links(c.exports.value)
    assert "Cannot export yet" in html.unescape(c.exports.value)
    zip_box = view_of(app).zip.value
    assert dom.DRAFT_EXPORT_ERROR in zip_box and dom.DRAFT_ZIP in zip_box  # the other two drafts are still in the zip
    assert f"Not in the zip: the email to “{c.client.name}”" in html.unescape(zip_box)


# -- Arabic -----------------------------------------------------------------------------------
def test_arabic_drafts_are_right_to_left_and_rewrite_without_asking(app):
    profile = app.store.profile()
    app.store.save_profile({**profile.__dict__, "services": profile.services, "locale": "ar"}, expected_revision=profile.revision)
    app.state.changed("all")
    c = card(app)
    assert c.draft.locale == "ar" and "fk-dir-rtl" in c.rows["body"].input._dom_classes
    assert c.write.description == "اكتب المسودة" and "fk-rtl" in app.root._dom_classes
    c.on_write()
    assert c.saved and not c.edited_by_hand()  # saving keeps an untouched Arabic draft as composed
    c.on_write()
    assert not c.confirm.visible and c.draft.revision == 2


# -- the shell: starting one's own portfolio ---------------------------------------------------
def test_start_own_from_the_untouched_demo_is_one_click_without_backup(app):
    app.start_own()
    assert app.store.client_count() == 0 and not app.confirm.visible
    assert not list(app.store.path.parent.glob("*.backups/*"))


def test_start_own_after_editing_the_demo_asks_and_backs_up(app, demo_db):
    view_of(app).cards[0].rows["body"].input.value = "Hi Daniel,\n\nMy own words."  # a draft is the user's work
    app.start_own()
    assert app.confirm.visible and app.store.client_count() == 12  # nothing replaced before "yes"
    app.confirm._cancel()
    app.start_own()
    app.confirm._yes()
    assert app.store.client_count() == 0 and not app.store.is_demo()
    backups = list(demo_db.parent.glob(f"{demo_db.name}.backups/*.sqlite"))
    assert len(backups) == 1 and "backed up" in app.status.text
    with Store(backups[0]) as old:
        assert old.client_count() == 12 and any("My own words." in d["body"] for d, _r in DraftsPart(old).all().values())


def test_back_to_demo_backs_up_the_users_portfolio(app, demo_db):
    app.start_own()
    app.store.add_client({"name": "Real Client"})
    app.ask_back_to_demo()
    app.confirm._yes()
    assert app.store.is_demo() and is_untouched_demo(app.store.portfolio())
    backups = list(demo_db.parent.glob(f"{demo_db.name}.backups/*.sqlite"))
    assert len(backups) == 1
    with Store(backups[0]) as old:
        assert [c.name for c in old.clients()] == ["Real Client"]


def test_a_demo_edited_back_counts_as_untouched(demo_db):
    with Store(demo_db) as store:
        c = store.clients()[0]
        store.update_client(c.id, replace(c, notes="changed"))
        assert not is_untouched_demo(store.portfolio())
        store.update_client(c.id, replace(store.client(c.id), notes=c.notes))
        assert is_untouched_demo(store.portfolio())
        assert not is_untouched_demo(store.portfolio(), has_drafts=True)


def test_demo_db_fixture_is_the_untouched_demo(demo_db):
    with Store(demo_db) as store:
        assert store.is_demo() and is_untouched_demo(store.portfolio())
        assert not store.has_drafts()  # every test of this module starts from no saved draft


def test_a_recent_win_flags_a_good_moment_to_ask_on_the_card():
    from datetime import date, timedelta

    from freelancekit.ui.draft_facts import card_html

    client = demo_portfolio_client()
    today = date(2026, 12, 2)
    recent = card_html(1, replace_client(client, last_win_date=today - timedelta(days=10)), "en", today)
    old = card_html(1, replace_client(client, last_win_date=today - timedelta(days=400)), "en", today)
    assert dom.DRAFT_GOOD_MOMENT in recent and "Good moment to ask" in recent and "22 November 2026" in recent
    assert dom.DRAFT_GOOD_MOMENT not in old and "28 October 2025" in old
    assert "وقت مناسب للعرض" in card_html(1, replace_client(client, last_win_date=today), "ar", today)


def demo_portfolio_client():
    from freelancekit.portfolio.demo import demo_portfolio

    return demo_portfolio().clients[0]


def replace_client(client, **changes):
    from dataclasses import replace

    return replace(client, **changes)


def test_marking_won_asks_for_the_value_and_records_it(app):
    c = card(app)
    c.on_write()
    status = c.rows["status"].input
    assert c.rows["won_value"].widget.layout.display == "none"
    status.value = "won"
    assert c.rows["won_value"].widget.layout.display == "flex"
    assert "is required" in c.rows["won_value"].error_text and load_draft(app.store, c.client.id).status == "draft"
    c.rows["won_what"].input.value = "Growth"
    c.rows["won_value"].input.value = "900"
    saved = load_draft(app.store, c.client.id)
    assert (saved.status, saved.won_what, saved.won_value) == ("won", ("Growth",), 900.0)
    assert c.rows["won_value"].error_text in ("", None)


def test_follow_ups_list_every_saved_draft_and_any_client_can_be_opened(app):
    import base64
    from datetime import date, timedelta

    import icalendar

    from freelancekit.drafts.drafting import compose_draft, save_draft, set_status

    view = view_of(app)
    assert "No saved drafts yet" in view.followups.value and view.ics.value == ""
    c = card(app)
    c.rows["status"].input.value = "sent"  # saved, with a follow-up a week out
    assert c.client.name in view.followups.value and "Sent" in view.followups.value
    # a client far from the top three: its saved draft is listed, and its card can be opened
    store = app.store
    p = store.portfolio()
    low = p.clients[-1]
    assert low.id not in [x.client.id for x in view.cards]
    save_draft(store, set_status(compose_draft(p, low), "sent", date.today() - timedelta(days=1)))
    app.state.catch_up()
    view.refresh()
    html = view.followups.value
    assert html.index(low.name) < html.index(c.client.name) and dom.DRAFT_FOLLOWUP_OVERDUE in html  # overdue first
    href = view.ics.value.split('href="', 1)[1].split('"', 1)[0]
    cal = icalendar.Calendar.from_ical(base64.b64decode(href.split(",", 1)[1]))
    assert len(list(cal.walk("VEVENT"))) == 2
    view.other.value = low.name
    view.on_open_other()
    opened = [x for x in view.cards if x.client.id == low.id]
    assert len(view.cards) == 4 and opened and opened[0].saved and opened[0].draft.status == "sent"
    view.other.value = "Nobody"
    view.on_open_other()
    assert "Choose a client" in error_text(view.other_error)


def test_a_client_list_read_again_still_gives_each_card_its_suggestions(app):
    """The service index knows clients by id: a card's client and the equal new objects of a list read again are one client."""
    from freelancekit.drafts.opportunities import suggest

    view = view_of(app)
    shown = [(c.suggestions, c.compose(c.choices())) for c in view.cards]
    app.state._clients = tuple(replace(c) for c in app.store.clients())  # read again: equal, but new objects
    portfolio, index = view.basis()
    for c, (suggestions, draft) in zip(view.cards, shown):
        assert view.current(c.client) is not c.client and view.current(c.client) == c.client
        assert tuple(suggest(portfolio, c.client, index=index, outcomes=view.outcomes())) == suggestions
        assert c.compose(c.choices()) == draft
