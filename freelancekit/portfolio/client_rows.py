"""A client's, the profile's and a criterion's rows in the file, and every statement that reads or writes them, named once.

Rows are handled by column name (``StoredRow``: a dict keyed by column), so a
new column is one name here, not a shift of every position in the store, the
import plan and the undo. Pure: the statements are text, the functions encode
and decode; ``storage.Store`` runs them.
"""
from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from datetime import date
from operator import itemgetter
from typing import Any

from freelancekit.portfolio.client_columns import PARAM_COLUMNS, each_distinct
from freelancekit.portfolio.model import Client, Criterion, Package, Profile, Service

# A client as read for the app (``client_from_row``'s order).
CLIENT_COLUMNS = ("id", "name", "contact_name", "email", "industry", "services", "notes", "last_win", "start_date", "vals", "revision",
                  "last_win_date", "working_on", "language", "currency", "title")
# Every stored column of a client, in table order: what undoing an import puts back.
# (the columns added by later formats come last, so an undo record written before them still reads: ``stored_row``)
STORED_COLUMNS = ("id", "name", "name_key", "contact_name", "email", "industry", "services", "notes", "last_win", "start_date", "vals",
                  "revision", "updated", "last_win_date", "working_on", "language", "currency", "title")
# added in formats 5, 8 and 9, and their empty value
LATER_COLUMNS: dict[str, Any] = {"last_win_date": None, "working_on": "", "language": "", "currency": "", "title": ""}
StoredRow = Mapping[str, Any]  # one client's stored columns (``STORED_COLUMNS``), by name

_CLIENT_SELECT = f"SELECT {', '.join(CLIENT_COLUMNS)} FROM clients"
SELECT_CLIENTS = f"{_CLIENT_SELECT} ORDER BY id"
SELECT_CLIENT = f"{_CLIENT_SELECT} WHERE id = ?"  # id
SELECT_CLIENT_BY_KEY = f"{_CLIENT_SELECT} WHERE name_key = ?"  # name_key
SELECT_STORED = f"SELECT {', '.join(STORED_COLUMNS)} FROM clients WHERE id IN (SELECT value FROM json_each(?))"  # JSON list of ids
SELECT_NAME_KEYS = "SELECT name_key, id FROM clients"

# Each statement that writes a client or the profile, named once, next to what builds its parameters:
# a client's parameters come from client_columns.param_rows (in PARAM_COLUMNS order), the profile's from profile_params.
INSERT_CLIENT = f"INSERT INTO clients ({', '.join(PARAM_COLUMNS)}) VALUES ({', '.join('?' * len(PARAM_COLUMNS))})"
UPDATE_CLIENT = f"UPDATE clients SET {', '.join(c + '=?' for c in PARAM_COLUMNS)}, revision=revision+1 WHERE id=?"  # params + id
DELETE_CLIENTS = "DELETE FROM clients WHERE id IN (SELECT value FROM json_each(?))"  # JSON list of ids
NEXT_CLIENT_ID = "SELECT coalesce(max(id), 0) + 1 FROM clients"
UPDATE_PROFILE = ("UPDATE profile SET name=?, email=?, signature=?, currency=?, locale=?, services=?, packages=?, digits=?,"
                  " revision=revision+1 WHERE id=1")
SELECT_PROFILE = "SELECT name, email, signature, currency, locale, services, revision, packages, digits FROM profile WHERE id = 1"
INSERT_CRITERION = "INSERT INTO criteria (key, label, kind, direction, weight, lo, hi, builtin, position) VALUES (?,?,?,?,?,?,?,?,?)"
SELECT_CRITERIA = "SELECT key, label, kind, direction, weight, lo, hi, builtin, revision FROM criteria ORDER BY position, key"
# whether a client or criterion is (still) saved, asked inside a write before saving something of theirs (here and by the store's parts)
CLIENT_EXISTS = "SELECT 1 FROM clients WHERE id = ?"  # client_id
CRITERION_EXISTS = "SELECT 1 FROM criteria WHERE key = ?"  # key


