"""Criterion values as a person reads them: '65 USD/h', '4/5', 'not rated'.

The ranking table shows these next to (not instead of) the points each value
brings, so "Pay rate 71.4" is never mistaken for $71.40 an hour.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from freelancekit.language import i18n
from freelancekit.language.bidi import LRI, PDI
from freelancekit.language.numerals import format_number, written
from freelancekit.language.phrasing import currency_after
from freelancekit.portfolio.model import Criterion

if TYPE_CHECKING:
    from freelancekit.portfolio.pay import PayConversion

HOURLY_KEYS = frozenset({"hourly_rate"})  # number criteria that are an amount per hour in the profile's currency


def ltr(text: str) -> str:
    """``text`` (digits, a currency code, a sign) kept left to right inside a right-to-left sentence."""
    return f"{LRI}{text}{PDI}"


def value_text(criterion: Criterion, value: float | None, currency: str = "USD", locale: str = "en",
               digits: str | None = None) -> str:
    """``value`` of ``criterion`` with its unit; 'not rated' for a missing value."""
    if value is None or value != value:
        return i18n.t("field.not_rated", locale)
    number = written(format_number(value), locale, digits)
    if criterion.kind == "rating":
        return i18n.t("value.rating", locale, value=number, hi=written(str(criterion.hi), locale, digits))
    if criterion.key in HOURLY_KEYS:
        if i18n.is_rtl(locale):  # after an amount, the currency as an Arabic amount writes it (phrasing.currency_after:
            # CLDR's counted name where it has the forms, else its sign, which agrees with any number)
            return i18n.t("value.per_hour", locale, money=f"{ltr(number)} {currency_after(value, (currency or 'USD').upper())}")
        return i18n.t("value.per_hour", locale, money=f"{number} {currency}".strip())
    return number


def pay_text(crit: Criterion, typed: float | None, paid_in: str, converted: float | None, pay: PayConversion, locale: str,
             digits: str | None = None) -> str:
    """A pay rate in another currency, both amounts: "200 SAR/h ≈ 53.33 USD/h, at 3.75"; "needs a rate for EGP" without one."""
    own = value_text(crit, typed, paid_in, locale, digits)
    rate = pay.rates.get(paid_in)
    if typed is None:
        return own
    if rate is None:
        return f"{own} — {i18n.t('money.needs_rate', locale, currency=paid_in)}"
    shown = value_text(crit, None if converted is None else round(converted, 2), pay.currency, locale, digits)
    text = i18n.t("money.converted", locale, amount=own, converted=shown,
                  rate=written(f"{rate.shown():,.4g}", locale, digits))
    if rate.outside:
        text += f" ({i18n.t('money.outside', locale, day=rate.day.isoformat())})"
    return text
