"""Driving the app's widgets in a Playwright page, by the class names in ``freelancekit.ui.dom``.

Each helper waits for what the kernel sends back (bounded by the page's
default timeout), so tests read as user steps.
"""
from __future__ import annotations

import time

from freelancekit.language import i18n
from freelancekit.ui import dom
from freelancekit.ui.wiring import VIEWS

TAB_TITLES = {view: tab for view, (_cls, tab) in VIEWS.items()}  # view -> i18n key of its tab's title


# as ipywidgets leaves a widget model after one update it could not process: its chain of updates
# (``state_change`` in @jupyter-widgets/base) rejected for good, so every later update fails untried
_FAIL = """const failed = Promise.reject(new Error('an update the page could not process (staged)'));
  failed.catch(() => {});"""
FAIL_TAB_BOX_JS = """async (index) => {
  const manager = window.jupyterapp.widgetManager;
  const models = await Promise.all(Object.values(manager._models));
  const tabs = models.find(m => m.get('_model_name') === 'TabModel');
  const box = tabs.get('children')[index];
  %s
  box.state_change = failed;
  return box.model_id;
}""" % _FAIL
# the next holder of a tab's views (dom.TAB_HOLDER) the page makes fails as soon as it is made,
# before the update that gives it the views; window.__failedHolder says which one
FAIL_NEXT_HOLDER_JS = """() => {
  const manager = window.jupyterapp.widgetManager;
  const register = manager.register_model.bind(manager);
  let armed = true;
  manager.register_model = (id, made) => {
    register(id, made);
    made.then(model => {
      if (armed && (model.get('_dom_classes') || []).includes('%s')) {
        armed = false;
        %s
        model.state_change = failed;
        window.__failedHolder = id;
      }
    }, () => {});
  };
}""" % (dom.TAB_HOLDER, _FAIL)


def fail_tab_box(page, index: int) -> str:
    """Leave tab ``index``'s box in the page unable to take any update, as after a lost one; its model id."""
    return page.evaluate(FAIL_TAB_BOX_JS, index)


def fail_next_holder(page) -> None:
    """The next holder of a tab's views the page makes will take no update (``window.__failedHolder``: its id)."""
    page.evaluate(FAIL_NEXT_HOLDER_JS)


def css(name: str) -> str:
    return "." + name


def open_tab(page, view: str, locale: str = "en") -> None:
    title = i18n.t(TAB_TITLES[view], locale)
    page.locator(f"{css(dom.TABS)} .lm-TabBar-tab", has_text=title).first.click()
    page.locator(css(dom.tab(view))).first.wait_for(state="visible")


def fill(page, cls: str, value: str) -> None:
    """Type into a Text/Textarea widget and commit it (Enter for text, blur for areas)."""
    box = page.locator(f"{css(cls)} input, {css(cls)} textarea").first
    box.fill(value)
    box.press("Tab")


def choose(page, cls: str, label: str) -> None:
    page.locator(f"{css(cls)} select").first.select_option(label=label)


def click(page, cls: str) -> None:
    page.locator(f"{css(cls)} >> visible=true").first.click()


def set_weight(page, key: str, value: float) -> None:
    """Type the weight into the slider's editable readout (ipywidgets 8), as a user can."""
    readout = page.locator(f"{css(dom.weight(key))} .widget-readout").first
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(f"{value:g}")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "([sel, v]) => { const r = document.querySelector(sel); return r && parseFloat(r.textContent) === v; }",
        arg=[f"{css(dom.weight(key))} .widget-readout", float(value)])


def weight_readout(page, key: str) -> float:
    return float(page.locator(f"{css(dom.weight(key))} .widget-readout").first.inner_text())


def ranked_ids(page) -> list[int]:
    """Client ids in ranking-table order (the table's data-client-id attributes)."""
    return [int(x) for x in page.eval_on_selector_all(
        f"{css(dom.RANKING_TABLE)} tr{css(dom.RANK_ROW)}", "rows => rows.map(r => r.dataset.clientId)")]


def wait_ranked_ids(page, expected: list[int]) -> None:
    page.wait_for_function(
        "([sel, want]) => JSON.stringify([...document.querySelectorAll(sel)].map(r => +r.dataset.clientId)) === JSON.stringify(want)",
        arg=[f"{css(dom.RANKING_TABLE)} tr{css(dom.RANK_ROW)}", expected])


def error_next_to(page, cls: str) -> str:
    loc = page.locator(css(cls)).first
    loc.wait_for(state="visible")
    return loc.inner_text().strip()


def add_client(page, values: dict[str, str], ratings: dict[str, str] | None = None) -> None:
    """Open the form, fill the fields, save, and wait for the 'saved' status."""
    click(page, dom.CLIENT_NEW)
    page.locator(css(dom.CLIENT_FORM)).first.wait_for(state="visible")
    # the kernel empties the form for a new client: wait for that before typing
    page.locator(css(dom.CLIENT_DELETE)).first.wait_for(state="hidden")
    page.wait_for_function("sel => document.querySelector(sel).value === ''", arg=f"{css(dom.client_field('name'))} input")
    for field, value in values.items():
        fill(page, dom.client_field(field), value)
    for key, label in (ratings or {}).items():
        choose(page, dom.client_field(key), label)
    click(page, dom.CLIENT_SAVE)


def wait_for(predicate, what: str, timeout: float = 30.0):
    """Poll a Python-side condition (e.g. the portfolio file) with a bound; its value when it holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
