"""Pay rate and On-time payment: "my rating" or "from my records", one switch each (criteria tab).

The switch is saved in the portfolio (``store.records.set_source``); the ranking
then uses the measured value for every client that has one (docs/records.md,
"Measured criteria"), and this view says for how many clients that is.
"""
from __future__ import annotations

from typing import Any

import ipywidgets as w

from freelancekit.language import i18n, l10n
from freelancekit.portfolio.records_schema import has_records, saved_sources
from freelancekit.ui import dom
from freelancekit.ui.common import AppState, classed, guarded, html_text
from freelancekit.ui.shown import when_shown
from freelancekit.ui.wiring import OUTSIDE

MEASURED = ("hourly_rate", "on_time_payment")


class RecordsSourcesView:
    """The two switches; their rows are made once the page shows this view's box (ui/shown.py).

    They sit under the sliders, and every widget made before the page's first
    slider delays it (ui/page.py); outside a kernel they are made at once.
    """

    def __init__(self, state: AppState):
        self.state = state
        self.switches: dict[str, w.ToggleButtons] = {}
        self.infos: dict[str, w.HTML] = {}
        self.labels: list[w.Label] = []
        self.rows: dict[str, w.HBox] = {}
        self.widget = classed(w.VBox(), dom.tab("records_sources"))
        self._saving = False
        when_shown(self.widget, self._build)

    @guarded
    def _build(self) -> None:
        loc = self.state.locale
        rows = []
        for key in MEASURED:
            toggle = classed(w.ToggleButtons(options=[(i18n.t("records.ui.my_rating", loc), "rating"),
                                                      (i18n.t("records.ui.from_records", loc), "records")],
                                             value="rating", style={"button_width": "auto"}), dom.records_switch(key))
            toggle.observe(lambda change, key=key: self.on_switch(key, change), names="value")
            label = w.Label(value="", layout=w.Layout(width="180px"))
            info = classed(w.HTML(value=""), dom.RECORDS_SWITCH_INFO)
            self.switches[key], self.infos[key] = toggle, info
            rows.append(w.HBox([label, toggle, info]))
        self.labels = [r.children[0] for r in rows]
        self.rows = dict(zip(MEASURED, rows))
        self.refresh()
        self.widget.children = [
            w.HTML(value=f"<h4>{html_text(i18n.t('records.ui.sources_heading', loc))}</h4>"
                         f'<p class="fk-muted">{html_text(i18n.t("records.ui.sources_help", loc))}</p>'),
            *rows]

    @guarded
    def on_switch(self, key: str, change: dict[str, Any]) -> None:
        if self._saving or change["new"] == change["old"]:
            return
        from freelancekit.records.store import RecordsPart  # pandas, only when a switch is used (time to interactive)

        RecordsPart(self.state.store).set_source(key, change["new"])
        self.state.changed("records")

    @guarded
    def refresh(self, kind: str = OUTSIDE) -> None:
        if not self.rows:
            return  # not made yet: they read the portfolio as it is then
        state, loc = self.state, self.state.locale
        crits = {c.key: c for c in state.criteria()}
        saved = saved_sources(state.store.conn)
        _portfolio, provenance, summary = state.records()
        any_records = has_records(state.store.conn)
        for key, label in zip(MEASURED, self.labels):
            self.rows[key].layout.display = None if key in crits else "none"
            if key not in crits:
                continue
            label.value = i18n.criterion_label(key, crits[key].label, loc)
            self._saving = True
            try:
                self.switches[key].value = saved.get(key, "rating")
            finally:
                self._saving = False
            self.infos[key].value = html_text(self._info(key, provenance, any_records, len(state.clients())))

    def _info(self, key: str, provenance: Any, any_records: bool, clients: int) -> str:
        loc = self.state.locale
        if not any_records:
            return i18n.t("records.ui.no_records", loc)
        if self.switches[key].value != "records" or provenance is None:
            return ""
        got = [m for per in provenance.measured.values() for k, m in per.items() if k == key]
        if not got:
            return i18n.t("records.ui.measured_none", loc)
        return l10n.plural("records.ui.measured_for", clients, loc, measured=l10n.number(len(got), loc),
                           records=l10n.plural("count.from_records", sum(m.records for m in got), loc))
