"""In a real browser: a criterion of your own starts at weight 0, the "Rate everyone" grid opens on it and
saves each rating as it is chosen; raising its weight marks the clients still unrated, naming it."""
from __future__ import annotations

import pytest
from app_page import click, css, fill, open_tab, set_weight, wait_for
from live_app import open_app

from freelancekit.portfolio.api import open_portfolio
from freelancekit.ui import dom

pytestmark = [pytest.mark.browser]


def test_add_a_criterion_rate_everyone_then_raise_its_weight(fresh_app, page):
    db = fresh_app.db
    open_app(page, fresh_app.url)
    open_tab(page, "criteria")
    page.locator(f"{css(dom.tab('criteria'))} .lm-AccordionPanel-title, {css(dom.tab('criteria'))} .jupyter-widget-Collapse-header").first.click()
    fill(page, dom.NEW_CRITERION_LABEL, "Referrals")
    click(page, dom.NEW_CRITERION_ADD)

    grid = page.locator(css(dom.RATE_GRID)).first
    grid.wait_for(state="visible")  # opened by itself on the new criterion
    page.wait_for_function("s => document.querySelector(s).textContent.includes('12 of 12')", arg=css(dom.RATE_SUMMARY))
    assert page.locator(f"{css(dom.weight('referrals'))} .widget-readout").first.inner_text().strip() in ("0", "0.0")
    with open_portfolio(db, create=False) as store:
        assert not any(r["incomplete"] for r in _records(store) if r["name"] != "مكتبة النور")  # nobody penalised

    rows = page.locator(f"{css(dom.RATE_ROW)} >> visible=true")
    first_name = rows.first.locator(".fk-literal-label").first.inner_text().strip()
    rows.first.locator("select").first.select_option(label="5")
    wait_for(lambda: _value(db, first_name) == 5, "the grid's save")
    page.wait_for_function("s => document.querySelector(s).textContent.includes('11 of 12')", arg=css(dom.RATE_SUMMARY))

    set_weight(page, "referrals", 2)
    wait_for(lambda: _weight(db) == 2, "the weight's save")
    with open_portfolio(db, create=False) as store:
        records = _records(store)
    unrated = [r for r in records if "referrals" in r["unrated"]]
    assert len(unrated) == 11 and all(r["incomplete"] for r in unrated)
    page.wait_for_function("s => [...document.querySelectorAll(s)].some(e => e.textContent.includes('Referrals'))",
                           arg=css(dom.RANK_UNRATED))


def _records(store):
    from freelancekit.records.rank import rank_portfolio

    return rank_portfolio(store).records()


def _value(db, name):
    with open_portfolio(db, create=False) as store:
        return store.client_by_name(name).values.get("referrals")


def _weight(db):
    with open_portfolio(db, create=False) as store:
        return next(c.weight for c in store.criteria() if c.key == "referrals")
