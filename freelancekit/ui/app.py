"""The app shell: tabs, the demo banner, the status line, and who refreshes whom.

``show()`` is the entry point of ``notebooks/app.ipynb`` (and of
``freelancekit serve``): it opens the portfolio named by ``FREELANCEKIT_DB``
(or the user's default), fills it with the demo on the very first run, and
displays the app. Views report saved changes through ``AppState.changed``;
``App.on_change`` refreshes exactly the views that show that data.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as w

from .. import i18n
from ..storage import Store
from . import dom
from .clients_view import ClientsView
from .common import AppState, Confirm, StatusArea, classed, guarded, html_text, stylesheet
from .criteria_view import CriteriaView
from .drafts_view import DraftsView
from .import_view import ImportView
from .profile_view import ProfileView
from .ranking_view import RankingView

# tab title key, views shown in it (top to bottom); dom.tab(<view>) marks each view's box
TABS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("tab.profile", ("profile",)),
    ("tab.clients", ("clients",)),
    ("tab.import", ("import",)),
    ("tab.criteria", ("criteria", "ranking")),
    ("tab.drafts", ("drafts",)),
)
START_TAB = 3  # weights & ranking: the method's payoff, and the demo's best first impression


class App:
    """One open portfolio shown as tabs; ``root`` is the widget to display."""

    def __init__(self, store: Store):
        self.store = store
        self.status = StatusArea()
        self.root = classed(w.VBox(), dom.APP)
        self.tabs: w.Tab | None = None
        self.build(START_TAB)

    # -- building ------------------------------------------------------------------
    def build(self, selected: int = START_TAB) -> None:
        """(Re)create every view: at start, after a language switch or a whole-portfolio change."""
        self.state = AppState(self.store, self.status, on_change=self.on_change)
        loc = self.state.locale
        self.views: dict[str, Any] = {
            "profile": ProfileView(self.state),
            "clients": ClientsView(self.state),
            "import": ImportView(self.state),
            "criteria": CriteriaView(self.state),
            "ranking": RankingView(self.state),
            "drafts": DraftsView(self.state),
        }
        tabs = classed(w.Tab(), dom.TABS)
        tabs.children = [w.VBox([self.views[v].widget for v in views]) for _key, views in TABS]
        tabs.titles = tuple(i18n.t(key, loc) for key, _views in TABS)
        tabs.selected_index = selected
        tabs.observe(self.on_tab, names="selected_index")
        self.tabs = tabs
        self.confirm = Confirm(self.state)
        title = w.HTML(value=f"<h2>{html_text(i18n.t('app.title', loc))}</h2>")
        self.root.children = [stylesheet(), title, self._banner(), self.confirm.widget, self.status.widget, tabs]
        if i18n.is_rtl(loc):
            self.root.add_class(dom.RTL)
        else:
            self.root.remove_class(dom.RTL)

    def _banner(self) -> w.Widget:
        loc = self.state.locale
        if self.store.is_demo():
            start = classed(w.Button(description=i18n.t("demo.start_own", loc), button_style="success", icon="play"), dom.DEMO_START_OWN)
            start.on_click(self.start_own)
            return classed(w.HBox([w.Label(value=i18n.t("demo.banner", loc)), start], layout=w.Layout(align_items="center")), dom.DEMO_BANNER)
        back = classed(w.Button(description=i18n.t("demo.back", loc)), dom.DEMO_BACK)
        back.on_click(self.ask_back_to_demo)
        return w.HBox([back], layout=w.Layout(justify_content="flex-end"))

    # -- events ----------------------------------------------------------------------
    @guarded
    def on_change(self, kind: str) -> None:
        v = self.views
        if kind == "all":
            self.build(self._selected())
            return
        if kind in ("criteria",):
            v["criteria"].refresh()
        if kind in ("clients", "profile", "criteria"):
            v["clients"].refresh(kind)
            v["import"].refresh()
        if kind == "clients":
            v["profile"].refresh()
        v["ranking"].refresh()
        v["drafts"].refresh()

    @guarded
    def on_tab(self, _change: Any = None) -> None:
        """Switching tabs is when another tab's or the CLI's changes are picked up."""
        if self.state.check_external():
            self.build(self._selected())
            self.status.info(i18n.t("error.elsewhere", self.state.locale))

    def _selected(self) -> int:
        return self.tabs.selected_index if self.tabs is not None and self.tabs.selected_index is not None else START_TAB

    @guarded
    def start_own(self, _b: Any = None) -> None:
        """One click: the demo is sample data, so no confirmation is asked."""
        self.store.start_empty()
        self.build(0)
        self.status.info(i18n.t("demo.started", self.state.locale))

    def ask_back_to_demo(self, _b: Any = None) -> None:
        self.confirm.ask(i18n.t("demo.confirm_back", self.state.locale), self.back_to_demo)

    @guarded
    def back_to_demo(self) -> None:
        from ..api import create_demo

        create_demo(self.store.path, force=True).close()
        self.build(START_TAB)
        self.status.info(i18n.t("demo.restored", self.state.locale))


def open_store(db_path: str | Path | None = None) -> Store:
    """The portfolio to show; the very first run (no file yet) gets the demo."""
    from ..api import create_demo, open_portfolio
    from ..paths import default_db_path

    path = Path(db_path) if db_path else default_db_path()
    if not path.exists():
        create_demo(path).close()
    return open_portfolio(path)


def build(db_path: str | Path | None = None) -> App:
    return App(open_store(db_path))


def show(db_path: str | Path | None = None) -> App:
    """Display the whole app (``notebooks/app.ipynb``); returns it for scripting."""
    from IPython.display import display

    app = build(db_path)
    display(app.root)
    return app
