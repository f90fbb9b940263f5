"""Currencies in a real browser (docs/currencies.md): a client set to SAR shows both amounts in the ranking,
and an EGP client becomes comparable once an EGP rate is entered in the profile."""
from __future__ import annotations

from dataclasses import replace

import pytest
from app_page import click, css, fill, open_tab, wait_for
from live_app import open_app

from freelancekit.portfolio.api import open_portfolio
from freelancekit.ui import dom

pytestmark = [pytest.mark.browser]


def pay_cell(page, client_id: int) -> str:
    """The pay rate cell (the first value) of a client's ranking row, as the page shows it."""
    return page.locator(f"{css(dom.RANKING_TABLE)} tr[data-client-id='{client_id}'] td{css(dom.RANK_VALUE)}").first.inner_text()


def wait_cell(page, client_id: int, text: str) -> None:
    page.wait_for_function(
        "([sel, want]) => { const c = document.querySelector(sel); return c && c.textContent.includes(want); }",
        arg=[f"{css(dom.RANKING_TABLE)} tr[data-client-id='{client_id}'] td{css(dom.RANK_VALUE)}", text])


def test_a_client_in_riyals_shows_both_amounts_and_an_egp_rate_makes_a_client_comparable(fresh_app, page):
    with open_portfolio(fresh_app.db, create=False) as store:
        riyals, pounds = store.clients()[0], store.clients()[1]
        store.update_client(pounds.saved_id, replace(pounds, currency="EGP"))
    open_app(page, fresh_app.url)
    open_tab(page, "clients")
    page.locator(f"{css(dom.CLIENT_ROW)} >> visible=true", has_text=riyals.name).first.locator(css(dom.CLIENT_EDIT)).click()
    page.locator(css(dom.CLIENT_DELETE)).first.wait_for(state="visible")
    fill(page, dom.client_field("currency"), "SAR")
    click(page, dom.CLIENT_SAVE)

    def saved_in_riyals():
        with open_portfolio(fresh_app.db, create=False) as store:
            return store.client(riyals.saved_id).currency == "SAR"

    wait_for(saved_in_riyals, "the client saved in SAR")

    open_tab(page, "ranking")
    wait_cell(page, riyals.saved_id, "SAR/h")
    shown = pay_cell(page, riyals.saved_id)
    pay = riyals.values["hourly_rate"]
    assert "≈" in shown and "at 3.75" in shown and f"{pay / 3.75:.2f}".rstrip("0").rstrip(".") in shown.replace(",", "")
    assert "needs a rate for EGP" in pay_cell(page, pounds.saved_id)
    assert pounds.name in page.locator(css(dom.RANKING_NOT_COMPARED)).first.inner_text()

    open_tab(page, "profile")
    fill(page, dom.RATE_CURRENCY, "EGP")
    fill(page, dom.RATE_VALUE, "0.0205")
    click(page, dom.RATE_SAVE)
    page.locator(f"{css(dom.RATE_ROW)}", has_text="EGP").first.wait_for(state="visible")

    open_tab(page, "ranking")
    wait_cell(page, pounds.saved_id, "≈")
    assert "at 48.78" in pay_cell(page, pounds.saved_id)
    assert page.locator(css(dom.RANKING_NOT_COMPARED)).first.inner_text().strip() == ""
    with open_portfolio(fresh_app.db, create=False) as store:
        assert store.client(riyals.saved_id).currency == "SAR" and [r.currency for r in store.user_rates()] == ["EGP"]
