"""A language's catalog, compiled from its ``.po`` once and kept in the user's cache.

Reading a ``.po`` with Babel costs about 60-100 ms (importing its reader 26-56 ms,
reading ar.po's 667 entries 29-44 ms; this machine, 3 runs), too much for the start
of every command; loading a compiled ``.mo`` with the standard library takes 2 ms.
So the first process after an edit compiles the ``.po`` (Babel, 10 ms more) into
``<cache>/freelancekit/catalogs/<domain>-<lang>-<hash of the .po>.mo`` and the
others read that; an edited ``.po`` has a new hash, so a stale ``.mo`` is never read.
Without a writable cache the catalog is compiled in memory each time.
"""
from __future__ import annotations

import gettext
import hashlib
import io
import os
from pathlib import Path

LOCALE_DIR = Path(__file__).with_name("locale")


def po_path(language: str, domain: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "freelancekit" / "catalogs"


def compile_po(po: bytes, language: str, domain: str) -> bytes:
    """The ``.mo`` of a ``.po``: translated, non-fuzzy entries only (an empty msgstr falls back to the English)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(po), locale=language, domain=domain)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def load(language: str, domain: str) -> gettext.NullTranslations:
    """The language's catalog of ``domain``; no catalog means the English of the code."""
    try:
        po = po_path(language, domain).read_bytes()
    except FileNotFoundError:
        return gettext.NullTranslations()
    cached = cache_dir() / f"{domain}-{language}-{hashlib.sha256(po).hexdigest()[:24]}.mo"
    try:
        with open(cached, "rb") as f:
            return gettext.GNUTranslations(f)
    except OSError:  # not compiled yet (or unreadable): compile it below
        pass
    mo = compile_po(po, language, domain)
    try:
        import tempfile  # only here: importing it costs 3-5 ms of every start

        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cached.parent, prefix=cached.name, suffix=".tmp", delete=False) as tmp:
            tmp.write(mo)
        os.replace(tmp.name, cached)  # whole or not at all: another process may be reading it
    except OSError:  # a read-only home: keep it in memory
        pass
    return gettext.GNUTranslations(io.BytesIO(mo))
