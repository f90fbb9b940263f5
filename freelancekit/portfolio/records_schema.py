"""The records tables (storage migration 3): time entries, invoices, payments, client mappings, criterion sources.

Names are the record's own spelling; ``client_key`` is ``match_key`` of it, what
matches a portfolio client. A fingerprint makes a row that is imported again
(the same file twice, or overlapping exports) recognisable, so it is not stored twice.
"""
from __future__ import annotations

import sqlite3

RECORDS_SCHEMA = """
CREATE TABLE record_time (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL, client TEXT NOT NULL, client_key TEXT NOT NULL,
    project TEXT NOT NULL, description TEXT NOT NULL, start TEXT NOT NULL, hours REAL NOT NULL,
    billable INTEGER NOT NULL, amount REAL, fingerprint INTEGER NOT NULL UNIQUE
);
CREATE TABLE record_invoices (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL, client TEXT NOT NULL, client_key TEXT NOT NULL,
    number TEXT NOT NULL, issued TEXT NOT NULL, due TEXT NOT NULL, amount REAL NOT NULL, reported_paid REAL,
    UNIQUE (client_key, number)
);
CREATE TABLE record_payments (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL,
    invoice_id INTEGER NOT NULL REFERENCES record_invoices(id) ON DELETE CASCADE,
    paid_on TEXT NOT NULL, amount REAL NOT NULL, reference TEXT NOT NULL, fingerprint INTEGER NOT NULL UNIQUE
);
CREATE INDEX record_payments_invoice ON record_payments (invoice_id);
CREATE TABLE record_client_map (
    name_key TEXT PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE
);
CREATE TABLE criterion_source (
    key TEXT PRIMARY KEY REFERENCES criteria(key) ON DELETE CASCADE,
    source TEXT NOT NULL CHECK (source IN ('rating', 'records'))
);
"""

# Migration 4: time entries as one column block per import (records/batches.py) instead of one row each:
# 100 000 rows cost several times the file's reading; a block is one write.
TIME_BLOCKS = """
DROP TABLE record_time;
CREATE TABLE record_time_blocks (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL, imported TEXT NOT NULL, entries INTEGER NOT NULL, data BLOB NOT NULL
);
"""

# Migration 7: how a file of no known format was read (records/mapping.py), and a file's date order when it
# could not tell: remembered per header, so the next export of the same report imports without asking again.
HEADER_MAPS = """
CREATE TABLE record_header_maps (
    header TEXT PRIMARY KEY, mapping TEXT NOT NULL, date_order TEXT CHECK (date_order IN ('dmy', 'mdy'))
);
"""

SELECT_SOURCES = "SELECT key, source FROM criterion_source"  # the saved switches (records.store reads them too)

RECORD_TABLES = ("record_payments", "record_invoices", "record_time_blocks", "record_client_map", "criterion_source",
                 "record_header_maps")


def has_records(conn: sqlite3.Connection) -> bool:
    """Whether the portfolio holds any time entry or invoice (cheap, imports nothing: the app asks at start)."""
    return conn.execute("SELECT EXISTS (SELECT 1 FROM record_time_blocks) OR EXISTS (SELECT 1 FROM record_invoices)").fetchone()[0] == 1


def saved_sources(conn: sqlite3.Connection) -> dict[str, str]:
    """criterion key -> "rating" or "records", as saved (a key not listed is "rating")."""
    return dict(conn.execute(SELECT_SOURCES).fetchall())
