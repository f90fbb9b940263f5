"""A criterion of your own: it starts at weight 0 (nobody penalised), "rate everyone" gives every client a
value on it (saved as you go, paged), and once its weight is raised the incomplete marks name it."""
from __future__ import annotations

import pytest

from freelancekit.portfolio.api import create_demo
from freelancekit.portfolio.storage import Store
from freelancekit.records.rank import rank_portfolio
from freelancekit.ui import dom, rate_grid
from freelancekit.ui.app import build
from freelancekit.ui.common import error_text, literal_text
from freelancekit.ui.ranking_table import ranking_table_html


def add_own_criterion(app, label="Referrals", kind="rating"):
    view = app.views["criteria"]
    view.new_label.value = label
    view.new_kind.value = kind
    view.on_add()
    return next(c for c in app.store.criteria() if c.label == label)


def shown(grid) -> list[tuple[str, str]]:
    """(client name, value shown) of each visible row."""
    out = []
    for r in grid.rows:
        if r.widget.layout.display != "none":
            value = r.rating.value if r.rating.layout.display != "none" else r.number.value
            out.append((literal_text(r.name), value))
    return out


def row_of(grid, name):
    return next(r for r in grid.rows if r.widget.layout.display != "none" and literal_text(r.name) == name)


def test_a_new_criterion_starts_at_weight_0_and_penalises_nobody(app):
    before = rank_portfolio(app.store).records()
    crit = add_own_criterion(app)
    assert crit.weight == 0 and app.views["criteria"].sliders[crit.key].value == 0
    after = rank_portfolio(app.store).records()
    assert [(r["name"], r["score"], r["incomplete"]) for r in after] == [(r["name"], r["score"], r["incomplete"]) for r in before]
    assert all(crit.key not in r["unrated"] for r in after)
    # and the grid opened on it, saying what to do
    view = app.views["criteria"]
    assert view.rate.selected_index == 0 and view._grid.key == crit.key
    assert "weight 0" in view.notice.text and "Rate everyone" in view.notice.text  # just above the grid it names
    assert "12 of 12" in literal_text(view._grid.summary) and "weight is 0" in literal_text(view._grid.summary)


def test_rating_in_the_grid_saves_that_value_only(app):
    crit = add_own_criterion(app)
    grid = app.views["criteria"]._grid
    name = shown(grid)[0][0]
    before = app.store.client_by_name(name)
    row_of(grid, name).rating.value = "4"
    after = app.store.client_by_name(name)
    assert after.values[crit.key] == 4
    assert {k: v for k, v in after.values.items() if k != crit.key} == {k: v for k, v in before.values.items() if k in after.values and k != crit.key}
    assert (after.notes, after.email, after.services) == (before.notes, before.email, before.services)
    assert "11 of 12" in literal_text(grid.summary) and "Saved" in row_of(grid, name).notice.text  # on its row
    row_of(grid, name).rating.value = ""  # "not rated" clears it again
    assert app.store.client_by_name(name).values[crit.key] is None


def test_a_refused_value_is_shown_next_to_its_row_and_nothing_is_saved(app):
    crit = add_own_criterion(app, "Budget", kind="number")
    grid = app.views["criteria"]._grid
    name = shown(grid)[0][0]
    row_of(grid, name).number.value = "lots"
    assert error_text(row_of(grid, name).error) and app.store.client_by_name(name).values.get(crit.key) is None
    row_of(grid, name).number.value = "1,500"
    assert app.store.client_by_name(name).values[crit.key] == 1500 and error_text(row_of(grid, name).error) == ""


def test_raising_the_weight_marks_the_unrated_and_names_the_criterion(app):
    crit = add_own_criterion(app)
    grid = app.views["criteria"]._grid
    for name, _v in shown(grid)[:11]:
        row_of(grid, name).rating.value = "3"
    last = shown(grid)[11][0]
    app.views["criteria"].sliders[crit.key].value = 2.0  # the user raises its weight
    records = {r["name"]: r for r in rank_portfolio(app.store).records()}
    assert records[last]["incomplete"] and crit.key in records[last]["unrated"]
    assert sum(crit.key in r["unrated"] for r in records.values()) == 1
    ranking = app.views["ranking"].ranking
    html = ranking_table_html(ranking, "en", size=len(ranking))  # every row, not only the first page
    assert html.count("Referrals, which counts 0") == 2 and dom.RANK_UNRATED in html  # the marker's title and its text
    table = app.views["clients"].table  # built now; the weights change re-renders its marks
    table.search.value = last
    mark = next(m for row, _c, m, _e in table.rows if row.layout.display != "none")
    assert mark.value == "⚠" and "Referrals" in mark.tooltip


