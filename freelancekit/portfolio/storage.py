"""The portfolio in one SQLite file.

Every user action is one ``BEGIN IMMEDIATE`` transaction, so a crash or a kill
leaves the file as it was before or after that action, never in between (WAL
journal, ``synchronous=FULL``). Every record carries a revision counter: a save
that names an out-of-date revision is refused with ``StaleEdit`` instead of
silently overwriting someone else's change (another tab, the CLI).
"""
from __future__ import annotations

import functools
import json
import os
import secrets
import sqlite3
import tempfile
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from freelancekit.errors import EXIT_INPUT, InvalidInput, NotFound, NothingToUndo, PortfolioBusy, Problem, StaleEdit, StorageError, UndoConflict
from freelancekit.language.wording import Phrase
from freelancekit.portfolio.client_columns import PARAM_COLUMNS, ClientColumns, client_params, each_distinct, param_rows
from freelancekit.portfolio.import_merge import Cleared, ClientChange, changes, merge
from freelancekit.portfolio.model import (
    Client,
    Criterion,
    Package,
    Portfolio,
    Profile,
    Service,
    builtin_criteria,
    make_client,
    make_criterion,
    make_profile,
    parse_value,
)
from freelancekit.portfolio.records_schema import HEADER_MAPS, RECORD_TABLES, RECORDS_SCHEMA, TIME_BLOCKS
from freelancekit.portfolio.validation import name_key, parse_weight

SCHEMA_VERSION = 7
APPLICATION_ID = 0x464B4954  # "FKIT": marks the file as ours
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5_000
IMPORT_CACHE_KIB = 64 * 1024  # SQLite page cache while importing (see Store._import_cache)
OnDuplicate = Literal["update", "skip", "error"]

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

MIGRATIONS: dict[int, str] = {  # version -> script that brings version-1 up to it
    1: _SCHEMA_V1,
    2: _PACKAGES_V2,
    3: RECORDS_SCHEMA,  # time entries, invoices, payments (docs/records.md)
    4: TIME_BLOCKS,  # time entries as one column block per import
    5: _CLIENT_CONTEXT_V5,  # last_win_date, working_on, language (docs/drafts.md)
    6: _DIGITS_V6,  # profile.digits (docs/language.md)
    7: HEADER_MAPS,  # a records file's column mapping and date order, per header (docs/records.md)
}

_CLIENT_COLS = "id, name, contact_name, email, industry, services, notes, last_win, start_date, vals, revision, last_win_date, working_on, language"

# Each statement that writes a client or the profile, named once, next to what builds its parameters:
# a client's parameters come from client_columns.param_rows (in PARAM_COLUMNS order), the profile's from _profile_params.
INSERT_CLIENT = f"INSERT INTO clients ({', '.join(PARAM_COLUMNS)}) VALUES ({', '.join('?' * len(PARAM_COLUMNS))})"
UPDATE_CLIENT = f"UPDATE clients SET {', '.join(c + '=?' for c in PARAM_COLUMNS)}, revision=revision+1 WHERE id=?"  # params + id
UPDATE_PROFILE = ("UPDATE profile SET name=?, email=?, signature=?, currency=?, locale=?, services=?, packages=?, digits=?,"
                  " revision=revision+1 WHERE id=1")
# whether a client or criterion is (still) saved, asked inside a write before saving something of theirs (here and by the store's parts)
CLIENT_EXISTS = "SELECT 1 FROM clients WHERE id = ?"  # client_id
CRITERION_EXISTS = "SELECT 1 FROM criteria WHERE key = ?"  # key


# What a save changes, counted per area in meta ("changed.<area>"), so a tab that did not save it can
# refresh only the views that show it (the app's wiring maps each area to its views).
Area = Literal["profile", "clients", "criteria", "weights", "records", "drafts", "all"]
AREAS: tuple[str, ...] = ("profile", "clients", "criteria", "weights", "records", "drafts", "all")
AREA_PREFIX = "changed."
BUMP_REVISION = "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'"
BUMP_AREA = "INSERT INTO meta VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
SELECT_CHANGE_COUNTS = "SELECT key, value FROM meta WHERE key = 'revision' OR key GLOB 'changed.*'"


def _profile_params(p: Profile) -> tuple[Any, ...]:
    """The parameters of ``UPDATE_PROFILE``."""
    services = json.dumps([asdict(s) for s in p.services], ensure_ascii=False)
    return (p.name, p.email, p.signature, p.currency, p.locale, services, _packages_json(p.packages), p.digits)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    unchanged: int = 0  # clients of the file already in the portfolio exactly as the file has them
    changes: list[ClientChange] = field(default_factory=list)  # a dry run's updated clients, old -> new
    encoding: str = "utf-8"  # how the file's text was read (encodings.NAMES)


@dataclass(frozen=True)
class ImportRecord:
    """What the last import did, as ``undo_import`` would undo it."""

    source: str
    at: str
    added: int
    updated: int


# What the last import did (``_import_record``'s data, as JSON), kept for ``undo_import`` (import_clients, last_import, undo_import and replace_all use it).
SAVE_LAST_IMPORT = "INSERT INTO meta VALUES ('last_import', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"  # JSON
SELECT_LAST_IMPORT = "SELECT value FROM meta WHERE key = 'last_import'"
DELETE_LAST_IMPORT = "DELETE FROM meta WHERE key = 'last_import'"


