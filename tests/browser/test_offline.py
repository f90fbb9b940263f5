"""The app contacts no server but its own: every request a page load makes stays on 127.0.0.1.

Voila's "lab" template links Font Awesome from a CDN; ours (freelancekit/cli/
jupyter_data) drops those links. Every request is routed through the test:
one to another host is recorded and aborted (so the test does not depend on
the network), and the test fails if there was any. Every tab is opened (each
builds its widgets on first use), the charts are drawn and the "add a
criterion" panel is opened, so what a whole visit loads is covered; the error pages for unknown addresses too.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from app_page import css, open_tab
from live_app import HOST, open_app

from freelancekit.ui import dom

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LOCAL_SCHEMES = ("data", "blob", "about")  # made inside the page: nothing is sent anywhere


class RequestLog:
    """Routes every request of a browser context; lets local ones through, aborts and records the rest."""

    def __init__(self, context):
        self.local: list[str] = []
        self.outside: list[str] = []
        context.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES or (parts.scheme in ("http", "ws") and parts.hostname == HOST):
            self.local.append(url)
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def watch_websockets(self, page) -> None:
        page.on("websocket", lambda ws: (self.local if urlsplit(ws.url).hostname == HOST else self.outside).append(ws.url))


def test_a_whole_visit_makes_no_request_outside_this_computer(live_app, page):
    log = RequestLog(page.context)
    log.watch_websockets(page)
    open_app(page, live_app.url)
    page.locator(f"{css(dom.CHART_RADAR)} .js-plotly-plot").first.wait_for(state="visible")
    for view in ("profile", "clients", "import", "drafts", "criteria"):
        open_tab(page, view)
    # the "add a criterion" panel is built when opened: open it, and see its widgets arrive
    page.locator(f"{css(dom.tab('criteria'))} .lm-AccordionPanel-title, {css(dom.tab('criteria'))} .jupyter-widget-Collapse-header").first.click()
    page.locator(f"{css(dom.NEW_CRITERION_LABEL)} input").first.wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    assert not log.outside, f"requests left {HOST}: {log.outside}"
    assert any("/voila/static/" in u for u in log.local) and any(u.startswith("ws://") for u in log.local)


def test_icons_come_from_voilas_own_bundle(live_app, page):
    """Without the CDN stylesheet, Font Awesome still draws the demo banner's button icon."""
    RequestLog(page.context)
    open_app(page, live_app.url)
    icon = page.locator(f"{css(dom.DEMO_START_OWN)} i.fa").first
    icon.wait_for(state="visible")
    family, content = icon.evaluate("el => { const s = getComputedStyle(el, '::before'); return [s.fontFamily, s.content]; }")
    assert "Font Awesome" in family and content not in ("", "none", "normal"), (family, content)
    page.wait_for_function(
        "() => [...document.fonts].some(f => f.family.includes('Font Awesome') && f.status === 'loaded')")


@pytest.mark.parametrize("path", ["no-such-page", "voila/render/no-such.ipynb", "voila/static/no-such.js"])
def test_error_pages_link_nothing_outside(live_app, page, path):
    log = RequestLog(page.context)
    response = page.goto(live_app.url + path, wait_until="load")
    assert response is not None and response.status in (403, 404)
    assert not log.outside, f"requests left {HOST}: {log.outside}"
    assert "://" not in page.content()
