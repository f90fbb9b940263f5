"""The wiring table (freelancekit/ui/wiring.py) is the one map of views and changes: check it holds together."""
from __future__ import annotations

import inspect

import pytest

from freelancekit.ui import app as app_module
from freelancekit.ui import dom, wiring


def test_every_change_names_only_known_views_and_caches():
    for kind, change in wiring.CHANGES.items():
        assert set(change.refreshes) <= set(wiring.VIEWS), kind
        assert change.drops <= wiring.CACHES, kind
        assert not (change.rebuild and change.refreshes), f"{kind}: a rebuild refreshes nothing"


def test_the_browser_contract_and_the_tabs_use_the_one_list_of_views():
    assert dom.TAB_NAMES == wiring.VIEW_NAMES
    in_tabs = [name for _title, names in app_module.TABS for name in names]
    assert sorted(in_tabs) == sorted(wiring.VIEW_NAMES)  # each view in exactly one tab


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


def test_a_change_reported_after_another_program_saved_refreshes_every_view(app, monkeypatch):
    for name in wiring.VIEW_NAMES:
        app.views[name]  # noqa: B018 - build every view
    calls: list[str] = []
    for name, view in app.views.built().items():
        monkeypatch.setattr(view, "refresh", lambda k, name=name: calls.append(name) if k == wiring.OUTSIDE else None)
    app.store.set_weights({"ease": 3})  # the CLI, say
    app.store.set_weights({"ease": 4})  # two saves: the version moved by more than this tab's own
    app.state.changed("weights")
    assert calls == list(wiring.VIEW_NAMES)
