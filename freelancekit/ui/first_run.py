"""The guided first run: an empty portfolio opens on three steps, one screen each, then the ranking.

Your services -> Your clients -> Your records (optional) (``wiring.FIRST_RUN_STEPS``).
Each screen has one primary action (Next; "See my ranking" at the end), a Back
and a "Skip the guide"; both the last step and Skip hand over to the tabs on
the ranking. "Next: your records" waits for a first client: a ranking of nobody
shows nothing. A step is built when first shown (its module imported then).
The guide is shown while the portfolio is not the demo and has no client
(``needs_guide``); a reload in the records step, once clients exist, opens the tabs.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from importlib import import_module
from typing import Any, Protocol

import ipywidgets as w

from freelancekit.language import i18n
from freelancekit.portfolio.storage import Store
from freelancekit.ui import dom
from freelancekit.ui.common import AppState, classed, guarded, html_text
from freelancekit.ui.wiring import FIRST_RUN_STEPS, OUTSIDE

STEPS: tuple[str, ...] = tuple(FIRST_RUN_STEPS)


class Step(Protocol):
    widget: Any

    def refresh(self, kind: str) -> None:
        """Show the data as saved now after a change of ``kind``."""


def needs_guide(store: Store) -> bool:
    """An empty portfolio of the user's own: no client yet, and not the demo."""
    return not store.is_demo() and store.client_count() == 0


def step_class(name: str) -> Callable[[AppState], Step]:
    module, cls = FIRST_RUN_STEPS[name][0].split(":")
    return getattr(import_module(f"{__package__}.{module}"), cls)


class FirstRun:
    """The three steps and their navigation; ``finish`` is called once, when the user leaves the guide."""

    def __init__(self, state: AppState, finish: Callable[[], None]):
        self.state = state
        self.finish = finish
        loc = state.locale
        self.steps: dict[str, Step] = {}
        self.index = 0
        self.where = classed(w.HTML(value=""), dom.FIRST_STEP)
        self.body = w.VBox([])
        # back points the way the steps came from: to the right in Arabic (the first step is on the right)
        self.back = classed(w.Button(description=i18n.t("first.back", loc), icon="arrow-right" if i18n.is_rtl(loc) else "arrow-left"),
                            dom.FIRST_BACK)
        self.next = classed(w.Button(description="", button_style="primary", layout=w.Layout(width="auto")), dom.FIRST_NEXT)
        self.skip = classed(w.Button(description=i18n.t("first.skip", loc), layout=w.Layout(width="auto")), dom.FIRST_SKIP)
        self.back.on_click(self.on_back)
        self.next.on_click(self.on_next)
        self.skip.on_click(self.on_skip)
        nav = w.HBox([self.back, self.next, self.skip], layout=w.Layout(align_items="center", margin="12px 0"))
        # the language first: an Arabic speaker's one click before anything else is read (the app is built again in it)
        self.language = classed(w.ToggleButtons(options=[(name, code) for code, name in i18n.LANGUAGE_NAMES.items()], value=loc,
                                                style={"button_width": "auto"}), dom.FIRST_LANGUAGE)
        self.language.observe(self.on_language, names="value")
        title = w.HBox([w.HTML(value=f"<h2>{html_text(i18n.t('first.title', loc))}</h2>"), self.language],
                       layout=w.Layout(justify_content="space-between", align_items="center"))
        self.widget = classed(w.VBox([title, self.where, self.body, nav]), dom.FIRST_RUN)
        self.show(0)

    @property
    def name(self) -> str:
        return STEPS[self.index]

    def step(self, name: str) -> Step:
        if name not in self.steps:
            self.steps[name] = step_class(name)(self.state)
        return self.steps[name]

    def show(self, index: int) -> None:
        loc = self.state.locale
        self.state.clear_notices()  # a step's "Added X." is not the next step's
        self.index = index
        _cls, title, action = FIRST_RUN_STEPS[self.name]
        where = i18n.t("first.step", loc, digits=self.state.digits, step=index + 1, steps=len(STEPS))
        self.where.value = (f'<p class="fk-muted" data-step="{html_text(self.name)}">{html_text(where)}</p>'
                            f"<h3>{html_text(i18n.t(title, loc))}</h3>")
        self.body.children = [self.step(self.name).widget]
        self.next.description = i18n.t(action, loc)
        self.back.layout.display = "none" if index == 0 else None
        self._update_next()

    def _update_next(self) -> None:
        """The clients step leads on once there is a client to rank."""
        self.next.disabled = self.name == "clients" and not self.state.clients()

    def refresh(self, kind: str = OUTSIDE) -> None:
        """A change was saved (by a step, or elsewhere): every step built so far shows it."""
        for step in self.steps.values():
            step.refresh(kind)
        self._update_next()

    @guarded
    def on_language(self, change: dict[str, Any]) -> None:
        if change["new"] == change["old"] or change["new"] == self.state.locale:
            return
        profile = self.state.profile()
        self.state.store.save_profile(replace(profile, locale=change["new"]), expected_revision=profile.revision)
        self.state.changed("all")  # every label changes: the app (and this guide) is built again

    @guarded
    def on_next(self, _b: Any = None) -> None:
        if self.index + 1 < len(STEPS):
            self.show(self.index + 1)
        else:
            self.finish()

    @guarded
    def on_back(self, _b: Any = None) -> None:
        if self.index > 0:
            self.show(self.index - 1)

    @guarded
    def on_skip(self, _b: Any = None) -> None:
        self.finish()
