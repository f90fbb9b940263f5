"""First run, step 3 "Your records (optional)": time logs and invoices in, names mapped, measured criteria switched on.

The file check, preview, Import and the "map to" rows are a ``RecordsImportView``
of its own. After every import or mapping, Pay rate and On-time payment are
switched to "from my records" where the records measure them for some client
(``records.switch``); the step says which, with one click back to the ratings,
and after that click switches nothing more by itself.
"""
from __future__ import annotations

from typing import Any

import ipywidgets as w

from freelancekit.language import i18n, l10n
from freelancekit.records.switch import Switched, switch_measured, undo_switch
from freelancekit.ui import dom
from freelancekit.ui.common import AppState, classed, guarded, html_text
from freelancekit.ui.records_import_view import RecordsImportView
from freelancekit.ui.wiring import OUTSIDE


class RecordsStep:
    def __init__(self, state: AppState):
        self.state = state
        loc = state.locale
        self.importer = RecordsImportView(state)
        imp = self.importer
        self.switched: Switched | None = None  # what this step switched, while it can be undone
        self.undone = False  # the user chose their ratings: switch nothing more
        self.note = classed(w.HTML(value=""), dom.FIRST_SWITCHED)
        self.undo = classed(w.Button(description=i18n.t("first.records.undo", loc), icon="undo", layout=w.Layout(width="auto")),
                            dom.FIRST_UNDO_SWITCH)
        self.undo.on_click(self.on_undo)
        self.switch_row = w.HBox([self.note, self.undo], layout=w.Layout(display="none", align_items="center"))
        self.widget = w.VBox([
            w.HTML(value=f'<p class="fk-muted">{html_text(i18n.t("first.records.help", loc))}</p>'),
            w.HBox([imp.upload, imp.source]), imp.message, imp.preview, imp.errors, imp.only_valid, imp.confirm,
            imp.unmatched, self.switch_row,
        ])

    def _names(self, keys: tuple[str, ...]) -> str:
        labels = {c.key: i18n.criterion_label(c.key, c.label, self.state.locale) for c in self.state.criteria()}
        return l10n.join_list([labels[k] for k in keys if k in labels], self.state.locale)

    @guarded
    def on_undo(self, _b: Any = None) -> None:
        if self.switched is None:
            return
        undo_switch(self.state.store, self.switched)
        names, self.switched, self.undone = self._names(self.switched.keys), None, True
        self.note.value = f"<p>{html_text(i18n.t('first.records.undone', self.state.locale, criteria=names))}</p>"
        self.undo.layout.display = "none"
        self.state.changed("records")

    def refresh(self, kind: str = OUTSIDE) -> None:
        """Records or clients changed: switch what the records now measure (once, saying so), then show the panel again.

        The switch is a change of its own ("records"), whose refresh shows the panel: so
        the unmatched names are rebuilt once, not under the pointer of someone choosing a client.
        """
        if kind in ("records", "clients", OUTSIDE) and not self.undone:
            got = switch_measured(self.state.store)
            if got.keys:
                keys = tuple(dict.fromkeys((*(self.switched.keys if self.switched else ()), *got.keys)))
                self.switched = Switched(keys, {**(self.switched.measured if self.switched else {}), **got.measured}, got.clients)
                self.state.changed("records")  # refreshes this step again: nothing more to switch, the panel redrawn
                text = i18n.t("first.records.switched", self.state.locale, criteria=self._names(keys))
                self.note.value = f"<p>{html_text(text)}</p>"
                self.undo.layout.display = None
                self.switch_row.layout.display = "flex"
                return
        self.importer.refresh(kind)
