"""Every view shows the saved truth: another tab's or the CLI's save reaches a view on screen on its
next action (sort, page, search, export), and what this tab is typing is kept."""
from __future__ import annotations

import base64
import csv
import io
import re

import pytest

from freelancekit.portfolio.storage import Store
from freelancekit.ui.app import TAB_OF_VIEW, build
from freelancekit.ui.common import literal_text


def shown_rows(app) -> dict[str, list[str]]:
    """The clients table as the page shows it: name -> the row's cell texts."""
    table = app.views["clients"].table
    rows = {}
    for row, cells, _mark, _edit in table.rows:
        if row.layout.display != "none":
            texts = [literal_text(c) for c in cells]
            rows[texts[0]] = texts
    return rows


def rate_column(app) -> int:
    return [k for k, _l, _w in app.views["clients"].table.cols].index("hourly_rate")


def save_rate_in_tab(app, name: str, rate: str) -> None:
    view = app.views["clients"]
    client = next(c for c in app.store.clients() if c.name == name)
    view.open_client(client.id)
    view.form.fields["hourly_rate"].input.value = rate
    view.form.save.click()
    assert "Saved" in view.form.notice.text, view.form.notice.text  # beside the Save button


def test_a_re_sorted_table_shows_the_rate_another_tab_saved(tabs):
    a, b = tabs
    b.tabs.selected_index = TAB_OF_VIEW["clients"]
    tb = b.views["clients"].table
    tb.sort_by("hourly_rate")
    name = next(iter(shown_rows(b)))
    save_rate_in_tab(a, name, "999")
    tb.sort_by("hourly_rate")  # the user re-sorts: descending now
    assert shown_rows(b)[name][rate_column(b)] == "999"
    assert next(iter(shown_rows(b))) == name  # and it sorts by the saved value: 999 comes first
    assert "another tab" in b.status.text


@pytest.mark.parametrize("action", ["search", "next page", "sort"])
def test_each_table_action_picks_up_a_cli_save(demo_db, action):
    b = build(demo_db)
    try:
        b.tabs.selected_index = TAB_OF_VIEW["clients"]
        tb = b.views["clients"].table
        first = next(iter(shown_rows(b)))
        with Store(demo_db) as cli:  # the command line, or any other program
            c = cli.client_by_name(first)
            cli.update_client(c.id, {**c.__dict__, "values": {**c.values, "hourly_rate": 321}})
        if action == "search":
            tb.search.value = first
        elif action == "next page":
            tb._go(0)  # twelve demo clients fit on one page: "go to the first page" is the same action
        else:
            tb.sort_by("name")
            tb.sort_by("name")
        assert shown_rows(b)[first][rate_column(b)] == "321"
    finally:
        b.store.close()


def test_what_the_user_is_typing_survives_the_catch_up(tabs):
    a, b = tabs
    b.tabs.selected_index = TAB_OF_VIEW["clients"]
    vb = b.views["clients"]
    target = b.store.clients()[0]
    vb.open_client(target.id)
    vb.form.fields["notes"].input.value = "half-typed note"
    save_rate_in_tab(a, b.store.clients()[1].name, "77")
    vb.table.sort_by("email")
    assert vb.form.visible and vb.form.fields["notes"].input.value == "half-typed note"
    assert shown_rows(b)[b.store.clients()[1].name][rate_column(b)] == "77"


def test_ranking_pages_and_export_follow_another_tabs_save(tabs):
    a, b = tabs
    ranking = b.views["ranking"]
    with Store(a.store.path) as cli:
        c = cli.clients()[0]
        cli.update_client(c.id, {**c.__dict__, "values": {**c.values, "hourly_rate": 5000}})
    ranking._next()
    assert ranking.ranking.top(1) == [c.name]  # the best rate by far now leads
    view = b.views["import"]
    with Store(a.store.path) as cli:
        cli.add_client({"name": "Added Elsewhere Co"})
    view.on_prepare()
    data = re.search(r'href="data:text/csv;base64,([^"]+)"', view.links.value).group(1)
    names = [r["name"] for r in csv.DictReader(io.StringIO(base64.b64decode(data).decode("utf-8-sig")))]
    assert "Added Elsewhere Co" in names


def test_nothing_changed_means_no_refresh(tabs):
    _a, b = tabs
    vb = b.views["clients"]
    header = vb.table.header
    vb.table.sort_by("email")
    assert vb.table.header is header and "another tab" not in b.status.text  # no rebuild, no message


def test_drafts_open_a_client_another_program_just_added(app):
    drafts = app.views["drafts"]
    with Store(app.store.path) as cli:
        cli.add_client({"name": "Brand New Elsewhere", "email": "new@example.com"})
    drafts.other.value = "Brand New Elsewhere"
    drafts.on_open_other()
    assert any(card.client.name == "Brand New Elsewhere" for card in drafts.cards)
