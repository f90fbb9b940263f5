"""axe-core finds no serious or critical violation on any tab, in English and in Arabic.

axe-core runs inside the real page (the ``axe-playwright-python`` package ships
``axe.min.js``; nothing is downloaded when it runs). Every tab is opened in turn,
with the client form open on the Clients tab and the first draft written on the
Drafts tab, so their inputs are checked too: each must have a programmatic
label (``<label for>`` or ``aria-label``), each text its contrast, each button
its name. Hidden parts (a closed section) are not checked until shown.
"""
from __future__ import annotations

import pytest
from app_page import click, css, open_tab
from live_app import open_app, screenshot

from freelancekit.ui import dom

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BLOCKING = ("serious", "critical")
TABS = ("profile", "clients", "import", "criteria", "drafts")


def is_local(url: str) -> bool:
    """A request this computer answers: the app's server, or the page's own data: and blob: URLs."""
    from urllib.parse import urlsplit

    return url.startswith("data:") or urlsplit(url.removeprefix("blob:")).hostname == "127.0.0.1"


def blocking_violations(page) -> list[tuple[str, str, list[str]]]:
    """(rule, impact, the first elements it names) of each serious or critical violation on the page now."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [(v["id"], v["impact"], [n["html"][:120] for n in v["nodes"][:3]]) for v in found if v["impact"] in BLOCKING]


def show_everything_of(page, view: str) -> None:
    """The parts of a tab that only appear after a click: the client form, a written draft."""
    if view == "clients":
        click(page, dom.CLIENT_NEW)
        page.locator(css(dom.CLIENT_FORM)).first.wait_for(state="visible")
    elif view == "drafts":
        page.locator(css(dom.DRAFT_CARD)).first.wait_for(state="visible")
        click(page, dom.DRAFT_WRITE)
        page.locator(css(dom.DRAFT_EDITOR)).first.wait_for(state="visible")


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_no_tab_has_a_serious_or_critical_accessibility_violation(apps, page, locale):
    page.set_viewport_size({"width": 1366, "height": 900})
    outside = []  # axe's script comes with the package: no request may leave this computer
    page.on("request", lambda r: None if is_local(r.url) else outside.append(r.url))
    open_app(page, apps[locale].url)
    problems = {}
    for view in TABS:
        open_tab(page, view, locale)
        show_everything_of(page, view)
        page.wait_for_timeout(500)  # the last messages from the kernel are drawn
        found = blocking_violations(page)
        if found:
            screenshot(page, f"a11y-{locale}-{view}")
            problems[view] = found
    assert problems == {}
    assert outside == []

