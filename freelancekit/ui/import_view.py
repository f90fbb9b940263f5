"""Import clients from CSV/XLSX (upload, preview, per-row problems, confirm) and export them.

Upload limit: ``UPLOAD_LIMIT_BYTES`` (10 MB). The browser sends an uploaded
file to the kernel in one websocket message, and a message above the server's
limit would be dropped without a word. So the page itself refuses a bigger file
before reading it (the app template's script, reading the limit and the message
from ``upload_guard_html``); the server accepts messages somewhat larger than
the limit (``freelancekit serve`` raises tornado's ``websocket_max_message_size``)
and a file that still arrives above it gets the same message here instead of
being parsed. Larger files belong to the command line (``freelancekit import
FILE``), which has no such limit.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from freelancekit.errors import FreelancekitError, InvalidInput, NothingToUndo, UndoConflict
from freelancekit.files.encodings import NAMES
from freelancekit.files.headers import local_name
from freelancekit.language import i18n, l10n, wording
from freelancekit.portfolio.import_merge import shown
from freelancekit.ui import dom
from freelancekit.ui.common import NO_MATH, AppState, Notice, classed, data_uri_link, error_words, guarded, html_text, isolates_html, set_error
from freelancekit.ui.wiring import OUTSIDE

if TYPE_CHECKING:
    from freelancekit.files.importer import HeaderError, ParsedImport
    from freelancekit.portfolio.model import Client, Criterion
    from freelancekit.portfolio.storage import ImportResult

UPLOAD_LIMIT_MB = 10
UPLOAD_LIMIT_BYTES = UPLOAD_LIMIT_MB * 1024 * 1024
PREVIEW_ROWS = 10
MAX_PROBLEMS_SHOWN = 200
MAX_CHANGES_SHOWN = 200


def uploaded_file(value: Any) -> tuple[str, bytes, int] | None:
    """(name, content, size) of the first uploaded file, whatever shape the widget gave."""
    items = list(value.values()) if isinstance(value, dict) else list(value or ())
    if not items:
        return None
    item = items[0]
    get = item.get if isinstance(item, dict) else lambda k, d=None: getattr(item, k, d)
    content = get("content", b"") or b""
    name = str(get("name", "clients.csv") or "clients.csv")
    size = int(get("size", 0) or len(content))
    return name, bytes(content), max(size, len(content))


def accepted_upload(change: Any, message: w.HTML, locale: str) -> tuple[str, bytes] | None:
    """(name, content) of the file an upload widget's change brings, or None: no file, or one over
    the limit, refused in ``message`` (the page's own guard refuses most before they are sent)."""
    got = uploaded_file(change["new"] if isinstance(change, dict) else change)
    if got is None:
        return None
    name, data, size = got
    if size > UPLOAD_LIMIT_BYTES or len(data) > UPLOAD_LIMIT_BYTES:
        set_error(message, i18n.t("import.too_big", locale, file=name, size=f"{size / 2**20:.1f}", mb=UPLOAD_LIMIT_MB))
        return None
    return name, data

def upload_guard_html(locale: str) -> str:
    """Where the page shows its own refusal of a too-big file: the limit and the message ride along as data.

    ``{file}`` and ``{size}`` are left for the page to fill in (as text, never as markup). While a
    refusal shows, the page hides the previous file's preview and the Import button (``data-scope``
    names the view; see the stylesheet), so "Import" can never mean an older file than the one chosen.
    """
    text = i18n.t("import.too_big", locale, file="{file}", size="{size}", mb=UPLOAD_LIMIT_MB)
    return (f'<span class="{dom.UPLOAD_GUARD} fk-error {NO_MATH}" role="alert" data-limit="{UPLOAD_LIMIT_BYTES}" '
            f'data-message="{html_text(text)}" data-scope="{dom.tab("import")}"></span>')


def preview_html(parsed: ParsedImport, plan: ImportResult, criteria: Sequence[Criterion], locale: str,
                 digits: str | None = None) -> str:
    """The summary, the changes to clients already saved (old -> new per field) and the first new clients, escaped."""
    loc = locale
    summary = l10n.plural("import.preview", parsed.rows, loc, digits, valid=l10n.number(len(parsed.clients), loc, digits))
    summary += " " + i18n.t("import.plan", loc, digits=digits, added=plan.added, updated=plan.updated, unchanged=plan.unchanged)
    notes = [f"<p>{html_text(summary)}</p>"]
    if parsed.encoding != "utf-8":
        notes.append(f'<p class="fk-muted">{html_text(i18n.t("import.read_as", loc, encoding=NAMES[parsed.encoding]))}</p>')
    if plan.changes:
        notes.append(f'<p class="fk-muted">{html_text(i18n.t("import.merge_note", loc))}</p>')
    return f'<div class="{NO_MATH}">{"".join(notes)}{changes_html(plan, criteria, loc)}{new_clients_html(parsed, plan, criteria, loc, digits)}</div>'


def changes_html(plan: ImportResult, criteria: Sequence[Criterion], locale: str) -> str:
    """One row per changed field of each updated client: row, client, field, now, after the import."""
    rows = [(c, ch) for c in plan.changes for ch in c.changes]
    if not rows:
        return ""
    empty = i18n.t("import.empty_value", locale)

    def cell(value: object) -> str:
        text = shown(value)
        return html_text(text) if text else f'<span class="fk-muted">{html_text(empty)}</span>'

    head = "".join(f"<th>{html_text(i18n.t(k, locale))}</th>" for k in
                   ("import.col_row", "import.col_client", "import.col_field", "import.col_before", "import.col_after"))
    body = "".join(
        f'<tr class="{dom.IMPORT_CHANGE}"><td>{client.row}</td><td><bdi>{html_text(client.name)}</bdi></td>'
        f"<td>{html_text(local_name(change.field, criteria, locale))}</td><td><bdi>{cell(change.old)}</bdi></td>"
        f"<td><bdi>{cell(change.new)}</bdi></td></tr>"
        for client, change in rows[:MAX_CHANGES_SHOWN])
    more = f"<p>… +{len(rows) - MAX_CHANGES_SHOWN}</p>" if len(rows) > MAX_CHANGES_SHOWN else ""
    return (f'<p>{html_text(i18n.t("import.changes", locale))}</p>'
            f'<table class="fk-table {dom.IMPORT_CHANGES}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}')


def cell_text(client: Client, key: str, locale: str, digits: str | None = None) -> str:
    """A client's value of one file column as the preview shows it: services joined, numbers in the user's digits."""
    if key == "services":
        return i18n.t("where.list_joiner", locale).join(client.services)
    if key in client.values:
        value = client.values[key]
        return "" if value is None else l10n.number(value, locale, digits)
    got = getattr(client, key, "")
    return "" if got is None else str(got)


def new_clients_html(parsed: ParsedImport, plan: ImportResult, criteria: Sequence[Criterion], locale: str,
                     digits: str | None = None) -> str:
    """The first clients the import adds (those not already in the portfolio), with every column the file gave.

    Every column understood is shown, the criteria too (the rate above all): a column
    that is read but not shown looks like a column that was ignored.
    """
    updating = {c.row for c in plan.changes}
    added = [(row, c) for row, c in parsed.clients if row not in updating]
    if not added:
        return ""
    keys = [k for k in parsed.columns if k != "name"]
    names = [i18n.t("import.col_row", locale), local_name("name", criteria, locale), *(local_name(k, criteria, locale) for k in keys)]
    head = "".join(f"<th>{html_text(n)}</th>" for n in names)  # in the user's language, like the changes table
    joiner = i18n.t("where.list_joiner", locale)  # the services one by one, as the file's cell was split
    body = "".join(
        f"<tr><td>{row}</td><td><bdi>{html_text(c.name)}</bdi></td>"
        + "".join(f'<td data-column="{html_text(k)}">'
                  + (services_html(c.services, joiner) if k == "services" else f"<bdi>{html_text(cell_text(c, k, locale, digits))}</bdi>")
                  + "</td>" for k in keys)
        + "</tr>"
        for row, c in added[:PREVIEW_ROWS]
    )
    more = f"<p>… +{len(added) - PREVIEW_ROWS}</p>" if len(added) > PREVIEW_ROWS else ""
    title = f'<p>{html_text(i18n.t("import.new_clients", locale))}</p>' if plan.changes else ""
    return f'{title}<table class="fk-table {dom.IMPORT_NEW_CLIENTS}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}'


def services_html(services: Sequence[str], joiner: str) -> str:
    """Each service of a row as its own chip, so the preview shows how a cell was split (';', '؛' or '،')."""
    return joiner.join(f'<bdi class="{dom.IMPORT_SERVICE}">{html_text(s)}</bdi>' for s in services)


def header_message(exc: HeaderError, criteria: Sequence[Criterion], locale: str) -> str:
    """What is wrong with the header row, in the user's language: one sentence per kind of mistake."""
    sep = "، " if i18n.is_rtl(locale) else ", "
    out = [i18n.t("import.column_unnamed", locale, number=n) for n in exc.unnamed]
    out += [i18n.t("import.column_twice", locale, first=a, second=b, column=local_name(key, criteria, locale)) for a, b, key in exc.twice]
    if exc.unknown:
        accepted = sep.join(local_name(k, criteria, locale) for k in exc.accepted)
        out.append(i18n.t("import.unknown_columns", locale, columns=sep.join(f"“{u}”" for u in exc.unknown), accepted=accepted))
    if exc.no_name:
        out.append(i18n.t("import.no_name_column", locale))
    return " ".join(out)


def problems_html(parsed: ParsedImport, locale: str, digits: str | None = None) -> str:
    if not parsed.problems:
        return ""
    # the file's values and column names are isolated (bdi), so they keep their own direction in the sentence
    items = "".join(f'<li class="{dom.IMPORT_PROBLEM}">{isolates_html(wording.problem_line(p, locale, digits=digits))}</li>'
                    for p in parsed.problems[:MAX_PROBLEMS_SHOWN])
    more = f"<li>… +{len(parsed.problems) - MAX_PROBLEMS_SHOWN}</li>" if len(parsed.problems) > MAX_PROBLEMS_SHOWN else ""
    title = html_text(l10n.plural("import.problems", len(parsed.problems), locale, digits))
    return f'<div class="{NO_MATH}"><p class="fk-error">{title}</p><ul>{items}{more}</ul></div>'


class ImportView:
    def __init__(self, state: AppState):
        self.state = state
        loc = state.locale
        self.parsed: ParsedImport | None = None
        self.upload = classed(w.FileUpload(accept=".csv,.xlsx,.xlsm,.txt", multiple=False, description=i18n.t("import.choose", loc),
                                          tooltip=i18n.t("import.choose", loc)), dom.IMPORT_UPLOAD)
        self.upload.observe(self.on_upload, names="value")
        self.guard = w.HTML(value=upload_guard_html(loc))
        self.notice = Notice(state, dom.IMPORT_MESSAGE)  # under the upload: the file's problems, then the import's result
        self.message = self.notice.widget
        self.preview = classed(w.HTML(value=""), dom.IMPORT_PREVIEW)
        self.errors = classed(w.HTML(value=""), dom.IMPORT_ERRORS)
        self.only_valid = classed(w.Checkbox(value=False, description=i18n.t("import.only_valid", loc), indent=False,
                                                   layout=w.Layout(width="auto")), dom.IMPORT_ONLY_VALID)
        self.confirm = classed(w.Button(description=i18n.t("import.confirm", loc), button_style="primary", disabled=True), dom.IMPORT_CONFIRM)
        self.confirm.on_click(self.on_confirm)
        self.only_valid.observe(lambda _c: self._update_confirm(), names="value")
        self.undo_info = classed(w.HTML(value=""), dom.IMPORT_UNDO_INFO)
        self.undo = classed(w.Button(description=i18n.t("import.undo", loc), icon="undo"), dom.IMPORT_UNDO)
        self.undo.on_click(self.on_undo)
        self.undo_row = w.HBox([self.undo_info, self.undo])
        self._show_undo()
        self.prepare = classed(w.Button(description=i18n.t("export.prepare", loc)), dom.EXPORT_PREPARE)
        self.prepare.on_click(self.on_prepare)
        self.links = classed(w.HTML(value=""), dom.EXPORT_LINKS)
        self.widget = classed(w.VBox([
            w.HTML(value=f"<h3>{html_text(i18n.t('import.heading', loc))}</h3>"
                         f'<p class="fk-muted">{html_text(i18n.t("import.help", loc, mb=UPLOAD_LIMIT_MB))}</p>'),
            self.upload, self.guard, self.message, self.preview, self.errors, self.only_valid, self.confirm, self.undo_row,
            w.HTML(value=f"<h3>{html_text(i18n.t('export.heading', loc))}</h3>"),
            self.prepare, self.links,
        ]), dom.tab("import"))

    # -- import ---------------------------------------------------------------------
    @guarded
    def on_upload(self, change: Any) -> None:
        self._reset()
        got = accepted_upload(change, self.message, self.state.locale)
        if got is not None:
            self.load(*got)

    def load(self, name: str, data: bytes) -> None:
        """Parse a file for preview (also callable from tests and notebooks)."""
        from freelancekit.files.importer import HeaderError, parse_file

        self._reset()
        self.file: tuple[str, bytes] | None = (name, data)
        criteria = self.state.criteria()
        try:
            self.parsed = parse_file(data, name, criteria)
        except HeaderError as exc:
            set_error(self.message, header_message(exc, criteria, self.state.locale))
            return
        except FreelancekitError as exc:
            set_error(self.message, error_words(exc, self.state))
            return
        self._show_preview()
        self.errors.value = problems_html(self.parsed, self.state.locale, self.state.digits)
        self._update_confirm()

    def _show_preview(self) -> None:
        """The preview against the portfolio as saved now (what an update changes depends on it)."""
        from freelancekit.files.importer import preview

        if self.parsed is not None:
            plan = preview(self.state.store, self.parsed)
            self.preview.value = preview_html(self.parsed, plan, self.state.criteria(), self.state.locale, self.state.digits)

    def _reset(self) -> None:
        self.parsed = None
        self.file = None
        set_error(self.message, None)
        self.preview.value = self.errors.value = ""
        self.confirm.disabled = True

    def _update_confirm(self) -> None:
        p = self.parsed
        self.confirm.disabled = p is None or not p.clients or (bool(p.problems) and not self.only_valid.value)

    @guarded
    def on_confirm(self, _b: Any = None) -> None:
        from freelancekit.files.importer import commit

        parsed = self.parsed
        if parsed is None or self.file is None:
            return
        loc = self.state.locale
        if parsed.problems and not self.only_valid.value:
            set_error(self.message, i18n.t("import.blocked", loc))
            return
        try:
            # commit() applies the import rules (all or nothing; an update keeps what the file has no column for)
            # and refuses, inside its transaction, a preview made against criteria that changed since
            result = commit(self.state.store, parsed, skip_invalid=self.only_valid.value, source=self.file[0])
        except InvalidInput as exc:
            self.state.invalidate("criteria")
            self.load(*self.file)  # preview the file again against the criteria as they are now
            if self.parsed is not None:  # else load() already says what is wrong with the file now
                set_error(self.message, error_words(exc, self.state))
            return
        done = i18n.t("import.done", loc, added=result.added, updated=result.updated, skipped=result.skipped + len({p.row for p in result.problems}))
        self._reset()
        self.upload.value = ()
        self.notice.info(done)
        self.state.changed("clients")
        self._show_undo()

    # -- undo -----------------------------------------------------------------------
    def _show_undo(self) -> None:
        """The Undo button and what it would undo, while the portfolio holds an import to undo."""
        last = self.state.store.last_import()
        self.undo_row.layout.display = None if last else "none"
        if last:
            self.undo_info.value = html_text(i18n.t("import.undo_info", self.state.locale, file=last.source or "?",
                                                    added=last.added, updated=last.updated))

    @guarded
    def on_undo(self, _b: Any = None) -> None:
        loc = self.state.locale
        try:
            done = self.state.store.undo_import()
        except UndoConflict as exc:
            set_error(self.message, error_words(exc, self.state))
            return
        except NothingToUndo:
            set_error(self.message, i18n.t("import.nothing_to_undo", loc))
            self._show_undo()
            return
        text = i18n.t("import.undone", loc, file=done.source or "?", removed=l10n.plural("undo.removed_added", done.added, loc, self.state.digits),
                      restored=l10n.plural("import.undone_restored", done.updated, loc, self.state.digits))
        self.notice.info(text)
        self.state.changed("clients")
        self._show_undo()

    # -- export ---------------------------------------------------------------------
    @guarded
    def on_prepare(self, _b: Any = None) -> None:
        from freelancekit.files.exporter import to_csv_bytes, to_xlsx_bytes

        loc = self.state.locale
        self.state.catch_up()  # export what is saved now, including another tab's or the CLI's saves
        clients, criteria = self.state.clients(), self.state.criteria()
        csv_link = data_uri_link(to_csv_bytes(clients, criteria), "text/csv", "clients.csv", i18n.t("export.csv", loc), dom.EXPORT_CSV)
        xlsx_link = data_uri_link(to_xlsx_bytes(clients, criteria),
                                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "clients.xlsx",
                                  i18n.t("export.xlsx", loc), dom.EXPORT_XLSX)
        self.links.value = f"<p>{csv_link} &nbsp; {xlsx_link}</p>"

    def refresh(self, kind: str = OUTSIDE) -> None:
        self.links.value = ""  # prepared files would be out of date
        self._show_undo()  # another tab or the command line may have imported or undone meanwhile
        if self.parsed is not None and self.file is not None:
            try:
                self._show_preview()  # what an update would change depends on what is saved now
            except InvalidInput:  # the criteria changed since the file was checked: check it again
                self.load(*self.file)
