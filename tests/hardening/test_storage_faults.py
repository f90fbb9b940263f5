"""The portfolio file under faults.

Two programs saving at once, a write lock held beyond the busy timeout, a full
disk, a read-only file, a wrong file at the path, backups taken while another
program writes. Each fault gives one clear message and never changes, empties
or replaces the user's file (checked byte for byte).
"""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from portfolio_state import file_bytes_hash, integrity, make_portfolio, snapshot

from freelancekit import cli
from freelancekit.drafts.store import DraftsPart
from freelancekit.errors import PortfolioBusy, StorageError
from freelancekit.files.importer import import_clients
from freelancekit.portfolio import storage
from freelancekit.portfolio.schema import APPLICATION_ID, SCHEMA_VERSION
from freelancekit.portfolio.storage import Store

BUSY = "the portfolio is busy: another program is saving to it; try again in a moment"
FULL = "the disk is full: nothing was saved; free some space and try again"


def read_only_message(path: Path) -> str:
    return f"the portfolio file {path} is read-only: nothing was saved; make it writable"


# every kind of save the app and the CLI make
SAVES = {
    "add_client": lambda s: s.add_client({"name": "New Co", "ease": "4"}),
    "update_client": lambda s: s.update_client(s.clients()[0].id, {"name": "Renamed"}),
    "delete_client": lambda s: s.delete_client(s.clients()[0].id),
    "save_profile": lambda s: s.save_profile({"name": "Someone Else"}),
    "set_weights": lambda s: s.set_weights({"ease": 3}),
    "add_criterion": lambda s: s.add_criterion({"label": "Referrals"}),
    "import": lambda s: import_clients(s, b"name,ease\nImported Co,5\n"),
    "save_draft": lambda s: DraftsPart(s).save(s.clients()[0].id, {"subject": "Hello"}),
    "start_empty": lambda s: s.start_empty(),
}


@pytest.fixture()
def db(tmp_path):
    return make_portfolio(tmp_path / "portfolio.sqlite")


class HeldWriteLock:
    """Another program in the middle of a save: holds SQLite's write lock until released."""

    def __init__(self, path: Path):
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.conn.execute("ROLLBACK")
        self.conn.close()


# -- two writers -------------------------------------------------------------------
@pytest.mark.parametrize("save", list(SAVES))
def test_lock_held_beyond_the_busy_timeout_gives_portfolio_busy(db, save):
    before = snapshot(db)
    with Store(db, busy_timeout_ms=50) as store:
        lock = HeldWriteLock(db)
        try:
            started = time.monotonic()
            with pytest.raises(PortfolioBusy) as exc:
                SAVES[save](store)
            assert time.monotonic() - started < 5
        finally:
            lock.release()
        assert str(exc.value) == BUSY
        assert snapshot(db) == before  # nothing half-saved
        SAVES[save](store)  # retrying works once the other save is done
        assert store.data_version() == before[1] + 1


def test_a_save_waits_for_a_short_lock_and_succeeds(db):
    with Store(db, busy_timeout_ms=5_000) as store:
        lock = HeldWriteLock(db)
        timer = threading.Timer(0.3, lock.release)
        timer.start()
        try:
            store.add_client({"name": "Patient Co"})
        finally:
            timer.join()
        assert store.client_by_name("Patient Co").name == "Patient Co"


