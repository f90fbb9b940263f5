"""The Ratings tab: one grid of every client by every rating criterion, typed from the keyboard.

Type 1–5 in a box and press Tab: the value is saved at once (``Store.set_value``,
that one value) and the focus is on the next box, so rating 8 clients on three
criteria is 24 boxes filled, not 24 dropdowns opened (the old grid showed one
criterion at a time, in a collapsed section of another tab). The levels are
labelled (``rate.level.N``) above the grid and in every box's tooltip. A value
measured from the records (On-time payment switched to "from my records") is
shown as measured, with its mark, and is not asked for.

Rows are a fixed pool of ``PAGE_SIZE`` filled in place: a save refreshes the
values without replacing a single input, so the focus stays where the user is.
"""
from __future__ import annotations

from typing import Any

import ipywidgets as w

from freelancekit.language import i18n
from freelancekit.language.l10n import plural
from freelancekit.language.numerals import format_number, to_latin, written
from freelancekit.portfolio.model import Client, Criterion
from freelancekit.portfolio.validation import name_key
from freelancekit.ui import dom
from freelancekit.ui.common import AppState, Notice, error_label, guarded, html_text, literal, set_error, set_literal
from freelancekit.ui.look import TextStyle
from freelancekit.ui.marks import legend_html, measured_mark
from freelancekit.ui.ranking_table import measured_text
from freelancekit.ui.value_saving import save_value
from freelancekit.ui.wiring import OUTSIDE

PAGE_SIZE = 25
CELL_WIDTH = "112px"  # "100% on time" and its mark on one line, in both languages
NAME_WIDTH = "220px"


class _Cell:
    """One client's value on one criterion: a box to type in, or the measured value in its place."""

    def __init__(self, sheet: RatingSheet, row: _Row, crit: Criterion):
        self.crit = crit
        look = sheet.state.look
        self.input = w.Text(value="", continuous_update=False, **look.dress(TextStyle, dom.rate_cell(crit.key), css={"width": "48px"}))
        self.measured = look.html("", dom.RATE_MEASURED)
        self.input.observe(lambda ch: sheet.on_value(row, self, ch["new"]), names="value")
        self.widget = look.box([self.input, self.measured], dom.RATE_BOX, css={"width": CELL_WIDTH})

    @property
    def shows_measured(self) -> bool:
        return dom.RATE_BOX_MEASURED in self.widget._dom_classes

    def show_measured(self, measured: bool) -> None:
        """The measured value in place of the box, or the box (the stylesheet hides the other one)."""
        if measured:
            self.widget.add_class(dom.RATE_BOX_MEASURED)
        else:
            self.widget.remove_class(dom.RATE_BOX_MEASURED)


class _Row:
    def __init__(self, sheet: RatingSheet, criteria: tuple[Criterion, ...]):
        self.client_id: int | None = None
        look = sheet.state.look
        self.name = literal("", look, width=NAME_WIDTH)
        self.cells = [_Cell(sheet, self, c) for c in criteria]
        self.error = error_label(dom.RATE_ERROR, look)
        self.notice = Notice(sheet.state, dom.notice(dom.RATE_SHEET_ROW))  # "Saved “X”." at the end of the row typed in
        self.widget = w.HBox([self.name, *(c.widget for c in self.cells), self.error, self.notice.widget],
                             layout=w.Layout(display="none", align_items="center"), _dom_classes=(dom.RATE_SHEET_ROW,))


def rating_criteria(criteria: tuple[Criterion, ...]) -> tuple[Criterion, ...]:
    """The subjective criteria: those rated on a scale (a number such as the pay rate is typed in the client form)."""
    return tuple(c for c in criteria if c.kind == "rating")


