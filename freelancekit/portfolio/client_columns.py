"""Clients as columns: the shape an import file is read in, and the parameters a client is saved with.

The importer hands its rows to the store as ``ClientColumns``, so a row going
straight into SQLite never becomes a ``Client``; ``param_rows`` turns columns
into the parameters of the store's INSERT and UPDATE of a client (their column
order is ``PARAM_COLUMNS``), for one client or 100 000. Pure: no SQLite here,
so the store stays transactions plus queries.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby, repeat
from json.encoder import encode_basestring
from operator import itemgetter
from typing import Any

from freelancekit.portfolio.model import Client, Criterion
from freelancekit.portfolio.validation import name_key

# The stored columns a client's parameters fill, in order (client_rows.INSERT_CLIENT and UPDATE_CLIENT are built from it).
PARAM_COLUMNS = ("name", "name_key", "contact_name", "email", "industry", "services", "notes", "last_win", "start_date", "vals", "updated",
                 "last_win_date", "working_on", "language", "currency", "title")


def services_json(services: Sequence[str]) -> str:
    """``json.dumps(list(services), ensure_ascii=False)``, 7x faster (json's own C string encoder);
    a 100 000-client import spent a third of its time in json.dumps."""
    return "[" + ",".join(map(encode_basestring, services)) + "]"


def _number_json(key: str, x: float | None) -> str:
    """One criterion value as JSON: ``null`` or the float's repr (what json.dumps writes)."""
    if x is None:
        return "null"
    x = float(x)
    if not math.isfinite(x):
        raise ValueError(f"{key}: {x} is not a finite number")
    return repr(x)


def values_json_column(values: Mapping[str, Sequence[float | None]], n: int) -> list[str]:
    """``json.dumps(values, allow_nan=False)`` of each of ``n`` clients, from one column per criterion key.

    Each distinct value of a column is written once (ratings repeat a lot), and
    the rows are joined by ``str.join`` in C: no Python work per value.
    """
    if not values:
        return ["{}"] * n
    fragments = []
    last = len(values) - 1
    for j, (key, col) in enumerate(values.items()):
        # the braces go into the first and last fragments, so a row is one str.join
        prefix = ("{" if j == 0 else "") + encode_basestring(key) + ":"
        suffix = "}" if j == last else ""
        text = _Memo(lambda x, key=key, prefix=prefix, suffix=suffix: prefix + _number_json(key, x) + suffix)
        fragment = list(map(text.__getitem__, col))
        if 0 in text:  # 0.0 and -0.0 are one dict key but are written differently
            fragment = [prefix + _number_json(key, x) + suffix if x == 0 else text[x] for x in col]
        fragments.append(fragment)
    return list(map(",".join, zip(*fragments)))


class _Memo(dict):
    """``memo[x]`` is ``fn(x)``, worked out the first time ``x`` is asked for.

    ``list(map(memo.__getitem__, column))`` then goes once through a column
    that repeats, with a Python call only per distinct value.
    """

    def __init__(self, fn: Any):
        super().__init__()
        self.fn = fn

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.fn(key)
        return value


def each_distinct(col: Sequence[Any], fn: Any) -> list[Any]:
    """``[fn(x) for x in col]`` with ``fn`` called once per distinct value (columns repeat a lot)."""
    try:
        return list(map(_Memo(fn).__getitem__, col))
    except TypeError:  # an unhashable value (a list of services built by hand)
        return [fn(x) for x in col]


def _date_text(d: date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass
class ClientColumns:
    """Clients as columns (one list per field, one per criterion key), as a file is read.

    The importer hands its rows to the store in this shape, so a row going
    straight into SQLite never becomes a ``Client``; ``param_rows`` turns it
    into the INSERT/UPDATE parameters, for one client or 100 000. Every
    client has the same value keys in the same order (``values``' order).
    """

    name: list[str]
    contact_name: list[str]
    email: list[str]
    industry: list[str]
    services: list[tuple[str, ...]]
    notes: list[str]
    last_win: list[str]
    start_date: list[date | None]
    values: dict[str, list[float | None]]
    rows: Sequence[int | None]  # the file's row number of each client (for messages)
    name_keys: list[str] | None = None  # name_key of each name, when the maker already has them
    # the criteria ``values`` were checked against (the importer's); the store refuses
    # to save them if the portfolio's criteria changed since (another tab, the CLI)
    criteria: tuple[Criterion, ...] | None = None
    # fields added after the first format; left out (a file without them): every client gets the empty value
    last_win_date: list[date | None] = field(default_factory=list)
    working_on: list[str] = field(default_factory=list)
    language: list[str] = field(default_factory=list)
    currency: list[str] = field(default_factory=list)
    title: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        n = len(self.name)
        for f, empty in EXTRA_EMPTY.items():
            if n and not getattr(self, f):
                setattr(self, f, [empty] * n)

    def keys(self) -> list[str]:
        """``name_key`` of each client's name (what makes two clients the same)."""
        return self.name_keys if self.name_keys is not None else list(map(name_key, self.name))

    def __len__(self) -> int:
        return len(self.name)

    @classmethod
    def from_clients(cls, clients: Sequence[Client], rows: Sequence[int | None] | None = None) -> ClientColumns:
        """Clients that all have the same value keys in the same order (see ``runs``)."""
        keys = tuple(clients[0].values) if clients else ()
        fields: dict[str, Any] = {f: [getattr(c, f) for c in clients] for f in _FIELDS}
        values = {k: [c.values[k] for c in clients] for k in keys}
        extras: dict[str, Any] = {f: [getattr(c, f) for c in clients] for f in EXTRA_EMPTY}
        return cls(**fields, values=values, rows=list(rows) if rows is not None else [None] * len(clients), **extras)

    @classmethod
    def runs(cls, pairs: Iterable[tuple[int | None, Client]]) -> list[ClientColumns]:
        """(row, client) pairs as consecutive batches whose clients share their value keys and order."""
        return [cls.from_clients([c for _, c in run], [r for r, _ in run])
                for run in (list(g) for _, g in groupby(pairs, key=lambda p: tuple(p[1].values)))]

    def client(self, i: int) -> Client:
        fields: dict[str, Any] = {f: getattr(self, f)[i] for f in (*_FIELDS, *EXTRA_EMPTY)}
        return Client(**fields, values={k: col[i] for k, col in self.values.items()})

    def clients(self) -> list[Client]:
        names = (*_FIELDS, *EXTRA_EMPTY)
        return [Client(**dict(zip(names, f)), values=dict(zip(self.values, v)))
                for f, v in zip(zip(*(getattr(self, f) for f in names)), zip(*self.values.values()) if self.values else repeat(()))]

    def take(self, indices: Sequence[int]) -> ClientColumns:
        """The clients at ``indices``, in that order."""
        fields: dict[str, Any] = {f: _pick(getattr(self, f), indices) for f in (*_FIELDS, "rows")}
        keys = _pick(self.name_keys, indices) if self.name_keys is not None else None
        extras: dict[str, Any] = {f: _pick(getattr(self, f), indices) for f in EXTRA_EMPTY}
        return ClientColumns(**fields, values={k: _pick(col, indices) for k, col in self.values.items()},
                             name_keys=keys, criteria=self.criteria, **extras)


def _pick(col: Sequence[Any], indices: Sequence[int]) -> list[Any]:
    return list(itemgetter(*indices)(col)) if len(indices) > 1 else [col[i] for i in indices]


_FIELDS = ("name", "contact_name", "email", "industry", "services", "notes", "last_win", "start_date")
EXTRA_EMPTY: dict[str, Any] = {"last_win_date": None, "working_on": "", "language": "", "currency": "", "title": ""}  # later fields, and their empty value


def param_rows(cols: ClientColumns, now: str) -> list[tuple[Any, ...]]:
    """The parameters of every client, in ``PARAM_COLUMNS`` order: the one place they are made."""
    return list(zip(
        cols.name, cols.keys(),
        cols.contact_name, cols.email, cols.industry, each_distinct(cols.services, services_json),
        cols.notes, cols.last_win, each_distinct(cols.start_date, _date_text),
        values_json_column(cols.values, len(cols)), repeat(now, len(cols)),
        each_distinct(cols.last_win_date, _date_text), cols.working_on, cols.language, cols.currency, cols.title,
    ))


def client_params(c: Client, now: str) -> tuple[Any, ...]:
    """One client's parameters (``param_rows``)."""
    return param_rows(ClientColumns.from_clients([c]), now)[0]
