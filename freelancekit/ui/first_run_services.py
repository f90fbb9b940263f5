"""First run, step 1 "Your services": the kind of work, then one click per starter service.

Each starter row is a toggle (the service's name), its value line and its
price: one click adds the service to the profile at the price shown, a second
click takes it back; a price edited before the click is the one saved. The
old profile form cost four actions per service (add, name, reason, price).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

import ipywidgets as w

from freelancekit.language import i18n, l10n
from freelancekit.language.phrasing import currency_name
from freelancekit.portfolio.starter import (
    KINDS,
    STARTERS,
    Starter,
    as_service,
    has_service,
    is_named,
    starter_name,
    starter_value,
    with_service,
    without_service,
)
from freelancekit.ui import dom
from freelancekit.ui.common import AppState, classed, guarded, html_text, named
from freelancekit.ui.wiring import OUTSIDE


class StarterRow:
    """One starter service: the toggle that picks it, its value line, its editable price."""

    def __init__(self, step: ServicesStep, starter: Starter):
        state, loc = step.state, step.state.locale
        self.starter = starter
        name = starter_name(starter, loc)
        self.pick = classed(w.ToggleButton(value=False, description=name, tooltip=name, icon="plus",
                                           layout=w.Layout(width="260px")), dom.FIRST_PICK)
        self.value = w.HTML(value=f'<span class="fk-muted" data-key="{html_text(starter.key)}">{html_text(starter_value(starter, loc))}</span>',
                            layout=w.Layout(flex="1 1 auto"))
        # its name for screen readers only: a description 0 px wide was drawn as a column of single letters
        # (labels wrap anywhere, so they are never cut), one letter a line down the whole step
        self.price = named(classed(w.Text(value=f"{starter.price:g}", continuous_update=False, layout=w.Layout(width="90px")),
                                   dom.FIRST_PRICE), i18n.t("first.services.price", loc, service=name))
        currency = w.HTML(value=html_text(currency_name(state.profile().currency, loc)))  # 'دولار أمريكي' in Arabic, not 'USD'
        self.pick.observe(lambda change: step.on_pick(self, change), names="value")
        self.price.observe(lambda _change: step.on_price(self), names="value")
        self.widget = classed(w.HBox([self.pick, self.price, currency, self.value], layout=w.Layout(align_items="center")),
                              dom.FIRST_STARTER)

    @property
    def name(self) -> str:
        return self.pick.description

    def show_picked(self, picked: bool) -> None:
        self.pick.value = picked
        self.pick.icon = "check" if picked else "plus"
        self.pick.button_style = "info" if picked else ""


class ServicesStep:
    def __init__(self, state: AppState):
        self.state = state
        loc = state.locale
        self._syncing = False
        self.kind = classed(w.ToggleButtons(options=[(i18n.t(f"first.kind.{k}", loc), k) for k in KINDS], value=KINDS[0],
                                            description=i18n.t("first.services.kind", loc), style={"button_width": "auto"}),
                            dom.FIRST_KIND)
        self.kind.observe(lambda _change: self._show_kind(), names="value")
        self.rows_box = w.VBox([])
        self.rows: list[StarterRow] = []
        self.count = classed(w.HTML(value=""), dom.FIRST_PICKED)
        self.widget = w.VBox([
            w.HTML(value=f'<p class="fk-muted">{html_text(i18n.t("first.services.help", loc))}</p>'),
            self.kind, self.rows_box, self.count])
        self._show_kind()

    def _show_kind(self) -> None:
        self.rows = [StarterRow(self, s) for s in STARTERS[self.kind.value]]
        self.rows_box.children = [r.widget for r in self.rows]
        self.refresh()

    @guarded
    def on_pick(self, row: StarterRow, change: dict[str, Any]) -> None:
        if self._syncing or change["new"] == change["old"]:
            return
        profile = self.state.profile()
        if change["new"]:
            state = self.state
            updated = with_service(profile, as_service(row.starter, row.price.value, profile.currency, state.locale, state.digits))
        else:
            updated = without_service(profile, row.name)
        self._save(updated)

    @guarded
    def on_price(self, row: StarterRow) -> None:
        """A price edited after the pick: the saved service takes it."""
        profile = self.state.profile()
        if self._syncing or not has_service(profile, row.name):
            return
        state = self.state
        service = as_service(row.starter, row.price.value, profile.currency, state.locale, state.digits)
        services = tuple(service if is_named(s, row.name) else s for s in profile.services)
        self._save(replace(profile, services=services))

    def _save(self, profile: Any) -> None:
        self.state.store.save_profile(profile, expected_revision=self.state.profile().revision)
        self.state.changed("profile")

    def refresh(self, kind: str = OUTSIDE) -> None:
        profile = self.state.profile()
        self._syncing = True
        try:
            for row in self.rows:
                row.show_picked(has_service(profile, row.name))
        finally:
            self._syncing = False
        n = len(profile.services)
        loc = self.state.locale
        text = l10n.plural("first.services.count", n, loc, self.state.digits) if n else i18n.t("first.services.none", loc)
        self.count.value = f"<p>{html_text(text)}</p>"
