"""The freelancer's profile: saved field by field as soon as a field is left.

Each save is checked against the revision this tab loaded (or last saved).
When another tab saved in between, the save is merged if the fields being
saved still hold, in the store, what this tab loaded (the other tab changed
something else); otherwise the user chooses "Reload their version" or
"Keep mine" — nothing is overwritten silently. An invalid value stays in its
input with the core's message next to it; the other fields keep saving.
"""
from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

import ipywidgets as w

from freelancekit.errors import InvalidInput, StaleEdit
from freelancekit.language import i18n, wording
from freelancekit.portfolio.model import DIGITS, Service, without_missing_services
from freelancekit.ui import dom
from freelancekit.ui.common import (
    TAG_WIDTH,
    AppState,
    FieldRow,
    Notice,
    StaleChoice,
    classed,
    error_label,
    error_words,
    guarded,
    html_text,
    language_line,
    named,
    page_first,
    set_error,
)
from freelancekit.ui.look import TextStyle
from freelancekit.ui.wiring import OUTSIDE

SERVICES = "services"
# which Problem.field of make_profile belongs to which input
PROBLEM_FIELD = {"name": "name", "email": "email", "signature": "signature", "currency": "currency", "locale": "language",
                 "digits": "digits"}
SERVICE_PROBLEMS = ("service name", "value statement", "price hint", "service name (Arabic)", "value statement (Arabic)")
SERVICE_FIELDS = ("name", "value", "price_hint", "name_ar", "value_ar")  # what a service row shows


def service_columns(locale: str) -> list[tuple[str, str]]:
    """(width, heading) of a service's columns after the language tag: the heading row and each row's inputs agree.

    Tag, name, value line, price and Remove fit a 1024 px window (70 + 200 + 400 + 170 + 80 px and the gaps).
    """
    return [("200px", i18n.t("profile.service_name", locale)), ("400px", i18n.t("profile.service_value", locale)),
            ("170px", i18n.t("profile.service_price", locale))]


class ServiceRow:
    """One service on two lines, one per language (the page's first), each with its name and value line; the price on the first.

    The Remove button is left out of the Tab order: moving on from a row's last field
    goes to the next row, never onto Remove (emptying a row's fields removes it too).
    """

    def __init__(self, view: ProfileView, service: dict[str, str]):
        loc, look = view.state.locale, view.state.look  # a row's widgets share layouts and styles (ui/look.py)
        (name_w, name_t), (value_w, value_t), (price_w, price_t) = service_columns(loc)

        def text(field: str, width: str, placeholder: str, css_class: str) -> w.Text:
            return w.Text(value=service.get(field) or "", placeholder=placeholder, continuous_update=False,
                          **look.dress(TextStyle, css_class, css={"width": width}))

        self.name = text("name", name_w, name_t, dom.SERVICE_NAME)
        self.value = text("value", value_w, value_t, dom.SERVICE_VALUE)
        self.name_ar = text("name_ar", name_w, i18n.t("profile.service_name_ar", loc), dom.SERVICE_NAME_AR)
        self.value_ar = text("value_ar", value_w, i18n.t("profile.service_value_ar", loc), dom.SERVICE_VALUE_AR)
        self.price = text("price_hint", price_w, price_t, dom.SERVICE_PRICE)
        self.remove = look.button(i18n.t("profile.remove_service", loc), dom.SERVICE_REMOVE, css={"width": "80px"}, tabbable=False)
        self.error = error_label(dom.SERVICE_ERROR, look)
        # a field the form does not show (none today) is kept, so saving a row never drops it
        self.kept = {k: v for k, v in service.items() if k not in SERVICE_FIELDS}
        for t, label in ((self.name, name_t), (self.value, value_t), (self.name_ar, i18n.t("profile.service_name_ar", loc)),
                         (self.value_ar, i18n.t("profile.service_value_ar", loc)), (self.price, price_t)):
            named(t, label)
            t.observe(lambda _c: view.save_services(), names="value")
        self.remove.on_click(lambda _b: view.remove_service(self))
        lines = {"en": [self.name, self.value], "ar": [self.name_ar, self.value_ar]}
        first, second = page_first(loc)
        self.widget = look.vbox([language_line(first, lines[first], [self.price, self.remove], look),
                                 language_line(second, lines[second], look=look), self.error], dom.SERVICE_ROW)

    def raw(self) -> dict[str, Any]:
        return {**self.kept, "name": self.name.value, "value": self.value.value, "price_hint": self.price.value,
                "name_ar": self.name_ar.value, "value_ar": self.value_ar.value}

    def is_blank(self) -> bool:
        return not any(str(v).strip() for v in (self.name.value, self.value.value, self.price.value, self.name_ar.value, self.value_ar.value))


