"""Criteria & weights: a slider per criterion (share of the total in %), presets,
and adding, renaming, re-directing or removing criteria.

A slider sends its value while it is dragged (``continuous_update=True``), so
the ranking beside it moves with the handle. Each value is saved at once with
``Store.set_weights`` (so a reload keeps it) and then only the ranking is
recomputed, never the score table. No throttle of our own is needed: one step
(save + every view told) took a median 15 ms with the demo and 35 ms with 200
clients (benchmarks/bench_slider_steps.py), and the page's
widget manager keeps one message in flight per widget, merging the values
dragged meanwhile into the next, so the kernel is never flooded and the last
value always arrives. The costlier "how sure" sampling waits for a pause
(``ranking_insight.SURE_DELAY_S``).

The panel to add, rename, re-direct or remove criteria is built when it is
first opened (or used from code): it is ~40% of the start tab's widgets, and
every widget adds to the time before the app's first slider can be used. For
the same reason the sections under the sliders (add a criterion, rate
everyone) are made once the page shows their box, and a row's error message
the first time it has something to say (ui/shown.py).
"""
from __future__ import annotations

from collections.abc import ItemsView
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as w

from freelancekit.errors import InvalidInput
from freelancekit.language import i18n, wording
from freelancekit.portfolio.model import DIRECTIONS, KINDS
from freelancekit.portfolio.validation import parse_weight
from freelancekit.ui import dom
from freelancekit.ui.common import (
    AppState,
    Confirm,
    Notice,
    classed,
    error_label,
    error_words,
    guarded,
    html_text,
    literal,
    literal_html,
    named,
    problem_words,
    set_error,
)
from freelancekit.ui.rate_grid import RateGrid
from freelancekit.ui.shown import when_shown
from freelancekit.ui.wiring import OUTSIDE

SLIDER_MAX = 10.0
SLIDER_STEP = 0.5

# Presets name the built-in criteria; custom criteria keep their weight (except "balanced").
PRESETS: dict[str, dict[str, float]] = {
    "money": {"hourly_rate": 5, "on_time_payment": 3, "ease": 1, "enjoyment": 1, "learning": 1},
    "balanced": {},  # every criterion 1
    "growth": {"hourly_rate": 2, "on_time_payment": 1, "ease": 1, "enjoyment": 3, "learning": 5},
    "peace": {"hourly_rate": 1, "on_time_payment": 4, "ease": 5, "enjoyment": 2, "learning": 1},
}


def preset_weights(name: str, keys: list[str]) -> dict[str, float]:
    """The weights a preset gives to the criteria that exist in this portfolio."""
    preset = PRESETS[name]
    if not preset:
        return {k: 1.0 for k in keys}
    return {k: float(preset[k]) for k in keys if k in preset}


def shares(weights: dict[str, float]) -> dict[str, float]:
    """Each weight as a percentage of the total (0 everywhere when all are 0)."""
    total = sum(weights.values())
    return {k: (100.0 * x / total if total > 0 else 0.0) for k, x in weights.items()}


@dataclass
class ManagePanel:
    """The widgets of the "add a criterion of your own" panel."""

    widget: w.VBox
    new_label: w.Text
    new_kind: w.Dropdown
    new_direction: w.Dropdown
    new_error: w.HTML
    label_inputs: dict[str, w.Text] = field(default_factory=dict)
    direction_inputs: dict[str, w.Dropdown] = field(default_factory=dict)


class RowErrors:
    """Each criterion row's error message, made and put at the end of its row when first asked for."""

    def __init__(self) -> None:
        self._rows: dict[str, w.HBox] = {}
        self._labels: dict[str, w.HTML] = {}

    def add_row(self, key: str, row: w.HBox) -> None:
        self._rows[key] = row

    def __getitem__(self, key: str) -> w.HTML:
        if key not in self._labels:
            self._labels[key] = label = error_label(dom.CRITERION_ERROR_PREFIX + key)
            self._rows[key].children = (*self._rows[key].children, label)  # a line of its own (CSS)
        return self._labels[key]

    def items(self) -> ItemsView[str, w.HTML]:
        return self._labels.items()

    def clear(self) -> None:
        self._rows.clear()
        self._labels.clear()


