"""Clients: a sortable, searchable, paged table and the add/edit/delete form.

The table reuses a fixed pool of row widgets (one page), so 1 000 clients
cost no more widgets than 20. Labels show user text literally.

The form saves on "Save" only, and keeps what was typed when anything goes
wrong: invalid values get the core's message next to their field, an edit
that crossed another tab's save offers "Reload their version" / "Keep mine",
and a client deleted elsewhere is never silently brought back.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import ipywidgets as w

from freelancekit.errors import InvalidInput, NotFound, StaleEdit
from freelancekit.language import i18n
from freelancekit.language.numerals import format_number
from freelancekit.language.phrasing import currency_name
from freelancekit.portfolio.model import Client, Criterion
from freelancekit.portfolio.titles import TITLES
from freelancekit.portfolio.validation import name_key
from freelancekit.ui import dom
from freelancekit.ui.common import (
    NO_MATH,
    AppState,
    Confirm,
    FieldRow,
    Notice,
    StaleChoice,
    classed,
    error_label,
    error_words,
    guarded,
    html_text,
    literal,
    named,
    problem_words,
    set_error,
    set_literal,
    unrated_text,
)

PAGE_SIZE = 20
TEXT_COLUMNS = ("name", "contact_name", "email", "industry")
# the demo's five criteria fit the app's width; more columns scroll sideways (see the stylesheet)
COLUMN_WIDTH = {"name": "170px", "contact_name": "140px", "email": "190px", "industry": "130px"}
CRITERION_WIDTH = "72px"


def sort_clients(clients: Sequence[Client], key: str, ascending: bool = True) -> list[Client]:
    """Clients sorted by a text column or a criterion; empty values always last, then by name."""
    def text_key(c: Client) -> tuple[Any, ...]:
        value = getattr(c, key)
        return (value == "", name_key(value), name_key(c.name))

    def value_key(c: Client) -> tuple[Any, ...]:
        value = c.values.get(key)
        return (value is None, value if value is not None else 0.0, name_key(c.name))

    by = text_key if key in TEXT_COLUMNS else value_key
    present = [c for c in clients if not by(c)[0]]
    missing = [c for c in clients if by(c)[0]]
    present.sort(key=by, reverse=not ascending)
    missing.sort(key=lambda c: name_key(c.name))
    return present + missing


def filter_clients(clients: Sequence[Client], query: str) -> list[Client]:
    q = name_key(query.strip())
    if not q:
        return list(clients)
    return [c for c in clients if any(q in name_key(x) for x in (c.name, c.contact_name, c.email, c.industry))]


def cell_text(client: Client, key: str, criteria: dict[str, Criterion]) -> str:
    if key in TEXT_COLUMNS:
        return getattr(client, key)
    value = client.values.get(key)
    return "—" if value is None else format_number(value)


class ClientsTable:
    """The paged table: header buttons sort, each row's Edit button opens the form."""

    def __init__(self, view: ClientsView):
        self.view = view
        self.state = view.state
        self.sort_key, self.ascending, self.start = "name", True, 0
        loc = self.state.locale
        self.search = named(classed(w.Text(placeholder=i18n.t("clients.search", loc), continuous_update=False), dom.CLIENTS_SEARCH),
                            i18n.t("clients.search", loc))
        self.search.observe(lambda _c: self._go(0), names="value")
        self.prev = classed(w.Button(description=i18n.t("common.prev", loc)), dom.CLIENTS_PREV)
        self.next = classed(w.Button(description=i18n.t("common.next", loc)), dom.CLIENTS_NEXT)
        self.page = classed(w.Label(value=""), dom.CLIENTS_PAGE)
        self.prev.on_click(lambda _b: self._go(self.start - PAGE_SIZE))
        self.next.on_click(lambda _b: self._go(self.start + PAGE_SIZE))
        self.empty = w.Label(value=i18n.t("clients.empty", loc))
        self.box = classed(w.VBox(), dom.CLIENTS_TABLE)
        self.widget = w.VBox([self.search, self.box, w.HBox([self.prev, self.page, self.next])])
        self.build()

    def columns(self) -> list[tuple[str, str, str]]:
        loc = self.state.locale
        cols = [(k, i18n.t(f"field.{k}", loc).rstrip(" *"), COLUMN_WIDTH[k]) for k in TEXT_COLUMNS]
        cols += [(c.key, i18n.criterion_label(c.key, c.label, loc), CRITERION_WIDTH) for c in self.state.criteria()]
        return cols

    def build(self) -> None:
        """Create the header and the row pool for the current criteria."""
        self.cols = self.columns()
        self.sort_buttons: dict[str, w.Button] = {}
        head = []
        for key, label, width in self.cols:
            b = classed(w.Button(description=label, tooltip=label, layout=w.Layout(width=width)), dom.CLIENT_SORT_PREFIX + key)
            b.on_click(lambda _b, key=key: self.sort_by(key))
            self.sort_buttons[key] = b
            head.append(b)
        self.header = classed(w.HBox([*head, w.Label(value="", layout=w.Layout(width="90px"))]), "fk-table-head")
        self.rows: list[tuple[w.HBox, list[w.HTML], w.Label, w.Button]] = []
        # the cells share the app's layouts and styles (ui/look.py): each is a model in the page, and none
        # of them changes per row (a row shows or hides through its own layout)
        look = self.state.look
        edit_text = i18n.t("clients.edit", self.state.locale)
        for _ in range(PAGE_SIZE):
            cells = [literal("", look, width=width) for _k, _l, width in self.cols]
            mark = look.label("", css={"width": "24px"})
            edit = look.button(edit_text, dom.CLIENT_EDIT, css={"width": "64px"})
            edit.on_click(self._on_edit)
            row = w.HBox([*cells, mark, edit], layout=w.Layout(display="none"), _dom_classes=(dom.CLIENT_ROW,))
            self.rows.append((row, cells, mark, edit))
        self.render()

    def sort_by(self, key: str) -> None:
        self.ascending = not self.ascending if key == self.sort_key else True
        self.sort_key = key
        self._go(0)

    @guarded
    def _go(self, start: int) -> None:
        """Sort, page and search all end here: first pick up another tab's or the CLI's saves."""
        self.state.catch_up()
        self.start = max(0, start)
        self.render()

    def visible(self) -> list[Client]:
        clients = filter_clients(self.state.clients(), self.search.value)
        return sort_clients(clients, self.sort_key, self.ascending)

    def render(self) -> None:
        clients = self.visible()
        total = len(clients)
        if self.start >= total:
            self.start = max(0, (total - 1) // PAGE_SIZE * PAGE_SIZE)
        page = clients[self.start:self.start + PAGE_SIZE]
        keys = [k for k, _l, _w in self.cols]
        crit = {c.key: c for c in self.state.criteria()}
        for (row, cells, mark, edit), client in zip(self.rows, page + [None] * (PAGE_SIZE - len(page))):
            if client is None:
                row.layout.display = "none"
                edit.client_id = None
                continue
            for cell, key in zip(cells, keys):
                set_literal(cell, cell_text(client, key, crit))
            # only criteria that count mark a client: a new one at weight 0 penalises nobody yet
            unrated = [c for c in crit.values() if c.weight > 0 and client.values.get(c.key) is None]
            mark.value = "⚠" if unrated else ""
            mark.tooltip = unrated_text(unrated, self.state.locale) if unrated else ""
            edit.client_id = client.id
            row.layout.display = "flex"
        for key, b in self.sort_buttons.items():
            arrow = (" ▲" if self.ascending else " ▼") if key == self.sort_key else ""
            b.description = b.tooltip + arrow
        num = self.state.num
        self.page.value = i18n.t("common.page", self.state.locale, first=num(self.start + 1 if total else 0),
                                 last=num(min(total, self.start + PAGE_SIZE)), total=num(total))
        self.prev.disabled = self.start == 0
        self.next.disabled = self.start + PAGE_SIZE >= total
        self.box.children = [self.header, *(r[0] for r in self.rows)] if self.state.clients() else [self.empty]

    @guarded
    def _on_edit(self, button: w.Button) -> None:
        client_id = getattr(button, "client_id", None)
        if client_id is not None:
            self.view.open_client(client_id)


class ClientForm:
    """Add or edit one client; nothing is saved until "Save" and nothing typed is lost."""

    def __init__(self, view: ClientsView):
        self.view = view
        self.state = view.state
        self.editing: tuple[int, int] | None = None  # (id, revision) of the saved client being edited
        self.pending: dict[str, Any] | None = None  # what "Keep mine" would save
        self.fields: dict[str, FieldRow] = {}
        self.title = w.HTML(value="")
        self.message = classed(w.HTML(value=""), dom.CLIENT_FORM_MESSAGE)
        loc = self.state.locale
        self.save = classed(w.Button(description=i18n.t("clients.save", loc), button_style="primary", icon="check"), dom.CLIENT_SAVE)
        self.delete = classed(w.Button(description=i18n.t("clients.delete", loc), button_style="danger"), dom.CLIENT_DELETE)
        self.close = classed(w.Button(description=i18n.t("clients.cancel", loc)), dom.CLIENT_CLOSE)
        self.save.on_click(self.on_save)
        self.delete.on_click(self.ask_delete)
        self.close.on_click(lambda _b: self.leave(self.hide))
        self.confirm = Confirm(self.state)
        self.stale = StaleChoice(self.state, dom.STALE_DIALOG, dom.STALE_RELOAD, dom.STALE_KEEP, self.on_reload_theirs, self.on_keep_mine)
        self.body = w.VBox()
        self.notice = Notice(self.state, dom.notice(dom.CLIENT_SAVE))  # "Saved “X”." beside the Save button
        self.widget = classed(w.VBox([self.title, self.body, self.message, self.stale.widget, self.confirm.widget,
                                      w.HBox([self.save, self.delete, self.close, self.notice.widget], layout=w.Layout(align_items="center"))],
                                     layout=w.Layout(display="none")), dom.CLIENT_FORM)
        self.build()

    # -- fields ---------------------------------------------------------------------
    def build(self, keep: dict[str, Any] | None = None) -> None:
        """Create the inputs for the current criteria and services; ``keep`` restores typed values."""
        loc = self.state.locale
        profile = self.state.profile()
        f: dict[str, FieldRow] = {}

        def row(field: str, widget: w.Widget, extra: w.Widget | None = None, label: str | None = None) -> None:
            f[field] = FieldRow(label or i18n.t(f"field.{field}", loc), widget, dom.client_field(field), dom.client_error(field), extra)

        for field in ("name", "contact_name", "email", "industry"):
            row(field, w.Text(layout=w.Layout(width="360px")))
            if field == "contact_name":  # how a formal draft greets them: "Dear Dr Patel," / «حضرة الدكتورة … المحترمة،»
                row("title", w.Dropdown(options=[(i18n.t("field.title_none", loc), ""), *((i18n.t(f"title.{t}", loc), t) for t in TITLES)],
                                        value="", layout=w.Layout(width="200px")))
        # with no services in the profile yet the list is empty: say where they come from
        hint = None if profile.services else classed(w.HTML(value=f'<span class="fk-muted">{html_text(i18n.t("field.services_none", loc))}</span>'),
                                                     dom.CLIENT_SERVICES_HINT)
        row("services", w.SelectMultiple(options=profile.service_names(), rows=min(6, max(2, len(profile.services))), layout=w.Layout(width="360px")),
            extra=hint)
        row("other_services", w.Text(placeholder=i18n.t("field.other_services_hint", loc), layout=w.Layout(width="360px")))
        for c in self.state.criteria():
            label = i18n.criterion_label(c.key, c.label, loc)
            if c.kind == "rating":
                options = [(i18n.t("field.not_rated", loc), "")] + [(str(i), str(i)) for i in range(c.lo, c.hi + 1)]
                row(c.key, w.Dropdown(options=options, value="", layout=w.Layout(width="140px")), label=label)
            else:
                unit = i18n.t("field.per_hour", loc, currency=currency_name(profile.currency, loc)) if c.key == "hourly_rate" else ""
                row(c.key, w.Text(layout=w.Layout(width="140px")), extra=w.Label(value=unit), label=label)
        row("last_win", w.Text(layout=w.Layout(width="360px")))
        row("last_win_date", w.DatePicker(value=None))  # a win in the last 30 days makes a good moment to ask
        row("working_on", w.Text(placeholder=i18n.t("field.working_on_hint", loc), layout=w.Layout(width="360px")))
        row("language", w.Dropdown(options=[(i18n.t("field.language_profile", loc), ""), ("English", "en"), ("العربية", "ar")],
                                   value="", layout=w.Layout(width="200px")))
        # an ISO 4217 code such as SAR; empty = the profile's (docs/currencies.md); the core refuses an unknown code
        row("currency", w.Text(placeholder=i18n.t("field.currency_profile", loc, currency=profile.currency), layout=w.Layout(width="200px")))
        row("notes", w.Textarea(layout=w.Layout(width="360px", height="80px")))
        # no ``max``: the widget would silently turn a later day into today; the core refuses it with a message instead
        row("start_date", w.DatePicker(value=None))
        self.fields = f
        self.body.children = [r.widget for r in f.values()]
        if keep:
            self.fill(keep)

    def fill(self, raw: dict[str, Any]) -> None:
        """Put raw values (as collected, or from a client) into the inputs."""
        services = list(raw.get("services") or [])
        known = list(self.fields["services"].input.options)
        chosen = [s for s in services if s in known]
        others = [s for s in services if s not in known]
        for key, row in self.fields.items():
            widget = row.input
            if key == "services":
                widget.value = tuple(chosen)
            elif key == "other_services":
                widget.value = raw.get("other_services") or "; ".join(others)
            elif key in ("start_date", "last_win_date"):
                widget.value = raw.get(key) if isinstance(raw.get(key), date) else None
            elif key == "language":
                widget.value = raw.get("language") if raw.get("language") in ("en", "ar") else ""
            elif key == "title":
                widget.value = raw.get("title") if raw.get("title") in TITLES else ""
            elif isinstance(widget, w.Dropdown):
                value = raw.get("values", {}).get(key, raw.get(key))
                text = "" if value in (None, "") else format_number(float(value)) if not isinstance(value, str) else value
                widget.value = text if text in [v for _l, v in widget.options] else ""
            elif key in self.state_criteria_keys():
                value = raw.get("values", {}).get(key, raw.get(key))
                widget.value = "" if value in (None, "") else (value if isinstance(value, str) else format_number(value))
            else:
                widget.value = raw.get(key) or ""

    def state_criteria_keys(self) -> set[str]:
        return {c.key for c in self.state.criteria()}

    def collect(self) -> dict[str, Any]:
        """The typed values, raw: the core validates them (the page may send anything)."""
        f = self.fields
        keys = self.state_criteria_keys()
        other = f["other_services"].input.value
        services = [*f["services"].input.value, *(other.split(";") if isinstance(other, str) else [other])]
        raw: dict[str, Any] = {k: f[k].input.value for k in ("name", "contact_name", "title", "email", "industry", "last_win", "last_win_date",
                                                             "working_on", "language", "currency", "notes", "start_date")}
        raw["services"] = services
        raw["values"] = {k: f[k].input.value for k in keys if k in f}
        return raw

    def typed(self) -> dict[str, Any]:
        """``collect`` plus the free-text services field as typed (to restore the form)."""
        raw = self.collect()
        raw["services"] = list(self.fields["services"].input.value)
        raw["other_services"] = self.fields["other_services"].input.value
        return raw

    # -- unsaved changes ------------------------------------------------------------
    def mark_clean(self) -> None:
        """What the inputs hold now is what is saved (just opened, reloaded or saved)."""
        self.baseline = self.typed()

    def dirty(self) -> bool:
        """The inputs hold something that is not saved."""
        return self.visible and self.typed() != getattr(self, "baseline", None)

    def leave(self, then: Callable[[], None]) -> None:
        """Close the form, or open another client in it, only once unsaved changes are saved or knowingly discarded.

        With changes, "Discard changes" / "Keep editing" is asked first; without, ``then`` runs at once.
        """
        if not self.dirty():
            then()
            return
        loc = self.state.locale
        name = self.fields["name"].input.value
        text = (i18n.t("clients.confirm_discard", loc, name=name) if self.editing is not None and isinstance(name, str) and name.strip()
                else i18n.t("clients.confirm_discard_new", loc))
        self.confirm.ask(text, then, yes_label=i18n.t("clients.discard", loc), no_label=i18n.t("clients.keep_editing", loc))

    # -- showing --------------------------------------------------------------------
    def open_new(self) -> None:
        self.editing = None
        self.build()
        self._reset_messages()
        self.title.value = f"<h3>{html_text(i18n.t('clients.form_new', self.state.locale))}</h3>"
        self.delete.layout.display = "none"
        self.widget.layout.display = "flex"
        self.mark_clean()

    def open(self, client: Client) -> None:
        self.editing = (client.saved_id, client.revision)
        self._reset_messages()
        self.fill({**client.__dict__, "services": list(client.services), "values": dict(client.values)})
        self.title.value = f'<h3 class="{NO_MATH}">{html_text(i18n.t("clients.form_edit", self.state.locale, name=client.name))}</h3>'
        self.delete.layout.display = "inline-flex"
        self.widget.layout.display = "flex"
        self.mark_clean()

    def hide(self) -> None:
        self.widget.layout.display = "none"
        self.editing = None
        self._reset_messages()

    @property
    def visible(self) -> bool:
        return self.widget.layout.display != "none"

    def _reset_messages(self) -> None:
        for r in self.fields.values():
            r.set_error(None)
        set_error(self.message, None)
        self.stale.hide()
        self.confirm.hide()
        self.pending = None
        self.notice.clear()

    def show_problems(self, exc: InvalidInput) -> None:
        shown = set()
        for key, r in self.fields.items():
            text = exc.for_field(key, self.state.locale)
            r.set_error(text)
            if text:
                shown.add(key)
        rest = [problem_words(p, self.state) for p in exc.problems if p.field not in shown]
        set_error(self.message, " ".join([i18n.t("clients.fix_fields", self.state.locale), *rest]))

    # -- saving ---------------------------------------------------------------------
    @guarded
    def on_save(self, _b: Any = None) -> None:
        raw = self.collect()
        self._save(raw, None if self.editing is None else self.editing[1])

    def _save(self, raw: dict[str, Any], expected: int | None) -> None:
        store, loc = self.state.store, self.state.locale
        for r in self.fields.values():
            r.set_error(None)
        set_error(self.message, None)
        name = raw.get("name") if isinstance(raw.get("name"), str) else ""
        try:
            if self.editing is None:
                client = store.add_client(raw)
            else:
                client = store.update_client(self.editing[0], raw, expected_revision=expected)
        except InvalidInput as exc:
            self.show_problems(exc)
            return
        except StaleEdit:
            self.pending = raw
            self.stale.show(i18n.t("clients.stale", loc, name=name))
            return
        except NotFound:
            self.editing = None  # the next Save adds it as new, by the user's explicit choice
            self.delete.layout.display = "none"
            self.title.value = f"<h3>{html_text(i18n.t('clients.form_new', loc))}</h3>"
            set_error(self.message, i18n.t("clients.gone", loc, name=name))
            self.state.changed("clients")
            return
        self.stale.hide()
        self.pending = None
        self.mark_clean()
        self.editing = (client.saved_id, client.revision)
        self.delete.layout.display = "inline-flex"
        self.title.value = f'<h3 class="{NO_MATH}">{html_text(i18n.t("clients.form_edit", loc, name=client.name))}</h3>'
        self.notice.info(i18n.t("clients.saved", loc, name=client.name))
        self.state.changed("clients")

    @guarded
    def on_keep_mine(self, _b: Any = None) -> None:
        """Save the typed version over theirs, knowingly: against their new revision."""
        if self.editing is None or self.pending is None:
            return
        try:
            current = self.state.store.client(self.editing[0])
        except NotFound:
            self._save(self.pending, None)  # reports "deleted elsewhere", never re-creates silently
            return
        self.editing = (current.saved_id, current.revision)
        self._save(self.pending, current.revision)

    @guarded
    def on_reload_theirs(self, _b: Any = None) -> None:
        if self.editing is None:
            return
        try:
            self.open(self.state.store.client(self.editing[0]))
        except NotFound as exc:
            self.editing = None
            set_error(self.message, error_words(exc, self.state))

    # -- deleting -------------------------------------------------------------------
    def ask_delete(self, _b: Any = None) -> None:
        if self.editing is None:
            return
        name = self.fields["name"].input.value
        self.confirm.ask(i18n.t("clients.confirm_delete", self.state.locale, name=name), self.do_delete,
                         yes_label=i18n.t("clients.yes_delete", self.state.locale))

    @guarded
    def do_delete(self) -> None:
        if self.editing is None:
            return
        client_id, revision = self.editing
        loc = self.state.locale
        try:
            name = self.state.store.client(client_id).name
            self.state.store.delete_client(client_id, expected_revision=revision)
        except StaleEdit as exc:
            set_error(self.message, error_words(exc, self.state))
            self.state.changed("clients")
            return
        except NotFound as exc:
            self.hide()
            self.view.notice.error(error_words(exc, self.state))  # the form is gone: beside "New client", above the table
            self.state.changed("clients")
            return
        self.hide()
        self.view.notice.info(i18n.t("clients.deleted", loc, name=name))
        self.state.changed("clients")


class ClientsView:
    def __init__(self, state: AppState):
        self.state = state
        loc = state.locale
        self.new = classed(w.Button(description=i18n.t("clients.new", loc), button_style="success"), dom.CLIENT_NEW)
        self.new.on_click(self._on_new)
        self.notice = Notice(state, dom.notice(dom.CLIENT_NEW))  # a deletion's result (the form is closed by then)
        self.table = ClientsTable(self)
        self.form = ClientForm(self)
        heading = w.HTML(value=f"<h3>{html_text(i18n.t('clients.heading', loc))}</h3>")
        self.widget = classed(w.VBox([heading, w.HBox([self.new, self.notice.widget], layout=w.Layout(align_items="center")),
                                      self.form.widget, self.table.widget]), dom.tab("clients"))

    @guarded
    def _on_new(self, _b: Any = None) -> None:
        self.form.leave(self.form.open_new)  # unsaved changes in the form: ask first

    def open_client(self, client_id: int) -> None:
        """Open a client in the form (its Edit button); unsaved changes to another are asked about first."""
        if self.form.dirty() and (self.form.editing is None or self.form.editing[0] != client_id):
            self.form.leave(lambda: self._open(client_id))
            return
        self._open(client_id)

    @guarded
    def _open(self, client_id: int) -> None:
        try:
            client = self.state.store.client(client_id)
        except NotFound as exc:
            self.notice.error(error_words(exc, self.state))
            self.state.changed("clients")
            return
        self.form.open(client)

    def refresh(self, kind: str = "clients") -> None:
        """Redraw the table; rebuild the form's inputs (keeping typed values) if criteria or services changed."""
        if kind not in ("clients", "weights"):  # weights: the same columns, only the incomplete marks may change
            self.table.build()
            typed = self.form.typed() if self.form.visible else None
            clean = not self.form.dirty()
            self.form.build(keep=typed)
            if clean:  # new inputs (a criterion added elsewhere) are no change of the user's
                self.form.mark_clean()
        else:
            self.table.render()


__all__ = ["ClientsView", "ClientForm", "ClientsTable", "sort_clients", "filter_clients", "error_label"]
