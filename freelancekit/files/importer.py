"""Reading clients from CSV or XLSX, all or nothing, with every problem listed.

Row numbers are spreadsheet rows: the header is row 1, the first client row 2.
Whole columns are checked at once (fast path) and only columns that fail a
check are re-read cell by cell with the shared validators, so the messages are
exactly those of the form and the API.
"""
from __future__ import annotations

import csv
import gc
import io
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from operator import is_, itemgetter
from pathlib import Path
from typing import Any, cast

from freelancekit.errors import EXIT_FAILURE, EXIT_INPUT, FreelancekitError, InvalidInput, Problem
from freelancekit.files.encodings import EncodingError, decode
from freelancekit.files.headers import BASE_COLUMNS, TAIL_COLUMNS, column_lookup, header_key, local_name
from freelancekit.files.spreadsheet import unescape_formula
from freelancekit.language.numerals import format_number
from freelancekit.language.wording import PerLanguage
from freelancekit.portfolio import validation as v
from freelancekit.portfolio.client_columns import ClientColumns
from freelancekit.portfolio.import_merge import take_clear_markers
from freelancekit.portfolio.import_plan import Plan
from freelancekit.portfolio.model import HEADER_FIELDS, LIMITS, Client, Criterion, parse_client_language, parse_services, parse_value, parse_win_date
from freelancekit.portfolio.rates import parse_currency
from freelancekit.portfolio.storage import ImportResult, OnDuplicate, Store
from freelancekit.portfolio.titles import parse_title

MAX_FILE_BYTES = 200 * 1024 * 1024


class ImportFileError(FreelancekitError):
    """The file as a whole cannot be read (not UTF-8, not a table, empty...): fix the file."""

    exit_code = EXIT_INPUT


@dataclass
class ParsedImport:
    """What a file would import: the valid clients (with their row) and every problem found.

    The valid rows are kept as columns (``valid``), which is what the store
    saves; ``clients`` makes ``Client`` objects only when asked (the preview).
    """

    columns: list[str]
    valid: ClientColumns
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    cleared: dict[int | None, frozenset[str]] = field(default_factory=dict)  # row -> columns holding the clear marker
    encoding: str = "utf-8"  # how the file's bytes were read (see read_text)

    @cached_property
    def clients(self) -> list[tuple[int, Client]]:
        return list(zip(cast("list[int]", self.valid.rows), self.valid.clients()))  # a file's clients all have rows


def known_columns(criteria: Sequence[Criterion]) -> list[str]:
    builtin_keys = [c.key for c in criteria]
    return [*BASE_COLUMNS, *builtin_keys, *TAIL_COLUMNS]


