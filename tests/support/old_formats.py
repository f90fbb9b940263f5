"""A portfolio file wound back to an older format, to test that opening it migrates and keeps everything.

Each step undoes one migration of ``freelancekit.portfolio.schema.MIGRATIONS``; a new
migration adds its undo here (the test below fails until it does).
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from freelancekit.portfolio.records_schema import RECORD_TABLES, RECORDS_SCHEMA
from freelancekit.portfolio.schema import SCHEMA_VERSION

UNDO: dict[int, tuple[str, ...]] = {  # version -> statements that bring a file of that version to the one before
    9: ("ALTER TABLE clients DROP COLUMN title",),
    7: ("DROP TABLE record_header_maps",),
    8: ("DROP TABLE currency_rates", "ALTER TABLE record_invoices DROP COLUMN currency", "DROP INDEX clients_currency",
        "ALTER TABLE clients DROP COLUMN currency"),
    6: ("ALTER TABLE profile DROP COLUMN digits",),
    5: tuple(f"ALTER TABLE clients DROP COLUMN {col}" for col in ("last_win_date", "working_on", "language")),
    4: ("DROP TABLE record_time_blocks", RECORDS_SCHEMA.split(";")[0]),  # time entries one row each again
    3: tuple(f"DROP TABLE IF EXISTS {table}" for table in ("record_time", *RECORD_TABLES)),
}


def wind_back(path: Path, version: int) -> None:
    """Make the saved portfolio at ``path`` a file of format ``version`` (>= 2), as an older freelancekit left it."""
    con = sqlite3.connect(path)
    try:
        for step in range(SCHEMA_VERSION, version, -1):
            for statement in UNDO[step]:
                con.execute(statement)
        con.execute(f"PRAGMA user_version = {version}")
        con.commit()
    finally:
        con.close()
