"""The profile's exchange rates: "one EGP = 0.0205 USD on a day", for the currencies the app brings no rate for.

A part of the profile view (rules: docs/currencies.md). The core checks the
rate (``rates.make_user_rate``) and nothing is saved until it is valid; a rate
that moves a currency more than 50 % is questioned, and "Save it anyway" saves it.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from freelancekit.errors import InvalidInput
from freelancekit.language import i18n
from freelancekit.language.numerals import format_number
from freelancekit.ui import dom
from freelancekit.ui.common import Notice, classed, error_label, error_words, guarded, html_text, set_error

if TYPE_CHECKING:
    from freelancekit.ui.common import AppState


class RatesEditor:
    def __init__(self, state: AppState):
        self.state = state
        loc = state.locale
        self.currency = classed(w.Text(placeholder="EGP", layout=w.Layout(width="90px"), description=i18n.t("rates.currency", loc), tooltip=""),
                                dom.RATE_CURRENCY)
        self.value = classed(w.Text(placeholder="0.0205", layout=w.Layout(width="200px"), description=i18n.t("rates.rate", loc), tooltip=""),
                             dom.RATE_VALUE)
        self.quote = classed(w.Text(value="USD", layout=w.Layout(width="140px"), description=i18n.t("rates.quote", loc), tooltip=""), dom.RATE_QUOTE)
        self.day = classed(w.DatePicker(value=date.today(), description=i18n.t("rates.day", loc), tooltip=""), dom.RATE_DAY)
        self.save_button = classed(w.Button(description=i18n.t("rates.save", loc), button_style="primary"), dom.RATE_SAVE)
        self.confirm_button = classed(w.Button(description=i18n.t("rates.confirm", loc), button_style="warning",
                                               layout=w.Layout(display="none")), dom.RATE_CONFIRM)
        self.save_button.on_click(lambda _b: self.save(confirm=False))
        self.confirm_button.on_click(lambda _b: self.save(confirm=True))
        self.error = error_label(dom.RATE_ERROR)
        self.saved = Notice(state, dom.notice(dom.RATE_SAVE))  # under the Save button, gone on a tab change
        self.list = classed(w.VBox(), dom.RATE_LIST)
        self.widget = classed(w.VBox([
            w.HTML(value=f"<h4>{html_text(i18n.t('rates.heading', loc))}</h4>"
                         f'<p class="fk-muted">{html_text(i18n.t("rates.intro", loc))}</p>'),
            self.list,
            w.HBox([self.currency, self.value, self.quote]), w.HBox([self.day, self.save_button, self.confirm_button]),
            self.error, self.saved.widget,
        ]), dom.RATES)
        self.show()

    def _raw(self) -> dict[str, Any]:
        return {"currency": self.currency.value, "rate": self.value.value, "quote": self.quote.value, "day": self.day.value}

    @guarded
    def save(self, confirm: bool) -> None:
        set_error(self.error, None)
        self.saved.clear()
        try:
            made = self.state.store.save_rate(self._raw(), confirm=confirm)
        except InvalidInput as exc:
            asks = any(p.code == "rate.big_move" for p in exc.problems)
            self.confirm_button.layout.display = "inline-flex" if asks else "none"
            set_error(self.error, error_words(exc, self.state))
            return
        self.confirm_button.layout.display = "none"
        loc = self.state.locale
        self.saved.info(i18n.t("rates.saved", loc, **self._words(made)))
        self.value.value = ""
        self.show()
        self.state.changed("profile")

    def _words(self, r: Any) -> dict[str, str]:
        return {"currency": r.currency, "rate": format_number(r.rate), "quote": r.quote, "day": r.day.isoformat()}

    def show(self) -> None:
        """The saved rates, newest first per currency, each with its Remove button."""
        loc = self.state.locale
        rates = self.state.store.user_rates()
        if not rates:
            self.list.children = [w.HTML(value=f'<span class="fk-muted">{html_text(i18n.t("rates.none", loc))}</span>')]
            return
        rows = []
        for r in rates:
            remove = w.Button(description=i18n.t("rates.remove", loc), layout=w.Layout(width="auto"))
            remove.on_click(lambda _b, r=r: self.remove(r.currency, r.day))
            rows.append(classed(w.HBox([w.HTML(value=f"<bdi>{html_text(i18n.t('rates.line', loc, **self._words(r)))}</bdi>"), remove]),
                                dom.RATE_ROW))
        self.list.children = rows

    @guarded
    def remove(self, currency: str, day: date) -> None:
        self.state.store.remove_rate(currency, day)
        self.show()
        self.state.changed("profile")
