"""How an import file updates a client that is already in the portfolio (docs/data.md, "Import merges").

An import *merges*: for a client whose name is already in the portfolio, a
cell with a value replaces the saved value, an empty cell keeps it, and a
column the file does not have keeps it too. Clearing a saved value from a file
takes the explicit marker ``(clear)`` (or ``(امسح)``) in the cell; in the app
the form clears a field. So re-importing an old or partial spreadsheet never
erases what was typed since.

Pure functions over the column shape the importer and the store share; the
store calls ``merge`` for the clients it updates, the preview calls ``changes``
to show old -> new before anything is saved.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from freelancekit.language.numerals import format_number

# A cell holding exactly one of these (any case, spaces around allowed) clears the saved value.
CLEAR_MARKERS: frozenset[str] = frozenset({"(clear)", "(امسح)"})

# Client fields an import may update, besides the name and the criterion values.
OPTIONAL_FIELDS: tuple[str, ...] = ("contact_name", "email", "industry", "services", "notes", "last_win", "start_date",
                                     "last_win_date", "working_on", "language", "currency", "title")

# Which file rows cleared which columns: {row number: {column, ...}}.
Cleared = Mapping[int | None, frozenset[str]]


def take_clear_markers(cells: Sequence[str], column: str, rows: Sequence[int], cleared: dict[int | None, frozenset[str]]) -> Sequence[str]:
    """``cells`` with every clear marker made empty; the rows that held one are added to ``cleared``.

    One scan of the whole column finds the usual file (no marker at all) at C speed.
    """
    if "(" not in "".join(cells):
        return cells
    out = list(cells)
    for i, cell in enumerate(cells):
        if "(" in cell and cell.strip().casefold() in CLEAR_MARKERS:
            out[i] = ""
            cleared[rows[i]] = cleared.get(rows[i], frozenset()) | {column}
    return out


def merge(new: Any, old: Mapping[str, list[Any]], listed: set[str], cleared: Cleared) -> Any:
    """The clients ``new`` (``ClientColumns``) as saved over ``old`` (same clients, same order, store's column shape).

    For each field: the file's value where its cell had one or was cleared, else the saved value.
    """
    rows = new.rows
    kept: dict[str, list[Any]] = {}
    for f in OPTIONAL_FIELDS:
        if f not in listed:
            kept[f] = old[f]
        else:
            kept[f] = _merged(getattr(new, f), old[f], rows, f, cleared, empty=_falsy)
    values = {}
    for k, col in new.values.items():
        saved = [v.get(k) for v in old["values"]]
        values[k] = _merged(col, saved, rows, k, cleared, empty=_none) if k in listed else saved
    return replace(new, **kept, values=values)


def _falsy(x: Any) -> bool:
    return not x  # "" (text), () (services), None (date)


def _none(x: Any) -> bool:
    return x is None  # a number: 0 is a value


def _merged(new: list[Any], old: list[Any], rows: Sequence[int | None], column: str, cleared: Cleared, *, empty: Any) -> list[Any]:
    if not any(map(empty, new)):
        return new
    return [o if empty(n) and column not in cleared.get(r, ()) else n for n, o, r in zip(new, old, rows)]


@dataclass(frozen=True)
class Change:
    """One field of one client, as saved now and as the import would save it."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ClientChange:
    """An existing client the import would update, with what would change (nothing: ``changes`` is empty)."""

    row: int | None
    name: str
    changes: tuple[Change, ...]


def changes(old: Any, new: Any, value_keys: Sequence[str]) -> tuple[Change, ...]:
    """What saving client ``new`` over ``old`` changes, field by field (both ``Client``)."""
    out = []
    if old.name != new.name:
        out.append(Change("name", old.name, new.name))
    for f in ("contact_name", "email", "industry", "services"):
        if getattr(old, f) != getattr(new, f):
            out.append(Change(f, getattr(old, f), getattr(new, f)))
    for k in value_keys:
        a, b = old.values.get(k), new.values.get(k)
        if a != b:
            out.append(Change(k, a, b))
    for f in ("notes", "last_win", "start_date", "last_win_date", "working_on", "language", "currency", "title"):
        if getattr(old, f) != getattr(new, f):
            out.append(Change(f, getattr(old, f), getattr(new, f)))
    return tuple(out)


def shown(value: Any) -> str:
    """A value as the preview and the command line show it ("" for empty)."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        return "; ".join(value)
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
