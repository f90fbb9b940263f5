"""Extract the messages from the code and keep the gettext catalogs in step: ``python scripts/catalogs.py --write``.

The same as ``pybabel extract -F babel.cfg --no-default-keywords -k M:1c,2 -k MP:1c,2,3 --no-location``
then ``pybabel update --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date``,
written one canonical way (no source locations, Babel's 76-column wrapping), so a
catalog that is up to date is rewritten byte for byte; ``tests/test_catalogs.py``
fails when one is not. New entries arrive with an empty msgstr for the translator.
"""
from __future__ import annotations

import argparse
import gettext
import io
import sys
from datetime import datetime, timezone
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "freelancekit"
LOCALE_DIR = PACKAGE / "language" / "locale"
DOMAIN = "freelancekit"
LANGUAGES = ("en", "ar")
KEYWORDS = {"M": ((1, "c"), 2), "MP": ((1, "c"), 2, 3)}  # -k M:1c,2 -k MP:1c,2,3
# fixed dates: a catalog is rewritten byte for byte when nothing in it changed
CREATED = datetime(2026, 12, 3, tzinfo=timezone.utc)
HOW = {DOMAIN: "msgctxt is the key the code asks for, msgid its English (language/messages.py).",
       "argparse": "msgid is argparse's own English (Python 3.11-3.13), asked for through gettext."}


def po_path(language: str, domain: str = DOMAIN) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def form_order(language: str) -> tuple[str, ...]:
    """The CLDR category of each ``msgstr[i]``: Babel's Plural-Forms expression read back through its CLDR rule."""
    nplurals, expression = get_plural(language)
    index = gettext.c2py(expression)
    rule = Locale.parse(language).plural_form
    order: dict[int, str] = {}
    for n in range(1000):
        order.setdefault(index(n), rule(n))
    return tuple(order[i] for i in range(nplurals))


def new_catalog(language: str, domain: str = DOMAIN) -> Catalog:
    return Catalog(locale=language, domain=domain, project="freelancekit", version="0.1",
                   header_comment=f"# {Locale.parse(language).english_name} messages of freelancekit ({domain}).\n"
                                  f"# Edit msgstr only; {HOW[domain]}\n#",
                   copyright_holder="the freelancekit authors", msgid_bugs_address="",
                   creation_date=CREATED, revision_date=CREATED, last_translator="freelancekit",
                   language_team=f"{Locale.parse(language).english_name}", fuzzy=False)


def to_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, no_location=True, ignore_obsolete=True, include_lineno=False)
    return out.getvalue()


def extracted() -> Catalog:
    """The template: every message of the code, in the order of the code (babel.cfg says where to look)."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    template = Catalog(domain=DOMAIN, project="freelancekit", creation_date=CREATED, fuzzy=False)
    for filename, _lineno, message, comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS):
        template.add(message, None, [(filename, 0)], auto_comments=comments, context=context)
    return template


def updated(language: str, template: Catalog | None = None) -> bytes:
    """What ``pybabel update`` makes of the language's catalog: new messages added empty, stale ones dropped."""
    path = po_path(language)
    if path.exists():
        with open(path, "rb") as f:
            catalog = read_po(f, locale=language, domain=DOMAIN)
    else:  # a new language (docs/language.md, "How to add a third language"): every entry empty for the translator
        catalog = new_catalog(language)
    catalog.update(template or extracted(), no_fuzzy_matching=True, update_creation_date=False)
    return to_bytes(catalog)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the catalogs (else only check them)")
    args = parser.parse_args(argv)
    template, stale = extracted(), []
    for language in LANGUAGES:
        text = updated(language, template)
        if text != po_path(language).read_bytes():
            stale.append(language)
            if args.write:
                po_path(language).parent.mkdir(parents=True, exist_ok=True)
                po_path(language).write_bytes(text)
    if stale and not args.write:
        print(f"stale catalogs: {', '.join(stale)}: run python scripts/catalogs.py --write", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
