"""Keeping mixed-direction text readable (Arabic sentences with Latin names and numbers).

A Latin name or a price inside an Arabic sentence (or an Arabic name inside an
English one) is wrapped in Unicode isolates, FSI U+2068 ... PDI U+2069, so the
bidi algorithm lays it out on its own and the punctuation around it stays in
place. In Arabic drafts a line that would start with a Latin letter gets a
RIGHT-TO-LEFT MARK so mail programs and editors that pick each paragraph's
direction from its first strong letter still show it right to left.
"""
from __future__ import annotations

import re
import unicodedata

FSI, PDI, RLM, LRM, LRI = "\u2068", "\u2069", "\u200f", "\u200e", "\u2066"
BIDI_MARKS = frozenset("\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e")
_RTL = frozenset({"R", "AL"})


def is_rtl_locale(locale: str) -> bool:
    return locale == "ar"


_PLAIN_NUMBER = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]+([.,\u066b\u066c][0-9\u0660-\u0669\u06f0-\u06f9]+)*")


def isolate(text: str, locale: str) -> str:
    """``text`` wrapped in FSI...PDI when it would not read right inside a sentence of the locale's direction.

    Only what needs it is isolated, so drafts carry few invisible characters: a
    text that starts in the other direction ("Brightpath Software" in Arabic,
    "مكتبة النور" in English), or numbers held together by neutral marks
    ("1 – 5", "10/20": in right-to-left text the digits would swap around them).
    A text that starts in the locale's own direction reads right as it is, even
    with a foreign word inside ("وصل الدليل إلى Google"); so does a plain number.
    """
    if not text:
        return text
    strong = first_strong(text)
    if strong is not None:
        foreign = strong == ("L" if is_rtl_locale(locale) else "R")
    elif is_rtl_locale(locale):  # in left-to-right text numbers and their marks already read right
        classes = {unicodedata.bidirectional(ch) for ch in text}
        foreign = bool(classes & {"EN", "AN"}) and not _PLAIN_NUMBER.fullmatch(text.strip())
    else:
        foreign = any(unicodedata.bidirectional(ch) == "AN" for ch in text)
    return f"{FSI}{text}{PDI}" if foreign else text


def strip_marks(text: str) -> str:
    """``text`` without invisible direction marks (for comparing or checking spacing)."""
    return "".join(ch for ch in text if ch not in BIDI_MARKS)


def first_strong(text: str) -> str | None:
    """'L' or 'R' for the first strong letter outside isolates, None if there is none (UAX #9 P2)."""
    depth = 0
    for ch in text:
        if ch in "\u2066\u2067\u2068":
            depth += 1
        elif ch == PDI and depth:
            depth -= 1
        elif not depth:
            cls = unicodedata.bidirectional(ch)
            if cls == "L":
                return "L"
            if cls in _RTL:
                return "R"
    return None


def mark_rtl_lines(text: str) -> str:
    """Prefix RLM to each line of an RTL text whose first strong letter is not RTL."""
    out = []
    for line in text.split("\n"):
        if line.strip() and not line.startswith(RLM) and first_strong(line) != "R":
            line = RLM + line
        out.append(line)
    return "\n".join(out)


__all__ = ["BIDI_MARKS", "FSI", "LRI", "LRM", "PDI", "RLM", "first_strong", "is_rtl_locale", "isolate", "mark_rtl_lines", "strip_marks"]
