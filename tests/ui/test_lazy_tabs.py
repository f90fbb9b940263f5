"""Only the selected tab is built at start; the others on first use (the app's time to interactive)."""
from __future__ import annotations

import html
import subprocess
import sys

import ipywidgets as w

from freelancekit.portfolio.storage import Store
from freelancekit.ui import charts, dom
from freelancekit.ui.app import START_TAB, TABS, App


def tab_index(view: str) -> int:
    return next(i for i, (_key, views) in enumerate(TABS) if view in views)


def test_only_the_start_tab_is_built(app):
    assert set(app.views.built()) == set(TABS[START_TAB][1]) == {"criteria", "records_sources", "ranking"}
    assert set(app.views) == {"profile", "clients", "import", "records_import", "ratings", "criteria", "records_sources", "ranking", "drafts"}
    assert "drafts" in app.views and "nope" not in app.views and "drafts" not in app.views.built()
    for i, box in enumerate(app.tabs.children):
        assert bool(box.children) == (i == START_TAB)
    (columns,) = app.tabs.children[START_TAB].children
    controls, result = columns.children  # the weights beside the ranking (wiring.COLUMNS)
    assert dom.COLUMNS in columns._dom_classes and dom.COLUMN_CONTROLS in controls._dom_classes and dom.COLUMN_RESULT in result._dom_classes
    assert [dom.tab(name) in box._dom_classes for name, box in zip(("criteria", "records_sources"), controls.children)] == [True] * 2
    assert [dom.tab("ranking") in box._dom_classes for box in result.children] == [True]


def test_selecting_a_tab_builds_and_shows_its_view(app):
    app.tabs.selected_index = tab_index("clients")
    assert "clients" in app.views.built() and "drafts" not in app.views.built()
    box = app.tabs.children[tab_index("clients")]
    assert len(box.children) == 1 and dom.tab("clients") in box.children[0]._dom_classes
    view = app.views["clients"]
    app.tabs.selected_index = START_TAB
    app.tabs.selected_index = tab_index("clients")
    assert app.views["clients"] is view  # built once, kept


def test_asking_for_a_view_builds_it_into_its_tab(app):
    drafts = app.views["drafts"]
    assert app.tabs.children[tab_index("drafts")].children == (drafts.widget,)


def test_a_change_does_not_build_hidden_views_and_a_later_build_sees_it(app):
    app.views["criteria"].sliders["learning"].value = 5
    assert set(app.views.built()) == {"criteria", "records_sources", "ranking"}
    top = app.views["ranking"].ranking.top(3)
    assert [c.client.name for c in app.views["drafts"].cards] == top


def test_a_rebuild_keeps_the_selected_tab_and_builds_only_it(app):
    app.tabs.selected_index = tab_index("profile")
    app.views["profile"].fields["locale"].input.value = "ar"  # a language switch rebuilds everything
    assert app.tabs.selected_index == tab_index("profile")
    assert set(app.views.built()) == {"profile"}
    assert app.tabs.children[tab_index("profile")].children


def test_step_notebook_views_are_all_built(demo_db):
    with Store(demo_db) as store:
        app = App(store, views=["clients", "drafts"])
        assert set(app.views.built()) == {"clients", "drafts"}
        assert [v.widget for v in app.views.values()] == list(app.root.children[-2:])


