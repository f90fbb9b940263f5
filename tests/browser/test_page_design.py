"""The page's own design holds in a real Chromium, in English and Arabic (docs/architecture.md, "The page's design").

While the app starts, the page shows its own loading state in its language,
never ipywidgets' "Loading widget...". On every tab: "go" buttons (ipywidgets'
primary, success and info) share one colour, and so do danger buttons; every
link is underlined or framed, in the primary colour; no label or tab title is
cut with "…"; an icon never touches its button's text, on the side the text
is in either direction; all text is in the app's one font stack (tab titles
included: Lumino gives them its own); a view's card is never inside another
view's card (a tab opened after the first holds its views in a box of its own);
the label of a multi-line field stands at the field's top; the ranking's table fits
its card beside the weights at 1024 px.
"""
from __future__ import annotations

import pytest
from app_page import click, open_tab
from live_app import APP_READY_TIMEOUT_MS

from freelancekit.language import i18n
from freelancekit.ui import dom

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TABS = ("profile", "clients", "import", "criteria", "drafts")

# before any page script: on every frame until the app shows, what a person would see while it loads
LOADING_PROBE = """
window.__seen = {jupyter: false, own: []};
(function frame() {
  const text = document.body ? document.body.innerText : "";
  if (text.includes("Loading widget...")) window.__seen.jupyter = true;
  document.querySelectorAll(".fk-loading").forEach(el => window.__seen.own.push(el.textContent));
  if (!document.querySelector(".fk-app")) requestAnimationFrame(frame);
})();
"""

LOOK = """() => {
  const shown = el => el.offsetParent !== null;
  const colours = sel => [...new Set([...document.querySelectorAll(sel)].filter(shown).map(el => getComputedStyle(el).backgroundColor))];
  const links = [...document.querySelectorAll('.fk-app a[href]')].filter(shown).map(a => {
    const s = getComputedStyle(a);
    return [a.textContent.trim().slice(0, 20), s.textDecorationLine.includes('underline') || s.borderStyle !== 'none', s.color];
  });
  const cut = [...document.querySelectorAll('.fk-app .widget-label, .fk-app .lm-TabBar-tabLabel, .fk-app .jupyter-button')]
    .filter(el => shown(el) && !el.closest('.fk-named') && !el.closest('.fk-table-head'))
    .filter(el => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).textOverflow === 'ellipsis')
    .map(el => el.textContent.trim());
  const touching = [...document.querySelectorAll('.fk-app .jupyter-button i.fa')].filter(i => shown(i) && i.nextSibling && i.nextSibling.textContent.trim())
    .filter(i => parseFloat(getComputedStyle(i).marginInlineEnd) < 4).map(i => i.parentElement.textContent.trim());
  // the font of every element that shows text of its own (icons, charts and plotly's toolbar aside)
  const fonts = [...document.querySelectorAll('.fk-app *')]
    .filter(el => shown(el) && !el.closest('svg, .modebar, i.fa') && !el.matches('input[type=radio], input[type=checkbox]'))
    .filter(el => el.matches('input, textarea, select, button') || [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
    .map(el => getComputedStyle(el).fontFamily);
  // a box the stylesheet makes a card (a view's: class fk-tab-...) inside another such box
  const nested = [...document.querySelectorAll('.fk-app [class*="fk-tab-"] [class*="fk-tab-"]')].filter(shown).map(el => el.className);
  const lowLabels = [...document.querySelectorAll('.fk-app .fk-field')].filter(shown).flatMap(field => {
    const box = field.querySelector('textarea'), label = field.querySelector('.fk-field-label');
    return box && label && label.getBoundingClientRect().top - box.getBoundingClientRect().top > 16 ? [label.textContent.trim()] : [];
  });
  // a table of text (the ranking's) wider than the card it is in, at 1024 px: its last columns cut at the card's edge
  const wide = [...document.querySelectorAll('.fk-app table.fk-table')].filter(shown)
    .filter(t => t.scrollWidth > (t.closest('.fk-column-result') || t.parentElement).clientWidth + 1).map(t => t.scrollWidth);
  return {go: colours('.fk-app .jupyter-button:is(.mod-primary, .mod-success, .mod-info):enabled'),
          danger: colours('.fk-app .jupyter-button.mod-danger:enabled'), links, cut, touching, fonts: [...new Set(fonts)], nested, lowLabels, wide};
}"""


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_the_page_loads_in_its_own_words_and_every_tab_keeps_one_look(apps, page, locale):
    page.add_init_script(LOADING_PROBE)
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(apps[locale].url, wait_until="domcontentloaded", timeout=APP_READY_TIMEOUT_MS)
    page.wait_for_selector(f".{dom.APP}", state="visible", timeout=APP_READY_TIMEOUT_MS)
    seen = page.evaluate("window.__seen")
    assert seen["jupyter"] is False
    assert set(seen["own"]) <= {i18n.t("page.loading", locale)}

    looks = {}
    for view in TABS:
        open_tab(page, view, locale)
        if view == "drafts":  # a written draft shows its links (.eml, the mail link, .txt)
            click(page, dom.DRAFT_WRITE)
            page.locator(f".{dom.DRAFT_EML}").first.wait_for(state="visible")
        page.mouse.move(0, 0)  # a button under the pointer shows its hover shade, not its colour
        page.wait_for_timeout(300)
        looks[view] = page.evaluate(LOOK)
    go = {c for look in looks.values() for c in look["go"]}
    danger = {c for look in looks.values() for c in look["danger"]}
    assert len(go) == 1 and len(danger) <= 1 and not go & danger, (go, danger)
    links = [link for look in looks.values() for link in look["links"]]
    assert links and all(framed for _text, framed, _colour in links), links
    assert {colour for _text, _framed, colour in links} == go, links
    assert {view: look["cut"] for view, look in looks.items() if look["cut"]} == {}
    assert {view: look["touching"] for view, look in looks.items() if look["touching"]} == {}
    fonts = {font for look in looks.values() for font in look["fonts"]}
    assert len(fonts) == 1, fonts
    assert {view: look["nested"] for view, look in looks.items() if look["nested"]} == {}
    assert {view: look["lowLabels"] for view, look in looks.items() if look["lowLabels"]} == {}
    assert {view: look["wide"] for view, look in looks.items() if look["wide"]} == {}
