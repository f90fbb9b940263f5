"""In a real browser: tab 2's open, re-sorted clients table shows the rate tab 1 just saved."""
from __future__ import annotations

import pytest
from app_page import click, css, fill, open_tab, wait_for
from live_app import open_app

from freelancekit.portfolio.api import open_portfolio
from freelancekit.ui import dom

pytestmark = [pytest.mark.browser]


def first_row_cells(page) -> list[str]:
    row = page.locator(f"{css(dom.CLIENT_ROW)} >> visible=true").first
    return [t.strip() for t in row.locator(".fk-literal-label").all_inner_texts()]


def test_re_sorting_in_tab_two_shows_tab_ones_new_rate(fresh_app, browser):
    one = browser.new_context().new_page()
    two = browser.new_context().new_page()
    for page in (one, two):
        open_app(page, fresh_app.url)
        open_tab(page, "clients")
    sort = f"{css(dom.CLIENT_SORT_PREFIX + 'hourly_rate')} >> visible=true"
    two.locator(sort).first.click()  # ascending: the lowest rate first
    two.wait_for_function("s => document.querySelector(s).textContent.includes('▲')", arg=css(dom.CLIENT_SORT_PREFIX + "hourly_rate"))
    name, *_rest = first_row_cells(two)
    with open_portfolio(fresh_app.db, create=False) as store:
        client = store.client_by_name(name)

    # tab 1 gives that client a far higher rate
    one.locator(css(dom.CLIENTS_SEARCH) + " input").first.fill(name)
    one.locator(css(dom.CLIENTS_SEARCH) + " input").first.press("Enter")
    one.locator(f"{css(dom.CLIENT_ROW)} >> visible=true").first.locator(css(dom.CLIENT_EDIT)).click()
    one.locator(css(dom.CLIENT_DELETE)).first.wait_for(state="visible")
    fill(one, dom.client_field("hourly_rate"), "987")
    click(one, dom.CLIENT_SAVE)
    wait_for(lambda: _rate(fresh_app.db, client.id) == 987, "tab 1's save")

    # tab 2 re-sorts (descending now): the saved 987 is shown, and sorts first
    two.locator(sort).first.click()
    two.wait_for_function("s => document.querySelector(s).textContent.includes('▼')", arg=css(dom.CLIENT_SORT_PREFIX + "hourly_rate"))
    two.wait_for_function(
        "([s, n]) => { const r = [...document.querySelectorAll(s)].find(e => e.offsetParent !== null);"
        " return r && r.textContent.includes(n) && r.textContent.includes('987'); }",
        arg=[css(dom.CLIENT_ROW), name])
    two.wait_for_function("s => [...document.querySelectorAll(s)].some(e => e.textContent.includes('another tab'))",
                          arg=css(dom.STATUS), timeout=10_000)


def _rate(db, client_id):
    with open_portfolio(db, create=False) as store:
        return store.client(client_id).values.get("hourly_rate")
