"""Dates, money and timing as a draft words them, in English and Arabic (rules: docs/drafts.md).

Plain functions of their arguments: ``today`` is always passed in, so a draft
written on a given day reads the same in a test, an example file and the app.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from babel.numbers import get_currency_name, get_currency_symbol

from freelancekit.language import currencies
from freelancekit.language.numerals import written

WinAge = Literal["recent", "old", "undated", "none"]
RECENT_WIN_DAYS = 30  # a win at most this old makes "a good moment to ask"
CALL_LEAD_DAYS = 2  # the first call day proposed is at least this many days after today
CALL_WEEKDAYS = (0, 1, 2, 3)  # Monday to Thursday: working days in English- and Arabic-speaking countries alike

_EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")
_AR_DAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
_AR_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def win_age(win: str, when: date | None, today: date, recent_days: int = RECENT_WIN_DAYS) -> WinAge:
    """How a draft may speak of the client's last win: recent (congratulate now), old, undated, or no win at all."""
    if not win.strip():
        return "none"
    if when is None:
        return "undated"
    return "recent" if (today - when).days <= recent_days else "old"


def good_moment(win: str, when: date | None, today: date, recent_days: int = RECENT_WIN_DAYS) -> bool:
    """A win in the last ``recent_days`` days: the best time to offer more (docs/drafts.md)."""
    return win_age(win, when, today, recent_days) == "recent"


def call_days(today: date, count: int = 2) -> list[date]:
    """The first ``count`` working days (Monday-Thursday) at least ``CALL_LEAD_DAYS`` after today."""
    day = today + timedelta(days=CALL_LEAD_DAYS)
    found: list[date] = []
    while len(found) < count:
        if day.weekday() in CALL_WEEKDAYS:
            found.append(day)
        day += timedelta(days=1)
    return found


def day_name(d: date, locale: str, digits: str | None = None) -> str:
    """'Tuesday 8 December' / 'الثلاثاء 8 ديسمبر' (or '٨' in the user's digits)."""
    if locale == "ar":
        return f"{_AR_DAYS[d.weekday()]} {written(str(d.day), locale, digits)} {_AR_MONTHS[d.month - 1]}"
    return f"{_EN_DAYS[d.weekday()]} {d.day} {_EN_MONTHS[d.month - 1]}"


def long_date(d: date, locale: str, digits: str | None = None) -> str:
    """'8 December 2026' / '8 ديسمبر 2026' (or '٨ ديسمبر ٢٠٢٦' in the user's digits)."""
    months = _AR_MONTHS if locale == "ar" else _EN_MONTHS
    return written(f"{d.day} {months[d.month - 1]} {d.year}", locale, digits)


def currency_name(code: str, locale: str) -> str:
    """A currency as text in ``locale`` writes it: the ISO code in English ('SAR'), CLDR's name in Arabic ('ريال سعودي').

    The one way an Arabic sentence names a currency (a price, a rate per hour, a total), so
    "90 SAR للساعة" never sits beside "ريال سعودي"; a code CLDR does not know stays a code.
    """
    code = (code or "USD").upper()
    return currencies.currency_name(code, "ar") if locale == "ar" else code


def money(amount: float, currency: str, locale: str, digits: str | None = None) -> str:
    """'$1,300', '1,300 CHF', '1,050 جنيهًا مصريًا', '1,050 USD' (or '١٬٠٥٠ USD'); cents only when there are some."""
    number = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    code = (currency or "USD").upper()
    if locale == "ar":
        return f"{written(number, locale, digits)} {currency_after(amount, code)}"
    symbol = _SYMBOLS.get(code)
    return f"{symbol}{number}" if symbol else f"{number} {code}"


# A name that is right after every number, as a foreign noun that takes no case or number: «3 يورو», «1,050 يورو»
# (docs/arabic-review-checklist.md): CLDR gives it one name, and that name needs no sign in its place.
INVARIABLE = {"EUR": "يورو"}


def currency_after(amount: float, code: str) -> str:
    """The currency after an Arabic amount, from the Unicode CLDR (docs/drafts.md, "Money").

    The noun after a number takes the number's form (1,050 جنيهًا مصريًا, 3 جنيهات مصرية, 100 جنيه مصري);
    CLDR has those forms for a few currencies only (EGP, MAD, DZD, TND, LYD…), and for the others a single name
    ('دولار أمريكي') that is right after 100 and wrong after 1,050, 150 or 250. Those take a sign that agrees with
    no number: CLDR's Arabic symbol ('ر.س.'), or the ISO code where that symbol is Latin ('US$', 'UK£' would
    be English words in Arabic: 'USD', 'GBP'); one currency is written one way throughout.
    The euro's name, يورو, takes no form at all (``INVARIABLE``): it is written out after any number.
    """
    if code in INVARIABLE:
        return INVARIABLE[code]
    if _counted_in_cldr(code):
        return get_currency_name(code, count=amount, locale="ar")
    symbol = get_currency_symbol(code, locale="ar")
    return code if re.search("[A-Za-z]", symbol) else symbol


@lru_cache(maxsize=256)
def _counted_in_cldr(code: str) -> bool:
    """Whether CLDR's Arabic names of ``code`` agree with every number: a dual, a plural and an accusative of their own.

    CLDR 48 (Babel 2.19) has forms per count for 11 currencies, and 3 of them are incomplete: the Lebanese
    pound and the Sudanese pound give the singular for 2 ('2 ليرة لبنانية'), and the South Sudanese pound is
    an idafa CLDR inflects like an adjective ('جنيهان جنوب السودان'; the dual of each word ends in ان). Those
    take their sign, like the currencies CLDR names one way only (tests/test_draft_checker.py checks each draft).
    """
    one, two, few, many = (get_currency_name(code, count=n, locale="ar") for n in (1, 2, 3, 11))
    return len({one, two, few}) == 3 and many != few and all(word.endswith("ان") for word in two.split())


def percent(part: float, whole: float) -> int:
    """A whole percentage, rounded down so a saving is never overstated."""
    return int(100 * part // whole) if whole > 0 else 0


__all__ = ["RECENT_WIN_DAYS", "WinAge", "call_days", "currency_after", "currency_name", "day_name", "good_moment", "long_date", "money", "percent",
           "win_age"]
