"""Saving checked records in the portfolio, and reading them back resolved to clients.

One import is one transaction: all of the file or nothing (or, when asked,
its valid rows). A row seen before (same fingerprint) is not stored again, an
invoice seen before (same client and number) is updated only if it changed,
so importing the same file twice changes nothing (docs/records.md).

``RecordsPart`` is the store's part for them (``store.records``): it saves
through the store's one write path, like every other save.
"""
from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from freelancekit.errors import InvalidInput, NotFound, Problem
from freelancekit.portfolio.records_schema import SELECT_SOURCES
from freelancekit.portfolio.storage import CLIENT_EXISTS, CRITERION_EXISTS, Store
from freelancekit.records import batches
from freelancekit.records.batches import TimeBlock
from freelancekit.records.measures import RecordSet
from freelancekit.records.parse import ParsedRecords
from freelancekit.records.problems import problem

SOURCES = ("rating", "records")
MEASURED_CRITERIA = ("hourly_rate", "on_time_payment")  # what the records can measure (docs/records.md)

# Each statement, named once, next to the code that builds its parameters (the comment lists them).
SELECT_TIME_BLOCKS = "SELECT data FROM record_time_blocks ORDER BY id"  # also what records.export reads
INSERT_TIME_BLOCK = "INSERT INTO record_time_blocks (source, imported, entries, data) VALUES (?, datetime('now'), ?, ?)"  # source, entries, data
SELECT_INVOICE_FIGURES = "SELECT client_key, number, issued, due, amount, reported_paid, currency FROM record_invoices"
INSERT_INVOICE = ("INSERT INTO record_invoices (source, client, client_key, number, issued, due, amount, reported_paid, currency)"
                  " VALUES (?,?,?,?,?,?,?,?,?)")  # source, client, key, number, issued, due, amount, reported paid, currency ('' = the client's)
UPDATE_INVOICE = ("UPDATE record_invoices SET issued=?, due=?, amount=?, reported_paid=?, currency=?"
                  " WHERE client_key=? AND number=?")  # figures, currency, key, number
SELECT_INVOICE_IDS = "SELECT id, client_key, number FROM record_invoices"
SELECT_INVOICE_PAYMENTS = "SELECT paid_on, amount FROM record_payments WHERE invoice_id = ?"  # invoice id
DELETE_INVOICE_PAYMENTS = "DELETE FROM record_payments WHERE invoice_id = ?"  # invoice id
INSERT_PAYMENT = ("INSERT INTO record_payments (source, invoice_id, paid_on, amount, reference, fingerprint)"
                  " VALUES (?,?,?,?,?,?)")  # source, invoice id, day, amount, reference, fingerprint
SELECT_PAYMENT_PRINTS = "SELECT fingerprint FROM record_payments"
SELECT_OPEN_INVOICES = ("SELECT i.id, i.client_key, i.number, i.amount, coalesce((SELECT sum(amount) FROM record_payments WHERE invoice_id = i.id), 0)"
                        " FROM record_invoices i ORDER BY i.issued, i.number")  # oldest first
SELECT_CLIENT_NAMES = "SELECT name FROM clients"
SELECT_MAPPINGS = "SELECT m.name_key, c.name FROM record_client_map m JOIN clients c ON c.id = m.client_id"
SELECT_INVOICE_CLIENTS = "SELECT client FROM record_invoices GROUP BY client_key"
UPSERT_MAPPING = ("INSERT INTO record_client_map VALUES (?, ?)"
                  " ON CONFLICT(name_key) DO UPDATE SET client_id = excluded.client_id")  # match_key, client id
UPSERT_SOURCE = "INSERT INTO criterion_source VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET source = excluded.source"  # key, source
SELECT_INVOICES = "SELECT id, client, client_key, number, issued, due, amount, reported_paid, currency FROM record_invoices"
SELECT_PAYMENTS = "SELECT invoice_id, paid_on, amount FROM record_payments"
SELECT_HEADER_MAP = "SELECT mapping, date_order FROM record_header_maps WHERE header = ?"  # header key
UPSERT_HEADER_MAP = ("INSERT INTO record_header_maps VALUES (?, ?, ?) ON CONFLICT(header) DO UPDATE SET"
                     " mapping = excluded.mapping, date_order = excluded.date_order")  # header key, mapping (JSON), date order