def named(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[dict[str, Any]]:
    """Rows of a SELECT as dicts keyed by its columns."""
    return [dict(zip(columns, r)) for r in rows]


def stored_row(values: Sequence[Any] | StoredRow) -> dict[str, Any]:
    """A stored client row by name; a row written before the later columns existed gets their empty values."""
    if isinstance(values, Mapping):
        return {**LATER_COLUMNS, **values}
    return {**LATER_COLUMNS, **dict(zip(STORED_COLUMNS, values))}


def stored_list(row: StoredRow) -> list[Any]:
    """A stored row as the list an undo record keeps (``STORED_COLUMNS`` order: the record's format since format 1)."""
    return list(_STORED_OF(row))


# a row's columns picked by name at C speed (a 100 000-client update compares every row: 1.6 s with a loop per column)
_PARAMS_OF = itemgetter(*PARAM_COLUMNS)
_STORED_OF = itemgetter(*STORED_COLUMNS)
_CONTENT = [c for c in PARAM_COLUMNS if c != "updated"]  # what a save changes, besides when it happened
_CONTENT_OF_ROW = itemgetter(*_CONTENT)
_CONTENT_OF_PARAMS = itemgetter(*(PARAM_COLUMNS.index(c) for c in _CONTENT))


def params_of(row: StoredRow) -> tuple[Any, ...]:
    """The ``INSERT_CLIENT``/``UPDATE_CLIENT`` parameters (``PARAM_COLUMNS``) that write ``row`` back as it was."""
    return tuple(_PARAMS_OF(row))


def same_content(params: Sequence[Any], row: StoredRow) -> bool:
    """Whether saving ``params`` (``PARAM_COLUMNS`` order) over ``row`` would change nothing but the time of the save."""
    return bool(_CONTENT_OF_PARAMS(params) == _CONTENT_OF_ROW(row))


@functools.lru_cache(maxsize=1024)
def _services_from_json(text: str) -> tuple[str, ...]:
    """A stored services list; most clients share a few lists, and a tuple of str is safe to share."""
    return tuple(json.loads(text))


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def client_from_row(row: Sequence[Any]) -> Client:
    """A ``Client`` from a row of ``SELECT_CLIENTS`` (``CLIENT_COLUMNS``, unpacked by name in one place)."""
    id_, name, contact, email, industry, services, notes, last_win, start, vals, rev, win_date, working_on, language, currency, title = row
    return Client(
        name=name, contact_name=contact, email=email, industry=industry,
        services=_services_from_json(services), notes=notes, last_win=last_win,
        start_date=_date(start), values=json.loads(vals), id=id_, revision=rev,
        last_win_date=_date(win_date), working_on=working_on, language=language, currency=currency, title=title,
    )


def client_from_stored(row: StoredRow) -> Client:
    """A ``Client`` from a stored row, or from a client's parameters (no id and revision then)."""
    return client_from_row([row.get("id"), *(row[c] for c in CLIENT_COLUMNS[1:10]), row.get("revision", 1),
                            *(row.get(c, empty) for c, empty in LATER_COLUMNS.items())])


def old_columns(rows: Sequence[StoredRow]) -> dict[str, list[Any]]:
    """The optional fields and values of stored rows, as columns (``import_merge.merge``'s ``old``)."""
    names = ("contact_name", "email", "industry", "services", "notes", "last_win", "start_date", "vals", "last_win_date", "working_on", "language",
             "currency", "title")
    picked = dict(zip(names, map(list, zip(*map(itemgetter(*names), rows))))) if rows else {n: [] for n in names}  # one pass, in C
    col = picked.__getitem__
    return {
        "contact_name": col("contact_name"), "email": col("email"), "industry": col("industry"),
        "services": each_distinct(col("services"), lambda t: tuple(json.loads(t))),
        "notes": col("notes"), "last_win": col("last_win"),
        "start_date": each_distinct(col("start_date"), _date),
        "values": list(map(json.loads, col("vals"))),
        "last_win_date": each_distinct(col("last_win_date"), _date),
        "working_on": col("working_on"), "language": col("language"), "currency": col("currency"), "title": col("title"),
    }


def profile_params(p: Profile) -> tuple[Any, ...]:
    """The parameters of ``UPDATE_PROFILE``."""
    services = json.dumps([asdict(s) for s in p.services], ensure_ascii=False)
    return (p.name, p.email, p.signature, p.currency, p.locale, services, _packages_json(p.packages), p.digits)


def profile_from_row(row: Sequence[Any]) -> Profile:
    """A ``Profile`` from the row of ``SELECT_PROFILE``."""
    name, email, sig, cur, loc, services, rev, packages, digits = row
    return Profile(name, email, sig, cur, loc, tuple(Service(**s) for s in json.loads(services)), rev,
                   tuple(_package_from_json(p) for p in json.loads(packages)), digits)


def _packages_json(packages: Sequence[Package]) -> str:
    return json.dumps([{**asdict(p), "services": list(p.services)} for p in packages], ensure_ascii=False)


def _package_from_json(data: Mapping[str, Any]) -> Package:
    return Package(data["name"], tuple(data["services"]), data["price"], data.get("price_note", ""), data.get("separate_price"),
                   data.get("name_ar", ""))


def criterion_params(criteria: Iterable[Criterion], start: int = 0) -> list[tuple[Any, ...]]:
    """The parameters of ``INSERT_CRITERION`` for ``criteria``, placed from ``start`` on."""
    return [(k.key, k.label, k.kind, k.direction, k.weight, k.lo, k.hi, int(k.builtin), start + i) for i, k in enumerate(criteria)]


def criterion_from_row(row: Sequence[Any]) -> Criterion:
    """A ``Criterion`` from a row of ``SELECT_CRITERIA``."""
    k, lbl, kind, d, w, lo, hi, b, rev = row
    return Criterion(k, lbl, kind, d, w, lo, hi, bool(b), rev)