def test_cli_import_against_a_held_lock_says_busy_and_imports_nothing(db, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(storage, "BUSY_TIMEOUT_MS", 50)
    csv_file = tmp_path / "clients.csv"
    csv_file.write_text("name,ease\nImported Co,5\n", encoding="utf-8")
    before = snapshot(db)
    lock = HeldWriteLock(db)
    try:
        assert cli.main(["import", str(csv_file), "--db", str(db)]) == 75  # busy: try again (docs/errors.md)
    finally:
        lock.release()
    assert capsys.readouterr().err == f"freelancekit import: {BUSY}\n"
    assert snapshot(db) == before


APP_SAVE_PAUSE = 0.01  # seconds between the app's saves in the test below


def test_cli_import_and_app_saves_at_the_same_time_both_succeed(db, tmp_path):
    rows = "".join(f"Bulk {i},{40 + i % 50},{1 + i % 5}\n" for i in range(3000))
    csv_file = tmp_path / "bulk.csv"
    csv_file.write_text("name,hourly_rate,ease\n" + rows, encoding="utf-8")
    before = snapshot(db)[0]
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from freelancekit.cli import main; sys.exit(main())",
                             "import", str(csv_file), "--db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    saved, busy = [], []
    with Store(db) as app:
        deadline = time.monotonic() + 30
        while proc.poll() is None and time.monotonic() < deadline or len(saved) < 5:
            try:
                app.add_client({"name": f"App {len(saved)}", "ease": "3"})
                saved.append(len(saved))
            except PortfolioBusy as exc:  # allowed, and must be the retryable message
                assert str(exc) == BUSY
                busy.append(exc)
            # a person saves far less often than every 10 ms; saving back to back with no pause at all would
            # free SQLite's lock only between COMMIT and the next BEGIN, and the import (whose busy handler
            # polls with sleeps) could then wait past its busy timeout: a starved writer, not a lost save
            time.sleep(APP_SAVE_PAUSE)
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (0, "")
    assert out.startswith("Imported bulk.csv: 3,000 added, 0 updated")
    names = {c.name for c in snapshot(db)[0].clients}
    assert names == {c.name for c in before.clients} | {f"Bulk {i}" for i in range(3000)} | {f"App {i}" for i in saved}
    assert integrity(db) == "ok"


# -- disk full ------------------------------------------------------------------------
@pytest.mark.parametrize("save", ["add_client", "import", "save_profile", "save_draft"])
def test_disk_full_refuses_the_save_and_keeps_the_portfolio(db, save):
    before = snapshot(db)
    with Store(db) as store:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")  # no room for one more page
        big = "x" * 9_000
        store.conn.execute("PRAGMA cache_size = 1")
        op = {
            "add_client": lambda: store.add_client({"name": "Big Co", "notes": big}),
            "import": lambda: import_clients(store, ("name,notes\n" + "".join(f"Big {i},{big}\n" for i in range(20))).encode()),
            "save_profile": lambda: store.save_profile({"name": "Lina", "signature": big[:2000],
                                                        "services": [{"name": f"s{i}", "value": "v" * 300} for i in range(30)]}),
            "save_draft": lambda: DraftsPart(store).save(store.clients()[0].id, {"body": big * 3}),
        }[save]
        try:
            op()
        except StorageError as exc:
            assert str(exc) == FULL
        else:
            pytest.fail("the save fitted in the file: the simulated disk is not full enough")
        assert snapshot(db) == before
        store.conn.execute("PRAGMA max_page_count = 1073741823")  # space freed: saving works again
        store.add_client({"name": "After Cleanup"})
    assert integrity(db) == "ok"


# -- read-only file ----------------------------------------------------------------------
@pytest.mark.parametrize("save", list(SAVES))
def test_read_only_portfolio_can_be_read_but_refuses_every_save(db, save):
    before_bytes = file_bytes_hash(db)
    with Store(db, read_only=True) as store:
        assert store.read_only
        shown = store.portfolio()
        with pytest.raises(StorageError) as exc:
            SAVES[save](store)
        assert str(exc.value) == read_only_message(db)
        assert store.portfolio() == shown
    assert file_bytes_hash(db) == before_bytes


def test_a_file_the_user_may_not_write_opens_read_only_by_itself(db, monkeypatch):
    real_access = os.access
    monkeypatch.setattr(storage.os, "access", lambda p, mode: False if Path(p) == db and mode == os.W_OK else real_access(p, mode))
    before = file_bytes_hash(db)
    with Store(db) as store:
        assert store.read_only and store.client_count() == 5
        with pytest.raises(StorageError) as exc:
            store.add_client({"name": "X"})
    assert str(exc.value) == read_only_message(db)
    assert file_bytes_hash(db) == before


REAL_READ_ONLY = """
import sys
from freelancekit.portfolio.storage import Store
from freelancekit.errors import FreelancekitError
with Store(sys.argv[1]) as s:
    print(s.read_only, s.client_count())
    try:
        s.add_client({"name": "X"})
    except FreelancekitError as e:
        print(e)
"""


def _as_an_ordinary_user() -> dict[str, int]:
    """subprocess.run's ``user=``: 'nobody' when we are root (chmod does not stop root), else ourselves.

    Skips, saying why, where root cannot become 'nobody' and run freelancekit as it
    (no such user, no right to switch users, or a Python or checkout 'nobody' cannot read).
    """
    if os.geteuid() != 0:
        return {}
    import pwd

    try:
        uid = pwd.getpwnam("nobody").pw_uid
    except KeyError:
        pytest.skip("running as root and there is no 'nobody' user to run the check as")
    try:
        probe = subprocess.run([sys.executable, "-c", "import freelancekit.portfolio.storage"], capture_output=True, text=True,
                               timeout=60, user=uid)
    except OSError as exc:
        pytest.skip(f"running as root but cannot switch to the 'nobody' user: {exc}")
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or ["no message"])[-1]
        pytest.skip(f"the 'nobody' user cannot run this Python with freelancekit: {last}")
    return {"user": uid}


