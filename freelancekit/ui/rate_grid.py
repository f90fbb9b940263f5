""""Rate everyone": every client's value on one criterion, one input per client, saved as you go.

A new criterion starts at weight 0 (it penalises nobody); this grid is where
the user gives every client a value on it, then raises its weight. It shows
one page of a fixed pool of rows (like the clients table), so 1 000 clients
cost no more widgets than 25; "only not rated yet" and a name search find the
clients that still need a value. Each change is saved at once with
``Store.set_value`` (that one value, nothing else of the client).
"""
from __future__ import annotations

from typing import Any

import ipywidgets as w

from freelancekit.language import i18n
from freelancekit.language.l10n import plural
from freelancekit.language.numerals import format_number
from freelancekit.portfolio.model import Client, Criterion
from freelancekit.portfolio.validation import name_key
from freelancekit.ui import dom
from freelancekit.ui.common import AppState, Notice, classed, error_label, guarded, html_text, literal, set_error, set_literal
from freelancekit.ui.value_saving import save_value

PAGE_SIZE = 25


def clients_to_rate(clients: tuple[Client, ...] | list[Client], key: str, query: str = "", only_unrated: bool = False) -> list[Client]:
    """The grid's clients in name order: those whose name holds ``query``, and with ``only_unrated`` those without a value."""
    q = name_key(query.strip())
    chosen = [c for c in clients if (not q or q in name_key(c.name)) and not (only_unrated and c.values.get(key) is not None)]
    return sorted(chosen, key=lambda c: name_key(c.name))


class _Row:
    """One pooled row: the client's name, its input and the message for a refused value."""

    def __init__(self, grid: RateGrid):
        self.client_id: int | None = None
        self.name = literal("", width="240px")
        self.rating = classed(w.Dropdown(options=[("", "")], value="", layout=w.Layout(width="140px")), dom.RATE_INPUT)
        self.number = classed(w.Text(value="", continuous_update=False, layout=w.Layout(width="140px")), dom.RATE_INPUT)
        self.error = error_label(dom.RATE_ERROR)
        self.notice = Notice(grid.state, dom.notice(dom.RATE_ROW))  # "Saved “X”." at the end of the row typed in
        self.rating.observe(lambda ch: grid.on_value(self, ch["new"]), names="value")
        self.number.observe(lambda ch: grid.on_value(self, ch["new"]), names="value")
        self.widget = classed(w.HBox([self.name, self.rating, self.number, self.error, self.notice.widget],
                                     layout=w.Layout(display="none", align_items="center")),
                              dom.RATE_ROW)


