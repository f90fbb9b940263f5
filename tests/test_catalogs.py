"""The gettext catalogs stay true to the code (docs/language.md): what ``pybabel extract`` finds in
``language/messages.py`` is exactly what the catalogs hold, every Arabic text is there (every
plural form, nothing fuzzy), the placeholders agree, every key the code asks for exists, every
counted text goes through the plural road, and argparse's catalog answers what argparse asks."""
from __future__ import annotations

import ast
import gettext
import importlib.util
import re
import string
import sys
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from freelancekit.language import i18n
from freelancekit.language.messages import MESSAGES

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "freelancekit"
_spec = importlib.util.spec_from_file_location("catalogs", ROOT / "scripts" / "catalogs.py")
assert _spec and _spec.loader
catalogs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(catalogs)


def read(language: str, domain: str = "freelancekit") -> Catalog:
    with open(catalogs.po_path(language, domain), "rb") as f:
        return read_po(f, locale=language, domain=domain)


def entries(catalog: Catalog) -> dict[tuple[str | None, object], object]:
    return {(m.context, m.id): m.string for m in catalog if m.id}


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_the_catalogs_hold_exactly_the_messages_extracted_from_the_code():
    template = catalogs.extracted()
    extracted = {(m.context, m.id) for m in template if m.id}
    assert len(extracted) == len(MESSAGES) > 600  # the extraction reads messages.py with M:1c,2 and MP:1c,2,3
    for language in catalogs.LANGUAGES:
        held = set(entries(read(language)))
        assert sorted(extracted - held, key=str) == [], f"{language}.po lacks these: run python scripts/catalogs.py --write"
        assert sorted(held - extracted, key=str) == [], f"{language}.po holds stale entries: run python scripts/catalogs.py --write"


@pytest.mark.parametrize("language", catalogs.LANGUAGES)
def test_updating_a_catalog_from_the_code_leaves_it_byte_for_byte_unchanged(language):
    assert catalogs.updated(language) == catalogs.po_path(language).read_bytes(), "run python scripts/catalogs.py --write"


@pytest.mark.parametrize("language, domain", [("en", "freelancekit"), ("ar", "freelancekit"), ("ar", "argparse")])
def test_a_catalog_has_the_headers_a_translation_tool_needs_and_nothing_fuzzy(language, domain):
    catalog = read(language, domain)
    headers = dict(catalog.mime_headers)
    assert headers["Language"] == language
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    assert headers["Plural-Forms"] == get_plural(language).plural_forms
    assert not catalog.fuzzy and not [m.id for m in catalog if m.id and m.fuzzy]
    assert catalogs.to_bytes(catalog) == catalogs.po_path(language, domain).read_bytes()  # written the one canonical way


@pytest.mark.parametrize("language, domain", [("en", "freelancekit"), ("ar", "freelancekit"), ("ar", "argparse")])
def test_every_entry_is_translated_in_every_plural_form(language, domain):
    catalog = read(language, domain)
    nplurals = get_plural(language).num_plurals
    for m in catalog:
        if not m.id:
            continue
        if m.pluralizable:
            assert isinstance(m.string, tuple) and len(m.string) == nplurals and all(m.string), (m.context, m.id)
        else:
            assert m.string, (m.context, m.id)
    if domain == "argparse":  # argparse's %-placeholders, by Babel's checks (ours are {name}: checked below)
        assert [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()] == []


def test_the_order_of_plural_forms_is_the_cldr_one_babel_writes_in_the_header():
    assert catalogs.form_order("ar") == ("zero", "one", "two", "few", "many", "other")
    assert catalogs.form_order("en") == ("one", "other")
    for language in catalogs.LANGUAGES:
        index = gettext.c2py(get_plural(language).plural_expr)
        order = catalogs.form_order(language)
        assert all(order[index(n)] == Locale.parse(language).plural_form(n) for n in range(1200)), language


def test_placeholders_are_the_same_in_english_and_in_arabic():
    arabic = entries(read("ar"))
    for m in MESSAGES:
        text = arabic[(m.key, m.text if m.plural is None else (m.text, m.plural))]
        if m.plural is None:
            assert isinstance(text, str) and fields(text) == fields(m.text), m.key
            assert "%{" not in m.text + text, m.key  # would be read by plotly's hovertemplate
            continue
        assert fields(m.text) <= fields(m.plural) == fields(text[-1]), m.key  # "1 problem" may write its count out
        for form in text:
            assert fields(form) <= fields(m.plural), (m.key, form)  # "مشكلتان": the count is in the word


def test_t_and_plural_give_the_catalogs_text_and_fall_back_to_english():
    assert i18n.t("profile.name", "ar") == "اسمك" and i18n.t("profile.name", "fr") == "Your name"
    with pytest.raises(KeyError):
        i18n.t("records.skipped_count", "en")  # a counted text has one road: l10n.plural
    with pytest.raises(KeyError):
        i18n.t("no.such.key", "en")