def test_the_marker_names_builtin_criteria_in_arabic(tmp_path):
    db = tmp_path / "p.sqlite"
    create_demo(db).close()
    with Store(db) as s:
        s.save_profile({**s.profile().__dict__, "locale": "ar"})
    app = build(db)
    try:
        html = app.views["ranking"].table.value
        assert "لم يُقيَّم بعد في: تعلّم مهارات جديدة" in html  # the bookshop has no "learning" rating
    finally:
        app.store.close()


@pytest.fixture
def big(tmp_path):
    """300 clients (hundreds: the grid pages them)."""
    db = tmp_path / "big.sqlite"
    with Store(db) as s:
        s.start_empty()
        for i in range(300):
            s.add_client({"name": f"Client {i:03d}", "values": {"ease": 3}})
    app = build(db)
    yield app
    app.store.close()


def test_hundreds_of_clients_are_paged_searched_and_filtered(big):
    crit = add_own_criterion(big)
    grid = big.views["criteria"]._grid
    assert len(shown(grid)) == rate_grid.PAGE_SIZE and shown(grid)[0][0] == "Client 000"
    assert sum(1 for _ in grid.rows) == rate_grid.PAGE_SIZE  # a fixed pool of rows, whatever the number of clients
    grid.next.click()
    assert shown(grid)[0][0] == "Client 025" and grid.page.value.startswith("26")
    row_of(grid, "Client 030").rating.value = "5"
    grid.only_unrated.value = True  # back to the first page, only those still to rate
    names = [n for n, _v in shown(grid)]
    assert "Client 030" not in names and names[0] == "Client 000"
    row_of(grid, "Client 001").rating.value = "2"
    assert "Client 001" in [n for n, _v in shown(grid)]  # stays until the next page: nothing jumps under the pointer
    assert "298 of 300" in literal_text(grid.summary)
    grid.search.value = "client 29"
    assert [n for n, _v in shown(grid)] == [f"Client 29{i}" for i in range(10)]
    assert big.store.client_by_name("Client 030").values[crit.key] == 5


def test_the_grid_picks_up_another_tabs_values_on_its_next_action(demo_db):
    a, b = build(demo_db), build(demo_db)
    try:
        crit = add_own_criterion(a)
        gb = b.views["criteria"].rate_grid(crit.key)  # tab B catches up on the new criterion when opening it
        assert gb.key == crit.key
        name = shown(gb)[0][0]
        ga = a.views["criteria"]._grid
        row_of(ga, name).rating.value = "5"
        gb.search.value = ""  # an action in tab B: nothing typed, but B re-reads
        gb._go(0)
        assert dict(shown(gb))[name] == "5"
    finally:
        a.store.close()
        b.store.close()


def test_a_client_form_save_shows_in_the_open_grid(app):
    crit = add_own_criterion(app)
    grid = app.views["criteria"]._grid
    clients = app.views["clients"]
    target = app.store.clients()[0]
    clients.open_client(target.id)
    clients.form.fields[crit.key].input.value = "2"
    clients.form.save.click()
    assert dict(shown(grid))[target.name] == "2"


def test_a_refused_value_in_arabic(demo_db):
    with Store(demo_db) as s:
        s.save_profile({**s.profile().__dict__, "locale": "ar"})
    app = build(demo_db)
    try:
        add_own_criterion(app, "الميزانية", kind="number")
        grid = app.views["criteria"]._grid
        row = next(r for r in grid.rows if r.widget.layout.display != "none")
        row.number.value = "lots"
        text = error_text(row.error)
        assert text and not any("a" <= ch <= "z" for ch in text.replace("lots", "")), text  # Arabic words, the value as typed
    finally:
        app.store.close()