class ProfileView:
    def __init__(self, state: AppState):
        self.state = state
        loc = state.locale
        p = state.store.profile()
        self.revision = p.revision  # the revision this tab's inputs are based on
        self.base: dict[str, Any] = _values(p)  # field -> the saved value this tab loaded (for merging)
        self.pending: dict[str, Any] | None = None  # what "Keep mine" would save
        self.fields: dict[str, FieldRow] = {}
        self._syncing = False

        def row(field: str, widget: w.Widget) -> None:
            self.fields[field] = FieldRow(i18n.t(f"profile.{'language' if field == 'locale' else field}", loc), widget,
                                          dom.profile_field(field), dom.profile_error(field),
                                          notice=Notice(state, dom.notice(dom.profile_field(field))), look=state.look)
            widget.observe(lambda ch, field=field: self.save_field(field, ch["new"]), names="value")

        row("name", w.Text(value=p.name, continuous_update=False, layout=w.Layout(width="360px")))
        row("email", w.Text(value=p.email, continuous_update=False, layout=w.Layout(width="360px")))
        row("signature", w.Textarea(value=p.signature, continuous_update=False, layout=w.Layout(width="360px", height="80px")))
        row("currency", w.Text(value=p.currency, continuous_update=False, placeholder="USD", layout=w.Layout(width="90px")))
        row("locale", w.Dropdown(options=[(name, code) for code, name in i18n.LANGUAGE_NAMES.items()], value=i18n.normalise_locale(p.locale),
                                 layout=w.Layout(width="160px")))
        row("digits", w.Dropdown(options=[(i18n.t(f"profile.digits_{d}", loc), d) for d in DIGITS], value=p.digits,
                                 layout=w.Layout(width="160px")))
        self.services_box = w.VBox()
        self.services_head = classed(w.HBox([w.Label(value="", layout=w.Layout(width=TAG_WIDTH)),
                                             *(w.Label(value=text, layout=w.Layout(width=width)) for width, text in service_columns(loc))]),
                                     "fk-services-head")
        self.service_rows = [ServiceRow(self, asdict(s)) for s in p.services]
        self.add = classed(w.Button(description=i18n.t("profile.add_service", loc)), dom.SERVICE_ADD)
        self.add.on_click(self.add_service)
        self.services_error = error_label(dom.profile_error("services"))
        self.services_notice = Notice(state, dom.notice(dom.profile_field("services")))  # "Saved." under the services
        self._render_services()
        from freelancekit.ui.packages_editor import PackagesEditor

        self.packages = PackagesEditor(self)
        from freelancekit.ui.rates_editor import RatesEditor

        self.rates = RatesEditor(state)
        self.stale = StaleChoice(state, dom.PROFILE_STALE, dom.PROFILE_STALE_RELOAD, dom.PROFILE_STALE_KEEP,
                                 self.on_reload_theirs, self.on_keep_mine)
        self.notice = Notice(state, dom.notice(dom.PROFILE_STALE))  # what "Keep mine" did, where it was chosen
        self.widget = classed(w.VBox([
            w.HTML(value=f"<h3>{html_text(i18n.t('profile.heading', loc))}</h3>"
                         f'<p class="fk-muted">{html_text(i18n.t("profile.intro", loc))}</p>'),
            self.stale.widget, self.notice.widget,
            *(r.widget for r in self.fields.values()),
            w.HTML(value=f"<h4>{html_text(i18n.t('profile.services', loc))}</h4>"),
            self.services_box, self.services_error, self.services_notice.widget, self.add,
            self.packages.widget,
            self.rates.widget,
        ]), dom.tab("profile"))

    def _render_services(self) -> None:
        rows = [r.widget for r in self.service_rows]
        self.services_box.children = [self.services_head, *rows] if rows else []

    # -- saving ----------------------------------------------------------------------
    def _patch(self, changes: dict[str, Any], *, keep_mine: bool = False) -> bool:
        """Save ``changes`` against the revision this tab is based on; False when the user must choose.

        If another tab saved meanwhile, its other fields are kept (merged) as
        long as the fields in ``changes`` still hold what this tab loaded;
        otherwise the "Reload their version / Keep mine" choice is shown.
        ``keep_mine`` is that explicit choice: save over theirs.
        """
        store = self.state.store
        current = store.profile() if keep_mine else None
        base = self.base if current is None else _values(current)
        revision = self.revision if current is None else current.revision
        try:
            saved = store.save_profile({**base, **changes}, expected_revision=revision)
        except StaleEdit:
            current = store.profile()
            theirs = _values(current)
            crossed = [f for f in changes if theirs[f] != self.base[f]]
            if crossed:
                self.pending = {**(self.pending or {}), **changes}
                self.stale.show(i18n.t("profile.stale", self.state.locale, what=self._label(crossed[0])))
                return False
            saved = store.save_profile({**theirs, **changes}, expected_revision=current.revision)
        self._loaded(saved, changes)
        return True

    def _label(self, field: str) -> str:
        key = "services" if field == SERVICES else "language" if field == "locale" else field
        return i18n.t(f"profile.{key}", self.state.locale)

    def _loaded(self, saved: Any, changes: dict[str, Any]) -> None:
        """``saved`` is in the store now: base further saves on it and show the other tab's fields too.

        A choice still waiting for other fields stays open (their typed values are kept).
        """
        self.pending = {f: v for f, v in (self.pending or {}).items() if f not in changes} or None
        if self.pending is None:
            self.stale.hide()
        self.show(saved)

    @guarded
    def save_field(self, field: str, value: Any) -> None:
        if self._syncing:
            return
        row = self.fields[field]
        try:
            row.set_error(None)
            if not self._patch({field: value}):
                return
        except InvalidInput as exc:
            row.set_error(exc.for_field(PROBLEM_FIELD[field], self.state.locale) or error_words(exc, self.state))
            return
        if field in ("locale", "digits"):  # every label or number changes: the app is built again, this row with it
            self.state.status.info(i18n.t("common.saved", value if field == "locale" else self.state.locale))
            self.state.changed("all")
            return
        assert row.notice is not None
        row.notice.info(i18n.t("common.saved", self.state.locale))
        self.state.changed("profile")

    @guarded
    def save_services(self) -> None:
        rows = [r for r in self.service_rows if not r.is_blank()]
        for r in self.service_rows:
            set_error(r.error, None)
        set_error(self.services_error, None)
        names = [str(r.raw()["name"] or r.raw()["name_ar"]).strip() for r in rows]
        packages = without_missing_services(self.state.store.profile().packages, names)  # a renamed service leaves its packages
        try:
            if not self._patch({SERVICES: [r.raw() for r in rows], "packages": packages}):
                return
        except InvalidInput as exc:
            loc = self.state.locale
            for p in exc.problems:
                if p.field in SERVICE_PROBLEMS and p.row is not None and p.row <= len(rows):
                    target = rows[p.row - 1].error
                    said = wording.field_label(p.field, loc) + ": " + p.in_words(loc)
                    set_error(target, wording.join_sentences(filter(None, [_error_value(target), said]), loc))
                else:
                    set_error(self.services_error, p.in_words(loc))
            return
        self.services_notice.info(i18n.t("common.saved", self.state.locale))
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

    @guarded
    def on_keep_mine(self, _b: Any = None) -> None:
        """Save this tab's crossed values over theirs, knowingly (their other fields are kept)."""
        if self.pending is None:
            return
        pending = self.pending
        try:
            self._patch(pending, keep_mine=True)
        except InvalidInput as exc:
            self.stale.hide()
            self.notice.error(error_words(exc, self.state))
            return
        self.notice.info(i18n.t("common.saved", self.state.locale))
        self.state.changed("profile")

    @guarded
    def on_reload_theirs(self, _b: Any = None) -> None:
        """Drop this tab's crossed values and show what is saved now."""
        current = self.state.store.profile()
        self.revision, self.base, self.pending = current.revision, _values(current), None
        self.stale.hide()
        for row in self.fields.values():
            row.set_error(None)
        for r in self.service_rows:
            set_error(r.error, None)
        set_error(self.services_error, None)
        self.show(current)

    def refresh(self, kind: str = OUTSIDE) -> None:
        self.show()

    def show(self, saved: Any = None) -> None:
        """Show what is saved now (another tab may have changed it), keeping what this tab is typing.

        A field showing an error (a value still to fix) or waiting for the
        "Keep mine" choice keeps its typed value; every other field takes the
        saved one, which becomes its new base. The revision moves on only when
        every field did, so a later save of a kept field is still checked.
        """
        p = saved if saved is not None else self.state.store.profile()
        self.rates.show()
        waiting = set(self.pending or ())
        kept = False
        for field, row in self.fields.items():
            if row.error_text or field in waiting:
                kept = True
                continue
            self.base[field] = getattr(p, field)
            if row.input.value != getattr(p, field):
                self._syncing = True
                try:
                    row.input.value = getattr(p, field)
                finally:
                    self._syncing = False
        typed = [r.raw() for r in self.service_rows if not r.is_blank()]
        if any(r.error.value for r in self.service_rows) or self.services_error.value or SERVICES in waiting:
            kept = True
        else:
            self.base[SERVICES] = p.services
            if [_same_fields(t) for t in typed] != [_same_fields(asdict(s)) for s in p.services]:
                self.service_rows = [ServiceRow(self, asdict(s)) for s in p.services]
                self._render_services()
        if self.packages.has_errors or "packages" in waiting:
            kept = True
        else:
            self.base["packages"] = p.packages
            self.packages.show(p)
        if not kept:
            self.revision = p.revision


def _same_fields(service: dict[str, Any]) -> tuple[str, ...]:
    """A service as saved or typed, every field in one order (a field never typed is empty)."""
    return tuple(str(service.get(f.name) or "") for f in fields(Service))


def _values(profile: Any) -> dict[str, Any]:
    """A saved profile as the raw mapping ``save_profile`` takes (services as saved)."""
    return {**asdict(profile), SERVICES: profile.services, "packages": profile.packages}


def _error_value(label: w.HTML) -> str:
    from freelancekit.ui.common import error_text

    return error_text(label)