# --- the code asks only for keys that exist ----------------------------------------------------
TEXT_CALLS = {"t", "say"}  # i18n.t, cli.t, a command's say(...): one text
COUNT_CALLS = {"plural"}  # l10n.plural: a counted text


def literal_keys() -> list[tuple[str, str, str]]:
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in TEXT_CALLS | COUNT_CALLS and isinstance(node.args[0].value, str):
                found.append((name, node.args[0].value, f"{path.relative_to(ROOT)}:{node.lineno}"))
    return found


def test_every_literal_key_the_code_asks_for_is_a_message_of_its_kind():
    keys = literal_keys()
    assert len(keys) > 300  # the scan finds the call sites
    by_key = {m.key: m for m in MESSAGES}
    unknown = [(k, where) for _, k, where in keys if k not in by_key]
    assert unknown == []
    wrong_road = [(k, where) for name, k, where in keys
                  if (name in COUNT_CALLS) != (by_key[k].plural is not None)]
    assert wrong_road == []  # t() for a text, plural() for a counted one


# --- every count before a noun is a counted text -----------------------------------------------
NOUNS = ("client", "clients", "row", "rows", "problem", "problems", "file", "files", "draft", "drafts", "reminder", "reminders",
         "line", "lines", "day", "days", "point", "points", "time", "times", "character", "characters", "service", "services",
         "package", "packages", "value", "values", "column", "columns", "record", "records", "invoice", "invoices",
         "payment", "payments", "entries", "byte", "bytes", "name", "names", "more")
COUNT_BEFORE_NOUN = re.compile(r"\{(\w+)\}\s+(?:(?:added|updated|time)\s+)?(" + "|".join(NOUNS) + r")\b")
# the number before the word is not a count of it
NOT_A_COUNT = {
    "cli_out.draft_new": "{tone} is a word (friendly, formal): '{tone} draft'",
    "sure.method": "{samples} is robustness.SAMPLES (10 000), written with a space: always the 'other' form in both languages",
}
# counts of several things in one sentence: each needs its own counted phrase (left for later, listed in docs/language.md)
SEVERAL_COUNTS = {
    "import.undone", "ranking.value_points", "why.earned", "why.missed", "why.above", "why.below",
    "why.above_plain", "why.below_plain", "records.cli.imported", "error.packages.too_many", "error.mail.link_too_long", "error.import.undo_conflict_more",
    "error.import.too_many_values", "error.import.too_few_values", "cli_out.imported",
    "cli_out.would_import", "cli_out.undone", "records.ui.preview", "records.ui.done", "records.ui.measured_for",
    "records.ui.measured_note", "records.ui.cell_measured", "records.ui.cell_typed",
}


def test_every_text_that_puts_a_count_before_a_noun_is_a_counted_text():
    found = {m.key for m in MESSAGES if m.plural is None and COUNT_BEFORE_NOUN.search(m.text)}
    assert found - NOT_A_COUNT.keys() - SEVERAL_COUNTS == set(), "make these MP(...) entries with every plural form"
    assert (NOT_A_COUNT.keys() | SEVERAL_COUNTS) - found == set()  # an entry that no longer needs its exception loses it


def test_the_counted_texts_include_the_ones_that_were_wrong():
    counted = {m.key for m in MESSAGES if m.plural is not None}
    assert {"cli_out.exported", "ranking.matches", "cli_out.demo", "rate.summary", "drafts.mailto_short"} <= counted


# --- argparse's catalog ------------------------------------------------------------------------
# what only a programming mistake makes argparse say: not shown to a user, not translated
ARGPARSE_PROGRAMMER_ONLY = {
    ".__call__() not defined", "%r is not callable", "'required' is an invalid argument for positionals",
    "cannot have multiple subparser arguments", "cannot merge actions - two groups are named %r", "conflicting subparser: %s",
    "conflicting subparser alias: %s", "dest= is required for options like %r", "invalid conflict_resolution value: %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "mutually exclusive arguments must be optional", 'argument "-" with mode %r', "conflicting option string: %s",
}


def test_argparse_catalog_answers_every_sentence_this_pythons_argparse_can_show_a_user():
    import argparse

    asked = {m[1] if isinstance(m[1], str) else m[1][0]
             for m in extract_from_file("python", argparse.__file__, keywords={"_": None, "ngettext": (1, 2)})}
    held = {m.id if isinstance(m.id, str) else m.id[0] for m in read("ar", "argparse") if m.id}
    assert sorted(asked - ARGPARSE_PROGRAMMER_ONLY - held) == [], f"Python {sys.version_info[:2]}'s argparse says more"
    assert held & ARGPARSE_PROGRAMMER_ONLY == set()
