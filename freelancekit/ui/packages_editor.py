"""The profile's good/better/best packages: three rows, saved as soon as a field is left (rules: docs/drafts.md).

A part of the profile view: each row has a name in English and in Arabic (two
small lines, the page's language first; either alone will do), the services in it (from
the profile's services), one package price, an optional price note ("per
month") and an optional separate price (what the same services cost one by
one, which shows the saving). An empty row is no package. The core checks
everything (``model.make_packages``); its messages show on the row at fault.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

import ipywidgets as w

from freelancekit.errors import InvalidInput
from freelancekit.language import i18n, wording
from freelancekit.portfolio.model import MAX_PACKAGES, Package
from freelancekit.ui import dom
from freelancekit.ui.common import Notice, classed, error_label, guarded, html_text, language_line, named, page_first, set_error

if TYPE_CHECKING:
    from freelancekit.ui.common import AppState

PACKAGES = "packages"
PACKAGE_PROBLEMS = ("package name", "package services", "package price", "package price note", "separate price", "package name (Arabic)")
NAME_WIDTH = "160px"  # each name input; the name column adds the language tag: NAME_COLUMN
NAME_COLUMN = "230px"  # TAG_WIDTH + NAME_WIDTH


def _number_text(x: float | None) -> str:
    return "" if x is None else f"{x:g}"



class ProfileForm(Protocol):
    """What the editor needs of the profile view that holds it: the app's state and the one save path."""

    state: AppState

    def _patch(self, changes: dict[str, Any]) -> bool: ...

class PackageRow:
    def __init__(self, editor: PackagesEditor, level: int):
        loc = editor.locale
        self.name = classed(w.Text(continuous_update=False, placeholder=i18n.t(f"packages.level{level}", loc),
                                   layout=w.Layout(width=NAME_WIDTH)), dom.PACKAGE_NAME)
        self.name_ar = classed(w.Text(continuous_update=False, placeholder=i18n.t("packages.col_name_ar", loc),
                                      layout=w.Layout(width=NAME_WIDTH)), dom.PACKAGE_NAME_AR)
        self.services = classed(w.SelectMultiple(options=[], rows=3, layout=w.Layout(width="260px")), dom.PACKAGE_SERVICES)
        self.price = classed(w.Text(continuous_update=False, placeholder=i18n.t("packages.price", loc), layout=w.Layout(width="110px")),
                             dom.PACKAGE_PRICE)
        self.note = classed(w.Text(continuous_update=False, placeholder=i18n.t("packages.note", loc), layout=w.Layout(width="130px")),
                            dom.PACKAGE_NOTE)
        self.separate = classed(w.Text(continuous_update=False, placeholder=i18n.t("packages.separate", loc),
                                       layout=w.Layout(width="150px")), dom.PACKAGE_SEPARATE)
        self.error = error_label(dom.PACKAGE_ERROR)
        for widget, key in ((self.name, "packages.col_name"), (self.name_ar, "packages.col_name_ar"),
                            (self.services, "packages.col_services_short"), (self.price, "packages.price"),
                            (self.note, "packages.col_note"), (self.separate, "packages.separate")):
            named(widget, i18n.t(key, loc))
            widget.observe(lambda _c: editor.save(), names="value")
        lines = {"en": [self.name], "ar": [self.name_ar]}
        names = w.VBox([language_line(lang, lines[lang]) for lang in page_first(loc)])
        self.widget = classed(w.VBox([w.HBox([names, self.services, self.price, self.note, self.separate]), self.error]),
                              dom.PACKAGE_ROW)

    def raw(self) -> dict[str, Any]:
        return {"name": self.name.value, "services": list(self.services.value), "price": self.price.value,
                "price_note": self.note.value, "separate_price": self.separate.value, "name_ar": self.name_ar.value}

    def is_blank(self) -> bool:
        return not any(str(v).strip() for k, v in self.raw().items() if k != "services") and not self.services.value

    def fill(self, package: Package | None, options: list[str]) -> None:
        if list(self.services.options) != options:
            self.services.options = options
            self.services.rows = min(8, max(3, len(options)))  # every service visible without scrolling
        self.name.value = package.name if package else ""
        self.name_ar.value = package.name_ar if package else ""
        self.services.value = tuple(s for s in (package.services if package else ()) if s in options)
        self.price.value = _number_text(package.price) if package else ""
        self.note.value = package.price_note if package else ""
        self.separate.value = _number_text(package.separate_price) if package else ""


class PackagesEditor:
    def __init__(self, view: ProfileForm):
        self.view = view
        self.state = view.state
        self.locale = loc = view.state.locale
        self._filling = False
        self.rows = [PackageRow(self, n) for n in range(1, MAX_PACKAGES + 1)]
        self.error = error_label(dom.profile_error(PACKAGES))
        self.notice = Notice(view.state, dom.notice(dom.PACKAGES))  # "Saved." under the packages
        intro = f'<p class="fk-muted">{html_text(i18n.t("packages.intro", loc))}</p>'
        head = w.HBox([w.Label(value=i18n.t(key, loc), layout=w.Layout(width=width)) for key, width in (
            ("packages.col_name", NAME_COLUMN), ("packages.col_services", "260px"), ("packages.price", "110px"),
            ("packages.col_note", "130px"), ("packages.separate", "150px"))])
        self.widget = classed(w.VBox([w.HTML(value=f"<h4>{html_text(i18n.t('packages.heading', loc))}</h4>{intro}"), head,
                                      *(r.widget for r in self.rows), self.error, self.notice.widget]), dom.PACKAGES)
        self.show(view.state.store.profile())

    @property
    def has_errors(self) -> bool:
        return bool(self.error.value) or any(r.error.value for r in self.rows)

    def show(self, profile: Any) -> None:
        """The saved packages (unless this editor holds a value still to fix)."""
        if self.has_errors:
            return
        options = profile.service_names()
        self._filling = True
        try:
            for n, row in enumerate(self.rows):
                row.fill(profile.packages[n] if n < len(profile.packages) else None, options)
        finally:
            self._filling = False

    @guarded
    def save(self) -> None:
        if self._filling:
            return
        rows = [r for r in self.rows if not r.is_blank()]
        for r in self.rows:
            set_error(r.error, None)
        set_error(self.error, None)
        try:
            if not self.view._patch({PACKAGES: [r.raw() for r in rows]}):
                return
        except InvalidInput as exc:
            loc = self.locale
            for p in exc.problems:
                if p.field in PACKAGE_PROBLEMS and p.row is not None and p.row <= len(rows):
                    target = rows[p.row - 1].error
                    said = wording.field_label(p.field, loc) + ": " + p.in_words(loc)
                    set_error(target, wording.join_sentences(filter(None, [target.value and _plain(target), said]), loc))
                else:
                    set_error(self.error, p.in_words(loc))
            return
        self.notice.info(i18n.t("common.saved", self.locale))
        self.view.state.changed("profile")


def _plain(label: w.HTML) -> str:
    from freelancekit.ui.common import error_text

    return error_text(label)


__all__ = ["PackagesEditor", "PackageRow"]