COUNT_TIME = "SELECT coalesce(sum(entries), 0) FROM record_time_blocks"
COUNT_INVOICES = "SELECT count(*) FROM record_invoices"
COUNT_PAYMENTS = "SELECT count(*) FROM record_payments"


def match_key(name: str) -> str:
    """Two names are one client when they agree ignoring case and spaces (``Acme  corp`` = ``ACME Corp``)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", name)).casefold()


@dataclass
class RecordsResult:
    added: dict[str, int] = field(default_factory=dict)  # "time", "invoices", "payments" -> rows stored
    updated: int = 0  # invoices whose figures changed
    unchanged: int = 0  # rows already stored (imported before)
    left_out: dict[str, int] = field(default_factory=dict)  # reason -> everyday rows left out on purpose (parse.LEFT_OUT)
    problems: list[Problem] = field(default_factory=list)
    matched_oldest_first: int = 0  # payments without an invoice number, assigned to open invoices

    @property
    def stored(self) -> int:
        return sum(self.added.values()) + self.updated


def _keys(names: pd.Series) -> np.ndarray:
    """``match_key`` of each name, worked out once per distinct name."""
    codes, uniques = pd.factorize(names)
    return np.array([match_key(u) for u in uniques] + [""], dtype=object)[:-1][codes]


def _column_hash(values: np.ndarray) -> np.ndarray:
    """A stable 64-bit hash of each value (pandas hashes each distinct text once: ``categorize``)."""
    return pd.util.hash_array(values if values.dtype != object else values, categorize=values.dtype == object)


def _fingerprints(columns: list[np.ndarray]) -> np.ndarray:
    """A 63-bit hash of each row's content and its occurrence among identical rows of the file.

    The occurrence keeps two identical rows of one file apart, and gives them the same
    fingerprints when the file (or an overlapping export) is imported again.
    """
    mixed = np.zeros(len(columns[0]), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for col in columns:
            mixed = pd.util.hash_array(mixed * np.uint64(0x100000001B3) ^ _column_hash(col))
        occurrence = pd.Series(mixed).groupby(mixed).cumcount().to_numpy().astype(np.uint64)
        mixed = pd.util.hash_array(mixed ^ (occurrence * np.uint64(0x9E3779B97F4A7C15)))
    return (mixed >> np.uint64(1)).astype(np.int64)


def _days(s: pd.Series) -> list[str]:
    return list(np.datetime_as_string(s.to_numpy(dtype="datetime64[D]"), unit="D"))


def _stored_blocks(c: sqlite3.Connection) -> list[TimeBlock]:
    return [TimeBlock.from_bytes(blob) for (blob,) in c.execute(SELECT_TIME_BLOCKS)]


def _save_time(c: sqlite3.Connection, parsed: ParsedRecords, result: RecordsResult) -> int:
    """The file's entries not stored before, as one new block (none when the file brings nothing new)."""
    t = parsed.time
    codes, uniques = pd.factorize(t["client"])
    keys_of = {str(u): match_key(str(u)) for u in uniques}
    keys = np.array([keys_of[str(u)] for u in uniques] + [""], dtype=object)[:-1][codes]
    start = t["start"].to_numpy(dtype="datetime64[s]").astype(np.int64)
    seconds = np.round(t["hours"].to_numpy() * 3600).astype(np.int64)
    # not the description: it is not kept, and an exported report (records.export) must be recognised
    prints = _fingerprints([keys, start, seconds, t["project"].to_numpy(dtype=object)])
    known = [b.fingerprint for b in _stored_blocks(c)]
    new = ~np.isin(prints, np.concatenate(known)) if known else np.ones(len(prints), dtype=bool)
    result.unchanged += int((~new).sum())
    if not new.any():
        return 0
    currencies = t["currency"] if "currency" in t else pd.Series("", index=t.index, dtype=object)
    made = batches.block(prints, t["client"], keys_of, t["start"], t["hours"], t["billable"].to_numpy(), t["amount"], t["project"],
                         currencies).take(new)
    c.execute(INSERT_TIME_BLOCK, (parsed.source, len(made), made.to_bytes()))
    return len(made)


