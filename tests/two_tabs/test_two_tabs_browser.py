"""Two tabs on one portfolio never silently lose each other's edits (docs/data.md, "Saving")."""
from __future__ import annotations

import time

import pytest
from live_app import open_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _client(db, client_id):
    from freelancekit.errors import NotFound
    from freelancekit.portfolio.api import open_portfolio

    with open_portfolio(db, create=False) as store:
        try:
            return store.client(client_id)
        except NotFound:
            return None


def _wait(predicate, what, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _edit_first_client(page, url):
    from app_page import css, open_tab

    from freelancekit.ui import dom

    open_app(page, url)
    open_tab(page, "clients")
    page.locator(f"{css(dom.CLIENT_ROW)} >> visible=true").first.locator(css(dom.CLIENT_EDIT)).click()
    page.locator(css(dom.CLIENT_DELETE)).first.wait_for(state="visible")  # the form is in edit mode
    return page.locator(f"{css(dom.client_field('name'))} input").first.input_value()


def test_stale_save_is_detected_and_deleted_client_not_resurrected(fresh_app, browser):
    from app_page import click, css, fill

    from freelancekit.portfolio.api import open_portfolio
    from freelancekit.ui import dom

    db = fresh_app.db
    a = browser.new_context().new_page()
    b = browser.new_context().new_page()
    name_a = _edit_first_client(a, fresh_app.url)
    name_b = _edit_first_client(b, fresh_app.url)
    assert name_a == name_b
    with open_portfolio(db, create=False) as store:
        client = store.client_by_name(name_a)

    fill(a, dom.client_field("notes"), "from tab A")
    click(a, dom.CLIENT_SAVE)
    _wait(lambda: _client(db, client.id).notes == "from tab A", "tab A's save")

    fill(b, dom.client_field("notes"), "from tab B")
    click(b, dom.CLIENT_SAVE)
    b.locator(css(dom.STALE_DIALOG)).first.wait_for(state="visible")
    time.sleep(1)
    assert _client(db, client.id).notes == "from tab A", "tab B overwrote tab A's save silently"
    click(b, dom.STALE_KEEP)  # the user's explicit choice
    _wait(lambda: _client(db, client.id).notes == "from tab B", "tab B's deliberate save")

    # tab A deletes the client while tab B still has it open
    a.reload()
    _edit_first_client(a, fresh_app.url)
    click(a, dom.CLIENT_DELETE)
    click(a, dom.CONFIRM_YES)
    _wait(lambda: _client(db, client.id) is None, "the delete")
    # tab B's form is still open with the deleted client (nothing in B has run since): saving it must not add it back
    notes_b = b.locator(f"{css(dom.client_field('notes'))} textarea").first
    assert notes_b.is_visible(), "tab B's form closed by itself: the save path under test did not run"
    fill(b, dom.client_field("notes"), "tab B again")
    click(b, dom.CLIENT_SAVE)
    message = b.locator(css(dom.CLIENT_FORM_MESSAGE)).first
    message.wait_for(state="visible")
    _wait(lambda: "deleted" in message.inner_text(), "tab B told the client was deleted elsewhere")
    time.sleep(1)
    with open_portfolio(db, create=False) as store:
        assert name_a.casefold() not in {c.name.casefold() for c in store.clients()}, "deleted client came back"
    a.context.close()
    b.context.close()
