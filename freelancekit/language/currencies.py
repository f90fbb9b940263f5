"""Currency codes and their names, from CLDR (Babel): which codes exist, and how a reader names one.

ISO 4217 as CLDR lists it (307 codes, historic ones included) decides whether a
code is a currency at all, so a typo such as ``USX`` is refused instead of saved.
The Arabic name agrees with the number before it (``جنيهان مصريان``, ``3 جنيهات
مصرية``, ``11 جنيهًا مصريًا``): CLDR's plural forms, the same rule the drafts use.
"""
from __future__ import annotations

from functools import lru_cache

from babel.numbers import get_currency_name, list_currencies


@lru_cache(maxsize=1)
def known_codes() -> frozenset[str]:
    """Every ISO 4217 code CLDR knows."""
    return frozenset(list_currencies())


def is_currency(code: str) -> bool:
    return code in known_codes()


@lru_cache(maxsize=512)
def currency_name(code: str, locale: str, count: float | None = None) -> str:
    """'Egyptian pounds' / 'جنيهات مصرية' for ``count`` of them; the code itself when CLDR has no name."""
    try:
        return str(get_currency_name(code, count=count, locale=locale))
    except (ValueError, LookupError):
        return code
