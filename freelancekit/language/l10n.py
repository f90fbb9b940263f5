"""Numbers, plurals, lists, money and dates the way each language writes them (CLDR, through Babel).

Arabic has six plural forms (zero, one, two, few, many, other) and writes
digits either as Arabic-Indic (١٢٣) or Latin (123); English has two forms.
These rules come from the Unicode CLDR data Babel ships, not from our code.
``digits`` is the user's choice: "latn" (123) or "arab" (١٢٣); None means the
language's usual digits in this app (Latin for both, as most Arabic
freelancers' invoices and spreadsheets are written).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import Literal

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.lists import format_list
from babel.numbers import format_currency as _babel_currency
from babel.numbers import format_decimal

from freelancekit.language.i18n import counted, normalise_locale
from freelancekit.language.numerals import DIGITS, system, to_latin, written


@lru_cache(maxsize=8)
def _locale(locale: str) -> Locale:
    return Locale.parse(normalise_locale(locale))


def _system(locale: str, digits: str | None) -> str:
    return system(normalise_locale(locale), digits)


def plural_form(n: float, locale: str | None) -> str:
    """CLDR plural category of ``n``: 'zero', 'one', 'two', 'few', 'many' or 'other'."""
    return _locale(normalise_locale(locale)).plural_form(abs(n))


def plural(key: str, count: int, locale: str | None, digits: str | None = None, **values: object) -> str:
    """A counted text (``MP`` in messages.py) for ``count`` things: 'مشكلتان', '3 مشاكل', '11 مشكلة', '1 problem'.

    The one road for a number before a noun; ``{count}`` is written with the language's marks and the user's digits.
    """
    loc = normalise_locale(locale)
    text = counted(key, count, loc)
    return text.format(count=number(count, loc, digits), **values)


def number(x: float, locale: str | None, digits: str | None = None) -> str:
    """``x`` with the language's grouping and decimal marks (at most 6 decimals)."""
    loc = normalise_locale(locale)
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    nu = _system(loc, digits)
    try:
        text = format_decimal(x, format="#,##0.######", locale=_locale(loc), numbering_system=nu)
    except (ArithmeticError, ValueError):  # beyond Decimal's precision (1e22 and up): no grouping needed there
        text = f"{float(min(max(x, -1e308), 1e308)):.6g}"
    return written(text, loc, nu)  # Babel sets the marks, not the digits


def money(amount: float, currency: str, locale: str | None, digits: str | None = None) -> str:
    loc = normalise_locale(locale)
    nu = _system(loc, digits)
    text = _babel_currency(amount, currency, locale=_locale(loc), numbering_system=nu)
    return written(text, loc, nu)


def day(d: date, locale: str | None, digits: str | None = None) -> str:
    """A date in the language's medium format ("Mar 31, 2026" / "٣١‏/٠٣‏/٢٠٢٦")."""
    text = to_latin_digits(_babel_date(d, format="medium", locale=_locale(normalise_locale(locale))))
    return with_digits(text, locale, digits)


def words(items: Iterable[str], locale: str | None, style: Literal["standard", "or"] = "standard") -> str:
    """'a, b and c' / 'a وb وc'; style 'or' for alternatives."""
    items = list(items)
    if not items:
        return ""
    return format_list(items, style=style, locale=_locale(normalise_locale(locale)))


to_latin_digits = to_latin
__all__ = ["DIGITS", "day", "money", "number", "plural", "plural_form", "to_latin_digits", "with_digits", "words"]


def with_digits(text: str, locale: str | None, digits: str | None) -> str:
    """``text`` with its Latin digits written as the user prefers them in ``locale``."""
    return written(text, normalise_locale(locale), digits)


def join_list(items: Sequence[str], locale: str) -> str:
    """'a, b and c' / 'أ، ب وج' (the Arabic 'and' joins the next word; a space before Latin text)."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if locale == "ar":
        last = items[-1]
        joiner = " و " if not last[0].isalpha() or not ("\u0600" <= last[0] <= "\u06ff") else " و"
        return "، ".join(items[:-1]) + joiner + last
    return ", ".join(items[:-1]) + " and " + items[-1]
