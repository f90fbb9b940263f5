"""The five record formats we read, and which one a file is, from its header.

A header cell is compared after ``normalise``: case folded, a byte-order mark,
underscores and repeated spaces gone, so ``Invoice_Number``, ``invoice number``
and ``INVOICE  NUMBER`` are one column. Each format lists, per field we use,
the header names it may have (the first is the one its exporter writes).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from freelancekit.records.problems import RecordsFileError, format_name, format_names, problem

TIME_FORMATS = ("toggl", "harvest", "clockify")
INVOICE_FORMATS = ("invoiceninja", "invoiceninja_payments", "invoices")
FORMATS: tuple[str, ...] = (*TIME_FORMATS, *INVOICE_FORMATS)


def normalise(header: str) -> str:
    text = unicodedata.normalize("NFKC", header).replace("\ufeff", "").replace("_", " ")
    return re.sub(r"\s+", " ", text).strip().casefold()


@dataclass(frozen=True)
class Format:
    key: str
    kind: str  # "time" or "invoices" or "payments"
    fields: dict[str, tuple[str, ...]]  # field -> accepted (normalised) header names, or prefixes ending in "("
    required: tuple[str, ...]
    dates: tuple[str, ...] = ("%Y-%m-%d",)  # strptime formats tried in order, per column
    times: tuple[str, ...] = ("%H:%M:%S", "%H:%M")

    def find(self, columns: Sequence[str]) -> dict[str, int]:
        """field -> index of the file's column holding it (normalised names)."""
        found: dict[str, int] = {}
        for name, aliases in self.fields.items():
            for alias in aliases:
                hit = next((i for i, c in enumerate(columns) if c == alias or (alias.endswith("(") and c.startswith(alias))), None)
                if hit is not None:
                    found[name] = hit
                    break
        return found

    def missing(self, columns: Sequence[str]) -> list[str]:
        found = self.find(columns)
        return [self.fields[f][0] for f in self.required if f not in found]


_12H = ("%I:%M:%S %p", "%I:%M %p", "%H:%M:%S", "%H:%M")
_ANY_DATE = ("%Y-%m-%d", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y")

TOGGL = Format("toggl", "time", {
    "client": ("client",), "project": ("project",), "description": ("description",),
    "billable": ("billable",), "start_date": ("start date",), "start_time": ("start time",),
    "end_date": ("end date",), "end_time": ("end time",), "duration": ("duration",),
    "amount": ("amount (",), "user": ("user",),
}, ("client", "start_date", "start_time", "duration"), _ANY_DATE, _12H)

HARVEST = Format("harvest", "time", {
    "client": ("client",), "project": ("project",), "description": ("notes",), "date": ("date", "spent date"),
    "hours": ("hours",), "billable": ("billable?", "billable"), "amount": ("billable amount",), "currency": ("currency",),
    "rate": ("billable rate",),
}, ("date", "client", "hours"), ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%m/%d/%Y"))

CLOCKIFY = Format("clockify", "time", {
    "client": ("client",), "project": ("project",), "description": ("description",), "billable": ("billable",),
    "start_date": ("start date",), "start_time": ("start time",), "end_date": ("end date",), "end_time": ("end time",),
    "decimal": ("duration (decimal)",), "duration": ("duration (h)",), "amount": ("billable amount (",),
}, ("client", "start_date", "start_time", "decimal"), ("%m/%d/%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"), _12H)

INVOICE_NINJA = Format("invoiceninja", "invoices", {
    "client": ("client", "client name", "name"), "number": ("invoice number", "number", "invoice"),
    "amount": ("amount", "invoice amount", "total"), "balance": ("balance",), "paid": ("paid to date",),
    "issued": ("date", "invoice date"), "due": ("due date",), "status": ("status",),
    "currency": ("client currency", "invoice currency", "currency"),
}, ("client", "number", "amount", "issued"), _ANY_DATE)

INVOICE_NINJA_PAYMENTS = Format("invoiceninja_payments", "payments", {
    "client": ("client", "client name", "name"), "date": ("date", "payment date"), "amount": ("amount",),
    "reference": ("transaction reference", "reference", "number"),
}, ("client", "date", "amount"), _ANY_DATE)

GENERIC = Format("invoices", "invoices", {
    "client": ("client",), "invoice": ("invoice",), "issued": ("issued",), "due": ("due",),
    "amount": ("amount",), "paid_on": ("paid on",), "paid_amount": ("paid amount",), "currency": ("currency",),
}, ("client", "invoice", "issued", "due", "amount", "paid_on", "paid_amount"))

BY_KEY: dict[str, Format] = {f.key: f for f in (TOGGL, HARVEST, CLOCKIFY, INVOICE_NINJA, INVOICE_NINJA_PAYMENTS, GENERIC)}

# A column that only one format has, so that the format is told from the header alone.
_MARKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("invoices", ("paid on", "paid amount", "issued")),
    ("clockify", ("duration (decimal)", "duration (h)")),
    ("harvest", ("hours", "hours rounded", "billable?")),
    ("toggl", ("duration",)),
    ("invoiceninja", ("invoice number", "balance", "paid to date", "due date")),
)
_CLIENT_LIST = {"name", "contact_name", "contact name", "email", "industry", "services"}


def detect(columns: Sequence[str], source: str | None = None) -> Format:
    """The format of a file with these (normalised) header cells, or ``source`` when given."""
    if source is not None:
        if source not in BY_KEY:
            raise RecordsFileError(problem("unknown_source", source=source, choices=list(FORMATS)))
        fmt = BY_KEY[source]
    else:
        cols = set(columns)
        marked = next((BY_KEY[k] for k, marks in _MARKS if cols & set(marks)), None)
        if marked is None and "client" in cols and "amount" in cols and "date" in cols:
            marked = INVOICE_NINJA_PAYMENTS
        if marked is None:
            if "name" in cols and len(cols & _CLIENT_LIST) >= 2 or cols == {"name"}:
                raise RecordsFileError(problem("client_list", 1, "header"))
            raise RecordsFileError(problem("unknown_format", 1, "header", formats=format_names(FORMATS)))
        fmt = marked
    missing = fmt.missing(columns)
    if missing:
        raise RecordsFileError(problem("missing_columns", 1, "header", format=format_name(fmt.key), columns=missing))
    return fmt