def _save_invoices(c: sqlite3.Connection, parsed: ParsedRecords, result: RecordsResult) -> None:
    inv = parsed.invoices
    reported = inv["reported_paid"].astype(object).where(inv["reported_paid"].notna(), None)
    old = {(k, n): row for k, n, *row in c.execute(SELECT_INVOICE_FIGURES)}
    added = updated = 0
    currencies = inv["currency"].fillna("").tolist() if "currency" in inv else [""] * len(inv)
    for client, number, issued, due, amount, paid, currency in zip(inv["client"], inv["number"], _days(inv["issued"]), _days(inv["due"]),
                                                                   inv["amount"].tolist(), reported.tolist(), currencies):
        key = match_key(client)
        was = old.get((key, number))
        if was is None:
            c.execute(INSERT_INVOICE, (parsed.source, client, key, number, issued, due, amount, paid, currency))
            added += 1
        elif list(was) != [issued, due, amount, paid, currency]:
            c.execute(UPDATE_INVOICE, (issued, due, amount, paid, currency, key, number))
            updated += 1
        else:
            result.unchanged += 1
    result.added["invoices"] = added
    result.updated += updated


def _save_numbered_payments(c: sqlite3.Connection, parsed: ParsedRecords, result: RecordsResult) -> None:
    """The generic file lists every payment of its invoices: those invoices' payments become exactly the file's."""
    p = parsed.payments
    ids = {(k, n): i for i, k, n in c.execute(SELECT_INVOICE_IDS)}
    given: dict[int, list[tuple[str, float]]] = {}
    for client, number, day, amount in zip(p["client"], p["invoice"], _days(p["paid_on"]), p["amount"].tolist()):
        given.setdefault(ids[(match_key(client), number)], []).append((day, amount))
    for client, number in zip(parsed.invoices["client"], parsed.invoices["number"]):
        given.setdefault(ids[(match_key(client), number)], [])
    added = 0
    for invoice_id, pays in given.items():
        stored = sorted(c.execute(SELECT_INVOICE_PAYMENTS, (invoice_id,)))
        if stored == sorted(pays):
            result.unchanged += len(pays)
            continue
        c.execute(DELETE_INVOICE_PAYMENTS, (invoice_id,))
        c.executemany(INSERT_PAYMENT, [(parsed.source, invoice_id, d, a, "", _payment_print(invoice_id, d, a, i))
                                       for i, (d, a) in enumerate(sorted(pays))])
        added += len(pays)
    result.added["payments"] = added


def _payment_print(invoice_id: int, day: str, amount: float, n: int) -> int:
    return int(pd.util.hash_array(np.array([f"{invoice_id}\x00{day}\x00{amount!r}\x00{n}"], dtype=object))[0] >> np.uint64(1))


