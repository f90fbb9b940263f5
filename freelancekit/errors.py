"""Errors a freelancer can read: every failure the core reports is one of these."""
from __future__ import annotations

from dataclasses import dataclass


class FreelancekitError(Exception):
    """Base of every error we raise on purpose; its message is meant for the user."""

    @property
    def message(self) -> str:
        return str(self)


# Problems about a whole row (wrong number of cells) or the header row name no column.
ROW_WIDE = frozenset({"*", "header"})


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one value: where it is and what is allowed instead."""

    field: str
    text: str
    row: int | None = None

    def __str__(self) -> str:
        if self.row is not None and self.field in ROW_WIDE:
            return f"row {self.row}: {self.text}"
        if self.row is not None:
            return f"row {self.row}, column {self.field}: {self.text}"
        return f"{self.field}: {self.text}"


class InvalidInput(FreelancekitError):
    """One or more values broke the rules; nothing was saved."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    def for_field(self, field: str) -> str | None:
        """The message to show next to one form field, if it has one."""
        texts = [p.text for p in self.problems if p.field == field]
        return "; ".join(texts) if texts else None


class NotFound(FreelancekitError):
    """The record asked for is not in the portfolio (any more)."""


class StaleEdit(FreelancekitError):
    """Someone (another tab, the CLI) saved this record after you opened it."""


class PortfolioBusy(FreelancekitError):
    """Another program is writing the portfolio; trying again in a moment works."""


class StorageError(FreelancekitError):
    """The portfolio file cannot be used as it is (corrupt, read-only, too new, disk full)."""


class NothingToUndo(FreelancekitError):
    """There is no import left to undo."""


class UndoConflict(FreelancekitError):
    """Undoing the last import would lose changes made since to these clients (``names``)."""

    def __init__(self, names: list[str]):
        self.names = list(names)
        shown = ", ".join(f"'{n}'" for n in self.names[:5]) + (f" and {len(self.names) - 5} more" if len(self.names) > 5 else "")
        super().__init__(f"the import was not undone: {shown} changed after it (edited, deleted or given a draft), "
                         "and undoing would lose that; nothing was changed")
