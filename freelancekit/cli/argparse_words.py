"""argparse's own words ("usage:", its errors, -h's help) in the user's language, through argparse's gettext road.

argparse asks ``gettext.gettext``/``ngettext`` for each of its English sentences
(``from gettext import gettext as _, ngettext`` in its module); ``speaking(locale)``
answers them from our ``argparse`` catalog (``language/locale/<lang>/LC_MESSAGES/argparse.po``)
inside its block only, in this thread or task only (a context variable), so one
call's ``--lang ar`` never reaches the next call's ``--lang en``. Outside a block
argparse gets the standard library's answer, as if we were not there.
"""
from __future__ import annotations

import argparse
import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

DOMAIN = "argparse"
_SPEAKING: ContextVar[tuple[str, gettext.NullTranslations] | None] = ContextVar("freelancekit_argparse_words", default=None)


def _gettext(message: str) -> str:
    speaking = _SPEAKING.get()
    return gettext.gettext(message) if speaking is None else speaking[1].gettext(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    speaking = _SPEAKING.get()
    return gettext.ngettext(singular, plural, n) if speaking is None else speaking[1].ngettext(singular, plural, n)


@contextmanager
def speaking(locale: str) -> Iterator[None]:
    """argparse speaks ``locale`` inside the block: building a parser (its titles, -h), parsing, help, errors."""
    from freelancekit.language.i18n import normalise_locale, translations

    setattr(argparse, "_", _gettext)  # noqa: B010 - the names argparse's own module calls
    setattr(argparse, "ngettext", _ngettext)  # noqa: B010
    loc = normalise_locale(locale)
    token = _SPEAKING.set((loc, translations(loc, DOMAIN)))
    try:
        yield
    finally:
        _SPEAKING.reset(token)


def language() -> str | None:
    """The language argparse speaks here, None outside ``speaking``."""
    speaking_now = _SPEAKING.get()
    return None if speaking_now is None else speaking_now[0]
