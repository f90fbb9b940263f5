"""The app shell: tabs, the demo banner, the status line, and who refreshes whom.

``show()`` displays the app in a notebook (``page.show()``, the entry point of
``notebooks/app.ipynb`` and so of ``freelancekit serve``, builds the same app
just after its cell): it opens the portfolio named by ``FREELANCEKIT_DB``
(or the user's default), fills it with the demo on the very first run, and
displays the app. Views report saved changes through ``AppState.changed``;
``App.on_change`` refreshes exactly the views that show that data.

Only the selected tab's views are built at start; another tab's views are
built (and their modules imported) the first time that tab is selected or
the view is asked for. Every widget costs a comm message and a model in the
page, so building all tabs eagerly doubled the time until the first slider
could be used (benchmarks/bench_app_tti.py).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib import import_module
from pathlib import Path
from typing import Any

import ipywidgets as w

from freelancekit.language import i18n
from freelancekit.portfolio.storage import Store
from freelancekit.ui import dom
from freelancekit.ui.backup import BackupControl
from freelancekit.ui.common import AppState, Confirm, StatusArea, classed, guarded, html_text, stylesheet
from freelancekit.ui.first_run import FirstRun, needs_guide
from freelancekit.ui.look import Look
from freelancekit.ui.shown import unless_shown
from freelancekit.ui.wiring import CHANGES, COLUMNS, OUTSIDE, RANKING_VIEW, TABS, VIEW_NAMES, VIEWS, View

# the tab each view is shown in (wiring.TABS: a tab's views top to bottom); dom.tab(<view>) marks each view's box
TAB_OF_VIEW = {view: i for i, (_key, views) in enumerate(TABS) for view in views}
MAX_REMADE = 2  # a page that cannot draw a tab after this many new starts will not: stop sending
START_TAB = TAB_OF_VIEW[RANKING_VIEW]  # the ranking beside its weights: the method's payoff, and the demo's best first impression


def view_class(name: str) -> Callable[[AppState], View]:
    """The class of view ``name`` (``wiring.VIEWS``), importing its module now."""
    module, cls = VIEWS[name][0].split(":")
    return getattr(import_module(f"{__package__}.{module}"), cls)


class Views(Mapping[str, View]):
    """The app's views by name; each is created by ``create`` the first time it is asked for.

    Iterating lists every view the app can show (built or not); ``built()``
    lists only those that exist, which are the only ones a change must refresh:
    a view built later reads the data as it is then. ``created(name)`` runs
    after each new view is stored (the shell shows it in its tab).
    """

    def __init__(self, names: tuple[str, ...], create: Callable[[str], View],
                 created: Callable[[str], None] | None = None):
        self._names = names
        self._create = create
        self._created = created
        self._built: dict[str, View] = {}

    def __getitem__(self, name: str) -> View:
        if name not in self._names:
            raise KeyError(name)
        if name not in self._built:
            self._built[name] = self._create(name)
            if self._created is not None:
                self._created(name)
        return self._built[name]

    def __contains__(self, name: object) -> bool:
        return name in self._names  # asking does not build it (Mapping's default would)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def built(self) -> dict[str, View]:
        """The views that exist now, by name."""
        return dict(self._built)

    def forget(self, name: str) -> None:
        """Drop a built view: the next time it is asked for, it is made anew."""
        self._built.pop(name, None)


class App:
    """One open portfolio shown as tabs; ``root`` is the widget to display.

    With ``views`` (names from ``wiring.VIEWS``) only those views are shown,
    stacked without tabs: that is what the step-by-step notebooks use.
    """

    def __init__(self, store: Store, views: tuple[str, ...] | list[str] | None = None, *, root: w.VBox | None = None):
        unknown = [v for v in views or () if v not in VIEWS]
        if unknown:
            raise ValueError(f"unknown view {unknown[0]!r}: choose from {', '.join(VIEWS)}")
        self.store = store
        self.only = tuple(views) if views else None
        self.status = StatusArea()
        self.root = classed(root if root is not None else w.VBox(), dom.APP)  # root: a box already on the page (page.show)
        self.tabs: w.Tab | None = None
        self.guide: FirstRun | None = None  # the guided first run, while an empty portfolio shows it
        self.build(START_TAB)

    # -- building ------------------------------------------------------------------
    def build(self, selected: int = START_TAB) -> None:
        """(Re)start the views: at start, after a language switch or a whole-portfolio change.

        In tabs, only the ``selected`` tab is filled now; the others get an
        empty box that ``on_tab`` (or asking ``views`` for one) fills later.
        """
        self.state = AppState(self.store, self.status, on_change=self.on_change)
        loc = self.state.locale
        self.shown_demo = self.store.is_demo()  # the banner shown; another tab replacing the portfolio flips it
        self.views = Views(self.only or VIEW_NAMES, lambda name: view_class(name)(self.state), self._place)
        self.confirm = Confirm(self.state)
        self.backup = BackupControl(self.state)
        if self.only:
            self.tabs = None
            self.root.children = [stylesheet(), self._banner(), self.confirm.widget, self.status.widget,
                                  *(self.views[n].widget for n in self.only)]
            self._direction(loc)
            return
        look = self.state.look
        self.tabs = tabs = make_tabs([look.vbox() for _tab in TABS], tuple(i18n.t(key, loc) for key, _views in TABS), selected)
        self.remade = {i: 0 for i in range(len(TABS))}  # tabs whose views were made anew (_send_again), at most MAX_REMADE
        # an empty portfolio of the user's own opens on the guide; its tabs are filled when the guide ends
        self.guide = FirstRun(self.state, self.finish_first_run) if needs_guide(self.store) else None
        if self.guide is None:
            self._fill_tab(selected)
        else:
            tabs.layout.display = "none"
        tabs.observe(self.on_tab, names="selected_index")
        # the title row also holds Backup: one click from any tab
        title = look.hbox([look.html(f"<h2>{html_text(i18n.t('app.title', loc))}</h2>"), self.backup.widget],
                          css={"justify_content": "space-between", "align_items": "center"})
        guide = [self.guide.widget] if self.guide is not None else []
        self.root.children = [stylesheet(), title, self._banner(), self.confirm.widget, self.status.widget, *guide, tabs]
        self._direction(loc)

    @guarded
    def finish_first_run(self) -> None:
        """The guide is done (or skipped): the tabs, on the ranking."""
        if self.guide is None or self.tabs is None:
            return
        self.root.children = tuple(c for c in self.root.children if c is not self.guide.widget)
        self.guide = None
        self.tabs.layout.display = None
        index = TAB_OF_VIEW[RANKING_VIEW]
        if self.tabs.selected_index == index:
            self._fill_tab(index)
        else:
            self.tabs.selected_index = index  # on_tab fills it

    def _fill_tab(self, index: int) -> None:
        """Build every view of tab ``index`` that does not exist yet (the last one fills the tab)."""
        for name in TABS[index][1]:
            self.views[name]  # noqa: B018 - creating it is the point

    def _place(self, name: str) -> None:
        """A view was just built: once all views of its tab exist, show them in the tab's box."""
        if self.tabs is None:
            return
        index = TAB_OF_VIEW[name]
        built = self.views.built()
        key, names = TABS[index]
        if not all(n in built for n in names):
            return
        if key in COLUMNS:
            controls, result = COLUMNS[key]
            look = self.state.look
            content = (look.box([look.vbox([built[n].widget for n in controls], dom.COLUMN_CONTROLS),
                                 look.vbox([built[n].widget for n in result], dom.COLUMN_RESULT)], dom.COLUMNS),)
        else:
            content = tuple(built[n].widget for n in names)
        box = self.tabs.children[index]
        if not self.tabs._view_count:  # no page shows the tabs yet: the content goes with them, in one piece
            box.children = content
            return
        # the page shows the tabs: the content goes into a new holder, so that an update the page fails
        # spoils only that holder, and a new one can take its place (_send_again)
        holder = self.state.look.vbox((), dom.TAB_HOLDER)
        box.children = (holder,)
        unless_shown(content[0], lambda attempt: self._send_again(index, box, holder, content, attempt))
        holder.children = content

    def _send_again(self, index: int, box: w.Box, holder: w.Box, content: tuple[w.Widget, ...], attempt: int) -> None:
        """The page has not drawn a tab's new content: send it again (``shown.unless_shown`` says why).

        First the same children (a page that lost the update gets it; one that
        has them changes nothing). Then the tab's views are made anew, in a new
        holder: once the page fails one update of a model ("Could not process
        update msg for model id"), ipywidgets keeps that model's chain of
        updates rejected and every later update of it fails too, and a model
        the page failed to make fails every new model that names it. So the
        holder, the views and the layouts and styles they share (a new
        ``Look``) are all new models. The last time, in case it was the tab
        box's own update that failed, the tabs themselves are new
        (``_new_tabs``). Only while that tab is selected and still holds that
        content, and at most ``MAX_REMADE`` times per tab.
        """
        if (self.tabs is None or self._selected() != index or box not in self.tabs.children
                or box.children != (holder,) or holder.children != content):
            return
        if attempt == 0:
            box.send_state("children")
            holder.send_state("children")
        elif self.remade[index] < MAX_REMADE:
            self.remade[index] += 1
            self.state.look = Look()
            for name in TABS[index][1]:
                self.views.forget(name)
            if self.remade[index] < MAX_REMADE:
                self._fill_tab(index)  # the last view made places them all in a new holder, watched again
            else:
                self._new_tabs(index)

    def _new_tabs(self, index: int) -> None:
        """The last resort for tab ``index``: new tabs, with a new box for it that holds its new views.

        A box replaced inside the tabs the page shows made the page draw every
        later tab again, and once in about 40 such heals a tab opened later stayed
        empty, its views counted as shown. New tabs are drawn from the start, like
        the first page: this tab's views travel inside them, the other tabs keep
        their boxes (and what they hold), and the tabs the page showed go.
        """
        old = self.tabs
        if old is None:
            return
        old.unobserve(self.on_tab, names="selected_index")
        boxes = list(old.children)
        boxes[index] = self.state.look.vbox()
        self.tabs = tabs = make_tabs(boxes, old.titles, index)
        self._fill_tab(index)  # not shown yet: its views go straight into its box (_place)
        tabs.observe(self.on_tab, names="selected_index")
        self.root.children = tuple(tabs if child is old else child for child in self.root.children)
        old.close()

    def _direction(self, loc: str) -> None:
        if i18n.is_rtl(loc):
            self.root.add_class(dom.RTL)
        else:
            self.root.remove_class(dom.RTL)

    def _banner(self) -> w.Widget:
        loc = self.state.locale
        look = self.state.look
        if self.store.is_demo():
            start = look.button(i18n.t("demo.start_own", loc), dom.DEMO_START_OWN, css={"width": "auto"},
                                button_style="success", icon="play")
            start.on_click(self.start_own)
            return look.hbox([look.label(i18n.t("demo.banner", loc)), start], dom.DEMO_BANNER, css={"align_items": "center"})
        back = look.button(i18n.t("demo.back", loc), dom.DEMO_BACK, css={"width": "auto"})
        back.on_click(self.ask_back_to_demo)
        return look.hbox([back], css={"justify_content": "flex-end"})

    # -- events ----------------------------------------------------------------------
    @guarded
    def on_change(self, kind: str) -> None:
        """Refresh exactly the views that show what changed (``wiring.CHANGES``)."""
        change = CHANGES[kind]
        if change.rebuild:
            self.build(self._selected())
            return
        if kind == OUTSIDE:
            self.follow_outside()
        else:
            self._refresh(kind, change.refreshes)
        if self.guide is not None:
            self.guide.refresh(kind)

    def _refresh(self, kind: str, names: tuple[str, ...]) -> None:
        built = self.views.built()  # a view not built yet reads fresh data when it is
        for name in names:
            if name in built:
                built[name].refresh(kind)

    @guarded
    def on_tab(self, _change: Any = None) -> None:
        """Switching tabs builds that tab the first time, and picks up another tab's or the CLI's changes.

        The messages of the tab left are cleared: a "Saved." must not stand beside another tab's fields.
        """
        self.state.clear_notices()
        self.state.catch_up()
        self._fill_tab(self._selected())

    def follow_outside(self) -> None:
        """Another tab or the CLI saved: refresh every built view in place, keeping what the user is typing.

        Only a different language or digits, or a replaced portfolio (started own /
        back to the demo elsewhere) rebuilds the app: every label and the banner change.
        """
        profile = self.state.profile()
        if (i18n.normalise_locale(profile.locale) != self.state.locale or profile.digits != self.state.digits
                or self.store.is_demo() != self.shown_demo):
            self.build(self._selected())
            return
        self._refresh(self.state.elsewhere_kind, self.state.elsewhere.refreshes)  # only the views showing what changed

    def _selected(self) -> int:
        return self.tabs.selected_index if self.tabs is not None and self.tabs.selected_index is not None else START_TAB

    def untouched_demo(self) -> bool:
        """The portfolio is the demo exactly as shipped (no edits, drafts or templates): nothing to lose."""
        from freelancekit.portfolio.api import holds_user_work

        return self.store.is_demo() and not holds_user_work(self.store)

    @guarded
    def start_own(self, _b: Any = None) -> None:
        """One click for the demo as shipped; once the user changed it, ask first (and back it up)."""
        if self.untouched_demo():  # read once per click: the whole portfolio and the demo to compare with
            self.replace_with_empty(backup=False)
            return
        loc = self.state.locale
        self.confirm.ask(i18n.t("demo.confirm_start_changed", loc), self.replace_with_empty,
                         yes_label=i18n.t("demo.yes_start", loc))

    @guarded
    def replace_with_empty(self, backup: bool = True) -> None:
        """Start an empty portfolio; ``backup=False`` only when the caller just found nothing to lose."""
        path = self.store.auto_backup() if backup else None
        self.store.start_empty()
        self.build(0)
        self._replaced("demo.started", path)

    def ask_back_to_demo(self, _b: Any = None) -> None:
        self.confirm.ask(i18n.t("demo.confirm_back", self.state.locale), self.back_to_demo)

    @guarded
    def back_to_demo(self) -> None:
        from freelancekit.portfolio.api import create_demo

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
    """The portfolio to show. A file not there yet: empty when named (the guided first run), the demo at the default place."""
    from freelancekit.portfolio.api import create_demo, open_portfolio
    from freelancekit.portfolio.paths import default_db_path

    path = Path(db_path) if db_path else default_db_path()
    if not path.exists() and not db_path:
        create_demo(path).close()
    return open_portfolio(path)


def make_tabs(boxes: list[w.Box], titles: tuple[str, ...], selected: int) -> w.Tab:
    """The app's tabs over ``boxes``, ``selected`` shown first.

    The page counts its views of them from the start (``_view_count``): a tab
    filled before they are shown travels with them, one filled after is watched
    (``App._place``).
    """
    tabs = classed(w.Tab(), dom.TABS)
    tabs.children = boxes
    tabs.titles = titles
    tabs.selected_index = selected
    tabs._view_count = 0
    return tabs


def build(db_path: str | Path | None = None, views: tuple[str, ...] | list[str] | None = None) -> App:
    return App(open_store(db_path), views)


def show(db_path: str | Path | None = None, views: tuple[str, ...] | list[str] | None = None) -> App:
    """Display the whole app, or only some ``views``, built before this returns; returns it for scripting.

    The app's page (``notebooks/app.ipynb``) uses ``page.show``, which builds it after the cell.
    """
    from IPython.display import display

    app = build(db_path, views)
    display(app.root)
    return app
