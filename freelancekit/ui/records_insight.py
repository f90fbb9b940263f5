"""Beside the ranking: which values came from the records, how concentrated the income is, and the plots.

A part of the ranking view (``show(ranking, places)``); it shows nothing while
the portfolio holds no records. Rules: docs/records.md ("Measured criteria",
"Income concentration", "Plots").
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w

from freelancekit.language import i18n, l10n
from freelancekit.ui import dom
from freelancekit.ui.charts import chart_box, clear, client_colours, render
from freelancekit.ui.common import NO_MATH, classed, guarded, html_text

if TYPE_CHECKING:
    from freelancekit.ranking.scoring import Ranking
    from freelancekit.records.concentration import Concentration
    from freelancekit.records.ranking import Provenance
    from freelancekit.ui.common import AppState


def pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def measured_html(provenance: Provenance | None, ranking: Ranking, locale: str) -> str:
    """One sentence per switched criterion: for how many clients it was measured, from how many records."""
    if provenance is None or not provenance.switched:
        return ""
    labels = {c.key: i18n.criterion_label(c.key, c.label, locale) for c in ranking.criteria}
    out = []
    for key in provenance.switched:
        got = [per[key] for per in provenance.measured.values() if key in per]
        out.append(l10n.plural("records.ui.measured_note", len(ranking), locale, criterion=labels.get(key, key),
                               measured=l10n.number(len(got), locale), records=l10n.plural("count.records", sum(m.records for m in got), locale)))
    return "".join(f'<p class="fk-muted">{html_text(t)}</p>' for t in out)


def concentration_html(c: Concentration | None, locale: str) -> str:
    if c is None:
        return ""
    parts = [f"<p>{html_text(i18n.t('records.ui.top_share', locale, client=c.top, share=pct(c.top_share)))}</p>"]
    if c.one_client_risk:
        parts.append(f'<p class="fk-error {dom.RECORDS_RISK}">⚠ {html_text(i18n.t("records.ui.risk_one", locale, client=c.top, share=pct(c.top_share)))}</p>')
    elif c.two_client_risk:
        first, second = c.top_two
        parts.append(f'<p class="fk-error {dom.RECORDS_RISK}">⚠ '
                     f'{html_text(i18n.t("records.ui.risk_two", locale, first=first, second=second, share=pct(c.top_two_share)))}</p>')
    details = i18n.t("records.ui.herfindahl", locale, hhi=f"{c.herfindahl:.2f}", equal=f"{1 / c.clients:.2f}", two=pct(c.top_two_share))
    parts.append(f"<details><summary>{html_text(i18n.t('records.ui.details', locale))}</summary>"
                 f'<p class="fk-muted">{html_text(details)}</p></details>')
    return f'<div class="{NO_MATH}">{"".join(parts)}</div>'


class RecordsInsight:
    """Measured-values note, income concentration and the records plots; ``show`` after each ranking."""

    def __init__(self, state: AppState):
        self.state = state
        self.note = w.HTML(value="")
        self.concentration = classed(w.HTML(value=""), dom.RECORDS_CONCENTRATION)
        self.plots = chart_box(dom.RECORDS_PLOTS)
        self.late = chart_box()
        self._drawn: Any = None  # the records snapshot the plots show
        self.heading = w.HTML(value="")
        self.widget = w.VBox([self.heading, self.note, self.concentration, self.plots, self.late])

    @guarded
    def show(self, ranking: Ranking | None, _places: list[int]) -> None:
        state, loc = self.state, self.state.locale
        snapshot = state.records()
        _portfolio, provenance, summary = snapshot
        if ranking is None or summary is None or summary.empty:
            self.heading.value = self.note.value = self.concentration.value = ""
            clear(self.plots)
            clear(self.late)
            self._drawn = None
            return
        from freelancekit.records.concentration import from_summary

        self.heading.value = f"<h4>{html_text(i18n.t('records.ui.insight_heading', loc))}</h4>"
        self.note.value = measured_html(provenance, ranking, loc)
        self.concentration.value = concentration_html(from_summary(summary), loc)
        if self._drawn is not snapshot:
            self._drawn = snapshot
            self._draw(summary)

    def _draw(self, summary: Any) -> None:
        # pandas comes in here, with the first records: a portfolio without any starts without it (time to interactive)
        from freelancekit.records.currency import load_in_profile_currency
        from freelancekit.records.measures import Window, invoice_status, monthly
        from freelancekit.ui.records_plots import TOP_CLIENTS, days_late_figure, monthly_figure

        state, loc = self.state, self.state.locale
        records = load_in_profile_currency(state.store)[0]  # the charts' amounts in the profile's currency (docs/currencies.md)
        window = Window.of()
        currency = state.profile().currency
        top = [c for c in summary["client"].tolist()][:TOP_CLIENTS]
        colours = client_colours([c.name for c in state.clients()])  # as the ranking's radar colours them
        render(self.plots, monthly_figure(monthly(records, window), loc, currency, top, colours))
        status = invoice_status(records, window)
        if status["due_now"].any():
            render(self.late, days_late_figure(status, loc, colours))
        else:
            clear(self.late)


def income_concentration(state: AppState) -> Concentration | None:
    """The income concentration of the records (None without records), for the drafts view's note."""
    summary = state.records()[2]
    if summary is None or summary.empty:
        return None
    from freelancekit.records.concentration import from_summary

    return from_summary(summary)


def draft_risk_html(c: Concentration | None, client: str, locale: str) -> str:
    """The drafts card's note when more work from ``client`` would deepen the income risk, else ''."""
    if c is None or not c.raises_risk(client):
        return ""
    key, share = ("records.ui.draft_risk_one", c.top_share) if c.one_client_risk else ("records.ui.draft_risk_two", c.top_two_share)
    return f'<p class="fk-error {NO_MATH}">⚠ {html_text(i18n.t(key, locale, client=client, share=pct(share)))}</p>'
