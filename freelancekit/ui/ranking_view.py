"""The ranking: a table of every client best first (top three highlighted) and two charts.

The table is one escaped HTML widget showing one page of rows
(``ranking_table``: raw values with units, their points on hover), so 10 000
clients cost one string, not thousands of widgets; a search finds any client
by name. ``refresh`` only calls ``scoring.rank`` on the cached score table:
that is the slider hot path.

Around the table sit parts in modules of their own, each told of every new
ranking through ``show``: ``ranking_insight`` (why the top three, how sure,
why here for any client) and ``ranking_download`` (CSV/XLSX). A new part is
one module and one line in ``_parts``. They are built when the page first
shows their box (``ui/shown.py``), so the sliders and the table reach the page
without them: about 50 fewer widget models before the first slider can move.

The charts are drawn a moment after the page reports their box as shown
(ipywidgets' ``_view_count``), not while the app is built: loading plotly.js
(~4.8 MB) and drawing took ~0.8 s of the browser's only thread, and while it
runs the page can neither paint nor react, so the sliders above waited for
the charts (benchmarks/bench_app_tti.py). ``CHART_DELAY_S`` lets the page
finish showing the other widgets first.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w

from freelancekit.errors import InvalidInput
from freelancekit.language import i18n
from freelancekit.language.l10n import join_list, plural
from freelancekit.ui import charts, dom
from freelancekit.ui.common import AppState, classed, error_words, guarded, html_text, set_error
from freelancekit.ui.marks import legend_html
from freelancekit.ui.ranking_download import RankingDownload
from freelancekit.ui.ranking_insight import RankingInsight
from freelancekit.ui.ranking_table import PAGE_SIZE, matching_places, ranking_table_html
from freelancekit.ui.ranking_upsell import RankingUpsell
from freelancekit.ui.records_insight import RecordsInsight
from freelancekit.ui.shown import later, when_shown
from freelancekit.ui.wiring import OUTSIDE

if TYPE_CHECKING:
    import numpy as np

    from freelancekit.ranking.scoring import Ranking

__all__ = ["PAGE_SIZE", "RankingView", "later", "ranking_table_html"]  # later: from ui/shown.py, here for its old importers
CHART_DELAY_S = 0.3  # after the page showed the charts' box: it is still drawing the widgets above


class RankingView:
    def __init__(self, state: AppState):
        self.state = state
        loc = state.locale
        self.ranking: Ranking | None = None
        self.start = 0
        self._radar_key: tuple[Any, ...] | None = None
        self._radar_table: Any = None  # the score table the radar was drawn from (kept to compare identity)
        look = state.look
        self.message = look.html("", dom.RANKING_MESSAGE, dom.WEIGHTS_ERROR)
        self.places: np.ndarray | None = None  # the places the search keeps (None: every client)
        self._folded: tuple[Any, list[str]] | None = None  # (score table, its names casefolded) for the search
        self._paid_in: tuple[tuple[Any, ...], str, dict[str, tuple[str, Any]]] | None = None  # (clients, own currency, their pay map)
        self.search = classed(w.Text(value="", placeholder=i18n.t("ranking.search_hint", loc), description=i18n.t("ranking.search", loc),
                                     style={"description_width": "initial"}), dom.RANKING_SEARCH)  # "Find a client" on one line
        self.search.observe(self._on_search, names="value")
        self.search_info = look.html("", dom.RANKING_SEARCH_INFO)
        self.table = look.html("", dom.RANKING_TABLE)
        self.pager = w.HBox(layout=w.Layout(display="none"))  # Previous, "1-50 of 80", Next: made once a second page exists
        self._pager_parts: tuple[w.Button, w.Label, w.Button] | None = None
        self.parts_box = look.vbox()  # the parts below the table: built once the page shows this box (ui/shown.py)
        self.insight: RankingInsight | None = None
        self.download: RankingDownload | None = None
        self.upsell: RankingUpsell | None = None
        self.records: RecordsInsight | None = None
        self.contrib = look.vbox((), dom.CHART_CONTRIB)  # where charts.render draws
        self.radar = look.vbox((), dom.CHART_RADAR)
        self.charts_shown = False  # set when a page first displays the charts; until then none are drawn
        self.contrib._view_count = 0  # the page counts its views of this widget: 0 -> 1 is "shown"
        self.contrib.observe(self._on_charts_shown, names="_view_count")
        notes = look.html(f'<p class="fk-muted">{html_text(i18n.t("ranking.scoring_note", loc))}</p>'
                          f'<p class="fk-muted">{html_text(i18n.t("ranking.incomplete_note", loc))}</p>', dom.RANKING_NOTE)
        heading = look.html(f"<h3>{html_text(i18n.t('ranking.heading', loc))}</h3>")
        self.not_compared = look.html("", dom.RANKING_NOT_COMPARED)
        self.widget = look.vbox([heading, self.message, self.search, self.search_info, self.table, self.not_compared, self.pager,
                                 notes, self.parts_box, self.contrib, self.radar], dom.tab("ranking"))
        self.refresh()
        when_shown(self.parts_box, self._build_parts)

    def _made_pager(self) -> tuple[w.Button, w.Label, w.Button]:
        if self._pager_parts is None:
            loc = self.state.locale
            prev = classed(w.Button(description=i18n.t("common.prev", loc)), dom.RANKING_PREV)
            nxt = classed(w.Button(description=i18n.t("common.next", loc)), dom.RANKING_NEXT)
            prev.on_click(self._prev)
            nxt.on_click(self._next)
            self._pager_parts = (prev, classed(w.Label(value=""), dom.RANKING_PAGE), nxt)
            self.pager.children = self._pager_parts
        return self._pager_parts

    prev = property(lambda self: self._made_pager()[0])
    page = property(lambda self: self._made_pager()[1])
    next = property(lambda self: self._made_pager()[2])

    def _parts(self) -> list[Any]:
        """The parts beside the table, in display order (none until built); each has ``widget`` and ``show(ranking, page_places)``."""
        parts = [self.insight, self.records, self.upsell, self.download]
        return [] if None in parts else parts

    @guarded
    def _build_parts(self) -> None:
        state = self.state
        self.insight = RankingInsight(state, later)
        self.download = RankingDownload(state)
        self.upsell = RankingUpsell(state)
        self.records = RecordsInsight(state)
        self.parts_box.children = [p.widget for p in self._parts()]
        if self.ranking is not None:
            self._show_parts()

    @guarded
    def refresh(self, kind: str = OUTSIDE) -> None:
        """Rank again with the current weights and redraw table and charts."""
        state = self.state
        table = state.score_table()
        if not table.names:
            self.ranking = None
            set_error(self.message, i18n.t("ranking.empty", state.locale))
            self._clear()
            return
        try:
            self.ranking = state.ranking()
        except InvalidInput as exc:
            self.ranking = None
            set_error(self.message, i18n.t("criteria.all_zero", state.locale) if exc.for_field("weights", self.state.locale) else error_words(exc, self.state))
            self._clear()
            return
        set_error(self.message, None)
        self._filter()
        self._render_table(parts=False)
        if self.charts_shown:  # the chart goes out right behind the table; the sentences beside them after
            self._render_charts()
        self._show_parts()

    def _on_charts_shown(self, change: dict[str, Any]) -> None:
        if not self.charts_shown and (change["new"] or 0) > 0:
            self.charts_shown = True
            later(CHART_DELAY_S, self._render_charts)

    @guarded
    def _render_charts(self) -> None:
        if self.ranking is None:
            return
        state = self.state
        currency = state.profile().currency
        charts.render(self.contrib, charts.contributions_figure(self.ranking, state.locale, currency))
        # utilities do not depend on the weights: the radar changes only with the top three or the data
        table = state.score_table()
        radar_key = (tuple(self.ranking.order[:3].tolist()), state.locale)
        if radar_key != self._radar_key or table is not self._radar_table:
            self._radar_key, self._radar_table = radar_key, table
            charts.render(self.radar, charts.radar_figure(self.ranking, state.locale))

    def _clear(self) -> None:
        self.places = None
        self.search_info.value = ""
        for part in self._parts():
            part.show(None, [])
        self.table.value = ""
        self.pager.layout.display = "none"
        charts.clear(self.contrib)
        charts.clear(self.radar)
        self._radar_key = None

    def _filter(self) -> None:
        """The places the search keeps, and a start that still falls on one of them."""
        assert self.ranking is not None
        query = self.search.value.strip()
        loc = self.state.locale
        if not query:
            self.places = None
            self.search_info.value = ""
        else:
            table = self.ranking.table
            if self._folded is None or self._folded[0] is not table:
                from freelancekit.portfolio.validation import name_key

                self._folded = (table, [name_key(n) for n in table.names])
            self.places = matching_places(self.ranking, query, self._folded[1])
            found = (i18n.t("ranking.no_match", loc, text=query) if not len(self.places)
                     else plural("ranking.matches", len(self.places), loc, self.state.digits, text=query))
            self.search_info.value = f'<span class="fk-muted">{html_text(found)}</span>'
        self.start = min(self.start, max(0, (self._count() - 1) // PAGE_SIZE * PAGE_SIZE))

    def _not_compared(self, state: AppState) -> None:
        """Name the clients whose pay rate could not be compared, and where to enter the missing rate (docs/currencies.md)."""
        pay = state.pay
        names = pay.not_compared if pay is not None else ()
        if not names:
            self.not_compared.value = ""
            return
        loc = state.locale
        text = plural("ranking.not_compared", len(names), loc, state.digits, names=join_list(names, loc, listed=True))
        needs = " ".join(i18n.t("money.needs_rate", loc, currency=code) for code in pay.missing)
        self.not_compared.value = f'<span class="fk-incomplete">⚠ {html_text(text)} — {html_text(needs)}</span>'

    def _count(self) -> int:
        assert self.ranking is not None
        return len(self.ranking) if self.places is None else len(self.places)

    def _render_table(self, parts: bool = True) -> None:
        assert self.ranking is not None
        n = self._count()
        state = self.state
        own = state.profile().currency
        paid_in = self._pay_map(own)
        provenance = state.records()[1]
        legend = legend_html(state.locale) if provenance is not None and provenance.switched else ""  # measured vs typed
        self.table.value = ranking_table_html(self.ranking, state.locale, self.start, currency=own,
                                              places=self.places, provenance=provenance, digits=state.digits,
                                              pay=state.pay, paid_in=paid_in) + legend
        self._not_compared(state)
        self.pager.layout.display = "flex" if n > PAGE_SIZE else "none"
        if n > PAGE_SIZE or self._pager_parts is not None:
            self.page.value = i18n.t("common.page", state.locale, first=state.num(min(n, self.start + 1)),
                                     last=state.num(min(n, self.start + PAGE_SIZE)), total=state.num(n))
            self.prev.disabled = self.start == 0
            self.next.disabled = self.start + PAGE_SIZE >= n
        if parts:
            self._show_parts()

    def _pay_map(self, own: str) -> dict[str, tuple[str, Any]]:
        """Each foreign-currency client's (currency, pay rate as typed), for the table's "paid in" note.

        It depends on the clients and the profile's currency, never on the weights: kept
        until the state's clients (a new tuple after any change to them) or the currency change,
        so a slider step does not walk every client again.
        """
        clients = self.state.clients()
        if self._paid_in is None or self._paid_in[0] is not clients or self._paid_in[1] != own:
            paid = {c.name: (c.currency, c.values.get("hourly_rate")) for c in clients if c.currency and c.currency != own}
            self._paid_in = (clients, own, paid)
        return self._paid_in[2]

    def _show_parts(self) -> None:
        """The insight, records, upsell and download parts for the ranking and page shown."""
        assert self.ranking is not None
        shown = range(len(self.ranking)) if self.places is None else self.places
        page = [int(p) for p in shown[self.start:self.start + PAGE_SIZE]]  # one page, not a list of every client
        for part in self._parts():
            part.show(self.ranking, page)

    @guarded
    def _on_search(self, _change: dict[str, Any]) -> None:
        self.state.catch_up()
        self.start = 0
        if self.ranking is not None:
            self._filter()
            self._render_table()

    @guarded
    def _prev(self, _b: Any = None) -> None:
        self.state.catch_up()  # another tab's saves first: the page shows the saved truth
        self.start = max(0, self.start - PAGE_SIZE)
        if self.ranking is not None:
            self._render_table()

    @guarded
    def _next(self, _b: Any = None) -> None:
        self.state.catch_up()
        if self.ranking is not None and self.start + PAGE_SIZE < self._count():
            self.start += PAGE_SIZE
            self._render_table()
