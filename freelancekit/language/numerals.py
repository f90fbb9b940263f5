"""Digits as the user reads them: Latin (123) or Arabic-Indic (١٢٣) in Arabic text, always 123 in English.

The choice is the profile's ``digits`` ("latn" or "arab"), saved with the
portfolio. Kept apart from ``l10n`` (Babel) so the ranking table and the
drafts can write their numbers without loading CLDR data.
"""
from __future__ import annotations

from decimal import Decimal

DIGITS: tuple[str, ...] = ("latn", "arab")

_TO_ARABIC = str.maketrans("0123456789.,", "٠١٢٣٤٥٦٧٨٩٫٬")  # with its own decimal and thousands marks
_TO_LATIN = str.maketrans("٠١٢٣٤٥٦٧٨٩٫٬", "0123456789.,")


def system(locale: str | None, digits: str | None) -> str:
    """The digits a text in ``locale`` is written with: the user's choice in Arabic, Latin otherwise."""
    return digits if digits in DIGITS and (locale or "").split("-")[0] == "ar" else "latn"


def written(text: str, locale: str | None, digits: str | None) -> str:
    """``text`` (a number we formatted, never a sentence: its '.' is a decimal mark) in the user's digits."""
    return text.translate(_TO_ARABIC) if system(locale, digits) == "arab" else text


def to_latin(text: str) -> str:
    """Arabic-Indic digits and marks as Latin ones (what a parser or a date format expects)."""
    return text.translate(_TO_LATIN)


def format_number(x: float | None) -> str:
    """Numbers as people write them: 45, 45.5, 0.000001 (no trailing .0, never an exponent
    such as 1e-06, which the importer refuses), '' for missing. The digits are repr's,
    the shortest that read back as exactly the same float."""
    if x is None or x != x:
        return ""
    if float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))
    return format(Decimal(repr(float(x))), "f")
