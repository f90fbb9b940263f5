"""Keeping exported text from running as a spreadsheet formula, reversibly.

Rule: a text cell that starts with ``= + - @``, tab, CR or an apostrophe gets
one extra leading apostrophe on export; on import one leading apostrophe is
removed only when one of those characters follows it. So ``import(export(p))``
gives back exactly ``p``, and ``=HYPERLINK(...)`` in a client name stays text.
"""
from __future__ import annotations

_RISKY = ("=", "+", "-", "@", "\t", "\r", "'")


def escape_formula(text: str) -> str:
    return "'" + text if text.startswith(_RISKY) else text


def unescape_formula(text: str) -> str:
    return text[1:] if len(text) > 1 and text[0] == "'" and text[1] in _RISKY else text