def _save_unnumbered_payments(c: sqlite3.Connection, parsed: ParsedRecords, result: RecordsResult, valid_only: bool) -> None:
    """Payments without an invoice number go to the client's open invoices, oldest first (docs/records.md)."""
    p = parsed.payments.sort_values(["paid_on", "row"], kind="stable")
    keys = _keys(p["client"])
    prints = _fingerprints([keys, np.array(_days(p["paid_on"]), dtype=object), np.round(p["amount"].to_numpy() * 100).astype(np.int64),
                            p["reference"].to_numpy(dtype=object)])
    known = {f for (f,) in c.execute(SELECT_PAYMENT_PRINTS)}
    open_by_client: dict[str, list[list]] = {}
    numbered: dict[tuple[str, str], list] = {}  # (client key, number) -> [id, left to pay], for payments that name their invoice
    for invoice_id, key, number, amount, paid in c.execute(SELECT_OPEN_INVOICES):
        numbered[(key, number)] = entry = [invoice_id, amount - paid, amount]
        if amount - paid > 0.005:
            open_by_client.setdefault(key, []).append(entry)
    inserts, problems = [], []
    for row, key, client, number, day, amount, ref, fp in zip(p["row"], keys, p["client"], p["invoice"], _days(p["paid_on"]),
                                                              p["amount"].tolist(), p["reference"], prints.tolist()):
        if fp in known:
            result.unchanged += 1
            continue
        if number:  # the payment names its invoice (Invoice Ninja v4): it pays that one
            target = numbered.get((key, number))
            if target is None:
                problems.append(problem("payment_no_invoice", int(row), parsed.labels.get("invoice", "invoice"), client=client,
                                        invoice=number))
                continue
            if amount > target[1] + 0.005:
                problems.append(problem("overpaid", int(row), parsed.labels.get("amount", "amount"),
                                        paid=f"{target[2] - target[1] + amount:,.2f}", amount=f"{target[2]:,.2f}"))
                continue
            inserts.append((parsed.source, target[0], day, amount, ref, fp))
            target[1] -= amount
            result.added["payments"] = result.added.get("payments", 0) + 1
            continue
        invoices = [i for i in open_by_client.get(key, []) if i[1] > 0.005]
        if sum(entry[1] for entry in invoices) + 0.005 < amount:
            code = "payment_unmatched" if not invoices else "payment_exceeds_open"
            problems.append(problem(code, int(row), parsed.labels.get("amount", "amount"), client=client,
                                    amount=f"{amount:,.2f}", open=f"{sum(entry[1] for entry in invoices):,.2f}"))
            continue
        rest, part = amount, 0
        while rest > 0.005:
            target = invoices[0]
            take = min(rest, target[1])
            inserts.append((parsed.source, target[0], day, take, ref, fp if part == 0 else _payment_print(target[0], day, take, fp)))
            target[1] -= take
            rest -= take
            part += 1
            if target[1] <= 0.005:
                invoices.pop(0)
        result.matched_oldest_first += 1
    if problems and not valid_only:
        raise InvalidInput(problems)
    result.problems += problems
    c.executemany(INSERT_PAYMENT, inserts)
    result.added["payments"] = result.added.get("payments", 0) + result.matched_oldest_first


def _resolved(client: pd.Series, keys: pd.Series, names: Mapping[str, str]) -> pd.Series:
    """The portfolio name of each key; an unmatched name as first written (``ACME`` and ``Acme`` count as one)."""
    mapped = keys.map(dict(names))
    return mapped.where(mapped.notna(), client.groupby(keys).transform("first"))


