"""The "Import records" panel (Import tab): a time report or an invoice list, checked, then stored.

The file is checked first (format, every row; problems listed in the user's
language), stored when the user confirms (all or nothing, or the valid rows),
and the client names that match no client are listed with "Add as client" and
"Map to …" (remembered). A file of no known format gets a column step: its
columns beside the fields, the best guesses filled in; a file whose dates cannot
tell their order gets the question. Both answers are remembered for the header.
Rules: docs/records.md.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from freelancekit.errors import FreelancekitError, InvalidInput, Problem
from freelancekit.language import i18n, l10n, wording
from freelancekit.records.problems import left_out_lines
from freelancekit.records.store import RecordsPart
from freelancekit.ui import dom
from freelancekit.ui.common import NO_MATH, AppState, Notice, classed, error_words, guarded, html_text, isolates_html, set_error
from freelancekit.ui.import_view import UPLOAD_LIMIT_MB, accepted_upload
from freelancekit.ui.wiring import OUTSIDE

if TYPE_CHECKING:
    from freelancekit.portfolio.storage import Store
    from freelancekit.records.api import ImportPlan
    from freelancekit.records.parse import ParsedRecords

FORMATS = ("toggl", "harvest", "clockify", "invoiceninja", "invoiceninja_payments", "zoho", "invoicely", "invoices")
MAX_PROBLEMS_SHOWN = 200
MAX_UNMATCHED_SHOWN = 30


def problems_html(problems: Sequence[Problem], locale: str, digits: str | None = None) -> str:
    if not problems:
        return ""
    # the file's values and column names are isolated (bdi), so they keep their own direction in the sentence
    items = "".join(f'<li class="{dom.RECORDS_PROBLEM}">{isolates_html(wording.problem_line(p, locale, digits=digits))}</li>'
                    for p in problems[:MAX_PROBLEMS_SHOWN])
    more = f"<li>… +{len(problems) - MAX_PROBLEMS_SHOWN}</li>" if len(problems) > MAX_PROBLEMS_SHOWN else ""
    title = html_text(l10n.plural("records.ui.problems_count", len(problems), locale, digits))
    return f'<div class="{NO_MATH}"><p class="fk-error">{title}</p><ul>{items}{more}</ul></div>'


def preview_text(parsed: ParsedRecords, locale: str, digits: str | None = None) -> str:
    text = i18n.t("records.ui.preview", locale, digits=digits, format=i18n.t(f"records.format.{parsed.source}", locale),
                  rows=l10n.plural("count.rows", parsed.rows, locale, digits),
                  storable=l10n.counts([("count.time_entries", len(parsed.time)), ("count.invoices", len(parsed.invoices)),
                                        ("count.payments", len(parsed.payments))], locale, digits))
    if parsed.source == "invoiceninja_payments":
        text += " " + i18n.t("records.ui.oldest_first_note", locale)
    for line in left_out_lines(parsed.left_out, locale, digits):
        text += " " + line
    return text


def preview_html(store: Store, plan: ImportPlan, locale: str, digits: str | None = None) -> str:
    """The whole dry run, as ``records import --dry-run`` prints it: what the file holds, the columns not used,
    and every client's figures after the import (``records.api.preview_figures``, the CLI's own computation)."""
    from freelancekit.records import api

    parts = [f"<p>{html_text(preview_text(plan.parsed, locale, digits))}</p>"]
    not_used = api.not_used_line(plan.parsed, locale)
    if not_used:
        parts.append(f'<p class="{dom.RECORDS_NOT_USED}">{isolates_html(not_used)}</p>')
    figures = api.preview_figures(store, plan)
    if figures:
        items = "".join(f'<li class="{dom.RECORDS_FIGURES}">{isolates_html(api.figures_line(r, locale))}</li>' for r in figures)
        parts.append(f"<p>{html_text(i18n.t('records.ui.figures_heading', locale))}</p><ul>{items}</ul>")
    return f'<div class="{NO_MATH}">{"".join(parts)}</div>'


class RecordsImportView:
    def __init__(self, state: AppState):
        self.state = state
        loc = state.locale
        self.parsed: ParsedRecords | None = None
        self.plan: ImportPlan | None = None
        self.data: bytes | None = None
        self.mapping: dict[str, str] = {}  # column -> field, from the column step
        self.upload = classed(w.FileUpload(accept=".csv,.txt,.xlsx", multiple=False, description=i18n.t("records.ui.choose", loc),
                                          tooltip=i18n.t("records.ui.choose", loc)),
                              dom.RECORDS_UPLOAD)
        self.upload.observe(self.on_upload, names="value")
        self.source = classed(w.Dropdown(options=[(i18n.t("records.ui.detect", loc), "")] +
                                         [(i18n.t(f"records.format.{f}", loc), f) for f in FORMATS],
                                         value="", description=i18n.t("records.ui.format", loc),
                                         layout=w.Layout(width="auto")), dom.RECORDS_SOURCE)
        self.source.observe(lambda _c: self._recheck(), names="value")
        self.notice = Notice(state, dom.RECORDS_MESSAGE)  # under the upload: the file's problems, then the import's result
        self.message = self.notice.widget
        self.preview = classed(w.HTML(value=""), dom.RECORDS_PREVIEW)
        self.errors = classed(w.HTML(value=""), dom.RECORDS_ERRORS)
        self.only_valid = classed(w.Checkbox(value=False, description=i18n.t("records.ui.only_valid", loc), indent=False,
                                             layout=w.Layout(width="auto")), dom.RECORDS_ONLY_VALID)
        self.only_valid.observe(lambda _c: self._update_confirm(), names="value")
        self.confirm = classed(w.Button(description=i18n.t("records.ui.confirm", loc), button_style="primary", disabled=True),
                               dom.RECORDS_CONFIRM)
        self.confirm.on_click(self.on_confirm)
        self.unmatched = w.VBox([])
        self.columns = classed(w.VBox([]), dom.RECORDS_COLUMNS)  # the column step: one Dropdown per file column
        self.read_mapped = classed(w.Button(description=i18n.t("records.ui.read_mapped", loc)), dom.RECORDS_READ_MAPPED)
        self.read_mapped.on_click(self.on_read_mapped)
        self.dates = classed(w.Dropdown(options=[(i18n.t("records.ui.dates_choose", loc), None), (i18n.t("records.ui.dmy", loc), "dmy"),
                                                 (i18n.t("records.ui.mdy", loc), "mdy")], value=None,
                                        description=i18n.t("records.ui.dates_question", loc), style={"description_width": "initial"},
                                        layout=w.Layout(width="auto", display="none")), dom.RECORDS_DATES)
        self.dates.observe(lambda _c: self._recheck_keeping_answers(), names="value")
        self._shown: tuple[Any, ...] | None = None  # what the unmatched rows were built for (_unmatched_key)
        self.widget = classed(w.VBox([
            w.HTML(value=f"<h3>{html_text(i18n.t('records.ui.heading', loc))}</h3>"
                         f'<p class="fk-muted">{html_text(i18n.t("records.ui.help", loc, mb=UPLOAD_LIMIT_MB))}</p>'),
            w.HBox([self.upload, self.source]), self.message, self.columns, self.dates, self.preview, self.errors, self.only_valid,
            self.confirm, self.unmatched,
        ]), dom.tab("records_import"))
        self.refresh()

    # -- checking and storing a file -------------------------------------------------
    @guarded
    def on_upload(self, change: Any) -> None:
        self._reset()  # a refused file leaves no older file's preview to import
        got = accepted_upload(change, self.message, self.state.locale)
        if got is not None:
            self.load(got[1])

    def load(self, data: bytes) -> None:
        """Check a new file for preview (also callable from tests and notebooks): its column step and date order start empty."""
        self.mapping = {}
        self.columns.children = ()
        self.dates.unobserve_all("value")
        self.dates.value = None
        self.dates.observe(lambda _c: self._recheck_keeping_answers(), names="value")
        self.dates.layout.display = "none"
        self.data = data
        self._read()

    def _read(self) -> None:
        """Read ``self.data`` with the answers given so far (or remembered for its header), and show the preview or the next question."""
        from freelancekit.records import api
        from freelancekit.records.problems import RecordsFileError
        from freelancekit.records.table import open_table

        self._reset()
        assert self.data is not None
        loc = self.state.locale
        try:
            self.plan = api.plan_import(self.state.store, self.data, source=self.source.value or None, mapping=self.mapping or None,
                                        dates=self.dates.value)
        except RecordsFileError as exc:
            set_error(self.message, error_words(exc, self.state))
            if exc.code == "records.unknown_format" or (exc.code.startswith("records.map_") and self.mapping):
                self._show_columns(open_table(self.data).names)
            if exc.code.startswith("records.dates_ambiguous"):
                self.dates.layout.display = None
            return
        self.parsed = self.plan.parsed
        if self.parsed.source == "mapped" and not self.columns.children:  # read with a remembered mapping: shown, to change
            self.mapping = dict(self.plan.mapping)
            self._show_columns(self.parsed.header)
        self.preview.value = preview_html(self.state.store, self.plan, loc, self.state.digits)
        self.errors.value = problems_html(self.parsed.problems, loc, self.state.digits)
        self._update_confirm()

    def _show_columns(self, names: Sequence[str]) -> None:
        """Each column of the file beside a Dropdown of the fields, the mapping so far (or the best guess) chosen."""
        from freelancekit.records.mapping import FIELDS, guess

        loc = self.state.locale
        chosen = self.mapping or guess(names)
        options = [(i18n.t("records.ui.not_used", loc), ""), *((i18n.t(f"records.ui.field.{f}", loc), f) for f in FIELDS)]
        rows: list[w.Widget] = [w.HTML(value=f'<p>{html_text(i18n.t("records.ui.map_heading", loc))}</p>')]
        for name in names:
            column = name.lstrip("\ufeff").strip()
            if column:
                rows.append(classed(w.Dropdown(options=options, value=chosen.get(column, ""), description=column,
                                               style={"description_width": "initial"}, layout=w.Layout(width="auto")),
                                    dom.RECORDS_COLUMN))
        self.columns.children = (*rows, self.read_mapped)

    @guarded
    def on_read_mapped(self, _b: Any = None) -> None:
        """Read the file with the fields chosen in the column step."""
        if self.data is None:
            return
        self.mapping = {d.description: d.value for d in self.columns.children if isinstance(d, w.Dropdown) and d.value}
        self._read()

    @guarded
    def _recheck(self) -> None:
        if self.data is not None:
            self.load(self.data)

    @guarded
    def _recheck_keeping_answers(self) -> None:
        if self.data is not None and self.dates.value is not None:
            self._read()

    def _reset(self) -> None:
        self.parsed = None
        set_error(self.message, None)
        self.preview.value = self.errors.value = ""
        self.confirm.disabled = True

    def _update_confirm(self) -> None:
        p = self.parsed
        rows = 0 if p is None else len(p.time) + len(p.invoices) + len(p.payments)
        self.confirm.disabled = p is None or not rows or (bool(p.problems) and not self.only_valid.value)

    @guarded
    def on_confirm(self, _b: Any = None) -> None:
        parsed, loc = self.parsed, self.state.locale
        if parsed is None:
            return
        try:
            from freelancekit.records import api

            assert self.plan is not None
            result = api.store_import(self.state.store, self.plan, valid_only=self.only_valid.value)
        except InvalidInput as exc:
            self.errors.value = problems_html(exc.problems, loc, self.state.digits)
            set_error(self.message, l10n.plural("records.ui.problems_count", len(exc.problems), loc, self.state.digits))
            return
        done = i18n.t("records.ui.done", loc, digits=self.state.digits, format=i18n.t(f"records.format.{parsed.source}", loc),
                      added=l10n.counts([("count.time_entries", result.added.get("time", 0)),
                                         ("count.invoices", result.added.get("invoices", 0)),
                                         ("count.payments", result.added.get("payments", 0))], loc, self.state.digits),
                      updated=l10n.plural("count.invoices", result.updated, loc, self.state.digits),
                      unchanged=l10n.plural("records.already_stored", result.unchanged, loc, self.state.digits))
        if result.matched_oldest_first:
            done += " " + l10n.plural("records.oldest_first_count", result.matched_oldest_first, loc, self.state.digits)
        self._reset()
        self.data = None
        self.upload.value = ()
        self.notice.info(done)
        if result.problems:
            self.errors.value = problems_html(result.problems, loc, self.state.digits)
        self.state.changed("records")

    # -- names that match no client -------------------------------------------------
    def _unmatched_rows(self) -> list[w.Widget]:
        from freelancekit.portfolio.records_schema import has_records

        state, loc = self.state, self.state.locale
        if not has_records(state.store.conn):
            return []
        names = RecordsPart(state.store).unmatched()
        if not names:
            return []
        clients = sorted(((c.name, c.id) for c in state.clients()), key=lambda p: p[0].casefold())
        rows: list[w.Widget] = [w.HTML(value=f"<p>{html_text(l10n.plural('records.ui.unmatched_count', len(names), loc, state.digits))}</p>")]
        for name in names[:MAX_UNMATCHED_SHOWN]:
            label = w.HTML(value=f'<bdi data-name="{html_text(name)}">{html_text(name)}</bdi>', layout=w.Layout(width="220px"))
            add = classed(w.Button(description=i18n.t("records.ui.add_client", loc), icon="plus"), dom.RECORDS_ADD_CLIENT)
            add.on_click(lambda _b, name=name: self.add_client(name))
            pick = classed(w.Dropdown(options=[(i18n.t("records.ui.map_choose", loc), None), *clients], value=None,
                                      description=i18n.t("records.ui.map_to", loc), layout=w.Layout(width="auto")), dom.RECORDS_MAP_TO)
            go = classed(w.Button(description=i18n.t("records.ui.map", loc), disabled=True), dom.RECORDS_MAP)
            pick.observe(lambda c, go=go: setattr(go, "disabled", c["new"] is None), names="value")
            go.on_click(lambda _b, name=name, pick=pick: self.map_to(name, pick.value))
            rows.append(classed(w.HBox([label, add, pick, go]), dom.RECORDS_UNMATCHED))
        if len(names) > MAX_UNMATCHED_SHOWN:
            rows.append(w.HTML(value=f"<p>… +{len(names) - MAX_UNMATCHED_SHOWN}</p>"))
        return rows

    @guarded
    def add_client(self, name: str) -> None:
        try:
            self.state.store.add_client({"name": name})
        except FreelancekitError as exc:
            set_error(self.message, exc.message)
            return
        self.state.changed("clients")

    @guarded
    def map_to(self, name: str, client_id: int | None) -> None:
        if client_id is None:
            return
        RecordsPart(self.state.store).map_client(name, client_id)
        self.state.changed("records")

    def _unmatched_key(self) -> tuple[Any, ...]:
        """What the unmatched rows show: the names and the clients to map them to."""
        from freelancekit.portfolio.records_schema import has_records

        if not has_records(self.state.store.conn):
            return ()
        return tuple(RecordsPart(self.state.store).unmatched()), tuple((c.name, c.id) for c in self.state.clients())

    def refresh(self, kind: str = OUTSIDE) -> None:
        """Rebuild the unmatched rows only when they would show something else: a client being chosen stays chosen."""
        key = self._unmatched_key()
        if key == self._shown:
            return
        self._shown = key
        self.unmatched.children = tuple(self._unmatched_rows())
