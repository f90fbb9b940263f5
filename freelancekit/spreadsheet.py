"""Keeping exported text from running as a spreadsheet formula, reversibly.

Rule: a text cell that starts with ``= + - @``, tab, CR or an apostrophe gets
one extra leading apostrophe on export; on import one leading apostrophe is
removed only when one of those characters follows it. So ``import(export(p))``
gives back exactly ``p``, and ``=HYPERLINK(...)`` in a client name stays text.
"""
from __future__ import annotations

from decimal import Decimal

_RISKY = ("=", "+", "-", "@", "\t", "\r", "'")


def escape_formula(text: str) -> str:
    return "'" + text if text.startswith(_RISKY) else text


def unescape_formula(text: str) -> str:
    return text[1:] if len(text) > 1 and text[0] == "'" and text[1] in _RISKY else text


def format_number(x: float | None) -> str:
    """Numbers as people write them: 45, 45.5, 0.000001 (no trailing .0, never an exponent
    such as 1e-06, which the importer refuses), '' for missing. The digits are repr's,
    the shortest that read back as exactly the same float."""
    if x is None or x != x:
        return ""
    if float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))
    return format(Decimal(repr(float(x))), "f")