def test_the_app_module_does_not_import_other_tabs_views():
    code = ("import sys, freelancekit.ui.app; "
            "print(sorted(m for m in sys.modules if m.endswith('_view') or m in ('pandas', 'plotly', 'jinja2')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "[]"


def test_charts_are_drawn_once_the_page_shows_them_then_follow_the_weights(app):
    ranking = app.views["ranking"]
    assert charts.shown(ranking.contrib) is None and charts.shown(ranking.radar) is None  # nothing drawn while building
    ranking.contrib._view_count = 1  # what the page sends when it displays the chart's box
    first = charts.shown(ranking.contrib)
    (chart,) = ranking.contrib.children
    assert first["data"][0]["y"][0].startswith("1. ") and charts.shown(ranking.radar)
    app.views["criteria"].apply_preset("growth")
    assert charts.shown(ranking.contrib) != first
    assert ranking.contrib.children == (chart,)  # the same chart, given the new figure: updated in place
    radar = charts.shown(ranking.radar)["data"]
    assert [html.unescape(t["name"].split(". ", 1)[1]) for t in radar] == ranking.ranking.top(3)


def test_the_add_criterion_panel_is_built_when_opened_and_stays_open_after_a_change(app):
    view = app.views["criteria"]
    assert view._panel is None and view.manage.children[0].children == ()
    view.manage.selected_index = 0  # the user opens "Add a criterion of your own"
    assert view.manage.children[0].children == (view.manage_panel().widget,)
    view.new_label.value = "Referrals"
    view.on_add()
    assert view.manage.selected_index == 0 and "referrals" in view.label_inputs  # rebuilt, still open
    assert view.manage.children[0].children == (view.manage_panel().widget,)


def test_chart_drawing_is_not_lost_on_a_foreign_event_loop():
    """Outside a kernel, a running loop of someone else's (e.g. Playwright's sync API) never serves our callback."""
    import asyncio
    import threading

    from freelancekit.ui.ranking_view import later

    ran = []

    async def inside_a_foreign_loop():
        later(60, lambda: ran.append("drawn"))

    # a thread of its own: this one may already run such a loop (the browser tests' Playwright)
    worker = threading.Thread(target=asyncio.run, args=(inside_a_foreign_loop(),))
    worker.start()
    worker.join(timeout=30)
    assert ran == ["drawn"]


def test_the_app_on_a_portfolio_without_records_starts_without_pandas_and_builds_the_parts_below_the_ranking_when_shown(tmp_path):
    """What a kernel sends before the page's first slider can move (ui/shown.py): no pandas, no parts yet."""
    import subprocess
    import sys

    from freelancekit.portfolio.api import create_demo

    create_demo(tmp_path / "p.sqlite").close()
    code = """
import sys, warnings
warnings.simplefilter("ignore")
import IPython.display
IPython.display.display = lambda *a, **k: None
import freelancekit.ui.shown as shown
waiting = []
shown._kernel_loop = lambda: object()            # as in a kernel: the page has not shown anything yet
shown.later = lambda delay, action: waiting.append(action)
from freelancekit.ui import app
a = app.show(sys.argv[1])
ranking = a.views["ranking"]
print("pandas" in sys.modules, ranking.insight is None, len(ranking.parts_box.children))
import ipywidgets
print(len(ipywidgets.Widget.widgets), a.views["criteria"].rate is None)  # models the page gets before the first slider
ranking.parts_box._view_count = 1                # the page drew the box
for action in waiting:
    action()
print(ranking.insight is not None, len(ranking.parts_box.children), "fk-why" in ranking.insight.top.value)
"""
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "p.sqlite")], capture_output=True, text=True,
                         timeout=120, check=True)
    first, models, after = (line.split() for line in out.stdout.splitlines())
    assert first == ["False", "True", "0"] and after == ["True", "4", "True"]
    assert int(models[0]) <= 80 and models[1] == "True"  # shared layouts and styles (ui/look.py); the lower sections wait