@pytest.mark.parametrize("folder_mode", [0o755, 0o1777], ids=["read-only-folder", "writable-folder"])
def test_a_really_read_only_file_as_an_ordinary_user(folder_mode):
    """chmod does not stop root, so as root the check runs as the 'nobody' user."""
    user = _as_an_ordinary_user()
    folder = Path(tempfile.mkdtemp(prefix="fk-ro-"))
    try:
        folder.chmod(folder_mode)
        db = make_portfolio(folder / "portfolio.sqlite")
        db.chmod(0o444)
        before = file_bytes_hash(db)
        run = subprocess.run([sys.executable, "-c", REAL_READ_ONLY, str(db)], capture_output=True, text=True, timeout=60, **user)
        assert (run.returncode, run.stderr) == (0, "")
        assert run.stdout == f"True 5\n{read_only_message(db)}\n"
        assert file_bytes_hash(db) == before
    finally:
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


# -- the wrong file at the path ---------------------------------------------------------
def _sqlite_file(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for s in statements:
        conn.execute(s)
    conn.commit()
    conn.close()


def _corrupt(path: Path) -> None:
    make_portfolio(path, n=40)
    data = bytearray(path.read_bytes())
    data[4096:] = bytes(len(data) - 4096)  # every page after the first zeroed
    path.write_bytes(bytes(data))


def not_sqlite(p: Path) -> str:
    return f"{p} is not a freelancekit portfolio (it is not a SQLite database); nothing was changed"


def foreign(p: Path) -> str:
    return f"{p} is a SQLite database but not a freelancekit portfolio; nothing was changed"


# what the command line adds to the core's sentence, and its exit code (docs/errors.md)
CHOOSE_ANOTHER = ("; choose another file with --db", 2)
CLI_ADVICE = {"zero-bytes": ("; delete it or choose another file with --db", 2), "text-file": CHOOSE_ANOTHER,
              "random-bytes": CHOOSE_ANOTHER, "truncated-header": CHOOSE_ANOTHER, "other-app-sqlite": CHOOSE_ANOTHER,
              "other-app-id-no-tables": CHOOSE_ANOTHER, "newer-version": ("", 1), "corrupt-pages": ("; or choose another file with --db", 1)}


WRONG_FILES = {
    "zero-bytes": (lambda p: p.write_bytes(b""),
                   lambda p: f"{p} is an empty file (0 bytes), not a freelancekit portfolio; nothing was changed"),
    "text-file": (lambda p: p.write_text("name,email\nAcme,a@example.com\n"), not_sqlite),
    "random-bytes": (lambda p: p.write_bytes(os.urandom(8192)), not_sqlite),
    "truncated-header": (lambda p: p.write_bytes(b"SQLite format"), not_sqlite),
    "other-app-sqlite": (lambda p: _sqlite_file(p, "CREATE TABLE songs (title TEXT)", "INSERT INTO songs VALUES ('x')"), foreign),
    "other-app-id-no-tables": (lambda p: _sqlite_file(p, "PRAGMA application_id = 1234"), foreign),
    "newer-version": (lambda p: _sqlite_file(p, f"PRAGMA application_id = {APPLICATION_ID}", f"PRAGMA user_version = {SCHEMA_VERSION + 1}",
                                             "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
                      lambda p: f"{p} was saved by a newer freelancekit (format {SCHEMA_VERSION + 1}, this one reads up to {SCHEMA_VERSION}); "
                                "nothing was changed. Upgrade freelancekit to open it"),
    "corrupt-pages": (_corrupt, lambda p: f"{p} is damaged or not a freelancekit portfolio; nothing was changed. Restore a backup"),
}


@pytest.mark.parametrize("kind", list(WRONG_FILES))
def test_wrong_file_at_the_path_is_never_replaced(tmp_path, kind, capsys):
    make, message = WRONG_FILES[kind]
    path = tmp_path / "portfolio.sqlite"
    make(path)
    before = file_bytes_hash(path)
    expected = message(path)
    for create in (True, False):
        with pytest.raises(StorageError) as exc:
            Store(path, create=create).client_count()
        assert str(exc.value) == expected
    csv_file = tmp_path / "clients.csv"
    csv_file.write_text("name\nAcme\n", encoding="utf-8")
    for argv in (["import", str(csv_file)], ["rank"], ["export", str(tmp_path / "out.csv")], ["backup", str(tmp_path / "copy.sqlite")], ["demo", "--force"]):
        advice, exit_code = CLI_ADVICE[kind]
        assert cli.main([*argv, "--db", str(path)]) == exit_code
        assert capsys.readouterr().err == f"freelancekit {argv[0]}: {expected}{advice}\n"
    assert file_bytes_hash(path) == before
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "copy.sqlite").exists()


def test_a_folder_at_the_path(tmp_path):
    with pytest.raises(StorageError) as exc:
        Store(tmp_path)
    assert str(exc.value) == f"{tmp_path} is a folder, not a portfolio file: give a file name such as portfolio.sqlite"


def test_creating_a_portfolio_is_atomic_and_shared_by_concurrent_openers(tmp_path):
    path = tmp_path / "new" / "portfolio.sqlite"
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def open_and_add(i: int) -> None:
        try:
            barrier.wait()
            with Store(path) as s:
                s.add_client({"name": f"Opener {i}"})
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_and_add, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    with Store(path) as s:
        assert sorted(c.name for c in s.clients()) == [f"Opener {i}" for i in range(4)]
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(("-wal", "-shm"))) == ["portfolio.sqlite"]


