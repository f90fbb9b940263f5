"""The portfolio file's format: its tables, the migrations between formats, and the checks on opening.

Kept apart from ``storage`` so the store is transactions plus queries: a new
format is one script here (``MIGRATIONS``) and a test in tests/support/old_formats.py.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from freelancekit.errors import EXIT_INPUT, StorageError
from freelancekit.portfolio.records_schema import HEADER_MAPS, RECORDS_SCHEMA, TIME_BLOCKS

SCHEMA_VERSION = 9
APPLICATION_ID = 0x464B4954  # "FKIT": marks the file as ours
SQLITE_MAGIC = b"SQLite format 3\x00"

_SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL, email TEXT NOT NULL, signature TEXT NOT NULL,
    currency TEXT NOT NULL, locale TEXT NOT NULL, services TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE criteria (
    key TEXT PRIMARY KEY, label TEXT NOT NULL, kind TEXT NOT NULL, direction TEXT NOT NULL,
    weight REAL NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL, builtin INTEGER NOT NULL,
    position INTEGER NOT NULL, revision INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE clients (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE,
    contact_name TEXT NOT NULL, email TEXT NOT NULL, industry TEXT NOT NULL,
    services TEXT NOT NULL, notes TEXT NOT NULL, last_win TEXT NOT NULL, start_date TEXT,
    vals TEXT NOT NULL, revision INTEGER NOT NULL DEFAULT 1, updated TEXT NOT NULL
);
CREATE TABLE drafts (
    client_id INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
    data TEXT NOT NULL, revision INTEGER NOT NULL DEFAULT 1, updated TEXT NOT NULL
);
CREATE TABLE templates (name TEXT PRIMARY KEY, body TEXT NOT NULL);
"""

# version 2: the profile's good/better/best packages (a JSON list, see model.Package)
_PACKAGES_V2 = "ALTER TABLE profile ADD COLUMN packages TEXT NOT NULL DEFAULT '[]'"

# version 5: when the last win happened, what the client is working on, the language of their drafts
_CLIENT_CONTEXT_V5 = """
ALTER TABLE clients ADD COLUMN last_win_date TEXT;
ALTER TABLE clients ADD COLUMN working_on TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN language TEXT NOT NULL DEFAULT ''
"""

# version 6: the digits the user reads numbers in when the app speaks Arabic (model.DIGITS)
_DIGITS_V6 = "ALTER TABLE profile ADD COLUMN digits TEXT NOT NULL DEFAULT 'latn'"

# version 8: the currency each client pays in, each invoice's own, and the rates the user typed (docs/currencies.md);
# the index lets a ranking ask which other currencies are used without reading every client (100 000: ~80 ms -> ~5 ms)
_CURRENCIES_V8 = """
ALTER TABLE clients ADD COLUMN currency TEXT NOT NULL DEFAULT '';
CREATE INDEX clients_currency ON clients (currency);
ALTER TABLE record_invoices ADD COLUMN currency TEXT NOT NULL DEFAULT '';
CREATE TABLE currency_rates (
    currency TEXT NOT NULL, day TEXT NOT NULL, rate REAL NOT NULL CHECK (rate > 0), quote TEXT NOT NULL,
    PRIMARY KEY (currency, day)
)
"""

# version 9: the contact's title, a code such as dr_f that carries the gender of a formal greeting (portfolio/titles.py)
_TITLE_V9 = "ALTER TABLE clients ADD COLUMN title TEXT NOT NULL DEFAULT ''"

MIGRATIONS: dict[int, str] = {  # version -> script that brings version-1 up to it
    1: _SCHEMA_V1,
    2: _PACKAGES_V2,
    3: RECORDS_SCHEMA,  # time entries, invoices, payments (docs/records.md)
    4: TIME_BLOCKS,  # time entries as one column block per import
    5: _CLIENT_CONTEXT_V5,  # last_win_date, working_on, language (docs/drafts.md)
    6: _DIGITS_V6,  # profile.digits (docs/language.md)
    7: HEADER_MAPS,  # a records file's column mapping and date order, per header (docs/records.md)
    8: _CURRENCIES_V8,  # clients.currency, record_invoices.currency, currency_rates (docs/currencies.md)
    9: _TITLE_V9,  # clients.title (docs/data.md)
}


def check_header(path: Path, head: bytes) -> None:
    """Refuse a file that is not SQLite before SQLite is asked to open it (its first bytes, ``SQLITE_MAGIC`` long)."""
    if not head:
        # we never leave a 0-byte portfolio behind (see Store._create_new), so this is someone else's file
        raise StorageError(code="storage.empty_file", exit_code=EXIT_INPUT, path=str(path))
    if head != SQLITE_MAGIC:
        raise StorageError(code="storage.not_sqlite", exit_code=EXIT_INPUT, path=str(path))


def check_version(c: sqlite3.Connection, path: Path) -> int:
    """The file's format version, once it is known to be a portfolio this program can read."""
    app_id = c.execute("PRAGMA application_id").fetchone()[0]
    version = c.execute("PRAGMA user_version").fetchone()[0]
    tables = c.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id != APPLICATION_ID and (tables or app_id):
        raise StorageError(code="storage.not_portfolio", exit_code=EXIT_INPUT, path=str(path))
    if version > SCHEMA_VERSION:
        raise StorageError(code="storage.too_new", path=str(path), version=version, supported=SCHEMA_VERSION)
    return int(version)


def migrate(c: sqlite3.Connection, seed: Callable[[sqlite3.Connection], None]) -> None:
    """Bring the file up to ``SCHEMA_VERSION`` in one transaction (``seed`` fills a new file's first format)."""
    c.execute("BEGIN IMMEDIATE")
    try:
        # re-read inside the lock: another process may have migrated meanwhile
        version = c.execute("PRAGMA user_version").fetchone()[0]
        for target in range(version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[target].split(";"):
                if statement.strip():
                    c.execute(statement)
            if target == 1:
                seed(c)
        c.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        c.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        c.execute("COMMIT")
    except BaseException:
        c.execute("ROLLBACK")
        raise
