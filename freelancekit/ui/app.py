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


VIEW_CLASSES = {"profile": ProfileView, "clients": ClientsView, "import": ImportView,
                "criteria": CriteriaView, "ranking": RankingView, "drafts": DraftsView}


class App:
    """One open portfolio shown as tabs; ``root`` is the widget to display.

    With ``views`` (names from ``VIEW_CLASSES``) only those views are shown,
    stacked without tabs: that is what the step-by-step notebooks use.
    """

    def __init__(self, store: Store, views: tuple[str, ...] | list[str] | None = None):
        unknown = [v for v in views or () if v not in VIEW_CLASSES]
        if unknown:
            raise ValueError(f"unknown view {unknown[0]!r}: choose from {', '.join(VIEW_CLASSES)}")
        self.store = store
        self.only = tuple(views) if views else None
        self.status = StatusArea()
        self.root = classed(w.VBox(), dom.APP)
        self.tabs: w.Tab | None = None
        self.build(START_TAB)

    # -- building ------------------------------------------------------------------
    def build(self, selected: int = START_TAB) -> None:
        """(Re)create every view: at start, after a language switch or a whole-portfolio change."""
        self.state = AppState(self.store, self.status, on_change=self.on_change)
        loc = self.state.locale
        names = self.only or tuple(VIEW_CLASSES)
        self.views: dict[str, Any] = {name: VIEW_CLASSES[name](self.state) for name in names}
        self.confirm = Confirm(self.state)
        if self.only:
            self.root.children = [stylesheet(), self._banner(), self.confirm.widget, self.status.widget,
                                  *(self.views[n].widget for n in self.only)]
            self._direction(loc)
            return
        tabs = classed(w.Tab(), dom.TABS)
        tabs.children = [w.VBox([self.views[v].widget for v in views]) for _key, views in TABS]
        tabs.titles = tuple(i18n.t(key, loc) for key, _views in TABS)
        tabs.selected_index = selected
        tabs.observe(self.on_tab, names="selected_index")
        self.tabs = tabs
        title = w.HTML(value=f"<h2>{html_text(i18n.t('app.title', loc))}</h2>")
        self.root.children = [stylesheet(), title, self._banner(), self.confirm.widget, self.status.widget, tabs]
        self._direction(loc)

    def _direction(self, loc: str) -> None:
        if i18n.is_rtl(loc):
            self.root.add_class(dom.RTL)
        else:
            self.root.remove_class(dom.RTL)

    def _banner(self) -> w.Widget:
        loc = self.state.locale
        if self.store.is_demo():
            start = classed(w.Button(description=i18n.t("demo.start_own", loc), button_style="success", icon="play",
                                     layout=w.Layout(width="auto")), dom.DEMO_START_OWN)
            start.on_click(self.start_own)
            return classed(w.HBox([w.Label(value=i18n.t("demo.banner", loc)), start], layout=w.Layout(align_items="center")), dom.DEMO_BANNER)
        back = classed(w.Button(description=i18n.t("demo.back", loc), layout=w.Layout(width="auto")), dom.DEMO_BACK)
        back.on_click(self.ask_back_to_demo)
        return w.HBox([back], layout=w.Layout(justify_content="flex-end"))

    # -- events ----------------------------------------------------------------------
    @guarded
    def on_change(self, kind: str) -> None:
        """Refresh exactly the views that show what changed (weights: ranking and top three only)."""
        if kind == "all":
            self.build(self._selected())
            return
        if kind == "drafts":
            return  # only the drafts view shows drafts, and it shows its own saves already
        v = self.views
        if kind == "criteria" and "criteria" in v:
            v["criteria"].refresh()
        if kind in ("clients", "profile", "criteria"):
            if "clients" in v:
                v["clients"].refresh(kind)
            if "import" in v:
                v["import"].refresh()
        if kind == "clients" and "profile" in v:
            v["profile"].refresh()
        for name in ("ranking", "drafts"):
            if name in v:
                v[name].refresh()

    @guarded
    def on_tab(self, _change: Any = None) -> None:
        """Switching tabs is when another tab's or the CLI's changes are picked up."""
        if self.state.check_external():
            self.build(self._selected())
            self.status.info(i18n.t("error.elsewhere", self.state.locale))

    def _selected(self) -> int:
        return self.tabs.selected_index if self.tabs is not None and self.tabs.selected_index is not None else START_TAB

    def untouched_demo(self) -> bool:
        """The portfolio is the demo exactly as shipped (no edits, drafts or templates): nothing to lose."""
        from ..demo import is_untouched_demo

        return is_untouched_demo(self.store.portfolio(), has_drafts=bool(self.store.drafts()),
                                 has_templates=bool(self.store.templates()))

    @guarded
    def start_own(self, _b: Any = None) -> None:
        """One click for the demo as shipped; once the user changed it, ask first (and back it up)."""
        if self.untouched_demo():
            self.replace_with_empty()
            return
        loc = self.state.locale
        self.confirm.ask(i18n.t("demo.confirm_start_changed", loc), self.replace_with_empty,
                         yes_label=i18n.t("demo.yes_start", loc))

    @guarded
    def replace_with_empty(self) -> None:
        backup = self._backup()
        self.store.start_empty()
        self.build(0)
        self._replaced("demo.started", backup)

    def ask_back_to_demo(self, _b: Any = None) -> None:
        self.confirm.ask(i18n.t("demo.confirm_back", self.state.locale), self.back_to_demo)

    @guarded
    def back_to_demo(self) -> None:
        from ..api import create_demo

        backup = self._backup()
        create_demo(self.store.path, force=True).close()
        self.build(START_TAB)
        self._replaced("demo.restored", backup)

    def _backup(self) -> Path | None:
        """A copy of the portfolio before it is replaced; None when it is the untouched demo.

        A failed backup raises (StorageError), so nothing is replaced. The
        untouched demo is not copied: ``auto_backup`` keeps only the newest few
        copies, and copies of sample data must not push out the user's own.
        """
        return None if self.untouched_demo() else self.store.auto_backup()

    def _replaced(self, key: str, backup: Path | None) -> None:
        loc = self.state.locale
        text = i18n.t(key, loc)
        if backup is not None:
            text += " " + i18n.t("demo.backed_up", loc, path=str(backup))
        self.status.info(text)


def open_store(db_path: str | Path | None = None) -> Store:
    """The portfolio to show; the very first run (no file yet) gets the demo."""
    from ..api import create_demo, open_portfolio
    from ..paths import default_db_path

    path = Path(db_path) if db_path else default_db_path()
    if not path.exists():
        create_demo(path).close()
    return open_portfolio(path)


def build(db_path: str | Path | None = None, views: tuple[str, ...] | list[str] | None = None) -> App:
    return App(open_store(db_path), views)


def show(db_path: str | Path | None = None, views: tuple[str, ...] | list[str] | None = None) -> App:
    """Display the whole app (``notebooks/app.ipynb``), or only some ``views``; returns it for scripting."""
    from IPython.display import display

    app = build(db_path, views)
    display(app.root)
    return app
