"""The portfolio in one SQLite file.

Every user action is one ``BEGIN IMMEDIATE`` transaction, so a crash or a kill
leaves the file as it was before or after that action, never in between (WAL
journal, ``synchronous=FULL``). Every record carries a revision counter: a save
that names an out-of-date revision is refused with ``StaleEdit`` instead of
silently overwriting someone else's change (another tab, the CLI).

``Store`` is transactions plus queries; what they run and decide lives beside it:
the file's format and migrations in ``schema``, the rows and their statements in
``client_rows``, an import's plan in ``import_plan``, the last import and its
undo in ``last_import``.
"""
from __future__ import annotations

import json
import os
import secrets
import sqlite3
import tempfile
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from freelancekit.errors import EXIT_INPUT, InvalidInput, NotFound, NothingToUndo, PortfolioBusy, Problem, StaleEdit, StorageError, UndoConflict
from freelancekit.portfolio import schema
from freelancekit.portfolio.client_columns import ClientColumns, client_params, param_rows
from freelancekit.portfolio.client_rows import (
    CLIENT_EXISTS,
    CRITERION_EXISTS,
    DELETE_CLIENTS,
    INSERT_CLIENT,
    INSERT_CRITERION,
    NEXT_CLIENT_ID,
    SELECT_CLIENT,
    SELECT_CLIENT_BY_KEY,
    SELECT_CLIENTS,
    SELECT_CRITERIA,
    SELECT_NAME_KEYS,
    SELECT_PROFILE,
    SELECT_STORED,
    STORED_COLUMNS,
    UPDATE_CLIENT,
    UPDATE_PROFILE,
    client_from_row,
    criterion_from_row,
    criterion_params,
    named,
    profile_from_row,
    profile_params,
)
from freelancekit.portfolio.import_merge import Cleared
from freelancekit.portfolio.import_plan import ImportResult, OnDuplicate, Plan, plan_import
from freelancekit.portfolio.last_import import (
    ADDED_COLUMNS,
    DELETE_LAST_IMPORT,
    SAVE_LAST_IMPORT,
    SELECT_ADDED,
    SELECT_DRAFTED,
    SELECT_LAST_IMPORT,
    SELECT_REVISIONS,
    ImportRecord,
    LastImport,
    plan_undo,
)
from freelancekit.portfolio.model import (
    Client,
    Criterion,
    Portfolio,
    Profile,
    builtin_criteria,
    make_client,
    make_criterion,
    make_profile,
    parse_value,
)
from freelancekit.portfolio.rates import DELETE_RATE, SAVE_RATE, SELECT_RATES, UserRate, make_user_rate, rate_from_row, rate_params
from freelancekit.portfolio.records_schema import RECORD_TABLES
from freelancekit.portfolio.validation import name_key, parse_weight

# the names callers have always imported from here
__all__ = ["AREAS", "CLIENT_EXISTS", "CRITERION_EXISTS", "Area", "ImportRecord", "ImportResult", "OnDuplicate", "Store"]

BUSY_TIMEOUT_MS = 5_000
IMPORT_CACHE_KIB = 64 * 1024  # SQLite page cache while importing (see Store._import_cache)