def _import_record(data: Mapping[str, Any]) -> ImportRecord:
    lo, hi = data["added"]
    return ImportRecord(data["source"], data["at"], max(hi - lo + 1, 0), len(data["replaced"]))


@functools.lru_cache(maxsize=1024)
def _services_from_json(text: str) -> tuple[str, ...]:
    """A stored services list; most clients share a few lists, and a tuple of str is safe to share."""
    return tuple(json.loads(text))


def _client_from_row(row: Sequence[Any]) -> Client:
    id_, name, contact, email, industry, services, notes, last_win, start, vals, rev, win_date, working_on, language = row
    return Client(
        name=name, contact_name=contact, email=email, industry=industry,
        services=_services_from_json(services), notes=notes, last_win=last_win,
        start_date=date.fromisoformat(start) if start else None,
        values=json.loads(vals), id=id_, revision=rev,
        last_win_date=date.fromisoformat(win_date) if win_date else None, working_on=working_on, language=language,
    )


def _packages_json(packages: Sequence[Package]) -> str:
    return json.dumps([{**asdict(p), "services": list(p.services)} for p in packages], ensure_ascii=False)


def _package_from_json(data: Mapping[str, Any]) -> Package:
    return Package(data["name"], tuple(data["services"]), data["price"], data.get("price_note", ""), data.get("separate_price"))


# Every stored column of a client, in table order: what undoing an import puts back.
# (the columns added by later formats come last, so an undo record written before them still reads)
_STORED_COLS = ("id, name, name_key, contact_name, email, industry, services, notes, last_win, start_date, vals, revision, updated,"
                " last_win_date, working_on, language")


def _stored_extras(row: Sequence[Any]) -> tuple[Any, ...]:
    """The later columns of a stored row (their empty values in a row saved before they existed)."""
    return tuple(row[13:16]) if len(row) >= 16 else (None, "", "")


