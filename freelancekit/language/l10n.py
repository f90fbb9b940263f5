"""Numbers, plurals and lists the way each language writes them (CLDR, through Babel).

Arabic has six plural forms (zero, one, two, few, many, other) and writes
digits either as Arabic-Indic (١٢٣) or Latin (123); English has two forms.
These rules come from the Unicode CLDR data Babel ships, not from our code.
``digits`` is the user's choice: "latn" (123) or "arab" (١٢٣); None means the
language's usual digits in this app (Latin for both, as most Arabic
freelancers' invoices and spreadsheets are written).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

from babel import Locale
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


def counts(counted: Iterable[tuple[str, int]], locale: str | None, digits: str | None = None) -> str:
    """Several counts in one sentence, each its own counted phrase, as a list: '3 time entries, 5 invoices, 2 payments',
    '3 إدخالات وقت، 5 فواتير ودفعتان' (a sentence with one form for several counts is wrong for most of them)."""
    return join_list([plural(key, n, locale, digits) for key, n in counted], locale, listed=True)


to_latin_digits = to_latin
__all__ = ["DIGITS", "ListStyle", "counts", "join_list", "number", "plural", "plural_form", "to_latin_digits", "with_digits"]


def with_digits(text: str, locale: str | None, digits: str | None) -> str:
    """``text`` with its Latin digits written as the user prefers them in ``locale``."""
    return written(text, normalise_locale(locale), digits)


ListStyle = Literal["and", "or"]
# "و" attaches to a word that starts with an Arabic letter, or with the Arabic quote mark ("و«مقالات»")
_ATTACHES = re.compile("«|[^\\W\\d_](?<=[\u0600-\u06ff])")


def join_list(items: Iterable[str], locale: str | None, style: ListStyle = "and", *, listed: bool = False) -> str:
    """The one way a list is written (rules: docs/language.md).

    English: 'a, b and c', 'a, b or c'; a list after a colon or "one of"
    (``listed``) leaves out the "and"/"or": 'one of a, b, c'. Arabic: 'أ، ب وج',
    'أ، ب أو ج', listed or not: "و" attaches to the next word ('مقالات وتدقيق',
    'و«مقالات»'), with a space before one that does not start with an Arabic
    letter (Latin text, a digit, an isolate), a no-break one, so a line never ends on a "و" cut off from
    its word: 'مقالات و\u00a0SEO'. Empty items are left out.
    """
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if normalise_locale(locale) == "ar":
        last = items[-1]
        if style == "or":
            joiner = " أو "
        else:
            joiner = " و" if _ATTACHES.match(last) else " و\u00a0"
        return "، ".join(items[:-1]) + joiner + last
    if listed:
        return ", ".join(items)
    return ", ".join(items[:-1]) + f" {style} " + items[-1]
