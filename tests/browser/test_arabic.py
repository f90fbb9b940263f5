"""The app in Arabic, in a real browser: right-to-left layout, and mixed-direction text that stays readable.

The page is right to left, but a Latin name, an address or an industry typed by
the user keeps its own direction (a `<bdi>` or a ``dir="auto"`` span), so
"Name <address>" or "Summit Outdoor Gear" is not turned into ">Name <address"
or "-Outdoor e" by the surrounding Arabic; the charts stay left to right (plotly
places their labels itself).
"""
from __future__ import annotations

import re

import pytest
from app_page import choose, css, open_tab
from live_app import open_app, screenshot, serve_app

from freelancekit.drafts.examples import arabic_demo_portfolio
from freelancekit.language import i18n
from freelancekit.portfolio.api import create_demo
from freelancekit.ui import dom

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DIRECTIONS = """(sel) => [...document.querySelectorAll(sel)]
    .filter(el => el.offsetParent !== null)
    .map(el => [el.textContent, getComputedStyle(el).direction])"""


@pytest.fixture()
def arabic_app(tmp_path):
    db = tmp_path / "portfolio.sqlite"
    with create_demo(db) as store:
        store.replace_all(arabic_demo_portfolio())
    with serve_app(db) as app:
        yield app


def test_arabic_app_is_rtl_and_user_text_keeps_its_direction(arabic_app, page):
    open_app(page, arabic_app.url)
    root = page.locator(css(dom.APP)).first
    root.wait_for(state="visible")
    assert page.evaluate("(sel) => getComputedStyle(document.querySelector(sel)).direction", css(dom.APP)) == "rtl"

    # plotly lays out its own labels: its charts stay ltr inside the rtl page (else labels overlap the bars)
    open_tab(page, "criteria", "ar")
    chart = f"{css(dom.CHART_CONTRIB)} .js-plotly-plot"
    page.locator(chart).first.wait_for(state="visible")
    assert page.evaluate("(sel) => getComputedStyle(document.querySelector(sel + ' svg text')).direction", chart) == "ltr"

    open_tab(page, "clients", "ar")
    page.locator(css(dom.CLIENT_ROW), has_text="Summit Outdoor Gear").first.wait_for(state="visible")
    cells = dict(page.evaluate(DIRECTIONS, f"{css(dom.CLIENTS_TABLE)} .fk-literal"))
    assert cells["Summit Outdoor Gear"] == "ltr" and cells["priya@summitgear.shop"] == "ltr"
    assert cells["مكتبة النور"] == "rtl" and cells["التجارة الإلكترونية لمعدات الرحلات"] == "rtl"  # the demo's industries are Arabic
    screenshot(page, "arabic-clients")

    open_tab(page, "drafts", "ar")
    facts = page.locator(css(dom.DRAFT_FACTS)).first
    facts.wait_for(state="visible")
    isolates = page.evaluate(DIRECTIONS, f"{css(dom.DRAFT_FACTS)} bdi")
    to_line = [d for text, d in isolates if text == "Daniel Reyes <daniel@brightpath.io>"]
    assert to_line == ["ltr"], isolates
    assert "مقالات المدونة والتحرير والتدقيق اللغوي" in facts.inner_text()  # the Arabic list joiner, not ", "
    screenshot(page, "arabic-drafts")


PAGE_FACTS = """() => ({lang: document.documentElement.lang, dir: document.documentElement.dir, title: document.title,
    loading: (window.freelancekitPage || {}).loading, counts: String(window.voila_process).includes('Executing')})"""


def test_arabic_page_has_its_language_direction_title_and_loading_message(arabic_app, page):
    open_app(page, arabic_app.url)
    page.locator(css(dom.APP)).first.wait_for(state="visible")
    facts = page.evaluate(PAGE_FACTS)
    assert facts == {"lang": "ar", "dir": "rtl", "title": "freelancekit", "loading": "جارٍ فتح محفظتك…", "counts": False}
    # the charts keep their own direction inside the rtl page
    open_tab(page, "criteria", "ar")
    chart = f"{css(dom.CHART_CONTRIB)} .js-plotly-plot"
    page.locator(chart).first.wait_for(state="visible")
    assert page.evaluate("(sel) => getComputedStyle(document.querySelector(sel + ' svg text')).direction", chart) == "ltr"


def test_arabic_indic_digits_chosen_in_the_profile_show_in_the_ranking(arabic_app, page):
    open_app(page, arabic_app.url)
    page.locator(css(dom.APP)).first.wait_for(state="visible")
    open_tab(page, "profile", "ar")
    old_tabs = page.locator(css(dom.TABS)).first.element_handle()
    choose(page, dom.profile_field("digits"), i18n.t("profile.digits_arab", "ar"))
    # the app is built again in the new digits (as after a language switch): the old tabs leave the page
    page.wait_for_function("(el) => !el.isConnected", arg=old_tabs, timeout=30_000)
    open_tab(page, "ranking", "ar")
    first = page.locator(f"{css(dom.RANK_ROW)}[data-rank='1'] td").first
    first.wait_for(state="visible", timeout=30_000)
    page.wait_for_function("(sel) => document.querySelector(sel)?.textContent === '١'",
                           arg=f"{css(dom.RANK_ROW)}[data-rank='1'] td", timeout=30_000)
    score = page.locator(f"{css(dom.RANK_ROW)}[data-rank='1'] td").nth(2).inner_text()
    assert re.fullmatch(r"[٠-٩]+٫[٠-٩]", score), score
    screenshot(page, "arabic-digits-ranking")
