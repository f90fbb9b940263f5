"""Errors put into words: an error's code and facts become a sentence in the user's language.

The texts live in the catalogs (``messages.py``) under ``error.<code>`` (English and Arabic);
the command line's advice (flags to pass) under ``cli.<code>``, used by the
CLI only. Facts are written for the reader: numbers with the language's
digits, lists with its "and"/"or", and names, paths and values the user typed
isolated (``bidi.isolate``) so they keep their own direction in a sentence of
the other direction.
"""
from __future__ import annotations

import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import PurePath
from typing import Any, Protocol

from freelancekit.language import bidi, i18n, l10n

ERROR_PREFIX = "error."
# Problems about a whole row (wrong number of cells) or the header row name no column.
ROW_WIDE = frozenset({"*", "header"})
WHOLE_FILE = "*"  # the field of a problem with the whole file (no row either): it names no place at all


@dataclass(frozen=True)
class PerLanguage:
    """A fact whose value depends on the reader's language (e.g. the column names a file may use: keys in English,
    Arabic names in Arabic); worded with the value for the reader's locale, else the English one."""

    values: Mapping[str, Any] = dc_field(hash=False)

    def get(self, locale: str) -> Any:
        return self.values.get(locale, self.values["en"])


@dataclass(frozen=True)
class Phrase:
    """A part of a sentence with facts of its own (a fact's value): worded by its ``code`` like an error.

    A list of phrases is joined with "; " ("removed: learning; added: joy").
    """

    code: str
    facts: Mapping[str, Any] = dc_field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Term:
    """A fact that is a name of ours (a records format's name): the catalog's text under ``key`` in the reader's language."""

    key: str


class Problem(Protocol):
    """What the renderer needs of a problem (``errors.Problem``): where, what code, which facts, else its own text."""

    @property
    def field(self) -> str: ...
    @property
    def row(self) -> int | None: ...
    @property
    def code(self) -> str: ...
    @property
    def facts(self) -> Mapping[str, Any]: ...
    @property
    def text(self) -> str: ...


CLI_PREFIX = "cli."
# an error's facts that count something, each worded by a counted phrase of its own (an MP text) by the error's code:
# a sentence with two counts ("3 values but 2 columns") cannot be one counted text, its phrases can
COUNTED_FACTS: dict[str, dict[str, str]] = {
    "import.too_many_values": {"count": "count.values", "width": "count.columns"},
    "import.too_few_values": {"count": "count.values", "width": "count.columns"},
    "mail.link_too_long": {"length": "count.characters"},
    "import.undo_conflict_more": {"more": "count.more_clients"},
    "packages.too_many": {"maximum": "count.packages"},
}
# facts that are lists of alternatives ("choose one of a, b or c") rather than of things that go together
_ALTERNATIVES = frozenset({"choices", "known", "allowed"})


# the label a form shows for a field the core names (a problem outside a file row says which field)
FIELD_LABELS: dict[str, str] = {
    "name": "field.name", "contact_name": "field.contact_name", "email": "field.email", "industry": "field.industry",
    "services": "field.services", "last_win": "field.last_win", "notes": "field.notes", "start_date": "field.start_date",
    "your name": "profile.name", "your email": "profile.email", "signature": "profile.signature", "currency": "profile.currency",
    "language": "profile.language", "digits": "profile.digits", "service name": "profile.service_name", "value statement": "profile.service_value",
    "price hint": "profile.service_price", "service name (Arabic)": "profile.service_name_ar", "value statement (Arabic)": "profile.service_value_ar",
    "package name (Arabic)": "packages.col_name_ar", "label": "criteria.label", "kind": "criteria.kind", "direction": "criteria.direction",
    "subject": "drafts.subject", "body": "drafts.body", "status": "drafts.status", "follow_up": "drafts.follow_up",
    "tone": "drafts.tone", "weight": "field.weight", "weights": "field.weight", "criteria": "tab.criteria",
    "criterion": "criteria.label",
    # drafts: the client's timing and context, packages, outcomes
    "last_win_date": "field.last_win_date", "working_on": "field.working_on", "package name": "packages.col_name",
    "package services": "packages.col_services_short", "package price": "packages.price", "package price note": "packages.col_note",
    "separate price": "packages.separate", "won_what": "drafts.won_what", "won_value": "drafts.won_value", "client": "drafts.col_client",
    # currencies (docs/currencies.md)
    "title": "field.title",
    "rate currency": "rates.currency", "rate quote": "rates.quote", "rate": "rates.rate", "rate date": "rates.day",
}


def field_label(field: str, locale: str | None, labels: Mapping[str, str] | None = None) -> str:
    """The name a user knows a field by: a criterion's label, a form's label (without its '*'), else the field."""
    if labels and field in labels:
        return labels[field]
    builtin = i18n.builtin_label(field)
    if builtin is not None:
        return i18n.criterion_label(field, builtin, locale)
    key = FIELD_LABELS.get(field)
    return i18n.t(key, locale).rstrip(" *") if key and i18n.known(key) else field


def has_text(code: str) -> bool:
    return code == "message" or i18n.known(ERROR_PREFIX + code)


