"""The tables fit in Arabic and English at 1366x900 and 1024x768: no cell or button sticks out of its box.

Bounding boxes from a real Chromium: every button and cell of the clients and
ranking tables lies inside the box that holds it (a table wider than the page
scrolls inside its own box, it never pushes a button past the page's edge), and
a header whose text is cut says it in full in a tooltip; a weight slider's
handle stays on its track at 0 and at the maximum. Screenshots are kept
under test-artifacts/screenshots/.
"""
from __future__ import annotations

import pytest
from app_page import css, open_tab, set_weight
from live_app import open_app, screenshot

from freelancekit.ui import dom
from freelancekit.ui.criteria_view import SLIDER_MAX

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEWPORTS = [(1366, 900), (1024, 768)]

# elements (button, cell) whose box leaves its holder's box, and cut texts without a tooltip
OVERFLOWS = """(sel) => {
  const out = [];
  const page = document.documentElement.getBoundingClientRect();
  for (const table of document.querySelectorAll(sel)) {
    if (table.offsetParent === null) continue;
    const box = table.getBoundingClientRect();
    if (box.left < page.left - 1 || box.right > page.right + 1) out.push(['table', table.className, box.left, box.right]);
    for (const el of table.querySelectorAll('button, td, th, .widget-html, .widget-label')) {
      if (el.offsetParent === null) continue;
      const r = el.getBoundingClientRect(), p = el.parentElement.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.left < p.left - 1 || r.right > p.right + 1) out.push(['outside', el.textContent.trim().slice(0, 30), r.left, r.right, p.left, p.right]);
      const cut = el.matches('button') && el.scrollWidth > el.clientWidth + 1;
      if (cut && el.title !== el.textContent.trim()) out.push(['cut without tooltip', el.textContent.trim()]);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("locale", ["ar", "en"])
@pytest.mark.parametrize("width, height", VIEWPORTS)
def test_tables_fit_their_boxes(apps, page, locale, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_app(page, apps[locale].url)
    problems = {}
    for view, table in (("clients", dom.CLIENTS_TABLE), ("ranking", dom.RANKING_TABLE)):
        open_tab(page, view, locale)
        page.locator(css(table)).first.wait_for(state="visible")
        page.wait_for_timeout(300)
        screenshot(page, f"layout-{locale}-{view}-{width}x{height}")
        found = page.evaluate(OVERFLOWS, css(table))
        if found:
            problems[view] = found[:8]
    assert problems == {}


# the slider's handle and its track, left and right edges in CSS pixels
HANDLE_AND_TRACK = """(sel) => {
  const s = document.querySelector(sel);
  const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.right]; };
  return {handle: box(s.querySelector('.noUi-handle')), track: box(s.querySelector('.noUi-target'))};
}"""


@pytest.mark.parametrize("locale", ["ar", "en"])
def test_a_weight_sliders_handle_stays_on_its_track_at_both_ends(apps, page, locale):
    """In Arabic the handle was drawn a whole track's width to the right at the maximum (over the name), and in
    both languages half a handle past each end: the template's CSS keeps it within the track."""
    page.set_viewport_size({"width": 1366, "height": 900})
    open_app(page, apps[locale].url)
    open_tab(page, "ranking", locale)
    key = "learning"
    for value in (0.0, SLIDER_MAX):
        set_weight(page, key, value)
        page.wait_for_timeout(300)  # the handle moves after the readout
        got = page.evaluate(HANDLE_AND_TRACK, css(dom.weight(key)))
        (h_left, h_right), (t_left, t_right) = got["handle"], got["track"]
        assert t_right - t_left > 3 * (h_right - h_left), got  # a real track, not a collapsed one
        assert t_left - 0.5 <= h_left and h_right <= t_right + 0.5, (locale, value, got)
        at_end = h_left - t_left if value == 0 else t_right - h_right  # 0 on the left in both languages (noUiSlider's ltr)
        assert at_end < 1.0, (locale, value, got)
        screenshot(page, f"layout-{locale}-slider-{value:g}")
