"""Errors that carry a code and the facts; each front end puts them into words.

An error names *what* went wrong (``code``, a message key (``language/messages.py``) under
``error.``) and *the facts* (field, row, value, allowed range, path, ...). The
page, the CLI and the notebooks turn it into a sentence in the user's language
with ``freelancekit.language.wording``; only the CLI adds how to fix it with a flag.
``str(error)`` is the English sentence, for logs and for Python callers.

The exit code says what a script can do about it (docs/errors.md):
``EXIT_INPUT`` (2) fix the input, ``EXIT_FAILURE`` (1) something outside the
input failed (disk, file, permissions), ``EXIT_BUSY`` (75, sysexits'
EX_TEMPFAIL) try again in a moment.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as dc_field
from typing import Any

from freelancekit.language.wording import ROW_WIDE, WHOLE_FILE

EXIT_FAILURE = 1
EXIT_INPUT = 2
EXIT_BUSY = 75
EXIT_INTERRUPTED = 130

def _english(code: str, facts: Mapping[str, Any]) -> str:
    from freelancekit.language import wording  # at call time: importing errors stays cheap (no Babel)

    return wording.code_text(code, facts, "en", isolate=False)  # plain text for logs and Python callers


class FreelancekitError(Exception):
    """Base of every error we raise on purpose.

    ``FreelancekitError("English sentence")`` still works (code "message");
    new errors pass ``code=`` and the facts as keywords::

        raise StorageError(code="storage.no_portfolio", path=str(path))
    """

    exit_code: int = EXIT_FAILURE
    default_code: str = "message"

    def __init__(self, message: str | None = None, /, *, code: str | None = None,
                 exit_code: int | None = None, **facts: Any):
        self.code = code or self.default_code
        self.facts: dict[str, Any] = facts
        if message is None:
            message = _english(self.code, facts) if code else ""
        elif not code:
            self.facts = {"message": message, **facts}  # an old-style sentence: it is its own (English) wording
        if exit_code is not None:
            self.exit_code = exit_code
        super().__init__(message)

    @property
    def message(self) -> str:
        return str(self)

    def text(self, locale: str | None = "en") -> str:
        """The sentence for a user reading ``locale`` (no command-line advice)."""
        from freelancekit.language import wording

        return wording.error_text(self, locale)


@dataclass(frozen=True, init=False)
class Problem:
    """One thing wrong with one value: where it is, what it was and what is allowed instead.

    ``Problem("email", code="email.invalid", value=text)`` fills ``text`` with
    the English wording; ``Problem("email", "an English sentence")`` (no code)
    is shown as it is in every language, so give new problems a code.
    """

    field: str
    text: str = ""
    row: int | None = None
    code: str = ""
    facts: Mapping[str, Any] = dc_field(default_factory=dict, hash=False, compare=False)

    def __init__(self, field: str, text: str = "", row: int | None = None, *, code: str = "", **facts: Any):
        object.__setattr__(self, "field", field)
        object.__setattr__(self, "row", row)
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "facts", dict(facts.pop("facts", None) or {}, **facts))
        object.__setattr__(self, "text", text or (_english(code, self.facts) if code else ""))

    def at_row(self, row: int | None) -> Problem:
        """The same problem, found on row ``row`` of a file."""
        return replace(self, row=row, facts=self.facts)

    def __str__(self) -> str:
        if self.field == WHOLE_FILE and self.row is None:
            return self.text
        if self.row is not None and self.field in ROW_WIDE:
            return f"row {self.row}: {self.text}"
        if self.row is not None:
            return f"row {self.row}, column {self.field}: {self.text}"
        return f"{self.field}: {self.text}"

    def in_words(self, locale: str | None = "en") -> str:
        """What is wrong, without where (for the line next to the field)."""
        from freelancekit.language import wording

        return wording.problem_text(self, locale)


class InvalidInput(FreelancekitError):
    """One or more values broke the rules; nothing was saved."""

    exit_code = EXIT_INPUT
    default_code = "invalid_input"

    def __init__(self, problems: Sequence[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("; ".join(str(p) for p in self.problems), code="invalid_input")
        self.facts = {"count": len(self.problems)}

    def for_field(self, field: str, locale: str | None = "en") -> str | None:
        """The message to show next to one form field, if it has one, in ``locale``."""
        from freelancekit.language import wording

        texts = [wording.problem_text(p, locale) for p in self.problems if p.field == field]
        return wording.join_sentences(texts, locale) if texts else None


class NotFound(FreelancekitError):
    """The record asked for is not in the portfolio (any more)."""

    exit_code = EXIT_INPUT


class StaleEdit(FreelancekitError):
    """Someone (another tab, the CLI) saved this record after you opened it; reloading and trying again works."""

    exit_code = EXIT_BUSY


class PortfolioBusy(FreelancekitError):
    """Another program is writing the portfolio; trying again in a moment works."""

    exit_code = EXIT_BUSY


class StorageError(FreelancekitError):
    """The portfolio file cannot be used as it is (corrupt, read-only, too new, disk full)."""

    exit_code = EXIT_FAILURE


class NothingToUndo(FreelancekitError):
    """There is no import left to undo."""

    exit_code = EXIT_INPUT


class UndoConflict(FreelancekitError):
    """Undoing the last import would lose changes made since to these clients (``names``)."""

    exit_code = EXIT_INPUT

    SHOWN = 5  # names quoted in the message; the rest are counted ("and 3 more")

    def __init__(self, names: list[str]):
        self.names = list(names)
        more = max(0, len(self.names) - self.SHOWN)
        super().__init__(code="import.undo_conflict_more" if more else "import.undo_conflict",
                         quoted=self.names[:self.SHOWN], more=more)