def _fact(name: str, value: Any, locale: str, digits: str | None, isolate: bool) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return l10n.number(value, locale, digits)
    if isinstance(value, PerLanguage):
        return _fact(name, value.get(locale), locale, digits, isolate)
    if isinstance(value, Term):
        return i18n.t(value.key, locale)
    if isinstance(value, Phrase):
        return code_text(value.code, value.facts, locale, digits=digits, isolate=isolate)
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, Phrase) for v in value):
        return join_sentences((_fact(name, v, locale, digits, isolate) for v in value), locale)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_fact(name, v, locale, digits, isolate) for v in value]
        if name == "quoted":  # names shown in quotes: 'a', 'b' / «a» و«b»
            items = [i18n.t("where.quote", locale).format(value=item) for item in items]
        # a fact's list follows a colon or "one of": "choose one of a, b, c", "removed: a, b" / "«أ»، «ب» و«ج»"
        return l10n.join_list(items, locale, "or" if name in _ALTERNATIVES else "and", listed=True)
    text = str(value) if not isinstance(value, PurePath) else str(value)
    return bidi.isolate(text, locale) if isolate else text


def fill(text: str, facts: Mapping[str, Any], locale: str | None, *, digits: str | None = None, isolate: bool = True) -> str:
    loc = i18n.normalise_locale(locale)
    values = {k: _fact(k, v, loc, digits, isolate) for k, v in facts.items()}
    return text.format_map(_Keep(values))


class _Keep(dict):  # a placeholder without a fact stays visible rather than failing
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def code_text(code: str, facts: Mapping[str, Any], locale: str | None, *, digits: str | None = None, isolate: bool = True) -> str:
    """The sentence for ``code`` with ``facts`` filled in; an old-style error keeps its own sentence."""
    if code == "message" or not i18n.known(ERROR_PREFIX + code):
        return str(facts.get("message", code))
    key = ERROR_PREFIX + code
    english = i18n.message(key)
    counted = COUNTED_FACTS.get(code, {})
    if counted:
        facts = {name: l10n.plural(counted[name], int(v), locale, digits) if name in counted else v for name, v in facts.items()}
    if english.plural is not None:  # a counted text: its form follows the fact its English "one" form writes out
        count = facts[counted_fact(english.text, english.plural)]
        return fill(i18n.counted(key, int(count), locale), facts, locale, digits=digits, isolate=isolate)
    return fill(i18n.t(key, locale, digits=digits), facts, locale, digits=digits, isolate=isolate)


def counted_fact(one: str, other: str) -> str:
    """The fact a counted error text counts: the placeholder its "one" form writes out ("1 service" for
    "{maximum} services"), else ``count``."""
    written_out = _placeholders(other) - _placeholders(one)
    return written_out.pop() if len(written_out) == 1 else "count"


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def problem_text(p: Problem, locale: str | None, *, digits: str | None = None, isolate: bool = True) -> str:
    """What is wrong with the value (shown next to its field, so without where)."""
    if p.code and has_text(p.code):
        return code_text(p.code, p.facts, locale, digits=digits, isolate=isolate)
    return p.text


def problem_line(p: Problem, locale: str | None, *, digits: str | None = None, isolate: bool = True,
                 labels: Mapping[str, str] | None = None) -> str:
    """Where and what: 'row 5, column email: …' / 'الصف 5، العمود email: …'.

    A file's column is named as the file names it; a form's field by its label
    (``labels``: criterion key -> label, for the portfolio's own criteria).
    """
    what = problem_text(p, locale, digits=digits, isolate=isolate)
    if p.row is None and p.field == WHOLE_FILE:
        return what
    column = p.field if p.row is not None or labels is None else field_label(p.field, locale, labels)
    facts: dict[str, Any]
    if p.row is not None and p.field in ROW_WIDE:
        key, facts = "where.row", {"row": p.row}
    elif p.row is not None:
        key, facts = "where.row_column", {"row": p.row, "column": column}
    else:
        key, facts = "where.field", {"column": column}
    return fill(i18n.t(key, locale), facts, locale, digits=digits, isolate=isolate) + what


def join_sentences(texts: Iterable[str], locale: str | None) -> str:
    return i18n.t("where.separator", locale).join(texts)


def error_text(exc: BaseException, locale: str | None, *, digits: str | None = None, isolate: bool = True,
               labels: Mapping[str, str] | None = None) -> str:
    """The whole error as one sentence (several problems joined), without command-line advice.

    ``labels`` (the page passes its criteria's labels) names form fields by their
    labels in the user's language; without it fields keep the core's names.
    """
    problems: Sequence[Problem] | None = getattr(exc, "problems", None)  # errors.InvalidInput
    if problems is not None:
        return join_sentences((problem_line(p, locale, digits=digits, isolate=isolate, labels=labels) for p in problems), locale)
    code, facts = getattr(exc, "code", None), getattr(exc, "facts", None)  # any errors.FreelancekitError
    if isinstance(code, str) and isinstance(facts, Mapping):
        return code_text(code, facts, locale, digits=digits, isolate=isolate)
    return i18n.t("error.unexpected", locale)


def cli_advice(exc: BaseException, locale: str | None) -> str | None:
    """What to type to fix it, for the command line only (it may name flags)."""
    problems: Sequence[Problem] | None = getattr(exc, "problems", None)  # errors.InvalidInput
    codes = [p.code for p in problems] if problems is not None else [getattr(exc, "code", "")]
    facts = problems[0].facts if problems else getattr(exc, "facts", {})
    for code in codes:
        if code and i18n.known(CLI_PREFIX + code):
            return fill(i18n.t(CLI_PREFIX + code, locale), facts, locale, isolate=False)
    return None
