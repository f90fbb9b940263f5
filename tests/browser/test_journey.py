"""A freelancer's first session, in a real browser against a real ``freelancekit serve``.

One long journey (each step needs the one before): the demo on first run,
starting an empty portfolio, four clients typed into the form (one Arabic),
a refused value shown next to its field, a weight change that reorders the
ranking exactly as docs/ranking.md says, a reload that loses nothing, and a CSV
import whose bad row is reported as ``row N, column C: …``.
"""
from __future__ import annotations

import pytest
from app_page import add_client, click, css, error_next_to, open_tab, ranked_ids, set_weight, wait_for, wait_ranked_ids, weight_readout
from live_app import open_app, screenshot

from freelancekit.portfolio.api import open_portfolio
from freelancekit.records.rank import rank_portfolio
from freelancekit.ui import dom

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CLIENTS = [  # name, hourly rate, on-time, ease, enjoyment, learning
    ("Atlas Studio", "90", "5", "4", "4", "1"),
    ("مكتبة الريّان", "50", "4", "5", "5", "5"),
    ("Blue Harbor Cafe", "40", "3", "3", "3", "3"),
    ("Cedar Legal", "70", "2", "2", "2", "2"),
]
RATINGS = ("on_time_payment", "ease", "enjoyment", "learning")
BAD_CSV = (
    "name,contact_name,email,hourly_rate,on_time_payment,ease,enjoyment,learning\n"
    "Imported Good Co,Ann Lee,ann@good.example,65,4,4,4,4\n"
    "Imported Bad Co,Bob Ray,bob@bad.example,55,4,9,4,4\n"
)


def expected_order(db) -> list[int]:
    with open_portfolio(db, create=False) as store:
        ranking = rank_portfolio(store)
        by_name = {c.name: c.id for c in store.clients()}
    return [by_name[r["name"]] for r in ranking.records()]


def saved_weight(db, key: str) -> float:
    with open_portfolio(db, create=False) as store:
        return next(c.weight for c in store.criteria() if c.key == key)


def client_names(db) -> set[str]:
    with open_portfolio(db, create=False) as store:
        return {c.name for c in store.clients()}


def test_first_session(live_app, page):
    db = live_app.db

    # 1. first run: the demo, clearly marked
    open_app(page, live_app.url)
    page.locator(css(dom.DEMO_BANNER)).wait_for(state="visible")
    wait_ranked_ids(page, expected_order(db))
    assert len(ranked_ids(page)) == 12
    screenshot(page, "1-demo-ranking")

    # 2. one click starts an empty portfolio of one's own
    click(page, dom.DEMO_START_OWN)
    page.locator(css(dom.DEMO_BANNER)).wait_for(state="detached")
    with open_portfolio(db, create=False) as store:
        assert not store.is_demo() and store.client_count() == 0
    click(page, dom.FIRST_SKIP)  # the guided first run is tests/browser/test_first_run_browser.py; this journey uses the tabs
    screenshot(page, "2-profile")

    # 3. four clients through the form, one with an Arabic name
    open_tab(page, "clients")
    for n, (name, rate, *ratings) in enumerate(CLIENTS, start=1):
        add_client(page, {"name": name, "hourly_rate": rate}, dict(zip(RATINGS, ratings)))
        wait_for(lambda n=n: len(client_names(db)) == n, f"client {n} to be saved")
        page.locator(css(dom.CLIENTS_TABLE), has_text=name).wait_for(state="visible")
    assert client_names(db) == {c[0] for c in CLIENTS}
    # each value sits under its column's header (the flex row must not shrink cells unlike the header)
    lefts = page.evaluate("""(sel) => {
        const table = document.querySelector(sel);
        const row = [...table.querySelectorAll('.fk-client-row')].find(r => r.offsetParent !== null);
        const xs = (el) => [...el.children].map(c => Math.round(c.getBoundingClientRect().left));
        return [xs(table.querySelector('.fk-table-head')), xs(row)];
    }""", css(dom.CLIENTS_TABLE))
    columns = len(CLIENTS[0]) + 3  # name, contact, email, industry and the five criteria
    assert all(abs(h - c) <= 1 for h, c in zip(lefts[0][:columns], lefts[1][:columns], strict=True)), lefts

    # 4. a value outside the rules is refused, with the message next to its field
    add_client(page, {"name": "Delta Works", "hourly_rate": "-20"})
    message = error_next_to(page, dom.client_error("hourly_rate"))
    assert message and "0" in message, message
    screenshot(page, "3-clients-form-error")
    assert "Delta Works" not in client_names(db)
    click(page, dom.CLIENT_CLOSE)

    # 5. a weight change reorders the ranking exactly as docs/ranking.md computes it
    open_tab(page, "criteria")
    before = expected_order(db)
    wait_ranked_ids(page, before)
    set_weight(page, "learning", 0)
    wait_for(lambda: saved_weight(db, "learning") == 0, "the new weight to be saved")
    after = expected_order(db)
    assert after != before, "the test data must make this weight change reorder the clients"
    wait_ranked_ids(page, after)
    screenshot(page, "4-criteria-ranking")

    # 6. a reload loses nothing
    page.reload()
    open_app(page, live_app.url)
    assert page.locator(css(dom.DEMO_BANNER)).count() == 0
    wait_ranked_ids(page, after)
    assert weight_readout(page, "learning") == 0
    open_tab(page, "clients")
    for name, *_ in CLIENTS:
        page.locator(css(dom.CLIENTS_TABLE), has_text=name).wait_for(state="visible")

    # 7. a CSV with one bad row: the row error names the row and the column
    open_tab(page, "import")
    with page.expect_file_chooser() as chooser:
        click(page, dom.IMPORT_UPLOAD)
    chooser.value.set_files(files=[{"name": "clients.csv", "mimeType": "text/csv", "buffer": BAD_CSV.encode()}])
    problems = page.locator(f"{css(dom.IMPORT_ERRORS)} {css(dom.IMPORT_PROBLEM)}")
    problems.first.wait_for(state="visible")
    texts = problems.all_inner_texts()
    assert len(texts) == 1 and texts[0].startswith("row 3, column ease:"), texts
    screenshot(page, "5-import-errors")
    assert client_names(db) == {c[0] for c in CLIENTS}  # nothing imported before confirming

    open_tab(page, "drafts")
    page.locator(css(dom.DRAFT_CARD)).first.wait_for(state="visible")
    screenshot(page, "6-drafts")
