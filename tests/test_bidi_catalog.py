"""Options, file names, dates and ranges inside Arabic sentences read in their own direction (docs/language.md,
"Direction"): rendered by the Unicode bidi algorithm (python-bidi), the characters of ``--db``, ``.csv`` or
``2026-03-31`` keep their visual order in every Arabic text of the catalogs, as they do in the command a user types."""
from __future__ import annotations

import re
import string

import pytest
from babel.messages.pofile import read_po
from bidi import get_display

from freelancekit.language.bidi import LRI, PDI
from freelancekit.language.compiled import po_path

# what a user types or reads as code: a flag (with its metavar or choice), a file's extension, an environment
# variable, an ISO date or its pattern, a range of numbers
CODE = re.compile(r"--[a-z][\w-]*(?: (?:[A-Z]{3,}|update)\b)?|(?<![A-Za-z0-9_.])\.[a-z]{2,5}\b|\$[A-Z_]+|YYYY-MM-DD"
                  r"|\d{4}-\d{2}-\d{2}|\d+–\d+")


def arabic_texts() -> list[tuple[str, str]]:
    with open(po_path("ar", "freelancekit"), "rb") as f:
        catalog = read_po(f, locale="ar")
    found = []
    for m in catalog:
        if m.id:
            for text in (m.string if isinstance(m.string, tuple) else (m.string,)):
                found.append((m.context, text))
    return found


def filled(text: str) -> str:
    """The text as shown: every placeholder a number (so '{first}–{last}' becomes a range, as the page writes it)."""
    return "".join(lit + ("12" if name is not None else "") for lit, name, _, _ in string.Formatter().parse(text))


def misplaced(text: str) -> list[str]:
    shown = filled(text)
    visual = get_display(shown, base_dir="R")  # an Arabic paragraph
    return [m.group(0) for m in CODE.finditer(shown) if m.group(0) not in visual]


def test_the_renderer_does_reverse_a_bare_flag_in_an_arabic_sentence():
    # what the catalogs had: without an isolate the hyphens move to the other end ("undo--")
    assert misplaced("لا يأخذ --undo ملفاً ولا --dry-run") == ["--undo", "--dry-run"]
    assert misplaced("اختر ملف .csv") == [".csv"] and misplaced("مثل 2026-03-31") == ["2026-03-31"]
    assert misplaced(f"لا يأخذ {LRI}--undo{PDI} ملفاً") == []


TEXTS = arabic_texts()
WITH_CODE = [(key, text) for key, text in TEXTS if CODE.search(filled(text))]


def test_the_arabic_catalog_holds_flags_file_names_and_dates_to_check():
    keys = {key for key, _ in WITH_CODE}
    assert len(keys) > 40 and {"cli.storage.no_portfolio", "error.usage.undo_alone", "cli.help.import", "kind.rating",
                               "common.page", "error.date.invalid", "export.xlsx"} <= keys


@pytest.mark.parametrize("key, text", WITH_CODE, ids=[f"{k}-{i}" for i, (k, _) in enumerate(WITH_CODE)])
def test_a_flag_a_file_name_or_a_date_in_an_arabic_text_keeps_its_visual_order(key, text):
    assert misplaced(text) == [], f"{key}: isolate it ({LRI!r}...{PDI!r}, docs/language.md 'Direction')"
