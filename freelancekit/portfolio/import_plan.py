"""What an import of clients will do, decided before anything is written (docs/data.md, "Import merges").

``plan_import`` is pure: from the saved clients the file names and the file's
checked rows it decides which clients are added, which updated (and each
field's old -> new), which left unchanged, which skipped and why. The preview
(the app's, ``freelancekit import --dry-run``) shows a plan; ``Store.import_clients``
makes the same plan inside its write transaction and applies it, so what is
saved is what a preview against the same portfolio showed.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from freelancekit.errors import InvalidInput, Problem
from freelancekit.language.wording import Phrase
from freelancekit.portfolio.client_columns import PARAM_COLUMNS, ClientColumns, param_rows
from freelancekit.portfolio.client_rows import StoredRow, client_from_stored, old_columns, same_content
from freelancekit.portfolio.import_merge import Change, Cleared, ClientChange, changes, merge
from freelancekit.portfolio.model import Client, Criterion

OnDuplicate = Literal["update", "skip", "error"]


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
class Match:
    """A saved client the file names again, under ``on_duplicate="update"``: its row as saved and as the import would save it."""

    id: int
    row: int | None  # the file's row number
    before: StoredRow  # the stored row (``client_rows.STORED_COLUMNS``): what an undo puts back
    params: tuple[Any, ...]  # what it would be saved with (``PARAM_COLUMNS`` order: ``UPDATE_CLIENT``'s), merged over ``before``
    value_keys: tuple[str, ...]  # the criteria of the file's values, in order
    same: bool  # nothing would change but the time of the save: the import leaves it alone (``unchanged``)

    @property
    def after(self) -> StoredRow:
        """``params`` by column name."""
        return dict(zip(PARAM_COLUMNS, self.params))

    @property
    def changes(self) -> tuple[Change, ...]:
        """Field by field, what saving it would change (worked out when a preview asks: it builds two ``Client``)."""
        if self.same:
            return ()
        return changes(client_from_stored(self.before), client_from_stored(self.after), list(self.value_keys))

    def described(self) -> ClientChange:
        return ClientChange(self.row, self.before["name"], self.changes)  # the name as saved


@dataclass(frozen=True)
class Plan:
    """What an import will do; ``Store.import_clients`` applies exactly this, in one transaction."""

    now: str  # the time every written client is stamped with
    added: tuple[ClientColumns, ...]  # the new clients, batch by batch, in file order
    matched: tuple[Match, ...]  # the saved clients the file updates or leaves as they are, in file order
    updates: tuple[Match, ...]  # those of them it changes
    skipped: int = 0  # saved clients the file names, left alone (``on_duplicate="skip"``)
    problems: tuple[Problem, ...] = ()  # names refused as already saved (``on_duplicate="error"`` with ``skip_invalid``)

    @property
    def added_count(self) -> int:
        return sum(map(len, self.added))

    def added_keys(self) -> list[str]:
        """``name_key`` of each new client, in the order they are inserted (what an undo checks an id against)."""
        return [k for batch in self.added for k in batch.keys()]

    def insert_params(self) -> list[tuple[Any, ...]]:
        """The ``INSERT_CLIENT`` parameters of every new client."""
        return [params for batch in self.added for params in param_rows(batch, self.now)]

    def update_params(self) -> list[tuple[Any, ...]]:
        """The ``UPDATE_CLIENT`` parameters (and id) of every client the import changes."""
        return [(*m.params, m.id) for m in self.updates]

    def result(self, *, described: bool = False) -> ImportResult:
        """The counts a user reads; ``described``: with each matched client's changes (the preview's table)."""
        updates = len(self.updates)
        return ImportResult(added=self.added_count, updated=updates, skipped=self.skipped, problems=list(self.problems),
                            unchanged=len(self.matched) - updates, changes=[m.described() for m in self.matched] if described else [])

    def clients_after(self, before: Iterable[Client]) -> list[Client]:
        """The portfolio's clients once the plan is applied to ``before`` (saved ones in id order, then the new ones, without ids)."""
        updated = {m.id: m for m in self.updates}
        out = [replace(client_from_stored(updated[c.saved_id].after), id=c.id, revision=c.revision + 1) if c.id in updated else c
               for c in before]
        return out + [c for batch in self.added for c in batch.clients()]


def plan_import(
    current: Mapping[str, StoredRow],
    batches: Sequence[ClientColumns],
    criteria: Sequence[Criterion],
    *,
    on_duplicate: OnDuplicate = "update",
    columns: Iterable[str] | None = None,
    cleared: Cleared | None = None,
    skip_invalid: bool = False,
    now: str,
) -> Plan:
    """The plan of importing ``batches`` into a portfolio whose saved clients named by the file are ``current``.

    ``current`` maps ``name_key`` to the stored row of each saved client the file
    names (the others do not matter). ``criteria`` are the portfolio's: values
    checked against others are refused (``check_criteria_unchanged``).
    ``columns`` are the file's columns: an updated client is *merged*
    (``import_merge``): what the file has no column for, and every empty cell,
    keeps the saved value; ``cleared`` names the cells that held the clear
    marker. Names refused by ``on_duplicate="error"`` raise ``InvalidInput``
    unless ``skip_invalid``, which reports them in the plan.
    """
    listed = set(columns) if columns is not None else None
    cleared = cleared or {}
    for batch in batches:
        check_criteria_unchanged(batch, criteria)
    added: list[ClientColumns] = []
    matched: list[Match] = []
    skipped = 0
    problems: list[Problem] = []
    for batch in batches:
        batch = replace(batch, name_keys=batch.keys())
        saved = list(map(current.get, batch.keys()))
        if saved.count(None) == len(saved):  # all new (a first import): nothing to look at one by one
            added.append(batch)
            continue
        new = [i for i, row in enumerate(saved) if row is None]
        dup = [i for i, row in enumerate(saved) if row is not None]
        if on_duplicate == "update":
            before = [row for row in saved if row is not None]  # the rows of dup, in order
            updated = batch.take(dup)
            if listed is not None:
                updated = merge(updated, old_columns(before), listed, cleared)
            keys = tuple(updated.values)
            matched += [Match(row["id"], file_row, row, params, keys, same_content(params, row))
                        for file_row, row, params in zip(updated.rows, before, param_rows(updated, now))]
        elif on_duplicate == "skip":
            skipped += len(dup)
        else:
            problems += [Problem("name", row=batch.rows[i], code="import.name_exists", value=batch.name[i]) for i in dup]
        if new:
            added.append(batch.take(new))
    if problems and not skip_invalid:
        raise InvalidInput(problems)
    return Plan(now, tuple(added), tuple(matched), tuple(m for m in matched if not m.same), skipped, tuple(problems))


def _scales(criteria: Iterable[Criterion]) -> dict[str, tuple[str, int, int]]:
    return {c.key: (c.kind, c.lo, c.hi) for c in criteria}


def check_criteria_unchanged(cols: ClientColumns, current: Sequence[Criterion]) -> None:
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
    found = [Phrase(f"import.criteria_{what}", {"keys": keys})
             for what, keys in (("removed", removed), ("added", added), ("rescaled", rescaled)) if keys]
    raise InvalidInput(Problem("criteria", code="import.criteria_changed", changes=found))
