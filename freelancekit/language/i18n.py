"""Every word the app shows, in the user's language: the key's text from the gettext catalogs.

The English is in ``messages.py`` (extracted by ``pybabel``), the other languages in
``locale/<lang>/LC_MESSAGES/freelancekit.po`` (see docs/language.md), compiled and read
once per process. An untranslated text falls back to English rather than failing, and
``tests/test_catalogs.py`` checks that none is untranslated. Imports no widget library.
"""
from __future__ import annotations

import gettext
import re
from functools import lru_cache

from freelancekit.language.compiled import load
from freelancekit.language.messages import MESSAGES, Message

LOCALES: tuple[str, ...] = ("en", "ar")
RTL_LOCALES: frozenset[str] = frozenset({"ar"})
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "ar": "العربية"}
DOMAIN = "freelancekit"
BUILTIN_PREFIX = "criterion.builtin."  # the built-in criteria's labels: criterion.builtin.<key>

_BY_KEY: dict[str, Message] = {m.key: m for m in MESSAGES}


@lru_cache(maxsize=None)
def translations(locale: str, domain: str = DOMAIN) -> gettext.NullTranslations:
    """The catalog of ``locale``, read once per process (compiled to .mo: see ``compiled``)."""
    return load(normalise_locale(locale), domain)


def known(key: str) -> bool:
    return key in _BY_KEY


def message(key: str) -> Message:
    """The English of ``key`` (a KeyError names a key no message has)."""
    return _BY_KEY[key]


def normalise_locale(locale: str | None) -> str:
    return locale if locale in LOCALES else "en"


def t(key: str, locale: str | None = "en", *, digits: str | None = None, **values: object) -> str:
    """The text for ``key`` in ``locale`` (English when missing), with placeholders filled.

    ``digits``: the user's digits ("arab" writes whole-number values as ١٢٣ in Arabic).
    """
    loc = normalise_locale(locale)
    english = _BY_KEY[key]
    if english.plural is not None:
        raise KeyError(f"{key} is a counted text: word it with l10n.plural")
    text = translations(loc).pgettext(key, english.text)
    if digits == "arab" and loc == "ar":
        from freelancekit.language.numerals import written

        text = _OWN_NUMBER.sub(lambda m: written(m.group(0), loc, digits), text)
        values = {k: written(str(v), loc, digits) if type(v) is int else v for k, v in values.items()}
    return text.format(**values) if values else text


# a number written in a text of ours ("0–100", "45.50", "2026-03-31"), not part of a name ("UTF-8",
# "Windows-1256") nor of a placeholder or a chart's format ("{count}", "[[y:,.2f]]")
_OWN_NUMBER = re.compile(r"(?<![A-Za-z\[\d:,.{])(?<![A-Za-z]-)\d+(?:[.,]\d+)?(?![A-Za-z\d}])")


def is_rtl(locale: str | None) -> bool:
    return normalise_locale(locale) in RTL_LOCALES


def criterion_label(key: str, label: str, locale: str | None) -> str:
    """A criterion's label to show: the translation of a built-in one the user has not renamed."""
    english = builtin_label(key)
    return t(BUILTIN_PREFIX + key, locale) if english is not None and label == english else label


def builtin_label(key: str) -> str | None:
    """The English label of a built-in criterion (None for the user's own criteria)."""
    builtin = _BY_KEY.get(BUILTIN_PREFIX + key)
    return builtin.text if builtin is not None else None


def counted(key: str, count: int, locale: str | None) -> str:
    """The form of a counted text for ``count``, chosen by the catalog's Plural-Forms (Babel's CLDR rule); unfilled."""
    english = _BY_KEY[key]
    if english.plural is None:
        raise KeyError(f"{key} is not a counted text: word it with t")
    return translations(normalise_locale(locale)).npgettext(key, english.text, english.plural, abs(int(count)))


