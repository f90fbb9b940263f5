"""Dates, money and timing as a draft words them, in English and Arabic (rules: docs/drafts.md).

Plain functions of their arguments: ``today`` is always passed in, so a draft
written on a given day reads the same in a test, an example file and the app.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from freelancekit.language.currencies import currency_name
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


def money(amount: float, currency: str, locale: str, digits: str | None = None) -> str:
    """'$1,300', '1,300 CHF', '1,300 دولار أمريكي' (or '١٬٣٠٠ دولار أمريكي'); cents only when there are some.

    The Arabic name is CLDR's, agreeing with the amount where CLDR gives the forms ('1,050 جنيهًا مصريًا',
    '3 جنيهات مصرية'; docs/currencies.md).
    """
    number = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    code = (currency or "USD").upper()
    if locale == "ar":
        number = written(number, locale, digits)
        return f"{number} {currency_name(code, locale, amount)}"
    symbol = _SYMBOLS.get(code)
    return f"{symbol}{number}" if symbol else f"{number} {code}"


def percent(part: float, whole: float) -> int:
    """A whole percentage, rounded down so a saving is never overstated."""
    return int(100 * part // whole) if whole > 0 else 0


__all__ = ["RECENT_WIN_DAYS", "WinAge", "call_days", "day_name", "good_moment", "long_date", "money", "percent", "win_age"]
