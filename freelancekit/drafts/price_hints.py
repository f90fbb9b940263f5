"""A service's price line in the currency the client pays in (docs/currencies.md, "Prices in drafts").

A price line is the user's own text ("from $250 per post", «60 دولاراً للساعة»), set in the
profile's currency. For a client who pays in another, each amount in it that reads as the
profile's currency (its sign or code before or after the number, or its Arabic name after
it, in any of the forms a number gives it) is converted and rounded to a natural price, and
written as the draft writes money (``phrasing.money``): «60 دولاراً للساعة» becomes
«55 يورو للساعة». A line with a number that is not such an amount is kept as typed: it is the
user's text, and a guess at its meaning could put a wrong figure in a client's email.
"""
from __future__ import annotations

import re
from functools import lru_cache

from babel.numbers import get_currency_name, get_currency_symbol

from freelancekit.language.numerals import to_latin
from freelancekit.language.phrasing import money
from freelancekit.portfolio.rates import natural_price

_NUMBER = "[0-9٠-٩][0-9٠-٩,٬]*(?:[.٫][0-9٠-٩]+)?"
_ANY_NUMBER = re.compile("[0-9٠-٩]")
# what Arabic adds to a noun or an adjective after a number: accusative (دولاراً، دولارًا), dual, plural, feminine
_ENDINGS = ("", "اً", "ًا", "ا", "ان", "ين", "ات", "ة", "ية", "يان", "يًا", "ياً")


def _arabic_forms(code: str) -> list[str]:
    """Every way an Arabic text may name ``code`` after a number: CLDR's names per count, and their words' endings."""
    names = {str(get_currency_name(code, count=n, locale="ar")) for n in (0, 1, 2, 3, 11, 100)}
    forms: set[str] = set()
    for name in names:
        words = name.split()
        stems = [re.sub("(?:ًا|اً|ان|ات|ة|ية|ي)$", "", w) for w in words]
        nouns = {stems[0] + e for e in _ENDINGS} | {words[0]}
        if len(words) == 1:
            forms |= nouns
            continue
        adjectives = {stems[1] + e for e in _ENDINGS} | {words[1]}
        forms |= {f"{n} {a}" for n in nouns for a in adjectives} | nouns
    return sorted(forms, key=len, reverse=True)


@lru_cache(maxsize=64)
def _amounts(code: str) -> re.Pattern[str]:
    signs = {code, str(get_currency_symbol(code, locale="en")), str(get_currency_symbol(code, locale="ar"))}
    before = "|".join(re.escape(s) for s in sorted(signs, key=len, reverse=True))
    after = "|".join(re.escape(s) for s in sorted(signs | set(_arabic_forms(code)), key=len, reverse=True))
    return re.compile(f"(?:(?<![\\w$€£])(?:{before})[ \u00a0]?(?P<n1>{_NUMBER})|(?P<n2>{_NUMBER})[ \u00a0]?(?:{after})(?!\\w))")


def in_currency(hint: str, own: str, theirs: str, factor: float, locale: str, digits: str | None) -> str:
    """``hint`` with each amount in ``own`` written in ``theirs`` (times ``factor``); as typed when an amount is unclear."""
    pattern = _amounts(own)
    found = list(pattern.finditer(hint))
    if not found or _ANY_NUMBER.search(pattern.sub("", hint)):
        return hint

    def converted(m: re.Match[str]) -> str:
        amount = float(to_latin(m.group("n1") or m.group("n2")).replace(",", "").replace("٬", "").replace("٫", "."))
        return money(natural_price(amount * factor), theirs, locale, digits)

    return pattern.sub(converted, hint)


__all__ = ["in_currency"]
