"""The ranking: a table of every client best first (top three highlighted) and two charts.

The table is one escaped HTML widget showing one page of rows, so 1 000
clients cost one string, not thousands of widgets. ``refresh`` only calls
``scoring.rank`` on the cached score table: that is the slider hot path.

The charts are drawn a moment after the page reports their box as shown
(ipywidgets' ``_view_count``), not while the app is built: loading plotly.js
(~4.8 MB) and drawing took ~0.8 s of the browser's only thread, and while it
runs the page can neither paint nor react, so the sliders above waited for
the charts (benchmarks/bench_app_tti.py). ``CHART_DELAY_S`` lets the page
finish showing the other widgets first.
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from .. import i18n
from ..errors import InvalidInput
from . import charts, dom
from .common import NO_MATH, AppState, classed, guarded, html_text, set_error
from .wiring import OUTSIDE

if TYPE_CHECKING:
    from ..scoring import Ranking

PAGE_SIZE = 50
CHART_DELAY_S = 0.3  # after the page showed the charts' box: it is still drawing the widgets above


def later(delay_s: float, action: Callable[[], None]) -> None:
    """Run ``action`` after ``delay_s`` on the kernel's event loop; at once outside a kernel (plain Python).

    Asking for "the running loop" alone is not enough: another library's loop
    (Playwright's sync API, say) may be running in this thread without ever
    serving our callbacks, so only a live IPython kernel's loop is used.
    """
    from IPython import get_ipython

    shell = get_ipython()
    try:
        loop = asyncio.get_running_loop() if getattr(shell, "kernel", None) is not None else None
    except RuntimeError:
        loop = None
    if loop is None:
        action()
        return
    loop.call_later(delay_s, action)


def ranking_table_html(ranking: Ranking, locale: str, start: int = 0, size: int = PAGE_SIZE) -> str:
    """One page of the ranking as an HTML table; every user string escaped."""
    labels = charts.criterion_labels(ranking, locale)
    head = "".join(f"<th>{html_text(x)}</th>" for x in (
        i18n.t("ranking.rank", locale), i18n.t("ranking.client", locale), i18n.t("ranking.score", locale), *labels))
    rows = []
    order = ranking.order[start:start + size].tolist()
    ids = ranking.table.ids
    incomplete_word = html_text(i18n.t("clients.incomplete", locale))
    top_word = html_text(i18n.t("ranking.top3", locale))
    for r, i in enumerate(order, start=start + 1):
        classes = [dom.RANK_ROW]
        marks = ""
        if r <= 3:
            classes.append(dom.RANK_TOP)
            marks += f' <span class="fk-badge">★ {top_word}</span>'
        if ranking.incomplete[i]:
            classes.append(dom.RANK_INCOMPLETE)
            marks += f' <span class="fk-incomplete" title="{incomplete_word}">⚠ {incomplete_word}</span>'
        score = float(ranking.scores[i])
        points = "".join(f"<td>{c:.1f}</td>" for c in ranking.contributions[i].tolist())
        cid = "" if ids[i] is None else str(int(ids[i]))
        rows.append(
            f'<tr class="{" ".join(classes)}" data-rank="{r}" data-client-id="{cid}" data-score="{score:.2f}">'
            f'<td>{r}</td><td class="{dom.RANK_NAME}"><bdi>{html_text(ranking.table.names[i])}</bdi>{marks}</td>'
            f"<td>{score:.1f}</td>{points}</tr>"
        )
    return f'<table class="fk-table {NO_MATH}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


class RankingView:
    def __init__(self, state: AppState):
        self.state = state
        loc = state.locale
        self.ranking: Ranking | None = None
        self.start = 0
        self._radar_key: tuple[Any, ...] | None = None
        self._radar_table: Any = None  # the score table the radar was drawn from (kept to compare identity)
        self.message = classed(w.HTML(value=""), dom.RANKING_MESSAGE, dom.WEIGHTS_ERROR)
        self.table = classed(w.HTML(value=""), dom.RANKING_TABLE)
        self.prev = classed(w.Button(description=i18n.t("common.prev", loc)), dom.RANKING_PREV)
        self.next = classed(w.Button(description=i18n.t("common.next", loc)), dom.RANKING_NEXT)
        self.page = w.Label(value="")
        self.prev.on_click(self._prev)
        self.next.on_click(self._next)
        self.pager = w.HBox([self.prev, self.page, self.next])
        self.contrib = classed(w.Output(), dom.CHART_CONTRIB)
        self.radar = classed(w.Output(), dom.CHART_RADAR)
        self.charts_shown = False  # set when a page first displays the charts; until then none are drawn
        self.contrib._view_count = 0  # the page counts its views of this widget: 0 -> 1 is "shown"
        self.contrib.observe(self._on_charts_shown, names="_view_count")
        note = w.HTML(value=f'<span class="fk-muted">{html_text(i18n.t("ranking.incomplete_note", loc))}</span>')
        heading = w.HTML(value=f"<h3>{html_text(i18n.t('ranking.heading', loc))}</h3>")
        self.widget = classed(w.VBox([heading, self.message, self.table, self.pager, note, self.contrib, self.radar]), dom.tab("ranking"))
        self.refresh()

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
            set_error(self.message, i18n.t("criteria.all_zero", state.locale) if exc.for_field("weights") else exc.message)
            self._clear()
            return
        set_error(self.message, None)
        self.start = min(self.start, max(0, (len(self.ranking) - 1) // PAGE_SIZE * PAGE_SIZE))
        self._render_table()
        if self.charts_shown:
            self._render_charts()

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
        self.table.value = ""
        self.page.value = ""
        self.pager.layout.display = "none"
        self.contrib.outputs = ()
        self.radar.outputs = ()
        self._radar_key = None

    def _render_table(self) -> None:
        assert self.ranking is not None
        n = len(self.ranking)
        self.table.value = ranking_table_html(self.ranking, self.state.locale, self.start)
        self.pager.layout.display = "flex" if n > PAGE_SIZE else "none"
        self.page.value = i18n.t("common.page", self.state.locale, first=self.start + 1, last=min(n, self.start + PAGE_SIZE), total=n)
        self.prev.disabled = self.start == 0
        self.next.disabled = self.start + PAGE_SIZE >= n

    @guarded
    def _prev(self, _b: Any = None) -> None:
        self.state.catch_up()  # another tab's saves first: the page shows the saved truth
        self.start = max(0, self.start - PAGE_SIZE)
        if self.ranking is not None:
            self._render_table()

    @guarded
    def _next(self, _b: Any = None) -> None:
        self.state.catch_up()
        if self.ranking is not None and self.start + PAGE_SIZE < len(self.ranking):
            self.start += PAGE_SIZE
            self._render_table()
