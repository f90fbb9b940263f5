"""The drafts tab in a real browser against a real ``freelancekit serve`` on the demo.

Three draft cards for the top three; a body typed into the first card is saved
when the field is left, survives a page reload, and the ``.eml`` download link
gives a file that parses back to the same email (the mailto: link too).
"""
from __future__ import annotations

import pytest
from app_page import css, fill, open_tab, wait_for
from live_app import open_app, screenshot

from freelancekit.drafts.drafting import load_draft
from freelancekit.drafts.mailexport import read_eml, read_mailto
from freelancekit.portfolio.api import open_portfolio
from freelancekit.records.rank import rank_portfolio
from freelancekit.ui import dom

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BODY = "Hi Daniel,\n\nCould we have a short call about <b>case studies</b> & $x^2$ growth?\n\nMaya"


def top_client(db):
    with open_portfolio(db, create=False) as store:
        name = rank_portfolio(store).top(1)[0]
        return store.client_by_name(name)


def saved_draft(db, client_id):
    with open_portfolio(db, create=False) as store:
        return load_draft(store, client_id)


def first_card(page):
    return page.locator(css(dom.DRAFT_CARD)).first


def test_edit_a_draft_reload_and_download_it(live_app, page):
    db = live_app.db
    client = top_client(db)

    open_app(page, live_app.url)
    open_tab(page, "drafts")
    cards = page.locator(css(dom.DRAFT_CARD))
    page.wait_for_function("sel => document.querySelectorAll(sel).length === 3", arg=css(dom.DRAFT_CARD))
    assert cards.count() == 3
    assert client.name in first_card(page).locator(css(dom.DRAFT_FACTS)).inner_text()
    body = first_card(page).locator(f"{css(dom.DRAFT_BODY)} textarea")
    body.wait_for(state="visible")
    assert "Daniel" in body.input_value()  # the unsaved draft is there to edit
    assert saved_draft(db, client.id) is None  # looking saves nothing
    screenshot(page, "drafts-1-cards")

    # typing, then leaving the field, saves at once
    fill(page, dom.DRAFT_BODY, BODY)
    wait_for(lambda: (d := saved_draft(db, client.id)) is not None and d.body == BODY, "the edited body to be saved")
    first_card(page).locator(css(dom.DRAFT_STATE), has_text="Saved").wait_for(state="visible")

    # a reload loses nothing
    page.reload()
    open_app(page, live_app.url)
    open_tab(page, "drafts")
    page.wait_for_function(
        "([sel, want]) => { const t = document.querySelector(sel); return t && t.value === want; }",
        arg=[f"{css(dom.DRAFT_CARD)} {css(dom.DRAFT_BODY)} textarea", BODY])
    assert page.locator(f"{css(dom.DRAFT_CARD)} {css(dom.DRAFT_WRITE)}").first.inner_text().strip() == "Rewrite"
    screenshot(page, "drafts-2-after-reload")

    # the .eml link downloads the same email
    link = first_card(page).locator(f"a{css(dom.DRAFT_EML)}")
    link.wait_for(state="visible")
    with page.expect_download(timeout=30_000) as download:
        link.click()
    assert download.value.suggested_filename == f"{client.name}.eml"
    mail = read_eml(open(download.value.path(), "rb").read())
    assert (mail.to_email, mail.body) == (client.email, BODY)
    assert mail.subject == saved_draft(db, client.id).subject

    # and the mailto: link carries it too (the demo email is short enough)
    href = first_card(page).locator(f"a{css(dom.DRAFT_MAILTO)}").get_attribute("href")
    assert read_mailto(href) == ("", client.email, mail.subject, BODY)
    # user text stayed text: nothing in the page became bold or math
    assert page.evaluate("() => document.querySelectorAll('mjx-container, .MathJax').length") == 0