class RateGrid:
    """The grid for one criterion at a time (``key``), chosen in its dropdown."""

    def __init__(self, state: AppState, key: str | None = None):
        self.state = state
        loc = state.locale
        self.key: str | None = None
        self.start = 0
        self._syncing = False
        self._holding = False
        self.choose = classed(w.Dropdown(layout=w.Layout(width="260px")), dom.RATE_CRITERION)
        self.only_unrated = classed(w.Checkbox(value=False, description=i18n.t("rate.only_unrated", loc), indent=False), dom.RATE_ONLY_UNRATED)
        self.search = classed(w.Text(placeholder=i18n.t("rate.search", loc), continuous_update=False, layout=w.Layout(width="200px")), dom.RATE_SEARCH)
        self.summary = classed(w.HTML(value=""), dom.RATE_SUMMARY)
        self.prev = classed(w.Button(description=i18n.t("common.prev", loc)), dom.RATE_PREV)
        self.next = classed(w.Button(description=i18n.t("common.next", loc)), dom.RATE_NEXT)
        self.page = w.Label(value="")
        self.rows = [_Row(self) for _ in range(PAGE_SIZE)]
        self.choose.observe(lambda ch: self.show(ch["new"]) if not self._syncing else None, names="value")
        self.only_unrated.observe(lambda _ch: self._go(0), names="value")
        self.search.observe(lambda _ch: self._go(0), names="value")
        self.prev.on_click(lambda _b: self._go(self.start - PAGE_SIZE))
        self.next.on_click(lambda _b: self._go(self.start + PAGE_SIZE))
        intro = w.HTML(value=f'<p class="fk-muted">{html_text(i18n.t("rate.intro", loc))}</p>')
        self.widget = classed(w.VBox([
            intro,
            w.HBox([w.Label(value=i18n.t("rate.criterion", loc)), self.choose, self.search, self.only_unrated], layout=w.Layout(align_items="center")),
            self.summary, *(r.widget for r in self.rows), w.HBox([self.prev, self.page, self.next]),
        ]), dom.RATE_GRID)
        self.refresh(key)

    # -- what is shown --------------------------------------------------------------
    def _criteria(self) -> dict[str, Criterion]:
        return {c.key: c for c in self.state.criteria()}

    def refresh(self, key: str | None = None) -> None:
        """Show the saved values again (after any change), on ``key`` or the criterion already shown."""
        criteria = self._criteria()
        loc = self.state.locale
        self._syncing = True
        try:
            self.choose.options = [(i18n.criterion_label(c.key, c.label, loc), c.key) for c in criteria.values()]
            wanted = key or self.key
            self.key = wanted if wanted in criteria else next(iter(criteria), None)
            self.choose.value = self.key
        finally:
            self._syncing = False
        self.render()

    @guarded
    def show(self, key: str | None) -> None:
        """Switch to another criterion (the dropdown), from the first page."""
        self.state.catch_up()
        self.start = 0
        self.refresh(key)

    @guarded
    def _go(self, start: int) -> None:
        self.state.catch_up()  # another tab's or the CLI's values first
        self.start = max(0, start)
        self.render()

    def visible(self) -> list[Client]:
        if self.key is None:
            return []
        return clients_to_rate(self.state.clients(), self.key, self.search.value, self.only_unrated.value)

    def render(self) -> None:
        loc = self.state.locale
        crit = self._criteria().get(self.key) if self.key else None
        clients = self.visible()
        total = len(clients)
        if self.start >= total:
            self.start = max(0, (total - 1) // PAGE_SIZE * PAGE_SIZE)
        page = clients[self.start:self.start + PAGE_SIZE]
        self._syncing = True
        try:
            for row, client in zip(self.rows, page + [None] * (PAGE_SIZE - len(page))):
                if client is None or crit is None:
                    row.client_id = None
                    row.widget.layout.display = "none"
                    continue
                self._fill(row, client, crit)
        finally:
            self._syncing = False
        self._summary()
        self.page.value = i18n.t("common.page", loc, first=self.start + 1 if total else 0, last=min(total, self.start + PAGE_SIZE), total=total)
        self.prev.disabled = self.start == 0
        self.next.disabled = self.start + PAGE_SIZE >= total

    def _summary(self) -> None:
        """"12 of 300 clients are not rated yet on Referrals", and while its weight is 0, what that means."""
        loc = self.state.locale
        crit = self._criteria().get(self.key) if self.key else None
        if crit is None:
            set_literal(self.summary, "")
            return
        clients = self.state.clients()
        missing = sum(1 for c in clients if c.values.get(crit.key) is None)
        label = i18n.criterion_label(crit.key, crit.label, loc)
        text = plural("rate.summary", len(clients), loc, missing=missing, criterion=label)
        if crit.weight == 0:
            text += " " + i18n.t("rate.weight_zero", loc, criterion=label)
        set_literal(self.summary, text)

    def _fill(self, row: _Row, client: Client, crit: Criterion) -> None:
        loc = self.state.locale
        if row.client_id != client.id:
            set_error(row.error, None)  # a message belongs to the client it was about
            row.notice.clear()
        row.client_id = client.id
        set_literal(row.name, client.name)
        value = client.values.get(crit.key)
        if crit.kind == "rating":
            options = [(i18n.t("field.not_rated", loc), "")] + [(str(i), str(i)) for i in range(crit.lo, crit.hi + 1)]
            if list(row.rating.options) != options:
                row.rating.options = options
            text = "" if value is None else format_number(value)
            row.rating.value = text if text in {v for _l, v in options} else ""
            row.rating.layout.display, row.number.layout.display = "flex", "none"
        else:
            row.number.value = "" if value is None else format_number(value)
            row.rating.layout.display, row.number.layout.display = "none", "flex"
        row.widget.layout.display = "flex"

    # -- saving -----------------------------------------------------------------------
    @guarded
    def on_value(self, row: _Row, value: Any) -> None:
        if self._syncing or row.client_id is None or self.key is None:
            return
        if save_value(self.state, row.error, row.notice, row.client_id, self.key, value) is None:
            return
        self._holding = True  # the refresh this change brings keeps the rows where they are
        try:
            self.state.changed("clients")  # the shell refreshes this grid too (CriteriaView.refresh)
        finally:
            self._holding = False

    def follow(self) -> None:
        """Clients changed (here or elsewhere): show their saved values.

        Right after this grid's own save with "only not rated yet" on, a client
        just rated stays on screen until the next page or search, so the rows
        do not jump away under the pointer; the count follows at once.
        """
        if self._holding and self.only_unrated.value:
            self._summary()
        else:
            self.render()
