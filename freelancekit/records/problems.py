"""What can be wrong with a records file, as a code and its facts.

Each problem names the file row (the header is row 1), the column as the file
spells it, a code and the facts; ``wording`` turns it into English or Arabic
through ``i18n`` (keys ``records.problem.<code>``), so the CLI and the app say
the same thing in the user's language.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from freelancekit.errors import FreelancekitError, InvalidInput, Problem
from freelancekit.language import i18n

# codes of problems about the whole file (row None) rather than one cell
FILE_CODES = frozenset({"unknown_format", "client_list", "missing_columns", "empty", "not_utf8", "not_csv", "bad_shape"})


@dataclass(frozen=True)
class RecordProblem(Problem):
    """A ``Problem`` that also carries a code and facts, worded per locale by ``wording``."""

    code: str = ""
    facts: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def in_locale(self, locale: str | None) -> str:
        return wording(self, locale)

    def __str__(self) -> str:
        return wording(self, "en")


def problem(code: str, row: int | None = None, column: str = "*", **facts: Any) -> RecordProblem:
    """A problem with its English text made now (what ``str()`` and the CLI show)."""
    return RecordProblem(column, i18n.t(f"records.problem.{code}", "en", **_shown(facts, "en")), row, code, facts)


def wording(p: Problem, locale: str | None, digits: str | None = None) -> str:
    """The whole problem in the user's language: where it is, then what is wrong."""
    if not isinstance(p, RecordProblem):
        return str(p)
    text = i18n.t(f"records.problem.{p.code}", locale, digits=digits, **_shown(p.facts, locale))
    if p.row is None:
        return text
    if p.field in ("*", "header"):
        return i18n.t("records.where_row", locale, digits=digits, row=p.row, text=text)
    return i18n.t("records.where_cell", locale, digits=digits, row=p.row, column=p.field, text=text)


def _shown(facts: Mapping[str, Any], locale: str | None) -> dict[str, Any]:
    """Facts as text: lists joined, format keys turned into their names."""
    out: dict[str, Any] = {}
    for k, v in facts.items():
        if k == "formats":
            out[k] = ", ".join(i18n.t(f"records.format.{f}", locale) for f in v)
        elif k == "format":
            out[k] = i18n.t(f"records.format.{v}", locale)
        elif isinstance(v, (list, tuple)):
            out[k] = ", ".join(map(str, v))
        else:
            out[k] = v
    return out


class RecordsFileError(FreelancekitError):
    """The file as a whole cannot be read as records (format, encoding, columns)."""

    def __init__(self, p: RecordProblem):
        self.problem = p
        super().__init__(str(p))

    def in_locale(self, locale: str | None) -> str:
        return wording(self.problem, locale)


class InvalidRecords(InvalidInput):
    """Rows of a records file broke the rules; nothing was saved."""

    def in_locale(self, locale: str | None, limit: int = 50) -> list[str]:
        return [wording(p, locale) for p in self.problems[:limit]]
