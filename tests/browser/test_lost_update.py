"""A tab whose content the page can no longer update is drawn all the same (docs/architecture.md, "A tab's content the page never draws").

Rarely, the page fails one update of a widget model. ipywidgets then keeps
that model's chain of updates rejected: every later update of it fails too
("Could not process update msg for model id"). These tests put the page in that
state on purpose, exactly as ipywidgets leaves a model after such a failure,
then open the tab. The shell must notice that the tab was not drawn and make it
anew (``App._send_again``): first in a new holder inside the tab's box, the
last time in new tabs. Sending the same content again, or new views into the
same holder, can never draw it.
"""
from __future__ import annotations

from collections.abc import Callable

import pytest
from app_page import css, fail_next_holder, fail_tab_box
from live_app import open_app

from freelancekit.language import i18n
from freelancekit.ui import dom
from freelancekit.ui.app import MAX_REMADE
from freelancekit.ui.shown import RESEND_AFTER_S
from freelancekit.ui.wiring import TABS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CLIENTS = next(i for i, (_key, views) in enumerate(TABS) if "clients" in views)


def open_clients_and_every_tab_after(page, errors: list[str], failed: Callable[[], str], remakes: int) -> None:
    page.locator(f"{css(dom.TABS)} .lm-TabBar-tab", has_text=i18n.t(TABS[CLIENTS][0], "en")).first.click()
    # sent again at the first mark, made anew at the second, as many times as it takes: then drawn within seconds
    page.locator(css(dom.tab("clients"))).first.wait_for(state="visible", timeout=(RESEND_AFTER_S[-1] * remakes + 20) * 1000)
    assert any("Could not process update msg" in e and failed() in e for e in errors)  # the page did fail, as staged
    assert page.locator(f"{css(dom.TABS)} .lm-TabBar-tab.lm-mod-current").first.inner_text() == i18n.t(TABS[CLIENTS][0], "en")
    for key, views in TABS[CLIENTS + 1:] + TABS[:CLIENTS]:  # at once, as a user would: every tab opens and shows its views
        page.locator(f"{css(dom.TABS)} .lm-TabBar-tab", has_text=i18n.t(key, "en")).first.click()
        for view in views:
            page.locator(css(dom.tab(view))).first.wait_for(state="visible", timeout=20_000)


def test_a_tab_whose_holder_the_page_cannot_update_is_drawn_in_a_new_holder(live_app, page):
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    open_app(page, live_app.url)
    fail_next_holder(page)
    open_clients_and_every_tab_after(page, errors, lambda: page.evaluate("window.__failedHolder"), remakes=1)


def test_a_tab_whose_box_the_page_cannot_update_is_drawn_in_new_tabs(live_app, page):
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    open_app(page, live_app.url)
    failed = fail_tab_box(page, CLIENTS)
    open_clients_and_every_tab_after(page, errors, lambda: failed, remakes=MAX_REMADE)
