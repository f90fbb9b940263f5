"""The last import's record, and the pure decision of undoing it (docs/data.md, "Undo an import").

A real import keeps, in the file's meta table, what it added (an id range and
each new client's name key) and the stored rows it overwrote. ``plan_undo``
decides from that record and the clients as they are now what an undo deletes
and puts back, or which clients' later work it would lose (then it is refused);
``Store.undo_import`` reads, plans and applies in one transaction.
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from freelancekit.portfolio.client_rows import StoredRow, params_of, stored_list, stored_row

# What the last import did (``LastImport`` as JSON), kept for ``Store.undo_import``.
SAVE_LAST_IMPORT = "INSERT INTO meta VALUES ('last_import', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"  # JSON
SELECT_LAST_IMPORT = "SELECT value FROM meta WHERE key = 'last_import'"
DELETE_LAST_IMPORT = "DELETE FROM meta WHERE key = 'last_import'"
# what the undo checks: the clients in the added id range, their drafts, and the revisions of the clients it replaced
ADDED_COLUMNS = ("id", "name", "revision", "updated", "name_key")
SELECT_ADDED = f"SELECT {', '.join(ADDED_COLUMNS)} FROM clients WHERE id BETWEEN ? AND ?"  # first, last
SELECT_DRAFTED = "SELECT client_id FROM drafts WHERE client_id BETWEEN ? AND ?"  # first, last
SELECT_REVISIONS = "SELECT id, revision FROM clients WHERE id IN (SELECT value FROM json_each(?))"  # JSON list of ids


@dataclass(frozen=True)
class ImportRecord:
    """What the last import did, as ``undo_import`` would undo it."""

    source: str
    at: str
    added: int
    updated: int


@dataclass(frozen=True)
class LastImport:
    """The saved record of the last import: enough to undo it."""

    source: str
    at: str  # the time its clients were stamped with
    first: int  # the new clients took the ids first ... last (max + 1 each, one writer)
    last: int
    added_keys: tuple[str, ...]  # name_key of the client given each id, in id order
    replaced: tuple[StoredRow, ...]  # the stored rows its updates overwrote

    @property
    def record(self) -> ImportRecord:
        return ImportRecord(self.source, self.at, max(self.last - self.first + 1, 0), len(self.replaced))

    def to_json(self) -> str:
        """The record as saved; its rows as lists in ``STORED_COLUMNS`` order (the format every version reads)."""
        return json.dumps({"source": self.source, "at": self.at, "added": [self.first, self.last], "added_keys": list(self.added_keys),
                           "replaced": [stored_list(r) for r in self.replaced]}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> LastImport:
        data = json.loads(text)
        first, last = data["added"]
        return cls(data["source"], data["at"], first, last, tuple(data["added_keys"]), tuple(map(stored_row, data["replaced"])))


@dataclass(frozen=True)
class UndoPlan:
    """What undoing the last import does: delete the clients it added, put back the rows it replaced; or refuse."""

    record: ImportRecord
    delete: tuple[int, ...]  # ids of the clients it added that are still its own
    restore: tuple[StoredRow, ...]  # the rows it overwrote, to write back
    conflicts: tuple[str, ...]  # names of its clients changed, drafted or deleted since: undoing would lose that work

    def restore_params(self) -> list[tuple[Any, ...]]:
        """The ``UPDATE_CLIENT`` parameters (and id) that write each replaced row back."""
        return [(*params_of(r), r["id"]) for r in self.restore]


def plan_undo(last: LastImport, in_range: Sequence[StoredRow], drafted: set[int], revisions: Mapping[int, int]) -> UndoPlan:
    """Undo ``last``, given the clients now in its id range (``ADDED_COLUMNS``), which of them have drafts,
    and the current revision of each client it replaced (absent: deleted since).

    A client added later by hand may have reused the id of an imported one that was
    deleted: it is the import's only if it carries the import's time and name key,
    or was edited since (then it is a conflict). An updated client is untouched
    since only if its revision is the one the import's update gave it.
    """
    ours = [r for r in in_range
            if (r["updated"] == last.at and r["name_key"] == last.added_keys[r["id"] - last.first]) or r["revision"] > 1]
    conflicts = [r["name"] for r in ours if r["revision"] != 1 or r["id"] in drafted]
    conflicts += [r["name"] for r in last.replaced if revisions.get(r["id"]) != r["revision"] + 1]
    return UndoPlan(last.record, tuple(r["id"] for r in ours), last.replaced, tuple(conflicts))
