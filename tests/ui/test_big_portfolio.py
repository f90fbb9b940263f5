"""10 000 clients: the app builds no widget per client, the chart shows the top 30, the good moments keep rank order."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

import pytest
from ipywidgets.widgets.widget import _instances  # every live widget, by model id

from freelancekit.portfolio.api import open_portfolio
from freelancekit.portfolio.model import make_client
from freelancekit.ui import charts, dom
from freelancekit.ui.app import TABS, build

BIG = 10_000


def portfolio(db, n):
    """``n`` complete clients (not the demo: the demo banner has widgets of its own)."""
    with open_portfolio(db) as store:
        criteria = store.criteria()
        store.import_clients([(i + 2, make_client({
            "name": f"Client {i:05d}", "email": f"c{i}@example.com", "services": "Blog posts",
            "values": {"hourly_rate": 30 + i % 120, "on_time_payment": 1 + i % 5, "ease": 1 + i // 7 % 5,
                       "enjoyment": 1 + i // 11 % 5, "learning": 1 + i // 13 % 5},
        }, criteria)) for i in range(n)])
        assert store.client_count() == n
    return db


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    return portfolio(tmp_path_factory.mktemp("big") / "portfolio.sqlite", BIG)


def widgets_built(db, tabs: tuple[int, ...]) -> int:
    """How many widgets building the app and then selecting ``tabs`` creates, less the ranking's pager.

    The pager (Previous, "1-50 of 10 000", Next) is made only once a second page exists.
    """
    before = len(_instances)
    app = build(db)
    try:
        assert app.tabs is not None
        for index in tabs:
            app.tabs.selected_index = index
        pager = app.views["ranking"]._pager_parts or ()
        return len(_instances) - before - sum(1 + len({id(part.layout), id(part.style)}) for part in pager)
    finally:
        app.store.close()


def test_10_000_clients_build_as_many_widgets_as_12(big_db, tmp_path):
    small = portfolio(tmp_path / "small.sqlite", 12)
    every_tab = tuple(range(len(TABS)))
    assert widgets_built(big_db, ()) == widgets_built(small, ())  # the first load
    assert widgets_built(big_db, every_tab) == widgets_built(small, every_tab)  # and every tab


def test_the_contribution_chart_shows_the_top_30_of_10_000(big_db):
    app = build(big_db)
    try:
        r = app.views["ranking"].ranking
        assert r is not None and len(r) == BIG
        fig = charts.contributions_figure(r)
        best = [f"{k}. {r.table.names[i]}" for k, i in enumerate(r.order[:charts.CHART_TOP_N].tolist(), start=1)]
        assert charts.CHART_TOP_N == 30 and len(fig["data"]) == len(r.criteria)
        assert all(trace["y"] == best and len(trace["x"]) == 30 for trace in fig["data"])
    finally:
        app.store.close()


def test_good_moments_are_listed_best_ranked_first(app):
    store, r = app.store, app.views["ranking"].ranking
    by_name = {c.name: c for c in store.clients()}
    picked = [r.table.names[i] for i in r.order[[7, 1, 4]].tolist()]  # saved out of rank order
    for name in picked:
        store.update_client(by_name[name].id, replace(by_name[name], last_win_date=date.today() - timedelta(days=2)))
    app.state.catch_up()
    view = app.views["ranking"]
    view.refresh()
    text = view.upsell.box.value
    assert dom.RANKING_GOOD_MOMENT in text
    shown = sorted(picked, key=lambda name: text.index(name))
    assert shown == [r.table.names[i] for i in r.order[[1, 4, 7]].tolist()]
    assert not re.search(r"Client \d{5}", text)