# -- backups ------------------------------------------------------------------------------
def test_backup_is_consistent_while_another_program_writes(db, tmp_path):
    base_version = snapshot(db)[1]
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:
        with Store(db) as other:
            while not stop.is_set():
                other.add_client({"name": f"Writer {len(written)}", "notes": "n" * 2000})
                written.append(1)

    thread = threading.Thread(target=writer)
    thread.start()
    copies = []
    try:
        with Store(db) as store:
            while len(copies) < 5:
                if len(written) > 3 * len(copies):
                    copies.append(store.backup(tmp_path / f"copy-{len(copies)}.sqlite"))
                time.sleep(0.01)
    finally:
        stop.set()
        thread.join(30)
    counts = []
    for copy in copies:
        assert integrity(copy) == "ok"
        portfolio, version = snapshot(copy)
        writers = sorted(int(c.name.split()[1]) for c in portfolio.clients if c.name.startswith("Writer"))
        assert writers == list(range(len(writers)))  # a prefix of the saves, never a gap or a half-save
        assert version == base_version + len(writers)
        counts.append(len(writers))
    assert counts == sorted(counts) and counts[-1] > counts[0]


def test_backup_refuses_to_overwrite(db, tmp_path, capsys):
    existing = tmp_path / "copy.sqlite"
    existing.write_bytes(b"last month's backup")
    with Store(db) as store, pytest.raises(StorageError) as exc:
        store.backup(existing)
    assert str(exc.value) == f"{existing} already exists: choose a new file name for the backup"
    assert cli.main(["backup", str(existing), "--db", str(db)]) == 2
    assert capsys.readouterr().err == f"freelancekit backup: {existing} already exists: choose a new file name for the backup\n"
    assert existing.read_bytes() == b"last month's backup"
    with Store(db) as store, pytest.raises(StorageError) as exc:
        store.backup(db)  # onto the portfolio itself
    assert str(exc.value) == f"{db} already exists: choose a new file name for the backup"


def test_auto_backup_keeps_only_the_newest_few(db):
    with Store(db) as store:
        made = []
        for i in range(7):
            store.add_client({"name": f"Step {i}"})
            made.append(store.auto_backup(keep=3))
    folder = db.with_name(db.name + ".backups")
    kept = sorted(folder.iterdir())
    assert kept == made[-3:]
    for i, copy in zip(range(4, 7), kept):
        assert integrity(copy) == "ok"
        assert {c.name for c in snapshot(copy)[0].clients if c.name.startswith("Step")} == {f"Step {j}" for j in range(i + 1)}
