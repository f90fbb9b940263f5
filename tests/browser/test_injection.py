"""User text is shown as text: never HTML, script or LaTeX — in the tables and in the charts."""
from __future__ import annotations

import pytest
from live_app import open_app, screenshot, serve_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE = [
    '<img src=x onerror="document.title=\'pwned\'">',
    '<a href="https://example.com">Acme</a>',
    "<b>Big</b> & Co",
    "$x^2$ Analytics",
    "<script>document.title='pwned'</script>",
]


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    from freelancekit.portfolio.api import open_portfolio

    db = tmp_path_factory.mktemp("hostile") / "portfolio.sqlite"
    with open_portfolio(db) as store:
        for i, name in enumerate(HOSTILE):
            store.add_client({"name": name, "contact_name": name, "notes": name, "last_win": name,
                              "values": {"hourly_rate": 40 + 10 * i, "on_time_payment": 1 + i % 5,
                                         "ease": 3, "enjoyment": 4, "learning": 2}})
    with serve_app(db) as app:
        yield app


def test_hostile_names_render_literally(hostile_app, page):
    from app_page import css, open_tab

    from freelancekit.ui import dom

    open_app(page, hostile_app.url)
    title = page.title()
    ranking = page.locator(css(dom.RANKING_TABLE)).first
    ranking.wait_for(state="visible")
    chart = page.locator(f"{css(dom.CHART_CONTRIB)} .js-plotly-plot").first
    chart.wait_for(state="visible")
    page.wait_for_timeout(500)  # let plotly finish laying out its SVG text
    table_text = ranking.inner_text()
    chart_text = chart.evaluate("el => el.textContent")
    problems = []
    for name in HOSTILE:
        if name not in table_text:
            problems.append(f"{name!r} not shown literally in the ranking table")
        if name not in chart_text and name.replace(" ", "\u00a0") not in chart_text:
            problems.append(f"{name!r} not shown literally in the chart")
    open_tab(page, "clients")
    clients_text = page.locator(css(dom.CLIENTS_TABLE)).first.inner_text()
    for name in HOSTILE:
        if name not in clients_text:
            problems.append(f"{name!r} not shown literally in the clients table")
    open_tab(page, "drafts")
    page.wait_for_timeout(500)
    screenshot(page, "injection-drafts")
    open_tab(page, "criteria")
    screenshot(page, "injection-ranking")

    assert not problems, "\n".join(problems)
    assert page.title() == title != "pwned"
    injected = page.evaluate("""() => ({
        img: document.querySelectorAll('img[src="x"]').length,
        link: document.querySelectorAll('a[href="https://example.com"]').length,
        bold: [...document.querySelectorAll('b')].filter(b => b.textContent === 'Big').length,
        script: [...document.querySelectorAll('script')].filter(s => s.textContent.includes('pwned')).length,
        math: document.querySelectorAll('mjx-container, .MathJax, .katex').length,
    })""")
    assert injected == {"img": 0, "link": 0, "bold": 0, "script": 0, "math": 0}, injected
