"""A tab whose box the page can no longer update is drawn all the same (docs/architecture.md, "The tab that stays empty").

Rarely, the page fails one update of a widget model. ipywidgets then keeps
that model's chain of updates rejected: every later update of it fails too
("Could not process update msg for model id"). This test puts the page in that
state on purpose for one tab's box, before the tab is first opened, exactly as
ipywidgets leaves a model after such a failure. The shell must notice the tab
was not drawn and make it anew in a new box (``App._send_again``); sending the
same box again, or new views into the same box, can never draw it.
"""
from __future__ import annotations

import pytest
from app_page import css
from live_app import open_app

from freelancekit.language import i18n
from freelancekit.ui import dom
from freelancekit.ui.shown import RESEND_AFTER_S
from freelancekit.ui.wiring import TABS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# as ipywidgets leaves a model after one failed update: its chain of updates rejected for good
POISON_TAB_BOX = """async (index) => {
  const manager = window.jupyterapp.widgetManager;
  const models = await Promise.all(Object.values(manager._models));
  const tabs = models.find(m => m.get('_model_name') === 'TabModel');
  const box = tabs.get('children')[index];
  const failed = Promise.reject(new Error('an update the page could not process (made by the test)'));
  failed.catch(() => {});
  box.state_change = failed;
  return box.model_id;
}"""


def test_a_tab_whose_box_the_page_cannot_update_is_drawn_in_a_new_box(live_app, page):
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    open_app(page, live_app.url)
    index = next(i for i, (_key, views) in enumerate(TABS) if "clients" in views)
    poisoned = page.evaluate(POISON_TAB_BOX, index)
    page.locator(f"{css(dom.TABS)} .lm-TabBar-tab", has_text=i18n.t(TABS[index][0], "en")).first.click()
    # sent again at the first mark, made anew at the second: drawn well within a few seconds after that
    page.locator(css(dom.tab("clients"))).first.wait_for(state="visible", timeout=(RESEND_AFTER_S[-1] + 20) * 1000)
    assert any("Could not process update msg" in e and poisoned in e for e in errors)  # the page did fail, as staged
    assert page.locator(f"{css(dom.TABS)} .lm-TabBar-tab.lm-mod-current").first.inner_text() == i18n.t(TABS[index][0], "en")
