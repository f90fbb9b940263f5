"""What "the portfolio is unchanged" means in the hardening tests, in one place."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

from freelancekit.portfolio.model import make_client
from freelancekit.portfolio.storage import Store


def file_bytes_hash(path: Path) -> str:
    """The portfolio file's bytes (after a checkpoint, so the WAL holds nothing)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def snapshot(path: Path) -> tuple[Any, int]:
    """Everything a user could see, plus the change counter, read by a fresh connection."""
    with Store(path, create=False) as store:
        return store.portfolio(), store.data_version()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def checkpoint(path: Path) -> None:
    """Fold the WAL into the main file so its bytes are the whole portfolio."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def make_portfolio(path: Path, n: int = 5) -> Path:
    """A small real portfolio with a profile and ``n`` rated clients, fully checkpointed."""
    with Store(path) as store:
        store.save_profile({"name": "Lina Haddad", "email": "lina@example.com", "currency": "USD"})
        crit = store.criteria()
        clients = [
            (i + 2, make_client({"name": f"Client {i}", "email": f"c{i}@example.com", "hourly_rate": str(40 + i),
                                 "ease": str(1 + i % 5), "notes": f"line one\nline two {i}"}, crit))
            for i in range(n)
        ]
        store.import_clients(clients)
    checkpoint(path)
    return path
