"""The portfolio file alone holds every save once the app stops, and backups are complete copies.

SQLite keeps recent saves in the ``-wal`` side file until a checkpoint copies
them into the file itself; a user who copies only ``portfolio.sqlite`` by hand
after stopping the app must get their latest work (see docs/portfolio-file.md).
"""
from __future__ import annotations

import gc
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from freelancekit.cli import serve
from freelancekit.portfolio.demo import demo_portfolio
from freelancekit.portfolio.storage import Store


def copy_file_alone(db: Path, folder: Path) -> Path:
    """What a user does by hand: copy the portfolio file, not its -wal/-shm side files."""
    folder.mkdir(exist_ok=True)
    return Path(shutil.copy2(db, folder / db.name))


def client_names(db: Path) -> set[str]:
    # immutable: read the file exactly as it is, never a side file beside it
    con = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)
    try:
        return {n for (n,) in con.execute("SELECT name FROM clients")}
    finally:
        con.close()


def wal_size(db: Path) -> int:
    wal = db.with_name(db.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "portfolio.sqlite"
    with Store(path) as s:
        s.replace_all(demo_portfolio())
    return path


def test_closing_the_store_leaves_every_save_in_the_file_itself(db, tmp_path):
    store = Store(db)
    store.add_client({"name": "Latest Client"})
    assert wal_size(db) > 0  # the save sits in the WAL while the store is open
    store.close()
    assert wal_size(db) == 0
    assert "Latest Client" in client_names(copy_file_alone(db, tmp_path / "copy"))


def test_a_store_dropped_without_close_is_folded_too(db, tmp_path):
    store = Store(db)
    store.add_client({"name": "Never Closed"})
    del store
    gc.collect()
    assert "Never Closed" in client_names(copy_file_alone(db, tmp_path / "copy"))


def test_checkpoint_while_another_store_is_open(db, tmp_path):
    """Two tabs: one saves, the file alone has it after a checkpoint, though the other is still open."""
    other = Store(db)
    with Store(db) as store:
        store.add_client({"name": "From Tab One"})
        assert store.checkpoint() is True
        assert "From Tab One" in client_names(copy_file_alone(db, tmp_path / "copy"))
    other.close()


def test_close_twice_and_read_only_close_are_harmless(db):
    store = Store(db)
    store.close()
    store.close()
    ro = Store(db, read_only=True)
    assert ro.checkpoint() is False  # it never writes, not even a checkpoint
    ro.close()


def test_serve_folds_what_a_killed_kernel_left_in_the_wal(db, tmp_path):
    """A kernel killed before it could close its store leaves its saves in the WAL; serve folds them on exit."""
    script = textwrap.dedent(f"""
        import os
        from freelancekit.portfolio.storage import Store
        s = Store({str(db)!r})
        s.add_client({{"name": "Killed Kernel Client"}})
        os._exit(0)  # no close, no atexit, no finalizers: as a SIGKILL
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    assert wal_size(db) > 0
    assert "Killed Kernel Client" not in client_names(copy_file_alone(db, tmp_path / "before"))  # the bug
    serve.fold_wal(db)
    assert wal_size(db) == 0
    assert "Killed Kernel Client" in client_names(copy_file_alone(db, tmp_path / "after"))


def test_fold_wal_of_a_missing_or_bad_file_is_quiet(tmp_path):
    serve.fold_wal(tmp_path / "nothing.sqlite")
    assert not (tmp_path / "nothing.sqlite").exists()  # never creates one
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database")
    serve.fold_wal(bad)
    assert bad.read_bytes() == b"not a database"


def test_backup_bytes_is_a_complete_self_contained_copy(db, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    with Store(db) as store:
        store.add_client({"name": "Just Saved"})
        data = store.backup_bytes()
        expected = store.portfolio()
    copy = tmp_path / "download.sqlite"
    copy.write_bytes(data)
    assert "Just Saved" in client_names(copy)
    with Store(copy, create=False) as restored:
        assert restored.portfolio() == expected
    assert not list((tmp_path / "tmp").iterdir())  # the temporary copy is gone
