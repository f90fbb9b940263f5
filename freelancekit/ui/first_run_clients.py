"""First run, step 2 "Your clients": the client list through the import view's own parsing and preview, or one client by hand.

The import panel is an ``ImportView`` of its own (its file check, preview with
every column understood, and Import button), shown without the export part;
this step refreshes it, so the app's Import tab stays the one registered view.
"""
from __future__ import annotations

from typing import Any

import ipywidgets as w

from freelancekit.errors import InvalidInput
from freelancekit.language import i18n, l10n
from freelancekit.ui import dom
from freelancekit.ui.common import AppState, FieldRow, Notice, classed, error_words, guarded, html_text, set_error
from freelancekit.ui.import_view import ImportView
from freelancekit.ui.wiring import OUTSIDE


class ClientsStep:
    def __init__(self, state: AppState):
        self.state = state
        loc = state.locale
        self.importer = ImportView(state)
        imp = self.importer
        self.name = FieldRow(i18n.t("first.clients.name", loc), w.Text(continuous_update=True), dom.FIRST_CLIENT_NAME, dom.FIRST_CLIENT_ERROR)
        self.email = FieldRow(i18n.t("first.clients.email", loc), w.Text(), dom.FIRST_CLIENT_EMAIL, dom.FIRST_CLIENT_ERROR)
        self.rate = FieldRow(i18n.t("first.clients.rate", loc), w.Text(layout=w.Layout(width="120px")), dom.FIRST_CLIENT_RATE, dom.FIRST_CLIENT_ERROR)
        self.add = classed(w.Button(description=i18n.t("first.clients.add", loc), icon="plus"), dom.FIRST_CLIENT_ADD)
        self.add.on_click(self.on_add)
        self.count = classed(w.HTML(value=""), dom.FIRST_CLIENTS_COUNT)
        self.notice = Notice(state, dom.notice(dom.FIRST_CLIENT_ADD))  # "Added X." beside the Add button
        self.widget = w.VBox([
            w.HTML(value=f'<p class="fk-muted">{html_text(i18n.t("first.clients.help", loc))}</p>'),
            imp.upload, imp.guard, imp.message, imp.preview, imp.errors, imp.only_valid, imp.confirm, imp.undo_row,
            w.HTML(value=f"<h4>{html_text(i18n.t('first.clients.by_hand', loc))}</h4>"),
            self.name.widget, self.email.widget, self.rate.widget,
            w.HBox([self.add, self.notice.widget], layout=w.Layout(align_items="center")), self.count,
        ])
        self.refresh()

    @guarded
    def on_add(self, _b: Any = None) -> None:
        for row in (self.name, self.email, self.rate):
            row.set_error(None)
        raw: dict[str, Any] = {"name": self.name.input.value, "email": self.email.input.value}
        if self.rate.input.value.strip() and any(c.key == "hourly_rate" for c in self.state.criteria()):
            raw["hourly_rate"] = self.rate.input.value
        try:
            client = self.state.store.add_client(raw)
        except InvalidInput as exc:
            rows = {"name": self.name, "email": self.email, "hourly_rate": self.rate}
            for field, row in rows.items():
                row.set_error(exc.for_field(field, self.state.locale))
            if not any(p.field in rows for p in exc.problems):
                set_error(self.name.error, error_words(exc, self.state))
            return
        for row in (self.name, self.email, self.rate):
            row.input.value = ""
        self.notice.info(i18n.t("first.clients.added", self.state.locale, client=client.name))
        self.state.changed("clients")

    def refresh(self, kind: str = OUTSIDE) -> None:
        if kind in ("clients", "criteria", OUTSIDE):
            self.importer.refresh(kind)
        n = len(self.state.clients())
        self.count.value = f"<p>{html_text(l10n.plural('first.clients.count', n, self.state.locale, self.state.digits))}</p>" if n else ""