class RatingSheet:
    def __init__(self, state: AppState):
        self.state = state
        self.start = 0
        self._syncing = False
        look = state.look  # layouts and styles shared (ui/look.py): each is a model the page makes before it draws the tab
        self._shape: tuple[tuple[str, str, int, int], ...] = ()
        self.rows: list[_Row] = []
        self.head = w.HBox([])
        self.body = look.vbox()
        self.summary = look.html("", dom.RATE_SHEET_SUMMARY)
        self.legend = look.html("")
        self.prev = look.button(i18n.t("common.prev", state.locale), dom.RATE_PREV)
        self.next = look.button(i18n.t("common.next", state.locale), dom.RATE_NEXT)
        self.page = look.label("")
        self.prev.on_click(lambda _b: self._go(self.start - PAGE_SIZE))
        self.next.on_click(lambda _b: self._go(self.start + PAGE_SIZE))
        self.pager = w.HBox([self.prev, self.page, self.next])
        loc = state.locale
        levels = " · ".join(html_text(i18n.t(f"rate.level.{n}", loc)) for n in range(1, 6))
        self.widget = look.vbox([
            look.html(f"<h3>{html_text(i18n.t('rate.sheet.heading', loc))}</h3>"
                      f'<p class="fk-muted">{html_text(i18n.t("rate.sheet.intro", loc))}</p>'
                      f'<p class="{dom.RATE_LEVELS}">{levels}</p>'),
            self.summary, self.head, self.body, self.legend, self.pager,
        ], dom.tab("ratings"))
        self.refresh()

    def _build(self, criteria: tuple[Criterion, ...]) -> None:
        """New rows for a new set of criteria (added, removed, renamed, re-scaled); otherwise the pool stays."""
        loc = self.state.locale
        shape = tuple((c.key, c.label, c.lo, c.hi) for c in criteria)
        if shape == self._shape:
            return
        self._shape = shape
        self.rows = [_Row(self, criteria) for _ in range(PAGE_SIZE)]
        look = self.state.look
        heads = [look.html("", css={"width": NAME_WIDTH})]
        heads += [look.html(f'<b title="{html_text(i18n.criterion_label(c.key, c.label, loc))}">'
                            f"{html_text(i18n.criterion_label(c.key, c.label, loc))}</b>", css={"width": CELL_WIDTH}) for c in criteria]  # as wide as a cell
        self.head.children = heads
        self.body.children = [r.widget for r in self.rows]

    @guarded
    def _go(self, start: int) -> None:
        self.state.catch_up()
        self.start = max(0, start)
        self.render()

    def refresh(self, kind: str = OUTSIDE) -> None:
        self._build(rating_criteria(self.state.criteria()))
        self.render()

    def render(self) -> None:
        state, loc = self.state, self.state.locale
        criteria = rating_criteria(state.criteria())
        clients = sorted(state.clients(), key=lambda c: name_key(c.name))
        total = len(clients)
        if self.start >= total:
            self.start = max(0, (total - 1) // PAGE_SIZE * PAGE_SIZE)
        page = clients[self.start:self.start + PAGE_SIZE]
        provenance = state.records()[1]
        self._syncing = True
        try:
            for row, client in zip(self.rows, page + [None] * (PAGE_SIZE - len(page))):
                if client is None:
                    row.client_id = None
                    row.widget.layout.display = "none"
                    continue
                self._fill(row, client, provenance)
        finally:
            self._syncing = False
        measured_any = provenance is not None and any(provenance.measured.values())
        self.legend.value = legend_html(loc) if measured_any else ""
        todo = sum(1 for c in clients if any(self._missing(c, k, provenance) for k in (x.key for x in criteria)))
        text = (i18n.t("rate.sheet.none", loc) if not total else plural("rate.sheet.todo", todo, loc, state.digits) if todo
                else i18n.t("rate.sheet.done", loc))
        set_literal(self.summary, text)
        self.head.layout.display = "flex" if total else "none"
        self.pager.layout.display = "flex" if total > PAGE_SIZE else "none"
        self.page.value = i18n.t("common.page", loc, first=state.num(min(total, self.start + 1)),
                                 last=state.num(min(total, self.start + PAGE_SIZE)), total=state.num(total))
        self.prev.disabled = self.start == 0
        self.next.disabled = self.start + PAGE_SIZE >= total

    @staticmethod
    def _missing(client: Client, key: str, provenance: Any) -> bool:
        return client.values.get(key) is None and (provenance is None or provenance.of(client.name, key) is None)

    def _fill(self, row: _Row, client: Client, provenance: Any) -> None:
        state, loc = self.state, self.state.locale
        if row.client_id != client.id:
            set_error(row.error, None)  # a message belongs to the client it was about
            row.notice.clear()
        row.client_id = client.id
        set_literal(row.name, client.name)
        for cell in row.cells:
            got = provenance.of(client.name, cell.crit.key) if provenance is not None else None
            if got is not None:
                shown = measured_text(cell.crit.key, got.value, cell.crit, state.profile().currency, loc, state.digits)
                tip = i18n.t("rate.sheet.measured", loc, value=shown)
                cell.measured.value = f'<span title="{html_text(tip)}"><bdi>{html_text(shown)}</bdi> {measured_mark()}</span>'
                cell.show_measured(True)
                continue
            value = client.values.get(cell.crit.key)
            cell.input.value = "" if value is None else written(format_number(value), loc, state.digits)
            cell.input.tooltip = i18n.t("rate.sheet.cell", loc, criterion=i18n.criterion_label(cell.crit.key, cell.crit.label, loc),
                                        client=client.name)
            cell.show_measured(False)
        row.widget.layout.display = "flex"

    @guarded
    def on_value(self, row: _Row, cell: _Cell, value: Any) -> None:
        if self._syncing or row.client_id is None:
            return
        typed = to_latin(str(value)).strip()
        if save_value(self.state, row.error, row.notice, row.client_id, cell.crit.key, typed or None) is not None:
            self.state.changed("clients")
