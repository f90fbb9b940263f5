"""The wiring table (freelancekit/ui/wiring.py) is the one map of views and changes: check it holds together."""
from __future__ import annotations

import inspect

import pytest

from freelancekit.drafts.store import DraftsPart
from freelancekit.ui import app as app_module
from freelancekit.ui import dom, wiring


def test_every_change_names_only_known_views_and_caches():
    for kind, change in wiring.CHANGES.items():
        assert set(change.refreshes) <= set(wiring.VIEWS), kind
        assert change.drops <= wiring.CACHES, kind
        assert not (change.rebuild and change.refreshes), f"{kind}: a rebuild refreshes nothing"


def test_every_view_is_in_exactly_one_tab_and_the_tabs_keep_the_views_order():
    in_tabs = [name for _title, names in app_module.TABS for name in names]
    assert in_tabs == list(wiring.VIEW_NAMES)
    assert [title for title, _names in app_module.TABS] == ["tab.profile", "tab.clients", "tab.import", "tab.ratings", "tab.ranking", "tab.drafts"]


def test_every_view_marks_its_box_with_its_name_for_the_browser_tests(app):
    for name in wiring.VIEW_NAMES:
        assert dom.tab(name) in app.views[name].widget._dom_classes, name


@pytest.mark.parametrize("name", wiring.VIEW_NAMES)
def test_every_view_is_a_view(name):
    cls = app_module.view_class(name)
    params = list(inspect.signature(cls.refresh).parameters)
    assert params[:2] == ["self", "kind"], f"{name}.refresh must take the change kind"


@pytest.mark.parametrize("kind", wiring.CHANGE_KINDS)
def test_a_change_drops_exactly_the_caches_its_row_names(app, kind):
    state = app.state
    state.ranking()  # fill every cache
    state.profile()
    before = {c: getattr(state, f"_{c}") for c in wiring.CACHES}
    assert all(v is not None for v in before.values())
    state.invalidate(kind)
    dropped = {c for c in wiring.CACHES if getattr(state, f"_{c}") is None}
    assert dropped == wiring.CHANGES[kind].drops


@pytest.mark.parametrize("kind", [k for k in wiring.CHANGE_KINDS if not wiring.CHANGES[k].rebuild])
def test_a_change_refreshes_exactly_the_built_views_its_row_names(app, kind, monkeypatch):
    for name in wiring.VIEW_NAMES:
        app.views[name]  # noqa: B018 - build every view
    calls: list[tuple[str, str]] = []
    for name, view in app.views.built().items():
        monkeypatch.setattr(view, "refresh", lambda k, name=name: calls.append((name, k)))
    app.on_change(kind)
    assert calls == [(name, kind) for name in wiring.CHANGES[kind].refreshes]


def _outside_calls(app, monkeypatch, kind: str = wiring.OUTSIDE) -> list[str]:
    """Build every view; return the list each refresh(kind) appends its view's name to."""
    told = [kind]
    for name in wiring.VIEW_NAMES:
        app.views[name]  # noqa: B018 - build every view
    calls: list[str] = []
    for name, view in app.views.built().items():
        monkeypatch.setattr(view, "refresh", lambda k, name=name: calls.append(name) if k == told[0] else None)
    return calls


def test_weights_saved_elsewhere_refresh_only_the_views_showing_weights(app, monkeypatch):
    calls = _outside_calls(app, monkeypatch, "weights")  # told "weights": the clients table keeps its rows
    table = app.state.score_table()
    app.store.set_weights({"ease": 3})  # another tab, say
    app.store.set_weights({"ease": 4})  # this tab's own save: the version moved by more than this tab's own
    app.state.changed("weights")
    assert calls == ["clients", "criteria", "ranking", "drafts"]  # the sliders too: the other tab moved one
    assert app.state.score_table() is table  # same clients and columns: the score table is kept
    assert {c.key: c.weight for c in app.state.criteria()}["ease"] == 4


def test_a_save_elsewhere_in_another_area_adds_the_views_of_that_area(app, monkeypatch):
    calls = _outside_calls(app, monkeypatch)
    app.store.save_profile({**app.store.profile().__dict__, "signature": "Maya (CLI)"})
    app.store.set_weights({"ease": 4})
    app.state.changed("weights")  # this tab's own weights: its sliders show them already
    assert calls == ["profile", "clients", "import", "ranking", "drafts"]


def test_a_draft_saved_elsewhere_seen_on_a_tab_switch_refreshes_the_drafts_and_the_ranking(app, monkeypatch):
    calls = _outside_calls(app, monkeypatch, "drafts")
    client = app.store.clients()[0]
    DraftsPart(app.store).save(client.saved_id, {"subject": "Hi"})
    assert app.state.catch_up()
    assert calls == ["ranking", "drafts"]


def test_a_save_elsewhere_that_may_change_anything_refreshes_every_view(app, monkeypatch):
    calls = _outside_calls(app, monkeypatch)
    with app.store._write():  # an action of no one area ("all"): an undone import, a replaced portfolio
        pass
    app.store.set_weights({"ease": 4})
    app.state.changed("weights")
    assert calls == list(wiring.VIEW_NAMES)


@pytest.mark.parametrize("area", [a for a in wiring.CHANGE_KINDS if not wiring.CHANGES[a].rebuild])
def test_every_area_the_store_counts_is_a_change_kind(area):
    from freelancekit.portfolio.storage import AREAS

    assert set(AREAS) - {"all"} == set(wiring.CHANGE_KINDS) - {"all"}
    assert wiring.from_elsewhere([area]).refreshes  # every area saved elsewhere refreshes some view