# -- reading the file ------------------------------------------------------------
def read_table(data: bytes, filename: str = "clients.csv") -> tuple[list[list[str]], str]:
    """The file's rows of strings (header first) and the text encoding it was read in."""
    if not data:
        raise ImportFileError(code="import.empty")
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(code="import.too_large", size=len(data), maximum=MAX_FILE_BYTES // 2**20)
    if filename.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04":
        return _read_xlsx(data), "utf-8"  # an .xlsx holds Unicode text whatever made it
    return _read_csv(data)


def _read_csv(data: bytes) -> tuple[list[list[str]], str]:
    """The rows and the encoding the bytes were read in (``encodings.decode``)."""
    try:
        text, encoding = decode(data)
    except EncodingError as exc:
        raise ImportFileError(code=exc.code, **exc.facts) from None
    if not text or text.isspace():  # = not text.strip(), without copying the whole text
        raise ImportFileError(code="import.empty")
    end = text.find("\n")
    first = text if end < 0 else text[:end]  # not split(): that would copy the rest of the file
    # Excel's "Unicode Text" separates with tabs, a ';' locale's CSV with ';'
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    delimiter = max(counts, key=lambda sep: (counts[sep], sep == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)  # blank lines stay (as []) so row numbers match the spreadsheet
    except csv.Error as exc:
        raise ImportFileError(code=_csv_reason(exc), line=reader.line_num, detail=str(exc)) from None
    return rows, encoding


def _csv_reason(exc: csv.Error) -> str:
    """The code of what is wrong in the CSV (the texts are i18n ``error.<code>``)."""
    text = str(exc)
    if "EOF" in text or "end of data" in text or "unexpected end" in text:
        return "import.csv_quote_open"
    if "expected" in text and "after" in text:
        return "import.csv_text_after_quote"
    return "import.bad_csv"


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    not_xlsx = ImportFileError(code="import.not_xlsx")
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - not a zip, a zip without a workbook, broken XML inside: many error types
        raise not_xlsx from None
    try:
        if not wb.worksheets:
            raise not_xlsx
        ws = wb.worksheets[0]
        rows = [[_xlsx_cell(c) for c in row] for row in ws.iter_rows(values_only=True)]
    except ImportFileError:
        raise
    except Exception:  # noqa: BLE001 - broken sheet XML (e.g. a character XML does not allow)
        raise not_xlsx from None
    finally:
        wb.close()
    while rows and not any(rows[-1]):
        rows.pop()
    if rows:  # Excel pads rows with empty cells to the sheet's used width: drop that padding
        header_width = len(rows[0])
        while header_width and not rows[0][header_width - 1]:
            header_width -= 1
        rows = [r[:header_width] if not any(r[header_width:]) else r for r in rows]
    if not rows:
        raise ImportFileError(code="import.empty")
    return rows


def _xlsx_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float):
        return format_number(value)  # never an exponent: 1e-06 would not read back
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


# -- checking the header and the cells -------------------------------------------
class HeaderError(InvalidInput):
    """The header row names columns that cannot be imported; the facts let each front end word it.

    ``unknown``: the headers as written that name no column; ``twice``: (header, header,
    column) pairs naming one column; ``unnamed``: positions of empty headers;
    ``no_name``: the client name column is missing; ``accepted``: the column keys.
    """

    def __init__(self, problems: list[Problem], *, unknown: list[str], twice: list[tuple[str, str, str]],
                 unnamed: list[int], no_name: bool, accepted: list[str]):
        super().__init__(problems)
        self.unknown, self.twice, self.unnamed, self.no_name, self.accepted = unknown, twice, unnamed, no_name, accepted


def check_header(header: list[str], criteria: Sequence[Criterion]) -> list[str]:
    """The column key of every header cell, matched by ``headers.column_lookup`` (English or Arabic)."""
    lookup = column_lookup(criteria)
    known = known_columns(criteria)
    columns: list[str] = []
    seen: dict[str, str] = {}
    unknown: list[str] = []
    twice: list[tuple[str, str, str]] = []
    unnamed: list[int] = []
    for i, raw in enumerate(header, start=1):
        written = unicodedata.normalize("NFC", raw).strip().lstrip("\ufeff").strip()
        key = lookup.get(header_key(written)) if written else None
        if not written:
            unnamed.append(i)
        elif key is None:
            unknown.append(written[:60])
        elif key in seen:
            twice.append((seen[key], written, key))
        else:
            seen[key] = written
        columns.append(key or written)
    # the accepted names in the reader's language: the keys in English, the Arabic names in Arabic (docs/errors.md)
    named = PerLanguage({"en": known, "ar": [local_name(k, criteria, "ar") for k in known]})
    problems = [Problem("header", row=1, code="import.column_unnamed", column=i, known=named) for i in unnamed]
    problems += [Problem("header", row=1, code="import.column_twice_as", value=key, first=a, second=b) if a.casefold() != b.casefold() else
                 Problem("header", row=1, code="import.column_twice", value=key) for a, b, key in twice]
    if unknown:
        problems.append(Problem("header", row=1, code="import.column_unknown" if len(unknown) == 1 else "import.columns_unknown",
                                value=unknown[0], quoted=unknown, known=named))
    if "name" not in seen:
        problems.append(Problem("header", row=1, code="import.name_missing"))
    if problems:
        raise HeaderError(problems, unknown=unknown, twice=twice, unnamed=unnamed, no_name="name" not in seen, accepted=known)
    return columns


# Everything clean_text refuses or rewrites; a column holding none of it can skip the per-cell call.
_FAST_BAD = re.compile(f"[{v.CONTROL_CLASS}\r\t\u2028\u2029]")


def _printable(cells: Sequence[str]) -> bool:
    """True when no cell holds a control, line break, tab, noncharacter or surrogate.

    ``str.isprintable`` is False for all of those (categories Cc, Zl, Zp, Cn, Cs)
    and runs in C, far faster than the ``_FAST_BAD`` scan; it is also False for
    harmless marks (no-break space, RLM), which then take that exact scan.
    """
    return " ".join(cells).isprintable()


def _text_column(cells: Sequence[str], column: str, rows: list[int], problems: list[Problem], multiline: bool,
                 *, escaped: bool = False) -> list[str | None]:
    """Whole-column check first; cell-by-cell (same validator as the form) only if it fails.

    A column that repeats (an industry, empty notes) is checked once per distinct
    cell. ``escaped``: the cells may carry the export's formula escape (a file).
    """
    if column != "name" and len(set(cells[:1000])) * 2 <= min(len(cells), 1000):  # names are unique
        distinct = list(dict.fromkeys(cells))
        done = _clean_column(distinct, column, multiline, escaped)
        if done is not None:
            return list(map(dict(zip(distinct, done)).__getitem__, cells))
    done = _clean_column(cells, column, multiline, escaped)
    if done is not None:
        out: list[str | None] = list(done)
        if column == "name" and "" in out:
            for i, c in enumerate(out):
                if not c:
                    problems.append(Problem("name", row=rows[i], code="value.required"))
                    out[i] = None
        return out
    result: list[str | None] = []
    limit = LIMITS[column]
    for i, cell in enumerate(_unescaped(cells) if escaped else cells):
        try:
            result.append(v.clean_text(cell, column, row=rows[i], multiline=multiline, max_length=limit, required=column == "name",
                                       header=column in HEADER_FIELDS))
        except InvalidInput as exc:
            problems.extend(exc.problems)
            result.append(None)
    return result


def _clean_column(cells: Sequence[str], column: str, multiline: bool, escaped: bool) -> list[str] | None:
    """The cells trimmed, if every one is already clean text (what clean_text would keep as is); else None."""
    spaced = " ".join(cells)
    if escaped and (spaced.startswith("'") or " '" in spaced):  # maybe a cell escaped by the export
        cells = [unescape_formula(c) for c in cells]
        spaced = " ".join(cells)
    limit = LIMITS[column]
    if spaced.isprintable():
        # no cell holds a control, line break, tab, noncharacter or surrogate (none is printable);
        # " " is a starter that composes with nothing, so the whole is NFC exactly when every cell is
        clean = unicodedata.is_normalized("NFC", spaced) and max(map(len, cells), default=0) <= limit
    else:
        # "\n" separates the cells: it is not in _FAST_BAD (a control character would make every
        # column take the slow path) and, being a starter, cannot change how a neighbour normalises
        joined = "\n".join(cells)
        clean = (
            not (_FAST_BAD.search(joined) or (not multiline and joined.count("\n") != max(len(cells) - 1, 0)))
            and max(map(len, cells), default=0) <= limit
            and unicodedata.is_normalized("NFC", joined)
            and (not multiline or "\r" not in joined)
            and _encodes(joined)
        )
    if clean and column in HEADER_FIELDS and "=?" in spaced and v.ENCODED_WORD.search(spaced):
        return None  # a cell shaped like an encoded mail header: the cell-by-cell check names it
    return list(map(str.strip, cells)) if clean else None


def _encodes(text: str) -> bool:
    """False when the text holds an unpaired surrogate (which UTF-8 cannot store)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _number_column(cells: Sequence[str], crit: Criterion, rows: list[int], problems: list[Problem], *, escaped: bool = False) -> list[float | None]:
    """``escaped``: the cells may carry the export's formula escape (a file), undone first."""
    def parse(cell: str, _column: str) -> float | None:
        return parse_value(crit, cell)
    return _cached_column(cells, _unescaping(parse) if escaped else parse, crit.key, rows, problems)


def _cached_column(cells: Sequence[str], fn: Any, column: str, rows: list[int], problems: list[Problem]) -> list[Any]:
    """``fn(cell, column)`` for every cell, computed once per distinct cell (columns repeat a lot)."""
    parsed = _ParsedCells(fn, column)
    out = list(map(parsed.__getitem__, cells))
    if parsed.failed:
        for i, hit in enumerate(out):
            if isinstance(hit, InvalidInput):
                problems.extend(p.at_row(rows[i]) for p in hit.problems)
                out[i] = None
    return out


class _ParsedCells(dict):
    """cell -> ``fn(cell, column)`` (or the InvalidInput it raised), worked out on first use."""

    def __init__(self, fn: Any, column: str):
        super().__init__()
        self.fn, self.column, self.failed = fn, column, False

    def __missing__(self, cell: str) -> Any:
        try:
            value = self.fn(cell, self.column)
        except InvalidInput as exc:
            value, self.failed = exc, True
        self[cell] = value
        return value


# A subset of what clean_email accepts (every label, the last one too, at most 63 characters;
# at most 64 characters before the @ and 254 in all).
_FAST_EMAIL = re.compile(r"(?=[^@]{1,64}@)(?=.{1,254}\Z)[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*"
                         r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]")


def _email_column(cells: Sequence[str], rows: list[int], problems: list[Problem], *, escaped: bool = False) -> list[str | None]:
    """A column of plain ASCII addresses is checked at once by a regex; anything else goes through clean_email itself.

    ``escaped``: the cells may carry the export's formula escape (a file).
    """
    if escaped:
        cells = _unescaped(cells)
    stripped = list(map(str.strip, cells))
    # a cell that strip() left as it was and that matches _FAST_EMAIL cannot hold a control character
    if ((all(map(is_, stripped, cells)) or _column_clean(cells))
            and all(map(_FAST_EMAIL.fullmatch, filter(None, stripped)))):
        joined = "\n".join(stripped)
        return cast("list[str | None]", stripped if joined.lower() == joined else list(map(_lower_domain, stripped)))
    column_clean = _column_clean(cells)
    out: list[str | None] = []
    for i, raw in enumerate(cells):
        cell = stripped[i]
        if (column_clean or not _FAST_BAD.search(raw)) and (not cell or _fast_email_ok(cell)):
            out.append(_lower_domain(cell))
            continue
        try:
            out.append(v.clean_email(raw, "email", row=rows[i]))
        except InvalidInput as exc:
            problems.extend(exc.problems)
            out.append(None)
    return out


def _column_clean(cells: Sequence[str]) -> bool:
    """No cell holds a character that clean_text refuses or rewrites (one scan for the column)."""
    return _printable(cells) or not _FAST_BAD.search("\n".join(cells))


def _lower_domain(cell: str) -> str:
    local, at, domain = cell.rpartition("@")
    return f"{local}{at}{domain.lower()}"


def _fast_email_ok(cell: str) -> bool:
    return _FAST_EMAIL.fullmatch(cell) is not None


def _unescaped(cells: Sequence[str]) -> list[str]:
    """One column with the export's formula escape undone; a column with no leading ' is left as it is."""
    joined = "\n".join(cells)
    if not joined.startswith("'") and "\n'" not in joined:
        return list(cells)
    return [unescape_formula(c) for c in cells]


# Arabic writers separate a list with the Arabic semicolon or comma; neither is ever a column delimiter
# (the delimiter is ',', ';' or a tab), so in a services cell each separates services like ';' does.
SERVICE_SEPARATORS = str.maketrans({"\u061b": ";", "\u060c": ";"})  # ؛ and ،


def parse_service_cell(cell: str, column: str = "services") -> tuple[str, ...]:
    """A services cell of a client file: names separated by ';', '؛' or '،' (docs/data.md)."""
    return parse_services(cell.translate(SERVICE_SEPARATORS), column)


def _unescaping(fn: Any) -> Any:
    """``fn(cell, column)`` on the cell with the export's formula escape undone (once per distinct cell)."""
    return lambda cell, column: fn(unescape_formula(cell), column)


def _table_body(rows: list[list[str]], columns: list[str]) -> tuple[list[list[str]], list[int], list[Problem]]:
    """The client rows and their spreadsheet row numbers; blank rows skipped, rows of the wrong width reported."""
    width = len(columns)
    body = rows[1:]
    name_at = columns.index("name")
    # the usual file, every row as wide as the header and named (so none is blank), is checked in C
    if list(map(len, body)).count(width) == len(body) and all(map(str.strip, map(itemgetter(name_at), body))):
        return body, list(range(2, len(rows) + 1)), []
    body, numbers, problems = [], [], []
    for row, r in enumerate(rows[1:], start=2):
        if not any(map(str.strip, r)):
            continue
        if len(r) != width:
            problems.append(Problem("*", row=row, code="import.too_many_values" if len(r) > width else "import.too_few_values", count=len(r), width=width))
            continue
        body.append(r)
        numbers.append(row)
    return body, numbers, problems


def parse_table(rows: list[list[str]], criteria: Sequence[Criterion]) -> ParsedImport:
    """Validate every cell of a table whose first row is the header.

    Blank rows are skipped but still counted, so row numbers stay those of the
    spreadsheet; a row with the wrong number of cells is reported and left out
    while the other rows are still checked (``--skip-invalid`` imports them).
    """
    columns = check_header(rows[0], criteria)
    body, numbers, problems = _table_body(rows, columns)
    n_rows = len(body) + len(problems)
    by_col: dict[str, Sequence[str]] = dict(zip(columns, zip(*body))) if body else {}
    cleared: dict[int | None, frozenset[str]] = {}
    for col in columns:
        if col != "name" and col in by_col:
            by_col[col] = take_clear_markers(by_col[col], col, numbers, cleared)
    empty = [""] * len(body)
    values: dict[str, list[Any]] = {}
    for col in ("name", "contact_name", "industry", "notes", "last_win", "working_on"):
        values[col] = _text_column(by_col.get(col, empty), col, numbers, problems, multiline=col == "notes", escaped=True)
    values["email"] = _email_column(by_col.get("email", empty), numbers, problems, escaped=True)
    # the other columns repeat a lot: each distinct cell is unescaped and parsed once
    values["services"] = _cached_column(by_col.get("services", empty), _unescaping(parse_service_cell), "services", numbers, problems)
    values["start_date"] = _cached_column(by_col.get("start_date", empty), _unescaping(v.parse_start_date), "start_date", numbers, problems)
    values["last_win_date"] = _cached_column(by_col.get("last_win_date", empty), _unescaping(parse_win_date), "last_win_date", numbers, problems)
    values["language"] = _cached_column(by_col.get("language", empty), _unescaping(parse_client_language), "language", numbers, problems)
    values["currency"] = _cached_column(by_col.get("currency", empty), _unescaping(parse_currency), "currency", numbers, problems)
    values["title"] = _cached_column(by_col.get("title", empty), _unescaping(parse_title), "title", numbers, problems)
    crit_values = {c.key: _number_column(by_col.get(c.key, empty), c, numbers, problems, escaped=True) for c in criteria}
    bad_rows = {p.row for p in problems}
    names = values["name"]
    # the names are already NFC (clean_text), so casefold() alone is v.name_key
    keys = list(map(str.casefold, names)) if None not in names else None
    unique = keys is not None and len(set(keys)) == len(keys)
    seen: dict[str, int] = {}
    for row, name in zip(numbers, names if not unique else ()):  # looked at one by one only to name the repeats
        if name is not None:
            k = name.casefold()
            if k in seen:
                problems.append(Problem("name", row=row, code="import.name_repeated", value=name, first_row=seen[k]))
                bad_rows.add(row)
            else:
                seen[k] = row
    valid = ClientColumns(**values, values=crit_values, rows=numbers, name_keys=keys, criteria=tuple(criteria))
    if bad_rows:
        valid = valid.take([i for i, row in enumerate(numbers) if row not in bad_rows])
    problems.sort(key=lambda p: (p.row or 0, columns.index(p.field) if p.field in columns else -1))
    return ParsedImport(columns, valid, problems, n_rows, cleared)


def parse_file(data: bytes, filename: str, criteria: Sequence[Criterion]) -> ParsedImport:
    with gc_paused():
        rows, encoding = read_table(data, filename)
        return replace(parse_table(rows, criteria), encoding=encoding)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Reading a big file makes millions of small objects, none of them cyclic: the cycle
    collector would rescan them again and again (a third of the import time at 100 000 rows)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def import_clients(
    store: Store,
    data: bytes,
    filename: str = "clients.csv",
    *,
    skip_invalid: bool = False,
    on_duplicate: OnDuplicate = "update",
) -> ImportResult:
    """All-or-nothing import (or only the valid rows with ``skip_invalid``)."""
    with gc_paused():
        return commit(store, parse_file(data, filename, store.criteria()), skip_invalid=skip_invalid, on_duplicate=on_duplicate,
                      source=filename)


def commit(store: Store, parsed: ParsedImport, *, skip_invalid: bool = False, on_duplicate: OnDuplicate = "update",
           source: str = "") -> ImportResult:
    """Save a checked file (e.g. after the app's preview): all or nothing, or the valid rows.

    Updated clients are merged (``import_merge``: empty cells and missing columns keep
    the saved value); use this rather than ``Store.import_clients`` directly so that
    rule always holds. ``Store.undo_import`` puts back what it changed.
    """
    if parsed.problems and not skip_invalid:
        raise InvalidInput(parsed.problems)
    with gc_paused():
        result = store.import_clients(parsed.valid, on_duplicate, columns=parsed.columns, skip_invalid=skip_invalid,
                                      cleared=parsed.cleared, source=source)
    result.problems = sorted(parsed.problems + result.problems, key=lambda p: p.row or 0)
    result.encoding = parsed.encoding
    return result


def plan(store: Store, parsed: ParsedImport, *, on_duplicate: OnDuplicate = "update") -> Plan:
    """What ``commit`` would do against the portfolio as saved now (``import_plan.Plan``), saving nothing."""
    with gc_paused():
        return store.plan_import(parsed.valid, on_duplicate, columns=parsed.columns, skip_invalid=True, cleared=parsed.cleared)


def preview(store: Store, parsed: ParsedImport, *, on_duplicate: OnDuplicate = "update") -> ImportResult:
    """The plan as the app's preview and ``--dry-run`` show it: counts, and per updated client each field that changes (old -> new)."""
    result = plan(store, parsed, on_duplicate=on_duplicate).result(described=True)
    result.encoding = parsed.encoding
    return result


def import_path(store: Store, path: str | Path, **kwargs: Any) -> ImportResult:
    path = Path(path)
    return import_clients(store, read_import_file(path), path.name, **kwargs)


def read_import_file(path: Path) -> bytes:
    """The file's bytes, or a message saying why it cannot be read (read before the portfolio is opened)."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise ImportFileError(code="import.is_folder", path=str(path)) from None
    except FileNotFoundError:
        raise ImportFileError(code="import.no_file", path=str(path)) from None
    except OSError as exc:
        raise ImportFileError(code="import.cannot_read", exit_code=EXIT_FAILURE, path=str(path), detail=str(exc.strerror)) from None
    return data
