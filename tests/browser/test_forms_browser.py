"""The client form in a real browser: closing it with unsaved changes asks first (Discard / Keep editing),
and a "Client since" day in the future is refused next to the field, nothing saved."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from app_page import click, css, error_next_to, fill, open_tab
from live_app import open_app

from freelancekit.portfolio.api import open_portfolio
from freelancekit.ui import dom

pytestmark = [pytest.mark.browser]


def open_first_client(page):
    page.locator(f"{css(dom.CLIENT_ROW)} >> visible=true").first.locator(css(dom.CLIENT_EDIT)).click()
    page.locator(css(dom.CLIENT_DELETE)).first.wait_for(state="visible")
    return page.locator(f"{css(dom.client_field('name'))} input").first.input_value()


def test_unsaved_changes_are_asked_about_and_future_start_refused(live_app, page):
    open_app(page, live_app.url)
    open_tab(page, "clients")
    name = open_first_client(page)
    fill(page, dom.client_field("notes"), "typed but not saved")
    click(page, dom.CLIENT_CLOSE)
    box = page.locator(f"{css(dom.CLIENT_FORM)} {css(dom.CONFIRM_BOX)}").first
    box.wait_for(state="visible")
    assert "not saved" in box.inner_text() and "Keep editing" in box.inner_text() and "Discard changes" in box.inner_text()
    box.locator(css(dom.CONFIRM_CANCEL)).click()  # Keep editing
    box.wait_for(state="hidden")
    notes = page.locator(f"{css(dom.client_field('notes'))} textarea").first
    assert notes.is_visible() and notes.input_value() == "typed but not saved"

    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    page.locator(f"{css(dom.client_field('start_date'))} input").first.fill(tomorrow)
    click(page, dom.CLIENT_SAVE)
    message = error_next_to(page, dom.client_error("start_date"))
    assert "in the future" in message and tomorrow in message
    with open_portfolio(live_app.db, create=False) as store:
        assert store.client_by_name(name).notes != "typed but not saved"  # nothing saved

    click(page, dom.CLIENT_CLOSE)
    box.wait_for(state="visible")
    box.locator(css(dom.CONFIRM_YES)).click()  # Discard changes
    page.locator(css(dom.CLIENT_FORM)).first.wait_for(state="hidden")
    with open_portfolio(live_app.db, create=False) as store:
        assert store.client_by_name(name).notes != "typed but not saved"