# What a save changes, counted per area in meta ("changed.<area>"), so a tab that did not save it can
# refresh only the views that show it (the app's wiring maps each area to its views).
Area = Literal["profile", "clients", "criteria", "weights", "records", "drafts", "all"]
AREAS: tuple[str, ...] = ("profile", "clients", "criteria", "weights", "records", "drafts", "all")
AREA_PREFIX = "changed."
BUMP_REVISION = "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'"
BUMP_AREA = "INSERT INTO meta VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
SELECT_CHANGE_COUNTS = "SELECT key, value FROM meta WHERE key = 'revision' OR key GLOB 'changed.*'"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


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
                head = fh.read(len(schema.SQLITE_MAGIC))
        except OSError as exc:
            raise StorageError(code="storage.cannot_read", path=str(self.path), detail=str(exc.strerror)) from None
        schema.check_header(self.path, head)

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
            schema.migrate(conn, self._seed)
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
        version = schema.check_version(c, self.path)
        if self.read_only:
            if version < schema.SCHEMA_VERSION:
                raise _read_only(self.path)
            return
        if c.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            c.execute("PRAGMA journal_mode = WAL")
        c.execute("PRAGMA synchronous = FULL")
        if version < schema.SCHEMA_VERSION:
            schema.migrate(c, self._seed)

    def _seed(self, c: sqlite3.Connection) -> None:
        c.executemany("INSERT INTO meta VALUES (?, ?)", [("revision", "0"), ("is_demo", "0"), ("created", _now())])
        c.execute("INSERT INTO profile (id, name, email, signature, currency, locale, services) VALUES (1, '', '', '', 'USD', 'en', '[]')")
        c.executemany(INSERT_CRITERION, criterion_params(builtin_criteria()))

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
        return profile_from_row(self._read(SELECT_PROFILE)[0])

    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(map(criterion_from_row, self._read(SELECT_CRITERIA)))

    def clients(self) -> tuple[Client, ...]:
        return tuple(map(client_from_row, self._read(SELECT_CLIENTS)))

    def client(self, client_id: int) -> Client:
        rows = self._read(SELECT_CLIENT, (client_id,))
        if not rows:
            raise NotFound(code="client.gone")
        return client_from_row(rows[0])

    def client_by_name(self, name: str) -> Client:
        rows = self._read(SELECT_CLIENT_BY_KEY, (name_key(name),))
        if not rows:
            raise NotFound(code="client.no_such_name", name=name)
        return client_from_row(rows[0])

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
            return Portfolio(self.profile(), self.criteria(), self.clients(), self.is_demo(), self.user_rates())

    def scoring_rows(self, pay_factors: Callable[[list[str]], Mapping[str, float | None]] | None = None,
                     pay_key: str = "hourly_rate") -> tuple[tuple[Criterion, ...], list[tuple[Any, ...]]]:
        """The criteria and, by client id, ``(id, name, value of each criterion or None)``: all a ranking needs.

        One snapshot, like ``portfolio()``, but SQLite reads the values out of
        each client's JSON itself: ranking 100 000 clients from the file takes
        a third of the time of building every ``Client`` first.

        ``pay_factors``, given the other currencies clients pay in, says what one
        unit of each is worth in the profile's (None: no rate); SQLite multiplies
        the pay values by it as it reads them (docs/currencies.md), so converting
        100 000 clients costs one more scan instead of a Python pass per client.
        A currency it was not asked about (saved meanwhile) reads as no value.
        """
        with self._snapshot():
            criteria = self.criteria()
            factors: Mapping[str, float | None] = {}
            own = ""
            if pay_factors is not None and any(c.key == pay_key for c in criteria):
                own = self.profile().currency
                found = [r[0] for r in self._read("SELECT DISTINCT currency FROM clients WHERE currency NOT IN ('', ?)", (own,))]
                factors = pay_factors(found) if found else {}
            picks, params = [], []
            for c in criteria:
                path = f'$."{c.key}"'  # keys are slugs ([a-z0-9_]); quoted all the same
                if factors and c.key == pay_key:
                    whens = " ".join("WHEN ? THEN ?" for _ in factors)
                    picks.append(f", json_extract(vals, ?) * (CASE currency WHEN '' THEN 1.0 WHEN ? THEN 1.0 {whens} ELSE NULL END)")
                    params += [path, own, *(x for pair in factors.items() for x in pair)]
                else:
                    picks.append(", json_extract(vals, ?)")
                    params.append(path)
            rows = self._read(f"SELECT id, name{''.join(picks)} FROM clients ORDER BY id", params)
        return criteria, rows

    def clients_paying_in(self, currencies: Sequence[str]) -> list[tuple[str, str]]:
        """``(name, currency)`` of the clients who pay in one of ``currencies``, by name."""
        return self._read("SELECT name, currency FROM clients WHERE currency IN (SELECT value FROM json_each(?)) ORDER BY name_key",
                          (json.dumps(list(currencies)),))

    # -- the rates the user typed (docs/currencies.md) ------------------------
    def clients_in_other_currencies(self, profile_currency: str) -> dict[str, str]:
        """Client name -> the currency they pay in, for each client who pays in another currency than ``profile_currency``."""
        return dict(self._read("SELECT name, currency FROM clients WHERE currency NOT IN ('', ?)", (profile_currency,)))

    def pay_in_other_currencies(self, profile_currency: str, pay_key: str = "hourly_rate") -> dict[str, tuple[str, float | None]]:
        """Client name -> (their currency, their pay rate as typed), for each client who pays in another currency."""
        rows = self._read("SELECT name, currency, json_extract(vals, ?) FROM clients WHERE currency NOT IN ('', ?)",
                          (f'$."{pay_key}"', profile_currency))
        return {name: (code, None if pay is None else float(pay)) for name, code, pay in rows}

    def user_rates(self) -> tuple[UserRate, ...]:
        return tuple(map(rate_from_row, self._read(SELECT_RATES)))

    def save_rate(self, raw: Mapping[str, Any], *, confirm: bool = False, today: date | None = None) -> UserRate:
        """Save "1 EGP = 0.0205 USD on a day" once it is valid (``rates.make_user_rate``); a second rate for that day replaces it."""
        made = make_user_rate(raw, self.user_rates(), today=today, confirm=confirm)
        with self._write("profile") as c:
            c.execute(SAVE_RATE, rate_params(made))
        return made

    def remove_rate(self, currency: str, day: date) -> None:
        with self._write("profile") as c:
            if c.execute(DELETE_RATE, (currency, day.isoformat())).rowcount == 0:
                raise NotFound(code="rate.gone", currency=currency, day=day.isoformat())

    # -- profile -------------------------------------------------------------
    def save_profile(self, raw: Mapping[str, Any] | Profile, expected_revision: int | None = None) -> Profile:
        if isinstance(raw, Profile):
            raw = {**asdict(raw), "services": raw.services}
        p = make_profile(raw)
        with self._write("profile") as c:
            rev = c.execute("SELECT revision FROM profile WHERE id = 1").fetchone()[0]
            if expected_revision is not None and rev != expected_revision:
                raise StaleEdit(code="profile.stale")
            c.execute(UPDATE_PROFILE, profile_params(p))
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
        makes: no ``Client`` per row). What is added, merged, left unchanged or
        skipped is ``import_plan.plan_import``'s decision, made inside the
        transaction against the portfolio as it is; this applies it. ``dry_run``
        saves nothing and lists, per updated client, what would change (the app's
        preview: ``plan_import`` gives the plan itself). A real import records what
        it replaced, so ``undo_import`` can put it back (``source`` names the file).
        """
        options: dict[str, Any] = {"columns": columns, "skip_invalid": skip_invalid, "cleared": cleared}
        if dry_run:
            return self.plan_import(clients, on_duplicate, **options).result(described=True)
        with self._import_cache(), self._write("clients") as c:
            plan = self._plan(c, clients, on_duplicate, **options)
            first_new = c.execute(NEXT_CLIENT_ID).fetchone()[0]
            c.executemany(INSERT_CLIENT, plan.insert_params())
            c.executemany(UPDATE_CLIENT, plan.update_params())
            last = LastImport(source, plan.now, first_new, first_new + plan.added_count - 1, tuple(plan.added_keys()),
                              tuple(m.before for m in plan.updates))
            c.execute(SAVE_LAST_IMPORT, (last.to_json(),))
        return plan.result()

    def plan_import(
        self,
        clients: Sequence[tuple[int, Client]] | ClientColumns,
        on_duplicate: OnDuplicate = "update",
        *,
        columns: Iterable[str] | None = None,
        skip_invalid: bool = False,
        cleared: Cleared | None = None,
    ) -> Plan:
        """What ``import_clients`` would do now (``import_plan.Plan``), in one read, saving nothing."""
        with self._import_cache(), self._reading() as c:
            return self._plan(c, clients, on_duplicate, columns=columns, skip_invalid=skip_invalid, cleared=cleared)

    def _plan(self, c: sqlite3.Connection, clients: Sequence[tuple[int, Client]] | ClientColumns, on_duplicate: OnDuplicate,
              **options: Any) -> Plan:
        """The plan against the portfolio as ``c`` sees it: its criteria, and the stored rows of the clients the file names."""
        batches = [clients] if isinstance(clients, ClientColumns) else ClientColumns.runs(clients)
        batches = [replace(b, name_keys=b.keys()) for b in batches]  # each name's key worked out once
        existing = dict(c.execute(SELECT_NAME_KEYS))
        ids = [found for batch in batches for found in map(existing.get, batch.keys()) if found is not None]
        current = {row["name_key"]: row for row in named(STORED_COLUMNS, c.execute(SELECT_STORED, (json.dumps(ids),)))} if ids else {}
        return plan_import(current, batches, self.criteria(), on_duplicate=on_duplicate, now=_now(), **options)

    def last_import(self) -> ImportRecord | None:
        """The import that ``undo_import`` would undo, if any."""
        rows = self._read(SELECT_LAST_IMPORT)
        return LastImport.from_json(rows[0][0]).record if rows else None

    def undo_import(self) -> ImportRecord:
        """Put the portfolio back exactly as it was before the last import (docs/data.md, "Undo an import").

        All or nothing: refused (``UndoConflict``, naming the clients) when a client the
        import added or updated was changed, deleted or given a draft since, because
        undoing would lose that work. The clients it updated get their stored rows back
        (with a new revision, so an editor opened on the imported version sees the change).
        What to do is ``last_import.plan_undo``'s decision; this reads and applies.
        """
        with self._write("all") as c:
            row = c.execute(SELECT_LAST_IMPORT).fetchone()
            if row is None:
                raise NothingToUndo(code="import.nothing_to_undo")
            last = LastImport.from_json(row[0])
            in_range = named(ADDED_COLUMNS, c.execute(SELECT_ADDED, (last.first, last.last)))
            drafted = {r[0] for r in c.execute(SELECT_DRAFTED, (last.first, last.last))}
            revisions = dict(c.execute(SELECT_REVISIONS, (json.dumps([r["id"] for r in last.replaced]),)).fetchall())
            plan = plan_undo(last, in_range, drafted, revisions)
            if plan.conflicts:
                raise UndoConflict(list(plan.conflicts))
            c.execute(DELETE_CLIENTS, (json.dumps(list(plan.delete)),))
            c.executemany(UPDATE_CLIENT, plan.restore_params())
            c.execute(DELETE_LAST_IMPORT)
        return plan.record

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
            c.executemany(INSERT_CRITERION, criterion_params([crit], pos))
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
            c.execute("DELETE FROM currency_rates")
            c.executemany(SAVE_RATE, map(rate_params, portfolio.rates))
            c.executemany(INSERT_CRITERION, criterion_params(portfolio.criteria))
            c.execute(UPDATE_PROFILE, profile_params(portfolio.profile))
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