class RecordsPart:
    """The records of one open portfolio: ``store.records`` (made on first use, see ``Store.records``).

    Every save is one of the store's transactions (``Store._write``): all of a
    file or nothing, and ``Store.data_version`` moves like for any other save.
    """

    def __init__(self, store: Store):
        self._store = store

    def save(self, parsed: ParsedRecords, *, valid_only: bool = False, remember: tuple[str, Mapping[str, str], str | None] | None = None
             ) -> RecordsResult:
        """Store a checked file: refused whole when it has problems, unless ``valid_only``.

        ``remember`` (header key, mapping, date order) is saved with it, in the same transaction.
        """
        if parsed.problems and not valid_only:
            raise InvalidInput(parsed.problems)
        result = RecordsResult(left_out=dict(parsed.left_out), problems=list(parsed.problems))
        with self._store._import_cache(), self._store._write("records") as c:
            if remember is not None:
                header, mapping, order = remember
                c.execute(UPSERT_HEADER_MAP, (header, json.dumps(dict(mapping), ensure_ascii=False), order))
            if len(parsed.time):
                result.added["time"] = _save_time(c, parsed, result)
            if len(parsed.invoices):
                _save_invoices(c, parsed, result)
            if len(parsed.payments):
                if parsed.source == "invoiceninja_payments":
                    _save_unnumbered_payments(c, parsed, result, valid_only)
                else:
                    _save_numbered_payments(c, parsed, result)
        return result

    def remembered(self, header: str) -> tuple[dict[str, str], str | None] | None:
        """The mapping (column -> field, empty for a known format) and date order saved for a header, if any."""
        got = self._store._read(SELECT_HEADER_MAP, (header,))
        return (json.loads(got[0][0]), got[0][1]) if got else None

    # -- client matching ---------------------------------------------------------
    def client_names(self) -> dict[str, str]:
        """match_key of a record's client name -> the portfolio client's name it counts under."""
        by_key = {match_key(name): name for name, in self._store._read(SELECT_CLIENT_NAMES)}
        by_key.update(self.mappings())
        return by_key

    def unmatched(self, names: list[str] | None = None) -> list[str]:
        """Record client names (as written) that match no portfolio client and have no remembered mapping."""
        if names is None:
            names = [n for b in _stored_blocks(self._store.conn) for n in b.clients]
            names += [n for n, in self._store._read(SELECT_INVOICE_CLIENTS)]
        known = self.client_names()
        return list(dict.fromkeys(n for n in names if match_key(n) not in known))

    def map_client(self, record_name: str, client_id: int) -> None:
        """Remember that the records' ``record_name`` is the portfolio client ``client_id``."""
        with self._store._write("records") as c:
            if not c.execute(CLIENT_EXISTS, (client_id,)).fetchone():
                raise NotFound(code="client.gone")
            c.execute(UPSERT_MAPPING, (match_key(record_name), client_id))

    def mappings(self) -> dict[str, str]:
        """match_key of a remembered record name -> the portfolio client's name it was mapped to."""
        return dict(self._store._read(SELECT_MAPPINGS))

    # -- criterion sources -------------------------------------------------------
    def sources(self) -> dict[str, str]:
        """criterion key -> "records" for the measured criteria switched to the records ("rating" otherwise)."""
        got = dict(self._store._read(SELECT_SOURCES))
        return {k: got.get(k, "rating") for k in MEASURED_CRITERIA}

    def set_source(self, key: str, source: str) -> None:
        if key not in MEASURED_CRITERIA or source not in SOURCES:
            raise InvalidInput(problem("bad_source_switch", None, key, key=key))
        with self._store._write("records") as c:
            if not c.execute(CRITERION_EXISTS, (key,)).fetchone():
                raise NotFound(code="criterion.gone", key=key)
            c.execute(UPSERT_SOURCE, (key, source))

    # -- reading back ------------------------------------------------------------
    def load(self, names: Mapping[str, str] | None = None) -> RecordSet:
        """Every stored record, its client resolved to the portfolio name (or kept as written when unmatched)."""
        conn = self._store.conn
        names = self.client_names() if names is None else names
        blocks = [b.frame() for b in _stored_blocks(conn)]
        time = pd.concat(blocks, ignore_index=True) if blocks else TimeBlock.empty().frame()
        inv = pd.read_sql_query(SELECT_INVOICES, conn)
        pay = pd.read_sql_query(SELECT_PAYMENTS, conn)
        for frame in (time, inv):
            frame["client"] = _resolved(frame["client"], frame["client_key"], names)
        inv[["amount", "reported_paid"]] = inv[["amount", "reported_paid"]].astype(float)  # an empty table reads as object columns
        pay["amount"] = pay["amount"].astype(float)
        pay["invoice_id"] = pay["invoice_id"].astype("int64")
        inv["id"] = inv["id"].astype("int64")
        inv["issued"] = pd.to_datetime(inv["issued"], format="%Y-%m-%d")
        inv["due"] = pd.to_datetime(inv["due"], format="%Y-%m-%d")
        pay["paid_on"] = pd.to_datetime(pay["paid_on"], format="%Y-%m-%d")
        return RecordSet(time, inv, pay)

    def counts(self) -> dict[str, int]:
        """How many time entries, invoices and payments are stored."""
        read = self._store._read
        return {"time": read(COUNT_TIME)[0][0], "invoices": read(COUNT_INVOICES)[0][0], "payments": read(COUNT_PAYMENTS)[0][0]}
