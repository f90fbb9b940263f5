"""What can be wrong with a records file: plain ``errors.Problem``s and one file-wide error.

A problem in a row names the file row (the header is row 1), the column as the
file spells it ("*" for the whole row, "header" for the header row), a code
``records.<code>`` and its facts; ``language.wording`` words it like every
other problem (texts under ``error.records.<code>``), so the CLI and the app
say the same thing in the user's language.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from freelancekit.errors import FreelancekitError, Problem
from freelancekit.language.wording import Term

CODE_PREFIX = "records."


def problem(code: str, row: int | None = None, column: str = "*", **facts: Any) -> Problem:
    """A problem with ``records.<code>``: on ``row`` in ``column``, or (no row) with the value of ``column``."""
    return Problem(column, row=row, code=CODE_PREFIX + code, **facts)


def format_name(key: str) -> Term:
    """A records format's name ("Toggl Track detailed report"), worded in the reader's language."""
    return Term(f"records.format.{key}")


def format_names(keys: Iterable[str]) -> list[Term]:
    return [format_name(k) for k in keys]


LEFT_OUT = ("no_client", "zero_length", "status", "refunded", "total_row")  # why an everyday row is left out, in report order
_LEFT_OUT_KEYS = {"status": "records.skipped_count"}


def left_out_lines(left_out: Mapping[str, int], locale: str | None, digits: str | None = None) -> list[str]:
    """One counted sentence per reason rows were left out on purpose (docs/records.md, "Rows left out")."""
    from freelancekit.language.l10n import plural

    return [plural(_LEFT_OUT_KEYS.get(r, f"records.left_out.{r}"), left_out[r], locale, digits) for r in LEFT_OUT if left_out.get(r)]


class RecordsFileError(FreelancekitError):
    """The file as a whole cannot be read as records (path, format, encoding, columns): nothing was read.

    Its one ``problem`` is worded like any other (``wording.error_text`` reads ``problems``):
    'row 1: this looks like a ...' for the header, the bare sentence for the whole file.
    """

    def __init__(self, p: Problem):
        self.problem = p
        self.problems = [p]
        super().__init__(str(p), code=p.code, **p.facts)
