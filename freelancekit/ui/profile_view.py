"""The freelancer's profile: saved field by field as soon as a field is left.

Each save reads the latest profile and changes only the field that was
edited (with the revision it read), so two tabs editing different fields do
not overwrite each other. An invalid value stays in its input with the
core's message next to it; the other fields keep saving.
"""
from __future__ import annotations

from dataclasses import asdict
from typing import Any

import ipywidgets as w

from .. import i18n
from ..errors import InvalidInput, StaleEdit
from . import dom
from .common import AppState, FieldRow, classed, error_label, guarded, html_text, set_error

SAVE_ATTEMPTS = 3
# which Problem.field of make_profile belongs to which input
PROBLEM_FIELD = {"name": "name", "email": "email", "signature": "signature", "currency": "currency", "locale": "language"}
SERVICE_PROBLEMS = ("service name", "value statement", "price hint")


class ServiceRow:
    def __init__(self, view: ProfileView, service: dict[str, str]):
        loc = view.state.locale
        self.name = classed(w.Text(value=service.get("name", ""), placeholder=i18n.t("profile.service_name", loc),
                                   continuous_update=False, layout=w.Layout(width="200px")), dom.SERVICE_NAME)
        self.value = classed(w.Text(value=service.get("value", ""), placeholder=i18n.t("profile.service_value", loc),
                                    continuous_update=False, layout=w.Layout(width="380px")), dom.SERVICE_VALUE)
        self.price = classed(w.Text(value=service.get("price_hint", ""), placeholder=i18n.t("profile.service_price", loc),
                                    continuous_update=False, layout=w.Layout(width="180px")), dom.SERVICE_PRICE)
        self.remove = classed(w.Button(description=i18n.t("profile.remove_service", loc), layout=w.Layout(width="80px")), dom.SERVICE_REMOVE)
        self.error = error_label(dom.SERVICE_ERROR)
        for t in (self.name, self.value, self.price):
            t.observe(lambda _c: view.save_services(), names="value")
        self.remove.on_click(lambda _b: view.remove_service(self))
        self.widget = classed(w.VBox([w.HBox([self.name, self.value, self.price, self.remove]), self.error]), dom.SERVICE_ROW)

    def raw(self) -> dict[str, Any]:
        return {"name": self.name.value, "value": self.value.value, "price_hint": self.price.value}

    def is_blank(self) -> bool:
        return not any(str(v).strip() for v in self.raw().values())


class ProfileView:
    def __init__(self, state: AppState):
        self.state = state
        loc = state.locale
        p = state.store.profile()
        self.fields: dict[str, FieldRow] = {}
        self._syncing = False

        def row(field: str, widget: w.Widget) -> None:
            self.fields[field] = FieldRow(i18n.t(f"profile.{ 'language' if field == 'locale' else field}", loc), widget,
                                          dom.profile_field(field), dom.profile_error(field))
            widget.observe(lambda ch, field=field: self.save_field(field, ch["new"]), names="value")

        row("name", w.Text(value=p.name, continuous_update=False, layout=w.Layout(width="360px")))
        row("email", w.Text(value=p.email, continuous_update=False, layout=w.Layout(width="360px")))
        row("signature", w.Textarea(value=p.signature, continuous_update=False, layout=w.Layout(width="360px", height="80px")))
        row("currency", w.Text(value=p.currency, continuous_update=False, placeholder="USD", layout=w.Layout(width="90px")))
        row("locale", w.Dropdown(options=[(name, code) for code, name in i18n.LANGUAGE_NAMES.items()], value=i18n.normalise_locale(p.locale),
                                 layout=w.Layout(width="160px")))
        self.services_box = w.VBox()
        self.service_rows = [ServiceRow(self, asdict(s)) for s in p.services]
        self.add = classed(w.Button(description=i18n.t("profile.add_service", loc)), dom.SERVICE_ADD)
        self.add.on_click(self.add_service)
        self.services_error = error_label(dom.profile_error("services"))
        self._render_services()
        self.widget = classed(w.VBox([
            w.HTML(value=f"<h3>{html_text(i18n.t('profile.heading', loc))}</h3>"
                         f'<p class="fk-muted">{html_text(i18n.t("profile.intro", loc))}</p>'),
            *(r.widget for r in self.fields.values()),
            w.HTML(value=f"<h4>{html_text(i18n.t('profile.services', loc))}</h4>"),
            self.services_box, self.services_error, self.add,
        ]), dom.tab("profile"))

    def _render_services(self) -> None:
        self.services_box.children = [r.widget for r in self.service_rows]

    # -- saving ----------------------------------------------------------------------
    def _patch(self, changes: dict[str, Any]) -> None:
        """Save ``changes`` on top of the latest saved profile (retrying if another tab saved meanwhile)."""
        store = self.state.store
        for attempt in range(SAVE_ATTEMPTS):
            current = store.profile()
            raw = {**asdict(current), "services": current.services, **changes}
            try:
                store.save_profile(raw, expected_revision=current.revision)
                return
            except StaleEdit:
                if attempt == SAVE_ATTEMPTS - 1:
                    raise

    @guarded
    def save_field(self, field: str, value: Any) -> None:
        if self._syncing:
            return
        row = self.fields[field]
        try:
            self._patch({field: value})
        except InvalidInput as exc:
            row.set_error(exc.for_field(PROBLEM_FIELD[field]) or exc.message)
            return
        row.set_error(None)
        self.state.status.info(i18n.t("common.saved", value if field == "locale" else self.state.locale))
        self.state.changed("all" if field == "locale" else "profile")

    @guarded
    def save_services(self) -> None:
        rows = [r for r in self.service_rows if not r.is_blank()]
        for r in self.service_rows:
            set_error(r.error, None)
        set_error(self.services_error, None)
        try:
            self._patch({"services": [r.raw() for r in rows]})
        except InvalidInput as exc:
            for p in exc.problems:
                if p.field in SERVICE_PROBLEMS and p.row is not None and p.row <= len(rows):
                    target = rows[p.row - 1].error
                    set_error(target, "; ".join(filter(None, [_error_value(target), f"{p.field}: {p.text}"])))
                else:
                    set_error(self.services_error, p.text)
            return
        self.state.status.info(i18n.t("common.saved", self.state.locale))
        self.state.changed("profile")

    @guarded
    def add_service(self, _b: Any = None) -> None:
        self.service_rows.append(ServiceRow(self, {}))
        self._render_services()  # a blank row is saved once it has a name

    @guarded
    def remove_service(self, row: ServiceRow) -> None:
        if row in self.service_rows:
            self.service_rows.remove(row)
            self._render_services()
            self.save_services()

    def refresh(self) -> None:
        """Show what is saved now (another tab may have changed it), unless a field shows an error."""
        p = self.state.store.profile()
        for field, row in self.fields.items():
            if not row.error_text and row.input.value != getattr(p, field):
                self._syncing = True
                try:
                    row.input.value = getattr(p, field)
                finally:
                    self._syncing = False
        if not any(r.error.value for r in self.service_rows) and [r.raw() for r in self.service_rows if not r.is_blank()] != [asdict(s) for s in p.services]:
            self.service_rows = [ServiceRow(self, asdict(s)) for s in p.services]
            self._render_services()


def _error_value(label: w.HTML) -> str:
    from .common import error_text

    return error_text(label)