def test_a_tab_the_page_has_not_drawn_is_sent_again_then_made_anew(app, monkeypatch):
    """The page rarely never draws a tab's new children: the shell sends them again, then makes the views anew, last in new tabs."""
    import freelancekit.ui.shown as shown
    from freelancekit.ui.app import MAX_REMADE

    waiting = []
    monkeypatch.setattr(shown, "_kernel_loop", lambda: object())  # as in a kernel, with a page that draws nothing
    monkeypatch.setattr(shown, "later", lambda delay, action: waiting.append((delay, action)))
    sent = []
    real_send = w.Box.send_state
    monkeypatch.setattr(w.Box, "send_state", lambda self, key=None: (sent.append((self, key)), real_send(self, key)))
    clients = tab_index("clients")
    box = app.tabs.children[clients]
    app.tabs._view_count = 1  # the page shows the tabs
    app.tabs.selected_index = clients
    first = app.views["clients"]
    (holder,) = box.children  # the views go into a holder of their own, watched from now on
    assert dom.TAB_HOLDER in holder._dom_classes and holder.children == (first.widget,) and first.widget._view_count == 0
    sent.clear()

    def run_next() -> float:
        delay, action = waiting.pop(0)
        action()
        return delay

    assert run_next() == shown.RESEND_AFTER_S[0] and sent == [(box, "children"), (holder, "children")]  # the same again
    look = app.state.look
    assert run_next() == shown.RESEND_AFTER_S[1] - shown.RESEND_AFTER_S[0]
    second = app.views["clients"]
    # new models: the holder whose updates the page may reject, the views, the layouts and styles they share
    (new_holder,) = box.children
    assert app.tabs.children[clients] is box and new_holder is not holder and new_holder.children == (second.widget,)
    assert second is not first and app.state.look is not look and second.widget.layout is not first.widget.layout
    assert app.tabs.selected_index == clients
    old_tabs, others = app.tabs, [b for i, b in enumerate(app.tabs.children) if i != clients]
    while waiting:  # a page that never draws any of them: the last time the tabs are new, then nothing more
        run_next()
    last = app.views["clients"]
    last_box = app.tabs.children[clients]
    assert app.remade[clients] == MAX_REMADE and last not in (first, second) and last_box is not box
    # new tabs, drawn from the start like the first page: this tab's views inside, the other tabs' boxes kept
    assert app.tabs is not old_tabs and app.tabs in app.root.children and old_tabs not in app.root.children
    assert last_box.children == (last.widget,) and [b for i, b in enumerate(app.tabs.children) if i != clients] == others
    assert app.tabs.selected_index == clients and app.tabs.titles == old_tabs.titles and app.tabs._view_count == 0
    app.tabs.selected_index = tab_index("drafts")  # the new tabs answer clicks
    assert app.tabs.children[tab_index("drafts")].children


def test_content_drawn_in_time_or_replaced_is_not_sent_again(app, monkeypatch):
    import freelancekit.ui.shown as shown

    waiting = []
    monkeypatch.setattr(shown, "_kernel_loop", lambda: object())
    monkeypatch.setattr(shown, "later", lambda delay, action: waiting.append(action))
    profile, clients = (app.tabs.children[tab_index(v)] for v in ("profile", "clients"))
    app.tabs._view_count = 1
    app.tabs.selected_index = tab_index("profile")
    profile.children[0].children[0]._view_count = 1  # drawn (in its holder)
    app.tabs.selected_index = tab_index("clients")  # not drawn, but the user went back to the ranking
    app.tabs.selected_index = START_TAB
    seen = {box: box.children for box in (profile, clients)}
    while waiting:
        waiting.pop(0)()
    assert {box: box.children for box in (profile, clients)} == seen and len(waiting) == 0


def test_outside_a_kernel_nothing_waits_for_a_page(app):
    app.tabs._view_count = 1
    app.tabs.selected_index = tab_index("clients")
    assert app.tabs.children[tab_index("clients")].children[0].children[0]._view_count is None


def test_the_tab_built_with_the_app_goes_to_the_page_with_it_and_is_not_watched(app_args, monkeypatch):
    import freelancekit.ui.shown as shown
    from freelancekit.ui.app import build

    waiting = []
    monkeypatch.setattr(shown, "_kernel_loop", lambda: object())
    monkeypatch.setattr(shown, "later", lambda delay, action: waiting.append(action))
    built = build(**app_args)
    try:
        assert built.tabs._view_count == 0 and built.tabs.children[START_TAB].children[0]._view_count is None
    finally:
        built.store.close()