def _stored_rows(c: sqlite3.Connection, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """The stored rows (``_STORED_COLS``) of the clients ``ids``, in that order, in one query."""
    rows = {r[0]: r for r in c.execute(
        f"SELECT {_STORED_COLS} FROM clients WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(list(ids)),))}
    return list(map(rows.__getitem__, ids))


def _old_columns(rows: Sequence[tuple[Any, ...]]) -> dict[str, list[Any]]:
    """The optional fields and values of stored rows (``_STORED_COLS``), as columns."""
    rows = [(*r[:13], *_stored_extras(r)) for r in rows]
    _id, _name, _key, contact, email, industry, services, notes, last_win, start, vals, _rev, _upd, win_date, working_on, language = (
        map(list, zip(*rows)) if rows else ([] for _ in range(16)))
    return {
        "contact_name": contact, "email": email, "industry": industry,
        "services": each_distinct(services, lambda t: tuple(json.loads(t))),
        "notes": notes, "last_win": last_win,
        "start_date": each_distinct(start, lambda t: date.fromisoformat(t) if t else None),
        "values": list(map(json.loads, vals)),
        "last_win_date": each_distinct(win_date, lambda t: date.fromisoformat(t) if t else None),
        "working_on": working_on, "language": language,
    }


def _stored_client(row: tuple[Any, ...]) -> Client:
    """A ``Client`` from a stored row (``_STORED_COLS``)."""
    return _client_from_row((*row[:2], *row[3:12], *_stored_extras(row)))


def _scales(criteria: Iterable[Criterion]) -> dict[str, tuple[str, int, int]]:
    return {c.key: (c.kind, c.lo, c.hi) for c in criteria}


def _check_criteria_unchanged(cols: ClientColumns, current: Sequence[Criterion]) -> None:
    """Refuse values checked against criteria that are no longer the portfolio's.

    A file is checked (parsed) before it is saved, and in between another tab or
    the command line may remove a criterion or change its scale: saving then would
    store values for a criterion that is gone, or on the wrong scale.
    """
    now = _scales(current)
    then = _scales(cols.criteria) if cols.criteria is not None else {k: now.get(k) for k in cols.values}
    if then == now or (cols.criteria is None and None not in then.values()):
        return
    removed = [k for k in then if k not in now]
    added = [k for k in now if k not in then] if cols.criteria is not None else []
    rescaled = [k for k in then if k in now and then[k] != now[k]]
    changes = [Phrase(f"import.criteria_{what}", {"keys": keys})
               for what, keys in (("removed", removed), ("added", added), ("rescaled", rescaled)) if keys]
    raise InvalidInput(Problem("criteria", code="import.criteria_changed", changes=changes))


def _checkpoint(conn: sqlite3.Connection) -> bool:
    """``PRAGMA wal_checkpoint(TRUNCATE)``: True when nothing is left in the WAL."""
    try:
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error:
        return False
    return busy == 0


def _fold_and_close(conn: sqlite3.Connection, read_only: bool) -> None:
    """Close a connection after folding its WAL into the file (a function of its own: ``weakref.finalize`` needs one)."""
    with suppress(sqlite3.Error):
        if not read_only and not conn.in_transaction:
            _checkpoint(conn)
    conn.close()


def _read_only(path: Path) -> StorageError:
    return StorageError(code="storage.read_only", path=str(path))


def _translate(exc: sqlite3.Error, path: Path) -> Exception:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return PortfolioBusy(code="storage.busy", path=str(path))
    if "readonly" in text or "read-only" in text:
        return _read_only(path)
    if "full" in text:
        return StorageError(code="storage.disk_full", path=str(path))
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StorageError(code="storage.damaged", path=str(path))
    return StorageError(code="storage.unusable", path=str(path), detail=str(exc))


class Store:
    """An open portfolio file. Reads return fresh dataclasses; writes validate first.

    ``read_only`` opens the file without ever writing to it (every save is then
    refused with a clear message); a file the user may not write is opened that
    way by itself. ``busy_timeout_ms`` is how long a save waits for another
    program's save before giving up with ``PortfolioBusy``.

    What is not clients, criteria or the profile lives in named parts, so the
    class does not grow with every feature; each part is a view of the store
    (it keeps nothing of its own) and saves through this store's one write path (``_write``, ``_read``), so its
    saves are transactions like any other and move ``data_version``:

    - ``drafts``: saved drafts and template overrides (``drafts_store.DraftsPart``);
    - ``records``: imported time entries, invoices and payments (``records.store.RecordsPart``),
      imported on first use because it needs pandas.
    """

    def __init__(self, path: str | Path, *, create: bool = True, read_only: bool = False,
                 busy_timeout_ms: int | None = None):
        self.path = Path(path)
        self.busy_timeout_ms = BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
        self._check_file(create)
        self.read_only = read_only or not os.access(self.path, os.W_OK)
        try:
            if self.read_only:
                uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
                self.conn = self._connect(uri, uri=True)
            else:
                self.conn = self._connect(self.path)
        except (sqlite3.Error, OSError) as exc:
            raise StorageError(code="storage.cannot_open", path=str(self.path), detail=str(getattr(exc, 'strerror', None) or exc)) from None
        try:
            self._start()
        except sqlite3.Error as exc:
            self.conn.close()
            wal = self.path.with_name(self.path.name + "-wal")
            if not (self.read_only and not wal.exists()):
                raise _translate(exc, self.path) from None
            # a read-only WAL portfolio in a folder we cannot write either: SQLite cannot
            # make its shared-memory file, but with no WAL left the file alone is complete
            try:
                self.conn = self._connect(f"file:{quote(str(self.path.resolve()))}?mode=ro&immutable=1", uri=True)
                self._start()
            except sqlite3.Error as exc2:
                self.conn.close()
                raise _translate(exc2, self.path) from None
        except BaseException:
            self.conn.close()
            raise
        # runs once: on close(), when the Store is collected, or at interpreter exit
        self._closer = weakref.finalize(self, _fold_and_close, self.conn, self.read_only)

    def _start(self) -> None:
        self.conn.execute("PRAGMA foreign_keys = ON")
        self._setup()

    def _connect(self, target: str | Path, uri: bool = False) -> sqlite3.Connection:
        conn = sqlite3.connect(target, timeout=self.busy_timeout_ms / 1000, isolation_level=None,
                               check_same_thread=False, uri=uri)
        conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
        return conn

    # -- opening -----------------------------------------------------------
    def _check_file(self, create: bool) -> None:
        if self.path.is_dir():
            raise StorageError(code="storage.is_folder", exit_code=EXIT_INPUT, path=str(self.path))
        if not self.path.exists():
            if not create:
                raise StorageError(code="storage.no_portfolio", exit_code=EXIT_INPUT, path=str(self.path))
            self._create_new()
            return
        try:
            with open(self.path, "rb") as fh:
                head = fh.read(len(SQLITE_MAGIC))
        except OSError as exc:
            raise StorageError(code="storage.cannot_read", path=str(self.path), detail=str(exc.strerror)) from None
        if not head:
            # we never leave a 0-byte portfolio behind (see _create_new), so this is someone else's file
            raise StorageError(code="storage.empty_file", exit_code=EXIT_INPUT, path=str(self.path))
        if head != SQLITE_MAGIC:
            raise StorageError(code="storage.not_sqlite", exit_code=EXIT_INPUT, path=str(self.path))

    def _create_new(self) -> None:
        """Build a new portfolio beside the path, then link it into place in one step.

        A kill during creation leaves at most a stray temporary file, never a
        half-made or 0-byte portfolio; if another program created the portfolio
        meanwhile, theirs is kept and opened.
        """
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}-{secrets.token_hex(4)}.new")
            conn = self._connect(tmp)
        except (sqlite3.Error, OSError) as exc:
            raise StorageError(code="storage.cannot_create", path=str(self.path), detail=str(getattr(exc, 'strerror', None) or exc)) from None
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            self.conn = conn
            self._migrate(0)
            conn.close()
            try:
                os.link(tmp, self.path)
            except FileExistsError:
                pass
            except OSError:  # a file system without hard links
                if not self.path.exists():
                    os.replace(tmp, self.path)
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None
        except OSError as exc:
            raise StorageError(code="storage.cannot_create", path=str(self.path), detail=str(exc.strerror or exc)) from None
        finally:
            conn.close()
            tmp.unlink(missing_ok=True)

    def _setup(self) -> None:
        c = self.conn
        app_id = c.execute("PRAGMA application_id").fetchone()[0]
        version = c.execute("PRAGMA user_version").fetchone()[0]
        tables = c.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != APPLICATION_ID and (tables or app_id):
            raise StorageError(code="storage.not_portfolio", exit_code=EXIT_INPUT, path=str(self.path))
        if version > SCHEMA_VERSION:
            raise StorageError(code="storage.too_new", path=str(self.path), version=version, supported=SCHEMA_VERSION)
        if self.read_only:
            if version < SCHEMA_VERSION:
                raise _read_only(self.path)
            return
        if c.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            c.execute("PRAGMA journal_mode = WAL")
        c.execute("PRAGMA synchronous = FULL")
        if version < SCHEMA_VERSION:
            self._migrate(version)

    def _migrate(self, version: int) -> None:
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            # re-read inside the lock: another process may have migrated meanwhile
            version = c.execute("PRAGMA user_version").fetchone()[0]
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[target].split(";"):
                    if statement.strip():
                        c.execute(statement)
                if target == 1:
                    self._seed(c)
            c.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            c.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def _seed(self, c: sqlite3.Connection) -> None:
        c.executemany("INSERT INTO meta VALUES (?, ?)", [("revision", "0"), ("is_demo", "0"), ("created", _now())])
        c.execute("INSERT INTO profile (id, name, email, signature, currency, locale, services) VALUES (1, '', '', '', 'USD', 'en', '[]')")
        self._insert_criteria(c, builtin_criteria())

    def checkpoint(self) -> bool:
        """Fold the WAL side file into the portfolio file; True when the file alone now holds everything.

        Committed saves live in ``<file>-wal`` until SQLite copies them into the
        file; a copy of the file alone taken before that misses them. A reader
        in the middle of a read (another tab) can keep the last pages in the WAL:
        then False, and the next checkpoint (or the last connection to close) finishes.
        """
        return False if self.read_only else _checkpoint(self.conn)

    def close(self) -> None:
        """Close the file with every committed save folded into it (``checkpoint``).

        The same happens when a Store is garbage-collected or the process exits
        normally (a kernel shut down by ``freelancekit serve``): see ``__init__``.
        """
        self._closer()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions (the one write path, the store's and its parts': drafts.store, records.store) ------
    @contextmanager
    def _write(self, area: Area = "all") -> Iterator[sqlite3.Connection]:
        """One user action: all of it is saved, or none of it (protected: for the store and its parts).

        ``area``: what the action changes (``change_counts``); "all" when it may be anything.
        """
        c = self.conn
        try:
            c.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None
        try:
            yield c
            c.execute(BUMP_REVISION)
            c.execute(BUMP_AREA, (AREA_PREFIX + area,))
            c.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise _translate(exc, self.path) from None
        except BaseException:
            self._rollback()
            raise

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """Several reads that see one consistent state (one read transaction), writing nothing."""
        c = self.conn
        try:
            c.execute("BEGIN")
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None
        try:
            yield c
        except sqlite3.Error as exc:
            self._rollback()
            raise _translate(exc, self.path) from None
        except BaseException:
            self._rollback()
            raise
        self._rollback()

    def _rollback(self) -> None:
        """Undo a failed action; a rollback that fails too (damaged file) must not hide the first error."""
        if self.conn.in_transaction:
            with suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Every row of one query, SQLite's errors translated (protected: for the store and its parts)."""
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None

    # -- reads ---------------------------------------------------------------
    def change_counts(self) -> dict[str, int]:
        """How many saves each area has had, and ``"revision"`` (all saves): in one read.

        A tab compares them with what it last saw to follow only what another
        tab or the CLI changed (an area never saved counts 0).
        """
        rows = self._read(SELECT_CHANGE_COUNTS)
        counts = {area: 0 for area in AREAS}
        counts.update((key.removeprefix(AREA_PREFIX), int(value)) for key, value in rows)
        return counts

    def data_version(self) -> int:
        """Grows with every saved change, whoever made it; cheap to poll."""
        return int(self._read("SELECT value FROM meta WHERE key = 'revision'")[0][0])

    def is_demo(self) -> bool:
        return self._read("SELECT value FROM meta WHERE key = 'is_demo'")[0][0] == "1"

    def profile(self) -> Profile:
        name, email, sig, cur, loc, services, rev, packages, digits = self._read(
            "SELECT name, email, signature, currency, locale, services, revision, packages, digits FROM profile WHERE id = 1")[0]
        return Profile(name, email, sig, cur, loc, tuple(Service(**s) for s in json.loads(services)), rev,
                       tuple(_package_from_json(p) for p in json.loads(packages)), digits)

    def criteria(self) -> tuple[Criterion, ...]:
        rows = self._read("SELECT key, label, kind, direction, weight, lo, hi, builtin, revision FROM criteria ORDER BY position, key")
        return tuple(Criterion(k, lbl, kind, d, w, lo, hi, bool(b), rev) for k, lbl, kind, d, w, lo, hi, b, rev in rows)

    def clients(self) -> tuple[Client, ...]:
        return tuple(_client_from_row(r) for r in self._read(f"SELECT {_CLIENT_COLS} FROM clients ORDER BY id"))

    def client(self, client_id: int) -> Client:
        rows = self._read(f"SELECT {_CLIENT_COLS} FROM clients WHERE id = ?", (client_id,))
        if not rows:
            raise NotFound(code="client.gone")
        return _client_from_row(rows[0])

    def client_by_name(self, name: str) -> Client:
        rows = self._read(f"SELECT {_CLIENT_COLS} FROM clients WHERE name_key = ?", (name_key(name),))
        if not rows:
            raise NotFound(code="client.no_such_name", name=name)
        return _client_from_row(rows[0])

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """Reads inside see one consistent state of the file (one read transaction)."""
        c = self.conn
        try:
            c.execute("BEGIN")
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None
        try:
            yield
        except BaseException:
            with suppress(sqlite3.Error):  # keep the first, already translated error
                c.execute("ROLLBACK")
            raise
        try:
            c.execute("COMMIT")
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None

    def portfolio(self) -> Portfolio:
        """A consistent snapshot of everything (one read transaction)."""
        with self._snapshot():
            return Portfolio(self.profile(), self.criteria(), self.clients(), self.is_demo())

    def scoring_rows(self) -> tuple[tuple[Criterion, ...], list[tuple[Any, ...]]]:
        """The criteria and, by client id, ``(id, name, value of each criterion or None)``: all a ranking needs.

        One snapshot, like ``portfolio()``, but SQLite reads the values out of
        each client's JSON itself: ranking 100 000 clients from the file takes
        a third of the time of building every ``Client`` first.
        """
        with self._snapshot():
            criteria = self.criteria()
            picks = "".join(", json_extract(vals, ?)" for _ in criteria)
            paths = [f'$."{c.key}"' for c in criteria]  # keys are slugs ([a-z0-9_]); quoted all the same
            rows = self._read(f"SELECT id, name{picks} FROM clients ORDER BY id", paths)
        return criteria, rows

    # -- profile -------------------------------------------------------------
    def save_profile(self, raw: Mapping[str, Any] | Profile, expected_revision: int | None = None) -> Profile:
        if isinstance(raw, Profile):
            raw = {**asdict(raw), "services": raw.services}
        p = make_profile(raw)
        with self._write("profile") as c:
            rev = c.execute("SELECT revision FROM profile WHERE id = 1").fetchone()[0]
            if expected_revision is not None and rev != expected_revision:
                raise StaleEdit(code="profile.stale")
            c.execute(UPDATE_PROFILE, _profile_params(p))
        return replace(p, revision=rev + 1)

    # -- clients -------------------------------------------------------------
    def _check_name_free(self, c: sqlite3.Connection, name: str, client_id: int | None) -> None:
        row = c.execute("SELECT id, name FROM clients WHERE name_key = ?", (name_key(name),)).fetchone()
        if row and row[0] != client_id:
            raise InvalidInput(Problem("name", code="client.name_taken", value=row[1]))

    def add_client(self, raw: Mapping[str, Any] | Client) -> Client:
        with self._write("clients") as c:
            client = self._validated(raw)  # inside the transaction: against the criteria it is saved under
            self._check_name_free(c, client.name, None)
            cur = c.execute(INSERT_CLIENT, client_params(client, _now()))
        return replace(client, id=cur.lastrowid, revision=1)

    def update_client(self, client_id: int, raw: Mapping[str, Any] | Client, expected_revision: int | None = None) -> Client:
        """Save an edit; ``expected_revision`` is the revision the user started from (None = overwrite)."""
        with self._write("clients") as c:
            client = self._validated(raw)  # inside the transaction: against the criteria it is saved under
            row = c.execute("SELECT revision FROM clients WHERE id = ?", (client_id,)).fetchone()
            if row is None:
                raise NotFound(code="client.deleted_elsewhere", name=client.name)
            if expected_revision is not None and row[0] != expected_revision:
                raise StaleEdit(code="client.stale", name=client.name)
            self._check_name_free(c, client.name, client_id)
            c.execute(UPDATE_CLIENT, (*client_params(client, _now()), client_id))
        return replace(client, id=client_id, revision=row[0] + 1)

    def set_value(self, client_id: int, key: str, value: Any) -> Client:
        """Save one client's value on one criterion (the "rate everyone" grid), leaving every other field as saved.

        Checked against the criterion as it is inside the transaction (another
        tab may have changed its scale or removed it); ``None``/"" clears it.
        """
        with self._write("clients") as c:
            crit = next((k for k in self.criteria() if k.key == key), None)
            if crit is None:
                raise NotFound(code="criterion.gone", key=key)
            if not c.execute(CLIENT_EXISTS, (client_id,)).fetchone():
                raise NotFound(code="client.gone")
            parsed = parse_value(crit, value)
            c.execute("UPDATE clients SET vals = json_set(vals, ?, ?), updated = ?, revision = revision + 1 WHERE id = ?",
                      (f"$.{key}", parsed, _now(), client_id))
        return self.client(client_id)

    def delete_client(self, client_id: int, expected_revision: int | None = None) -> None:
        with self._write("clients") as c:
            row = c.execute("SELECT revision, name FROM clients WHERE id = ?", (client_id,)).fetchone()
            if row is None:
                raise NotFound(code="client.already_deleted")
            if expected_revision is not None and row[0] != expected_revision:
                raise StaleEdit(code="client.stale_delete", name=row[1])
            c.execute("DELETE FROM clients WHERE id = ?", (client_id,))

    def _validated(self, raw: Mapping[str, Any] | Client) -> Client:
        return make_client(raw, self.criteria())  # a Client is checked field by field, not copied into a dict

    def import_clients(
        self,
        clients: Sequence[tuple[int, Client]] | ClientColumns,
        on_duplicate: OnDuplicate = "update",
        *,
        columns: Iterable[str] | None = None,
        skip_invalid: bool = False,
        cleared: Cleared | None = None,
        dry_run: bool = False,
        source: str = "",
    ) -> ImportResult:
        """Add or update already-validated clients (with their source row numbers) in one transaction.

        ``clients`` are (row, client) pairs, or ``ClientColumns`` (what the importer
        makes: no ``Client`` per row). ``columns`` are the file's columns: an updated
        client is *merged* (``import_merge``): what the file has no column for, and
        every empty cell, keeps the saved value; ``cleared`` names the cells that held
        the clear marker. An update that changes nothing is counted ``unchanged`` and
        not written. With ``skip_invalid``, names refused by ``on_duplicate="error"``
        are reported, not fatal. ``dry_run`` saves nothing and lists, per updated
        client, what would change (the app's preview). A real import records what it
        replaced, so ``undo_import`` can put it back (``source`` names the file).
        """
        result = ImportResult()
        listed = set(columns) if columns is not None else None
        cleared = cleared or {}
        now = _now()
        batches = [clients] if isinstance(clients, ClientColumns) else ClientColumns.runs(clients)
        with self._import_cache(), (self._reading() if dry_run else self._write("clients")) as c:
            current = self.criteria()  # inside the transaction: what the values will be saved under
            for batch in batches:
                _check_criteria_unchanged(batch, current)
            existing = dict(c.execute("SELECT name_key, id FROM clients"))
            inserts: list[tuple[Any, ...]] = []
            updates: list[tuple[Any, ...]] = []
            replaced: list[tuple[Any, ...]] = []  # the stored rows the updates overwrite (for undo)
            for batch in batches:
                batch = replace(batch, name_keys=batch.keys())
                keys = batch.keys()
                ids = list(map(existing.get, keys))
                if ids.count(None) == len(ids):  # all new (a first import): nothing to look at one by one
                    inserts += param_rows(batch, now) if not dry_run else [()] * len(batch)  # a preview only counts them
                    continue
                new = [i for i, found in enumerate(ids) if found is None]
                dup = [i for i, found in enumerate(ids) if found is not None]
                if on_duplicate == "update":
                    stored = _stored_rows(c, [found for found in ids if found is not None])  # the ids of dup, in order
                    updated = batch.take(dup)
                    if listed is not None:
                        updated = merge(updated, _old_columns(stored), listed, cleared)
                    for i, (params, row) in enumerate(zip(param_rows(updated, now), stored)):
                        same = params[:10] == row[1:11] and params[11:] == _stored_extras(row)  # all but "updated", in both
                        if dry_run:
                            what = () if same else changes(_stored_client(row), updated.client(i), list(updated.values))
                            result.changes.append(ClientChange(updated.rows[i], row[1], what))  # the name as saved
                        if same:
                            result.unchanged += 1
                        else:
                            updates.append((*params, row[0]))
                            replaced.append(row)
                elif on_duplicate == "skip":
                    result.skipped += len(dup)
                else:
                    result.problems += [Problem("name", row=batch.rows[i], code="import.name_exists", value=batch.name[i])
                                        for i in dup]
                inserts += param_rows(batch.take(new), now) if not dry_run else [()] * len(new)
            if result.problems and not skip_invalid:
                raise InvalidInput(result.problems)
            result.added, result.updated = len(inserts), len(updates)
            if dry_run:
                return result
            first_new = c.execute("SELECT coalesce(max(id), 0) + 1 FROM clients").fetchone()[0]
            c.executemany(INSERT_CLIENT, inserts)
            c.executemany(UPDATE_CLIENT, updates)
            # the new clients took the ids first_new ... first_new + added - 1 (max + 1 each, one writer)
            record = {"source": source, "at": now, "added": [first_new, first_new + len(inserts) - 1],
                      "added_keys": [p[1] for p in inserts], "replaced": replaced}
            c.execute(SAVE_LAST_IMPORT, (json.dumps(record, ensure_ascii=False),))
        return result

    def last_import(self) -> ImportRecord | None:
        """The import that ``undo_import`` would undo, if any."""
        rows = self._read(SELECT_LAST_IMPORT)
        return _import_record(json.loads(rows[0][0])) if rows else None

    def undo_import(self) -> ImportRecord:
        """Put the portfolio back exactly as it was before the last import (docs/data.md, "Undo an import").

        All or nothing: refused (``UndoConflict``, naming the clients) when a client the
        import added or updated was changed, deleted or given a draft since, because
        undoing would lose that work. The clients it updated get their stored rows back
        (with a new revision, so an editor opened on the imported version sees the change).
        """
        with self._write("all") as c:
            row = c.execute(SELECT_LAST_IMPORT).fetchone()
            if row is None:
                raise NothingToUndo(code="import.nothing_to_undo")
            data = json.loads(row[0])
            record = _import_record(data)
            lo, hi = data["added"]
            replaced = data["replaced"]
            keys = data["added_keys"]
            added = c.execute("SELECT id, name, revision, updated, name_key FROM clients WHERE id BETWEEN ? AND ?", (lo, hi)).fetchall()
            # a client added later by hand may have reused the id of an imported one that was deleted
            ours = [r for r in added if (r[3] == data["at"] and r[4] == keys[r[0] - lo]) or r[2] > 1]
            drafted = {r[0] for r in c.execute("SELECT client_id FROM drafts WHERE client_id BETWEEN ? AND ?", (lo, hi))}
            now_rev = dict(c.execute("SELECT id, revision FROM clients WHERE id IN (SELECT value FROM json_each(?))",
                                     (json.dumps([r[0] for r in replaced]),)).fetchall())
            changed = [name for id_, name, rev, _, _ in ours if rev != 1 or id_ in drafted]
            changed += [r[1] for r in replaced if now_rev.get(r[0]) != r[11] + 1]
            if changed:
                raise UndoConflict(changed)
            c.execute("DELETE FROM clients WHERE id IN (SELECT value FROM json_each(?))", (json.dumps([r[0] for r in ours]),))
            c.executemany(UPDATE_CLIENT, [(*r[1:11], r[12], *_stored_extras(r), r[0]) for r in replaced])  # _STORED_COLS -> params + id
            c.execute(DELETE_LAST_IMPORT)
        return record

    @contextmanager
    def _import_cache(self) -> Iterator[None]:
        """A page cache big enough for a large import, for its duration only.

        With SQLite's default 2 MB cache, a 100 000-client insert spills pages to
        the WAL and writes them again; 64 MB keeps them until the commit writes
        each once (about 10 % of the import). Durability is unchanged: still WAL,
        ``synchronous=FULL``, one transaction.
        """
        try:
            before = self.conn.execute("PRAGMA cache_size").fetchone()[0]
            self.conn.execute(f"PRAGMA cache_size = {-IMPORT_CACHE_KIB}")
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None
        try:
            yield
        finally:
            with suppress(sqlite3.Error):
                self.conn.execute(f"PRAGMA cache_size = {int(before)}")

    # -- criteria ------------------------------------------------------------
    @staticmethod
    def _insert_criteria(c: sqlite3.Connection, criteria: Iterable[Criterion], start: int = 0) -> None:
        c.executemany(
            "INSERT INTO criteria (key, label, kind, direction, weight, lo, hi, builtin, position) VALUES (?,?,?,?,?,?,?,?,?)",
            [(k.key, k.label, k.kind, k.direction, k.weight, k.lo, k.hi, int(k.builtin), start + i) for i, k in enumerate(criteria)],
        )

    def add_criterion(self, raw: Mapping[str, Any]) -> Criterion:
        """A criterion of the user's own; without a weight it starts at 0.

        At weight 0 it changes no score and marks nobody incomplete, so adding
        it penalises no client; the user rates everyone on it, then raises its weight.
        """
        existing = self.criteria()
        crit = make_criterion({"weight": 0, **raw}, (c.key for c in existing))
        with self._write("criteria") as c:
            if c.execute(CRITERION_EXISTS, (crit.key,)).fetchone():
                raise InvalidInput(Problem("key", code="criterion.key_taken", value=crit.key))
            labels = {name_key(lbl) for (lbl,) in c.execute("SELECT label FROM criteria")}
            if name_key(crit.label) in labels:
                raise InvalidInput(Problem("label", code="criterion.label_taken", value=crit.label))
            pos = c.execute("SELECT coalesce(max(position), -1) + 1 FROM criteria").fetchone()[0]
            self._insert_criteria(c, [crit], pos)
        return replace(crit, revision=1)

    def update_criterion(self, key: str, raw: Mapping[str, Any], expected_revision: int | None = None) -> Criterion:
        """Rename, re-weight or re-direct a criterion; built-in ones keep their key, kind and scale."""
        old = {c.key: c for c in self.criteria()}.get(key)
        if old is None:
            raise NotFound(code="criterion.gone", key=key)
        merged = {**asdict(old), **raw, "key": key}
        if old.builtin:
            merged.update(kind=old.kind, lo=old.lo, hi=old.hi)
        crit = make_criterion(merged, builtin=old.builtin)
        with self._write("criteria") as c:
            row = c.execute("SELECT revision FROM criteria WHERE key = ?", (key,)).fetchone()
            if row is None:
                raise NotFound(code="criterion.gone", key=key)
            if expected_revision is not None and row[0] != expected_revision:
                raise StaleEdit(code="criterion.stale", label=old.label)
            other = c.execute("SELECT label FROM criteria WHERE key != ?", (key,)).fetchall()
            if name_key(crit.label) in {name_key(lbl) for (lbl,) in other}:
                raise InvalidInput(Problem("label", code="criterion.label_taken", value=crit.label))
            c.execute("UPDATE criteria SET label=?, kind=?, direction=?, weight=?, lo=?, hi=?, revision=revision+1 WHERE key=?",
                      (crit.label, crit.kind, crit.direction, crit.weight, crit.lo, crit.hi, key))
            if (crit.kind, crit.lo, crit.hi) != (old.kind, old.lo, old.hi):
                # values that no longer fit the new scale are dropped, so invalid data never stays
                self._drop_values_outside(c, crit)
        return replace(crit, revision=row[0] + 1)

    def _drop_values_outside(self, c: sqlite3.Connection, crit: Criterion) -> None:
        path = f"$.{crit.key}"
        if crit.kind == "rating":
            c.execute(
                "UPDATE clients SET vals = json_set(vals, ?, NULL), revision = revision + 1 WHERE json_extract(vals, ?) IS NOT NULL"
                " AND (json_extract(vals, ?) < ? OR json_extract(vals, ?) > ? OR json_extract(vals, ?) != CAST(json_extract(vals, ?) AS INTEGER))",
                (path, path, path, crit.lo, path, crit.hi, path, path))
        else:  # a rating scale may go below 0; a number may not (validation.parse_number)
            c.execute(
                "UPDATE clients SET vals = json_set(vals, ?, NULL), revision = revision + 1 WHERE json_extract(vals, ?) < 0",
                (path, path))

    def remove_criterion(self, key: str) -> None:
        with self._write("criteria") as c:
            row = c.execute("SELECT label FROM criteria WHERE key = ?", (key,)).fetchone()
            if row is None:
                raise NotFound(code="criterion.gone", key=key)
            if c.execute("SELECT count(*) FROM criteria").fetchone()[0] <= 1:
                raise InvalidInput(Problem("criteria", code="criterion.last_one"))
            c.execute("DELETE FROM criteria WHERE key = ?", (key,))
            c.execute("UPDATE clients SET vals = json_remove(vals, ?), revision = revision + 1 WHERE json_type(vals, ?) IS NOT NULL",
                      (f"$.{key}", f"$.{key}"))

    def set_weights(self, weights: Mapping[str, Any]) -> tuple[Criterion, ...]:
        """Save several weights at once (a preset, or the CLI's --weight)."""
        known = {c.key for c in self.criteria()}
        problems = [Problem("weight", code="weight.unknown_criterion", value=k, choices=sorted(known)) for k in weights if k not in known]
        if problems:
            raise InvalidInput(problems)
        parsed = {k: parse_weight(w, k) for k, w in weights.items()}
        with self._write("weights") as c:
            c.executemany("UPDATE criteria SET weight=?, revision=revision+1 WHERE key=? AND weight != ?",
                          [(w, k, w) for k, w in parsed.items()])
        return self.criteria()

    # -- whole portfolio -----------------------------------------------------
    def replace_all(self, portfolio: Portfolio) -> None:
        """Start over with another portfolio (the demo, or an empty one) in one transaction."""
        now = _now()
        with self._write("all") as c:
            for table in RECORD_TABLES:  # another portfolio's records are not this one's
                c.execute(f"DELETE FROM {table}")
            c.execute("DELETE FROM clients")
            c.execute("DELETE FROM criteria")
            c.execute("DELETE FROM templates")
            self._insert_criteria(c, portfolio.criteria)
            c.execute(UPDATE_PROFILE, _profile_params(portfolio.profile))
            c.executemany(
                INSERT_CLIENT,
                [params for batch in ClientColumns.runs((None, cl) for cl in portfolio.clients) for params in param_rows(batch, now)])
            c.execute("UPDATE meta SET value = ? WHERE key = 'is_demo'", ("1" if portfolio.is_demo else "0",))
            c.execute(DELETE_LAST_IMPORT)  # nothing of it is left to undo

    def start_empty(self) -> None:
        """An empty portfolio with the built-in criteria, keeping nothing of the old one."""
        self.replace_all(Portfolio(Profile(), builtin_criteria(), ()))

    def has_drafts(self) -> bool:
        """Whether any draft is saved (the drafts themselves are ``drafts.store``'s)."""
        return bool(self._read("SELECT 1 FROM drafts LIMIT 1"))

    def has_templates(self) -> bool:
        """Whether any template override is saved."""
        return bool(self._read("SELECT 1 FROM templates LIMIT 1"))

    def client_count(self) -> int:
        return self._read("SELECT count(*) FROM clients")[0][0]

    # -- safety copies -------------------------------------------------------
    def backup(self, dest: str | Path) -> Path:
        """A consistent copy made with SQLite's backup API, safe while the app is writing."""
        dest = Path(dest)
        if dest.exists():
            raise StorageError(code="backup.exists", exit_code=EXIT_INPUT, path=str(dest))
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            target = sqlite3.connect(dest)
            try:
                self.conn.backup(target)
                # a copy of a damaged file is no backup: check it before saying it is one
                if target.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    raise sqlite3.DatabaseError("database disk image is malformed")
            finally:
                target.close()
        except (sqlite3.Error, OSError) as exc:
            dest.unlink(missing_ok=True)
            if isinstance(exc, sqlite3.DatabaseError) and "malformed" in str(exc):
                raise _translate(exc, self.path) from None
            raise StorageError(code="backup.failed", path=str(dest), detail=str(getattr(exc, 'strerror', None) or exc)) from None
        return dest

    def backup_bytes(self) -> bytes:
        """A consistent copy (``backup``) as bytes, for a download: one self-contained SQLite file, no WAL."""
        with tempfile.TemporaryDirectory(prefix="freelancekit-backup-") as folder:
            return self.backup(Path(folder) / self.path.name).read_bytes()

    def auto_backup(self, keep: int = 5) -> Path:
        """Write a timestamped backup beside the portfolio and keep only the newest ``keep``."""
        folder = self.path.with_name(self.path.name + ".backups")
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        made = self.backup(folder / f"{self.path.stem}-{stamp}.sqlite")
        for old in sorted(folder.glob(f"{self.path.stem}-*.sqlite"))[:-keep]:
            old.unlink(missing_ok=True)
        return made
