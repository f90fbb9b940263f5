"""Any other file, read by naming its columns: ``--map "Customer Name=client"`` or the app's column step.

A mapping says, for the fields the records need, which of the file's columns
holds each; it becomes a ``Format`` like the known ones, so a mapped file is
read by the same code (and costs the same). Fields of an invoice list are those
of the generic list (one row per payment) plus ``status``; fields of a time
report are a date, an optional start time, a duration (``HH:MM:SS``) or hours,
and the client, project, billable flag and amount. ``guess`` fills in the
columns whose names say what they hold, for the app to show before asking.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from freelancekit.records.formats import Format, normalise
from freelancekit.records.problems import RecordsFileError, problem

INVOICE_FIELDS = ("client", "invoice", "issued", "due", "amount", "paid_on", "paid_amount", "status")
TIME_FIELDS = ("client", "date", "start_time", "duration", "hours", "billable", "amount", "project")
FIELDS: tuple[str, ...] = tuple(dict.fromkeys(INVOICE_FIELDS + TIME_FIELDS))
_TIME_ONLY = {"date", "start_time", "duration", "hours", "billable", "project"}

# Header names (normalised) that say which field a column holds, for the first guess the app shows.
_GUESSES: dict[str, tuple[str, ...]] = {
    "client": ("client", "client name", "customer", "customer name", "العميل", "اسم العميل"),
    "invoice": ("invoice", "invoice number", "invoice #", "invoice no", "number", "رقم الفاتورة"),
    "issued": ("issued", "invoice date", "date issued", "issue date", "تاريخ الإصدار", "تاريخ الفاتورة"),
    "due": ("due", "due date", "due on", "تاريخ الاستحقاق"),
    "amount": ("amount", "total", "invoice amount", "invoice total", "المبلغ", "الإجمالي"),
    "paid_on": ("paid on", "date paid", "payment date", "paid date", "تاريخ الدفع"),
    "paid_amount": ("paid amount", "amount paid", "paid", "payment amount", "المبلغ المدفوع"),
    "status": ("status", "invoice status", "الحالة"),
    "date": ("date", "start date", "day", "التاريخ"),
    "start_time": ("start time", "start", "وقت البدء"),
    "duration": ("duration", "time", "المدة"),
    "hours": ("hours", "duration (decimal)", "الساعات"),
    "billable": ("billable", "billable?"),
    "project": ("project", "المشروع"),
}


def parse_option(items: Sequence[str]) -> dict[str, str]:
    """``["Customer Name=client", …]`` as column name -> field; the column as written, the field checked."""
    mapping: dict[str, str] = {}
    for item in items:
        column, sep, field = item.rpartition("=")
        field = field.strip()
        if not sep or not column.strip() or field not in FIELDS:
            raise RecordsFileError(problem("bad_map", value=item, fields=list(FIELDS)))
        mapping[column.strip()] = field
    return mapping


def mapped_format(mapping: Mapping[str, str], header: Sequence[str], names: Sequence[str]) -> Format:
    """The format that reads a file by ``mapping`` (column -> field); refuses a column the file lacks, or too few fields."""
    by_field: dict[str, tuple[str, ...]] = {}
    for column, field in mapping.items():
        key = normalise(column)
        if key not in header:
            raise RecordsFileError(problem("map_no_column", 1, "header", wanted=column,
                                           columns=[n.lstrip("\ufeff").strip() for n in names if n.strip()][:12]))
        if field in by_field:
            raise RecordsFileError(problem("map_twice", 1, "header", target=field))
        by_field[field] = (key,)
    required: tuple[str, ...]
    if _TIME_ONLY & set(by_field):
        required = ("date", "duration" if "duration" in by_field else "hours")
        fmt = Format("mapped", "time", by_field, required, (), ("date",), ("%H:%M:%S", "%H:%M", "%I:%M:%S %p", "%I:%M %p"), True)
    else:
        required = ("client", "invoice", "issued", "amount")
        if ("paid_on" in by_field) != ("paid_amount" in by_field):
            required += ("paid_on", "paid_amount")
        fmt = Format("mapped", "invoices", by_field, required, (), ("issued", "due", "paid_on"), mapped=True)
    missing = [f for f in required if f not in by_field]
    if missing:
        raise RecordsFileError(problem("map_missing", 1, "header", fields=missing))
    return fmt


def guess(names: Sequence[str]) -> dict[str, str]:
    """column as written -> the field its name says it holds (each field once, first column first)."""
    out: dict[str, str] = {}
    for name in names:
        key = normalise(name)
        field = next((f for f, aliases in _GUESSES.items() if key in aliases and f not in out.values()), None)
        if field is not None:
            out[name.lstrip("\ufeff").strip()] = field
    return out


def header_key(names: Sequence[str]) -> str:
    """What makes two files 'the same header' for a remembered mapping: their normalised columns, in order."""
    return "\x1f".join(normalise(n) for n in names)