class CriteriaView:
    def __init__(self, state: AppState):
        self.state = state
        self.sliders: dict[str, w.FloatSlider] = {}
        self.names: dict[str, w.HTML] = {}  # each criterion's name with its share of the total under it
        self._labels: dict[str, str] = {}
        self.errors = RowErrors()
        self._panel: ManagePanel | None = None
        self._syncing = False
        self._grid: RateGrid | None = None  # "rate everyone", built when first opened (like the panel)
        # under the sliders: the remove confirmation, "add a criterion", the notice and "rate everyone" (_build_lower)
        self.lower = state.look.vbox()
        self.manage: w.Accordion | None = None
        self.rate: w.Accordion | None = None
        self.notice: Notice | None = None
        self.confirm: Confirm | None = None
        self.box = state.look.vbox()
        self.widget = classed(self.box, dom.tab("criteria"))
        self.build()
        when_shown(self.lower, self._build_lower)

    # -- building ------------------------------------------------------------------
    def build(self) -> None:
        """(Re)create every row from the saved criteria (after add/remove/rename)."""
        loc, look = self.state.locale, self.state.look
        refused = {k: e.value for k, e in self.errors.items() if e.value}  # messages waiting for a fix
        self.sliders.clear()
        self.names.clear()
        self._labels.clear()
        self.errors.clear()
        was_open = self.manage is not None and self.manage.selected_index == 0
        criteria = self.state.criteria()
        presets = []
        for name in dom.PRESET_NAMES:
            b = look.button(i18n.t(f"preset.{name}", loc), dom.PRESET_PREFIX + name)
            b.on_click(lambda _b, name=name: self.apply_preset(name))
            presets.append(b)
        rows = []
        for c in criteria:
            slider = w.FloatSlider(value=min(c.weight, max(SLIDER_MAX, c.weight)), min=0.0, max=max(SLIDER_MAX, c.weight),
                                   step=SLIDER_STEP, continuous_update=True, readout_format=".1f",
                                   **look.dress(w.SliderStyle, dom.weight(c.key), css={"width": "210px"}))  # beside the ranking: name + slider fit its 345 px
            label = i18n.criterion_label(c.key, c.label, loc)
            named(slider, label)  # the handle's name for screen readers
            slider.observe(lambda ch, key=c.key: self.on_weight(key, ch["new"]), names="value")
            # the share under the name, in the same widget: after the slider it wrapped to a line of its own at 1366 px
            # (the column holds 345 px), under the slider, as if it were the next criterion's; a narrower slider left a
            # 57 px track. One widget, not a box of two: each widget at start delays the first slider (ui/page.py)
            name = classed(literal("", look, width="130px"), "fk-criterion-name")  # update_shares writes it
            self.sliders[c.key], self.names[c.key], self._labels[c.key] = slider, name, label
            rows.append(row := look.hbox([name, slider], dom.CRITERION_ROW, dom.CRITERION_ROW_PREFIX + c.key))
            self.errors.add_row(c.key, row)
        self.update_shares()
        if self.rate is not None:
            self._build_manage(was_open, refused)
        self.box.children = [
            look.html(f"<h3>{html_text(i18n.t('criteria.heading', loc))}</h3>"
                      f'<p class="fk-muted">{html_text(i18n.t("criteria.intro", loc))}</p>'),
            look.hbox([look.label(i18n.t("criteria.presets", loc)), *presets], dom.PRESETS),
            *rows,
            self.lower,
        ]
        if self._grid is not None:
            self._grid.refresh()  # the criteria may have changed (added, renamed, removed, re-scaled)

    def _build_lower(self) -> None:
        """The sections under the sliders, made once (the page showed their box, or code needs them)."""
        if self.rate is not None:
            return
        self.confirm = Confirm(self.state)
        self.rate = classed(w.Accordion(children=[w.VBox()]), dom.RATE_OPEN)
        self.rate.set_title(0, i18n.t("rate.heading", self.state.locale))
        self.rate.observe(self._on_rate_opened, names="selected_index")
        self.notice = Notice(self.state, dom.notice(dom.RATE_OPEN))  # above "Rate everyone": a criterion added
        self._build_manage(False, {})

    def _build_manage(self, was_open: bool, refused: dict[str, str]) -> None:
        """"Add a criterion of your own", closed and empty until opened; after a rebuild as it was."""
        assert self.confirm is not None and self.notice is not None and self.rate is not None
        typed = self._panel
        self._panel = None
        self.manage = manage = w.Accordion(children=[w.VBox()])
        manage.set_title(0, i18n.t("criteria.add_heading", self.state.locale))
        if was_open:  # a rename or an addition rebuilds the view: keep the panel open
            self.manage_panel()
            manage.selected_index = 0
        if typed is not None:  # another tab's save rebuilds the view too: keep the criterion being typed
            panel = self.manage_panel()
            panel.new_label.value, panel.new_kind.value = typed.new_label.value, typed.new_kind.value
            panel.new_direction.value, panel.new_error.value = typed.new_direction.value, typed.new_error.value
            self._syncing = True  # a refused rename keeps its typed label and message, without saving again
            try:
                for key, label in typed.label_inputs.items():
                    if key in refused and key in panel.label_inputs:
                        panel.label_inputs[key].value, self.errors[key].value = label.value, refused[key]
            finally:
                self._syncing = False
        manage.observe(self._on_manage_opened, names="selected_index")
        self.lower.children = [self.confirm.widget, manage, self.notice.widget, self.rate]

    def _on_rate_opened(self, change: dict[str, Any]) -> None:
        if change["new"] is not None:
            self.rate_grid()

    def rate_grid(self, key: str | None = None) -> RateGrid:
        """The "rate everyone" grid, built into its section on first use; ``key`` shows that criterion."""
        self._build_lower()
        assert self.rate is not None
        if self._grid is None:
            self.state.catch_up()  # opening it is an action: show the clients and criteria as saved now
            self._grid = RateGrid(self.state, key)
            self.rate.children[0].children = [self._grid.widget]
        elif key is not None:
            self._grid.show(key)
        return self._grid

    def _on_manage_opened(self, change: dict[str, Any]) -> None:
        if change["new"] is not None:
            self.manage_panel()

    def manage_panel(self) -> ManagePanel:
        """The add/rename/remove panel, built into the accordion on first use."""
        self._build_lower()
        assert self.manage is not None
        if self._panel is None:
            self._panel = self._manage_panel(self.state.criteria())
            self.manage.children[0].children = [self._panel.widget]
        return self._panel

    # the panel's widgets, for code and tests (asking builds the panel)
    label_inputs = property(lambda self: self.manage_panel().label_inputs)
    direction_inputs = property(lambda self: self.manage_panel().direction_inputs)
    new_label = property(lambda self: self.manage_panel().new_label)
    new_kind = property(lambda self: self.manage_panel().new_kind)
    new_direction = property(lambda self: self.manage_panel().new_direction)
    new_error = property(lambda self: self.manage_panel().new_error)

    def _manage_panel(self, criteria: tuple[Any, ...]) -> ManagePanel:
        loc = self.state.locale
        label_inputs: dict[str, w.Text] = {}
        direction_inputs: dict[str, w.Dropdown] = {}
        directions = [(i18n.t(f"direction.{d}", loc), d) for d in DIRECTIONS]
        rows = []
        for c in criteria:
            label = classed(w.Text(value=c.label, continuous_update=False, layout=w.Layout(width="240px")), dom.CRITERION_LABEL_PREFIX + c.key)
            label.observe(lambda ch, key=c.key: self.on_rename(key, ch["new"]), names="value")
            direction = classed(w.Dropdown(options=directions, value=c.direction, layout=w.Layout(width="110px")), dom.CRITERION_DIRECTION_PREFIX + c.key)
            direction.observe(lambda ch, key=c.key: self.on_direction(key, ch["new"]), names="value")
            remove = classed(w.Button(description=i18n.t("criteria.remove", loc), button_style="warning"), dom.CRITERION_REMOVE_PREFIX + c.key)
            remove.on_click(lambda _b, key=c.key, lbl=c.label: self.ask_remove(key, lbl))
            kind = w.Label(value=i18n.t(f"kind.{c.kind}", loc))
            shown = i18n.criterion_label(c.key, c.label, loc)  # a built-in criterion by its name in this language
            named(label, f'{i18n.t("criteria.label", loc)}: {shown}')
            named(direction, f'{i18n.t("criteria.direction", loc)}: {shown}')
            label_inputs[c.key], direction_inputs[c.key] = label, direction
            rows.append(w.HBox([label, kind, w.Label(value=i18n.t("criteria.direction", loc)), direction, remove]))
        new_label = classed(w.Text(placeholder=i18n.t("criteria.label", loc), layout=w.Layout(width="240px")), dom.NEW_CRITERION_LABEL)
        new_kind = classed(w.Dropdown(options=[(i18n.t(f"kind.{k}", loc), k) for k in KINDS], value="rating",
                                      layout=w.Layout(width="130px")), dom.NEW_CRITERION_KIND)
        new_direction = classed(w.Dropdown(options=directions, value="higher", layout=w.Layout(width="110px")), dom.NEW_CRITERION_DIRECTION)
        for widget, key in ((new_label, "criteria.label"), (new_kind, "criteria.kind"), (new_direction, "criteria.direction")):
            named(widget, i18n.t(key, loc))
        add = classed(w.Button(description=i18n.t("criteria.add", loc), button_style="primary"), dom.NEW_CRITERION_ADD)
        add.on_click(self.on_add)
        new_error = error_label(dom.NEW_CRITERION_ERROR)
        new_row = w.HBox([new_label, new_kind, w.Label(value=i18n.t("criteria.direction", loc)), new_direction, add])
        box = w.VBox([*rows, w.HTML(value="<hr>"), new_row, new_error])
        return ManagePanel(box, new_label, new_kind, new_direction, new_error, label_inputs, direction_inputs)

    def update_shares(self) -> None:
        weights = {k: float(s.value) for k, s in self.sliders.items()}
        for key, pct in shares(weights).items():
            self.names[key].value = f'{literal_html(self._labels[key])}<br><span class="{dom.share(key)}">{pct:.0f}%</span>'

    def refresh(self, kind: str = OUTSIDE) -> None:
        if kind == "clients":  # only the grid shows clients: the sliders stay as they are
            if self._grid is not None:
                self._grid.follow()
            return
        self.build()

    # -- weights -------------------------------------------------------------------
    @guarded
    def on_weight(self, key: str, value: Any) -> None:
        if self._syncing:
            return
        try:
            weight = parse_weight(value, key)  # the page may send anything: check it like any input
        except InvalidInput as exc:
            set_error(self.errors[key], exc.for_field(key, self.state.locale) or error_words(exc, self.state))
            self._sync_from_store()
            return
        set_error(self.errors[key], None)
        self.state.set_criteria(self.state.store.set_weights({key: weight}))
        self.update_shares()
        self.state.changed("weights")

    @guarded
    def apply_preset(self, name: str) -> None:
        weights = preset_weights(name, [c.key for c in self.state.criteria()])
        self.state.set_criteria(self.state.store.set_weights(weights))
        self._sync_from_store()
        self.state.changed("weights")

    def _sync_from_store(self) -> None:
        """Move the sliders to the saved weights without saving again."""
        self._syncing = True
        try:
            for c in self.state.criteria():  # as saved: set_criteria has just stored them (no second read)
                slider = self.sliders.get(c.key)
                if slider is not None:
                    slider.max = max(SLIDER_MAX, c.weight)
                    slider.value = c.weight
        finally:
            self._syncing = False
        self.update_shares()

    # -- managing criteria -----------------------------------------------------------
    @guarded
    def on_rename(self, key: str, label: Any) -> None:
        if not self._syncing:
            self._update(key, "label", label)

    @guarded
    def on_direction(self, key: str, direction: Any) -> None:
        self._update(key, "direction", direction)

    def _update(self, key: str, field: str, value: Any) -> None:
        """Save one field of a criterion; a refused value is said under its row."""
        try:
            self.state.store.update_criterion(key, {field: value})
        except InvalidInput as exc:
            set_error(self.errors[key], exc.for_field(field, self.state.locale) or error_words(exc, self.state))
            return
        set_error(self.errors[key], None)
        self.state.changed("criteria")

    def ask_remove(self, key: str, label: str) -> None:
        text = i18n.t("criteria.confirm_remove", self.state.locale, label=i18n.criterion_label(key, label, self.state.locale))
        assert self.confirm is not None  # asked from the panel, which is in the lower part
        self.confirm.ask(text, lambda: self.remove(key))

    @guarded
    def remove(self, key: str) -> None:
        try:
            self.state.store.remove_criterion(key)
        except InvalidInput as exc:
            set_error(self.errors[key], error_words(exc, self.state))
            return
        self.state.changed("criteria")

    @guarded
    def on_add(self, _b: Any = None) -> None:
        # weight 0 (the store's default): nobody is penalised until the user rated everyone and raised it
        raw = {"label": self.new_label.value, "kind": self.new_kind.value, "direction": self.new_direction.value}
        try:
            added = self.state.store.add_criterion(raw)
        except InvalidInput as exc:
            loc = self.state.locale
            set_error(self.new_error, wording.join_sentences(
                (p.in_words(loc) if p.field in ("label", "key") else problem_words(p, self.state) for p in exc.problems), loc))
            return
        set_error(self.new_error, None)
        self.new_label.value = ""  # added: the next one starts empty (the rebuild keeps what is typed)
        self.state.changed("criteria")
        # at weight 0 it counts for nothing yet: open the grid on it, to rate everyone
        loc = self.state.locale
        self.rate_grid(added.key)
        assert self.rate is not None and self.notice is not None  # rate_grid made them
        self.rate.selected_index = 0
        self.notice.info(i18n.t("rate.added", loc, criterion=i18n.criterion_label(added.key, added.label, loc)))
